package studio.queryset.design.edit;

import java.util.List;
import java.util.Map;
import studio.queryset.django.DjangoParser;
import studio.queryset.django.DjangoPrinter;
import studio.queryset.query.Expression;
import studio.queryset.query.Q;
import studio.queryset.query.QueryException;
import studio.queryset.query.QuerySet;
import studio.queryset.query.Step;
import studio.queryset.schema.Schema;

/** An expression's Django text, both ways, as the canvas cards and inspectors show it. */
public final class ExpressionText {
    private ExpressionText() {
    }

    /** The Django text of an expression ({@code F("a") + 1}). */
    public static String print(Expression e) {
        return DjangoPrinter.print(new QuerySet("M", List.of(new Step.Annotate(List.of(), Map.of("x", e), false))))
                .replaceFirst("^M\\.objects\\.annotate\\(x=", "").replaceFirst("\\)$", "");
    }

    /** The text of a value as a keyword argument shows it: {@code 0}, {@code "x"}, {@code F("a") * 2}. */
    public static String printValue(Expression e) {
        return DjangoPrinter.print(new QuerySet("M", List.of(new Step.Filter(List.of(), List.of(new Q.Lookup("x", e)),
                false)))).replaceFirst("^M\\.objects\\.filter\\(x=", "").replaceFirst("\\)$", "");
    }

    /** The text of a condition as a filter argument shows it: {@code Q(a=1) | Q(b=2)}. */
    public static String printQ(Q q) {
        return DjangoPrinter.print(new QuerySet("M", List.of(new Step.Filter(List.of(q), List.of(), false))))
                .replaceFirst("^M\\.objects\\.filter\\(", "").replaceFirst("\\)$", "");
    }

    /** An expression from its Django text, resolved against {@code model} ({@code F("a") * 2}, {@code Lower("t")}). */
    public static Expression parse(String text, Schema schema, String model) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            throw new QueryException("SyntaxError",
                    "write an expression, e.g. F(\"view_count\") * 2 or Lower(\"title\")");
        }
        QuerySet qs = DjangoParser.parse(model + ".objects.annotate(x=" + t + ")", schema);
        Step.Annotate a = (Step.Annotate) qs.steps().get(0);
        Expression e = a.named().get("x");
        if (e == null) {
            throw new QueryException("SyntaxError", "not one expression: " + t);
        }
        return e;
    }
}
