package studio.queryset.query;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The {@link Expression.Evaluated} terminals of a queryset: Python runs each while the queryset is being built, in
 * the order the text is evaluated, and its value takes its place. One evaluated inside another's queryset runs as
 * part of building that one, so it is not listed here but found when that queryset is resolved.
 */
public final class Evaluations {
    private Evaluations() {
    }

    /** Whether {@code qs} holds an evaluated terminal anywhere. */
    public static boolean any(QuerySet qs) {
        boolean[] found = {false};
        ExpressionWalk.everywhere(qs, e -> found[0] |= e instanceof Expression.Evaluated, q -> { }, n -> { });
        return found[0];
    }

    /** The evaluated terminals of {@code qs} in the order Python runs them (left to right, as written). */
    public static List<Expression.Evaluated> inRunOrder(QuerySet qs) {
        List<Expression.Evaluated> out = new ArrayList<>();
        replace(qs, ev -> {
            out.add(ev);
            return ev;
        });
        return out;
    }

    /** {@code qs} with each evaluated terminal replaced by {@code value.apply(it)}, in run order. */
    public static QuerySet replace(QuerySet qs, Function<Expression.Evaluated, Expression> value) {
        return new QueryRewrite() {
            @Override
            protected Expression expression(Expression e) {
                if (e instanceof Expression.Evaluated ev) {
                    return value.apply(ev);
                }
                return super.expression(e);
            }
        }.queryset(qs);
    }

    /**
     * The name of the placeholder Param standing for the {@code n}-th (from 1) evaluated terminal of a queryset;
     * {@code within} is the name of the terminal whose queryset it is in ("2." for the second's), else "".
     */
    public static String placeholderName(String within, int n) {
        return "evaluated[" + within + n + "]";
    }

    /** Whether {@code paramName} is the name of an evaluated terminal's placeholder. */
    public static boolean isPlaceholder(String paramName) {
        return paramName.startsWith("evaluated[") && paramName.endsWith("]");
    }

    /**
     * {@code qs} for compiling without running anything: each evaluated terminal becomes a placeholder Param
     * ({@link #placeholderName}), a list one a list of one placeholder. {@code qs} itself when it has none.
     */
    public static QuerySet placeholders(QuerySet qs) {
        return placeholders(qs, "");
    }

    /** As {@link #placeholders(QuerySet)}, for the queryset of the terminal numbered {@code within}. */
    public static QuerySet placeholders(QuerySet qs, String within) {
        if (!any(qs)) {
            return qs;
        }
        int[] n = {0};
        return replace(qs, ev -> {
            Expression.Param p = Expression.Param.of(placeholderName(within, ++n[0]));
            return ev.taken() instanceof Expression.Taken.AsList ? Expression.Value.of(List.of(p)) : p;
        });
    }
}
