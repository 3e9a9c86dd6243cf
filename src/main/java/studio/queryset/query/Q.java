package studio.queryset.query;

import java.util.ArrayList;
import java.util.List;

/**
 * A condition tree: {@code Q(a=1) | ~Q(b__gt=F("c"))}. Leaves are lookups ({@code path__lookup=value}) or
 * boolean expressions such as {@code Exists(...)}; inner nodes join children with AND or OR and may be negated.
 */
public sealed interface Q {

    enum Connector { AND, OR }

    /** {@code author__name__icontains="x"}: the lookup path as written and the value. */
    record Lookup(String path, Expression value) implements Q { }

    /** A boolean expression used as a condition ({@code filter(Exists(...))}). */
    record ExpressionCondition(Expression expression) implements Q { }

    /**
     * An AND/OR node. Children are kept in canonical form, as Django's {@code Node.add} squashes them: an
     * unnegated child node with the same connector, or with a single child, is spliced in. The meaning is
     * unchanged and every tree has one printed form, so parsing the printed text gives the same tree.
     */
    record Node(Connector connector, boolean negated, List<Q> children) implements Q {
        public Node {
            List<Q> flat = new ArrayList<>();
            for (Q c : children) {
                if (c instanceof Node n && !n.negated() && (n.connector() == connector || n.children().size() == 1)) {
                    flat.addAll(n.children());
                } else {
                    flat.add(c);
                }
            }
            children = List.copyOf(flat);
        }
    }

    /** {@code Q(path=value)}: like Django's, a node holding one lookup (so it equals the parsed text). */
    static Q of(String path, Object value) {
        return and(List.of(new Lookup(path, value instanceof Expression e ? e : Expression.Value.of(value))));
    }

    static Node and(List<Q> children) {
        return new Node(Connector.AND, false, children);
    }

    default Q and(Q other) {
        return combine(this, Connector.AND, other);
    }

    default Q or(Q other) {
        return combine(this, Connector.OR, other);
    }

    /**
     * Django's {@code Q.__invert__}: a new negated node to which this one is added, so an unnegated node is
     * spliced in (its negation flips) but a negated one stays a child: {@code ~~Q(a)} is NOT (NOT (a)), not a,
     * which matters because any negated branch makes Django split a multi-valued lookup into a subquery.
     */
    default Q negate() {
        if (this instanceof Node n && !n.negated()) {
            return new Node(n.connector(), !n.negated(), n.children());
        }
        return new Node(Connector.AND, true, List.of(this));
    }

    /**
     * Combines as Django's {@code Q._combine} / {@code Node.add} do: each side that is an unnegated node with
     * the same connector, or with a single child, is flattened into the new node.
     */
    private static Q combine(Q left, Connector connector, Q right) {
        List<Q> children = new ArrayList<>();
        absorb(children, left, connector);
        absorb(children, right, connector);
        return new Node(connector, false, children);
    }

    private static void absorb(List<Q> into, Q side, Connector connector) {
        if (side instanceof Node n && !n.negated() && (n.connector() == connector || n.children().size() == 1)) {
            into.addAll(n.children());
        } else {
            into.add(side);
        }
    }
}
