package studio.queryset.design;

import java.util.List;
import studio.queryset.query.NodePath;
import studio.queryset.query.Segment;

/**
 * A node of the canvas, derived from the query model. Its {@code path} is where it is in the model
 * ({@code s1} = step 1, {@code s1.a0} = that filter's first argument, {@code s1.a0.c2} = third child of that Q,
 * {@code s2.n.post_count} = annotation "post_count"...) and its {@code id} the printed path, so a node keeps its
 * id — and its position on the canvas — for as long as the part of the query it shows stays where it is.
 *
 * @param role    what the node is in the query model (read this, not the label)
 * @param label   short title ("filter", "OR", "title__icontains")
 * @param text    the Django text of the part it shows
 * @param parent  id of the node holding it, or null for the source
 */
public record DesignNode(String id, NodePath path, NodeKind kind, Role role, String label, String text,
                         String parent, List<String> children) {
    public DesignNode {
        children = List.copyOf(children);
    }

    /** The annotation's (or update field's) name when the node is a named entry, else null. */
    public String alias() {
        return path.last() instanceof Segment.Named n ? n.alias() : null;
    }

    /** True for a chain step, terminal or not. */
    public boolean isStep() {
        return role == Role.STEP || role == Role.TERMINAL;
    }
}
