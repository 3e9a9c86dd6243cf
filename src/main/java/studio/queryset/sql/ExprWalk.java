package studio.queryset.sql;

import java.util.function.Consumer;
import studio.queryset.query.Expression;
import studio.queryset.query.Q;

/**
 * Visits an expression and everything under it that belongs to the same query: operands, arguments, aggregate
 * arguments and filters, Case/When branches and their conditions. Subqueries are not entered (their names
 * resolve in their own query).
 */
final class ExprWalk {
    private ExprWalk() {
    }

    static void each(Expression e, Consumer<Expression> onExpr, Consumer<Q> onQ) {
        if (e == null) {
            return;
        }
        onExpr.accept(e);
        if (e instanceof Expression.Combined c) {
            each(c.left(), onExpr, onQ);
            each(c.right(), onExpr, onQ);
        } else if (e instanceof Expression.Negated n) {
            each(n.operand(), onExpr, onQ);
        } else if (e instanceof Expression.Func f) {
            f.args().forEach(a -> each(a, onExpr, onQ));
        } else if (e instanceof Expression.Aggregate a) {
            each(a.argument(), onExpr, onQ);
            each(a.filter(), onExpr, onQ);
            each(a.defaultValue(), onExpr, onQ);
        } else if (e instanceof Expression.When w) {
            each(w.condition(), onExpr, onQ);
            each(w.then(), onExpr, onQ);
        } else if (e instanceof Expression.Case c) {
            c.whens().forEach(w -> each(w, onExpr, onQ));
            each(c.defaultValue(), onExpr, onQ);
        } else if (e instanceof Expression.Wrapper w) {
            each(w.expression(), onExpr, onQ);
        } else if (e instanceof Expression.Condition c) {
            each(c.q(), onExpr, onQ);
        } else if (e instanceof Expression.OrderBy o) {
            each(o.expression(), onExpr, onQ);
        }
    }

    static void each(Q q, Consumer<Expression> onExpr, Consumer<Q> onQ) {
        if (q == null) {
            return;
        }
        onQ.accept(q);
        if (q instanceof Q.Node n) {
            n.children().forEach(c -> each(c, onExpr, onQ));
        } else if (q instanceof Q.Lookup l) {
            each(l.value(), onExpr, onQ);
        } else if (q instanceof Q.ExpressionCondition c) {
            each(c.expression(), onExpr, onQ);
        }
    }
}
