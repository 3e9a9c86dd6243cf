package studio.queryset.design.edit;

import studio.queryset.query.Segment;
import studio.queryset.query.NodePath;
import java.util.function.UnaryOperator;
import studio.queryset.query.Expression;
import studio.queryset.query.Q;
import studio.queryset.query.QueryException;
import studio.queryset.query.QuerySet;

/** Edits of expressions and their parts: annotations' values, lookup values, operands, arguments, When branches. */
public final class ExpressionEdits {
    private ExpressionEdits() {
    }

    /**
     * The expression at {@code at} replaced by {@code e}: a lookup node gets it as its value, a condition node
     * that shows a boolean expression gets it as that expression.
     */
    public static Edit replace(QuerySet qs, NodePath at, Expression e) {
        Object old = QueryLens.get(qs, at);
        Object next;
        if (old instanceof Q.Lookup l) {
            next = new Q.Lookup(l.path(), e);
        } else if (old instanceof Q.ExpressionCondition) {
            next = new Q.ExpressionCondition(e);
        } else if (old instanceof Q) {
            throw new QueryException("TypeError", "node " + at + " is a condition, not an expression: select an "
                    + "expression, a lookup or an annotate stage");
        } else if (old instanceof Expression) {
            next = e;
        } else {
            throw new QueryException("TypeError", "node " + at + " is " + PartReader.describe(old) + ", not an "
                    + "expression");
        }
        return new Edit(QueryLens.set(qs, at, next), at, "Edit expression");
    }

    /** The expression (or Q inside one) at {@code at} replaced by {@code edit} of it. */
    public static Edit update(QuerySet qs, NodePath at, UnaryOperator<Object> edit, String undoName) {
        return new Edit(QueryLens.update(qs, at, edit), at, undoName);
    }

    /** The expression at {@code at}, seen through a boolean-expression condition; the error says what is there. */
    public static Expression expression(QuerySet qs, NodePath at) {
        Object part = QueryLens.shown(qs, at);
        if (!(part instanceof Expression e)) {
            throw new QueryException("TypeError", "node " + at + " is " + PartReader.describe(part) + ", not an "
                    + "expression");
        }
        return e;
    }

    /** Appends {@code arg} to the function at {@code at}. */
    public static Edit addArgument(QuerySet qs, NodePath at, Expression arg) {
        Expression f = expression(qs, at);
        if (!(f instanceof Expression.Func func)) {
            throw new QueryException("TypeError", "node " + at + " is " + PartReader.describe(f) + ": arguments "
                    + "are added to a function such as Coalesce()");
        }
        return new Edit(QueryLens.insert(qs, at.child(new Segment.FuncArg(func.args().size())), arg), at,
                "Add argument");
    }

    /** Removes argument {@code k} of the function at {@code at}. */
    public static Edit removeArgument(QuerySet qs, NodePath at, int k) {
        return new Edit(QueryLens.remove(qs, at.child(new Segment.FuncArg(k))), at, "Remove argument");
    }

    /** Appends a When branch to the Case at {@code at}. */
    public static Edit addWhen(QuerySet qs, NodePath at, Expression.When when) {
        Expression c = expression(qs, at);
        if (!(c instanceof Expression.Case cs)) {
            throw new QueryException("TypeError", "node " + at + " is " + PartReader.describe(c) + ": When branches "
                    + "go into a Case()");
        }
        NodePath added = at.child(new Segment.WhenAt(cs.whens().size()));
        return new Edit(QueryLens.insert(qs, added, when), added, "Add When");
    }
}
