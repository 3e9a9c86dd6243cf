package studio.queryset.design.edit;

import studio.queryset.query.Segment;
import studio.queryset.query.NodePath;
import java.util.function.UnaryOperator;
import studio.queryset.query.Q;
import studio.queryset.query.QueryException;
import studio.queryset.query.QuerySet;
import studio.queryset.query.Step;

/** Edits of conditions: the arguments of filter / exclude / get(...), Q groups, and the Q inside expressions. */
public final class ConditionEdits {
    private ConditionEdits() {
    }

    /**
     * Adds {@code condition} to a filter-like step (a lookup as a keyword, as people write {@code filter(a=1)};
     * anything else as a Q argument) or to a Q group. The new condition is selected.
     */
    public static Edit add(QuerySet qs, NodePath target, Q condition) {
        Object at = QueryLens.get(qs, target);
        NodePath added;
        if (at instanceof Step.Filter || at instanceof Step.Terminal t && t.condition() != null) {
            Step.Filter f = at instanceof Step.Filter sf ? sf : ((Step.Terminal) at).condition();
            boolean keyword = condition instanceof Q.Lookup l
                    && f.kwargs().stream().noneMatch(k -> k.path().equals(l.path()));
            if (condition instanceof Q.Lookup && !keyword) {
                // filter(a=1, a=2) is not Python: the second one is written Q(a=2)
                condition = new Q.Node(Q.Connector.AND, false, java.util.List.of(condition));
            }
            added = keyword ? target.child(new Segment.Kwarg(f.kwargs().size()))
                    : target.child(new Segment.Arg(f.args().size()));
        } else if (at instanceof Q.Node n) {
            added = target.child(new Segment.QChild(n.children().size()));
        } else {
            throw new QueryException("TypeError", "node " + target + " is " + PartReader.describe(at) + ": conditions "
                    + "go into filter(), exclude() or a Q group");
        }
        return new Edit(QueryLens.insert(qs, added, condition), added, "Add condition");
    }

    /** The condition at {@code at} replaced by {@code condition}. */
    public static Edit replace(QuerySet qs, NodePath at, Q condition) {
        return update(qs, at, old -> condition, "Edit condition");
    }

    /** The condition at {@code at} replaced by {@code edit} of it. */
    public static Edit update(QuerySet qs, NodePath at, UnaryOperator<Q> edit, String undoName) {
        Q old = condition(qs, at);
        Q next = edit.apply(old);
        // a keyword lookup that becomes a group moves to the Q arguments: filter(Q(...)), kwargs only hold lookups
        if (at.last() instanceof Segment.Kwarg && !(next instanceof Q.Lookup)) {
            NodePath step = at.parent();
            Step.Filter f = filterOf(QueryLens.get(qs, step), at);
            QuerySet out = QueryLens.remove(qs, at);
            NodePath moved = step.child(new Segment.Arg(f.args().size()));
            return new Edit(QueryLens.insert(out, moved, next), moved, undoName);
        }
        return new Edit(QueryLens.set(qs, at, next), at, undoName);
    }

    /** AND ↔ OR of the Q group at {@code at}. */
    public static Edit toggleConnector(QuerySet qs, NodePath at) {
        return update(qs, at, q -> {
            if (!(q instanceof Q.Node n)) {
                throw new QueryException("TypeError", "node " + at + " is a lookup: AND / OR belongs to a Q group");
            }
            return new Q.Node(n.connector() == Q.Connector.AND ? Q.Connector.OR : Q.Connector.AND, n.negated(),
                    n.children());
        }, "Toggle AND/OR");
    }

    /** {@code ~} of the condition at {@code at}. */
    public static Edit negate(QuerySet qs, NodePath at) {
        return update(qs, at, Q::negate, "Negate");
    }

    /** The condition at {@code at}; the error says what is there instead. */
    public static Q condition(QuerySet qs, NodePath at) {
        Object part = QueryLens.get(qs, at);
        if (!(part instanceof Q q)) {
            throw new QueryException("TypeError", "node " + at + " is " + PartReader.describe(part) + ", not a "
                    + "condition (a lookup or a Q group)");
        }
        return q;
    }

    private static Step.Filter filterOf(Object step, NodePath at) {
        if (step instanceof Step.Filter f) {
            return f;
        }
        if (step instanceof Step.Terminal t && t.condition() != null) {
            return t.condition();
        }
        throw new QueryException("TypeError", "node " + at + " is not in a filter");
    }
}
