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

    record Node(Connector connector, boolean negated, List<Q> children) implements Q {
        public Node {
            children = List.copyOf(children);
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

    default Q negate() {
        if (this instanceof Node n) {
            return new Node(n.connector(), !n.negated(), n.children());
        }
        return new Node(Connector.AND, true, List.of(this));
    }

    /** Combines as Django does: an unnegated node of the same connector absorbs the other side. */
    private static Q combine(Q left, Connector connector, Q right) {
        List<Q> children = new ArrayList<>();
        if (left instanceof Node n && n.connector() == connector && !n.negated()) {
            children.addAll(n.children());
        } else {
            children.add(left);
        }
        children.add(right);
        return new Node(connector, false, children);
    }
}
