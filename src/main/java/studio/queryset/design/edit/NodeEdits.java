package studio.queryset.design.edit;

import studio.queryset.query.Segment;
import studio.queryset.query.NodePath;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import studio.queryset.query.QueryException;
import studio.queryset.query.QuerySet;

/** Deleting canvas nodes, whatever they are. */
public final class NodeEdits {
    private NodeEdits() {
    }

    /**
     * Deletes the node at {@code at}: a step, a condition, an annotation, a prefetch lookup, a part of an
     * expression. A lookup's queryset value goes with its lookup (a lookup without a value means nothing); a
     * nested pipeline's source goes with its frame; the main source cannot go.
     */
    public static Edit delete(QuerySet qs, NodePath at) {
        NodePath target = owner(at);
        QuerySet out = QueryLens.remove(qs, target);
        return new Edit(out, null, "Delete " + target);
    }

    /** Deletes several nodes as one edit; a node inside another one of them goes with it. */
    public static Edit deleteAll(QuerySet qs, Collection<NodePath> nodes) {
        List<NodePath> roots = new ArrayList<>();
        for (NodePath p : nodes) {
            NodePath t = owner(p);
            if (!roots.contains(t)) {
                roots.add(t);
            }
        }
        roots.removeIf(p -> roots.stream().anyMatch(o -> !o.equals(p) && o.contains(p)));
        // last first, so the positions of the others stay where they were
        roots.sort(NodePath.ORDER.reversed());
        QuerySet out = qs;
        for (NodePath p : roots) {
            out = QueryLens.remove(out, p);
        }
        return new Edit(out, null, "Delete " + roots.size() + (roots.size() == 1 ? " node" : " nodes"));
    }

    /** The part that goes when the node at {@code at} is deleted. */
    private static NodePath owner(NodePath at) {
        if (at.isSource()) {
            if (at.frame() == null) {
                throw new QueryException("TypeError", "the source " + at + " is where the query starts: delete its "
                        + "steps, or start another query from the schema browser");
            }
            return owner(at.frame());
        }
        if (at.last() instanceof Segment.Fixed f && f.part() == Segment.Part.LOOKUP_QUERY) {
            return at.parent();
        }
        return at;
    }
}
