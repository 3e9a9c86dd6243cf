package studio.queryset.app.canvas.inspector;

import java.util.List;
import studio.queryset.app.canvas.palette.ExpressionPalette;
import studio.queryset.design.edit.ExpressionText;
import studio.queryset.django.DjangoParser;
import studio.queryset.query.Expression;
import studio.queryset.query.QueryException;
import studio.queryset.query.QuerySet;
import studio.queryset.query.Step;
import studio.queryset.schema.Schema;

/**
 * A value or operand as the inspector shows it: a kind (value, F, Param, optional Param, expression, OuterRef)
 * and a text, read from an expression and turned back into one.
 */
public final class Operands {
    public static final String OUTER_REF = "OuterRef";
    /** The kinds of a lookup's value. */
    public static final List<String> VALUE_KINDS = List.of("value", "F", "Param", "optional Param", "expression");
    /** The kinds of an expression's operand. */
    public static final List<String> OPERAND_KINDS = List.of("F", "value", "Param", "optional Param", "expression");
    private static final String NAME = "[A-Za-z_][A-Za-z0-9_]*";

    private Operands() {
    }

    /** What kind of operand {@code e} is, for the kind choice. */
    public static String kindOf(Expression e) {
        if (e instanceof Expression.F || e instanceof Expression.Star) {
            return "F";
        }
        if (e instanceof Expression.OuterRef) {
            return OUTER_REF;
        }
        if (e instanceof Expression.Param p) {
            return p.optional() ? "optional Param" : "Param";
        }
        if (e instanceof Expression.Value) {
            return "value";
        }
        return "expression";
    }

    /** The text an operand shows in its field. */
    public static String textOf(Expression e) {
        if (e instanceof Expression.F f) {
            return f.path();
        }
        if (e instanceof Expression.OuterRef o) {
            return o.path();
        }
        if (e instanceof Expression.Star) {
            return "*";
        }
        if (e instanceof Expression.Param p) {
            return p.name();
        }
        return e instanceof Expression.Value ? ExpressionText.printValue(e) : ExpressionText.print(e);
    }

    /**
     * An operand from its kind and text: F takes a field path ("*" for Count's star; a text with operators or
     * calls is parsed as an expression, so {@code F("a") * 2} works there too), value a Python literal, Param a
     * name, OuterRef the outer row's field, expression any Django expression (empty, a field or a literal:
     * arithmetic on it, {@code F("a") + 1}, to edit on its own node).
     */
    public static Expression operand(String kind, String text, Schema schema, String model) {
        String t = text == null ? "" : text.strip();
        switch (kind == null ? "value" : kind) {
            case "F":
                if (t.equals("*")) {
                    return new Expression.Star();
                }
                if (t.matches(NAME)) {
                    return new Expression.F(t);
                }
                if (t.isEmpty()) {
                    throw new QueryException("ValueError", "F needs a field name, e.g. view_count or author__name");
                }
                return ExpressionText.parse(t, schema, model);
            case OUTER_REF:
                if (t.isEmpty()) {
                    throw new QueryException("ValueError", "OuterRef needs a field of the outer model: pick one "
                            + "(pk, ...)");
                }
                return new Expression.OuterRef(t, 1);
            case "Param":
            case "optional Param":
                if (!t.matches(NAME)) {
                    throw new QueryException("ValueError", "'" + t + "' is not a parameter name: use letters, "
                            + "digits and _");
                }
                return new Expression.Param(t, kind.equals("optional Param"));
            case "expression":
                // asked for an expression: a field or a literal becomes arithmetic on it, edited on its own node
                if (t.isEmpty()) {
                    return ExpressionPalette.create("F+", schema, model);
                }
                Expression e = t.matches(NAME) ? new Expression.F(t) : expressionOrLiteral(t, schema, model);
                boolean plain = e instanceof Expression.F || e instanceof Expression.Value;
                return plain ? new Expression.Combined(e, "+", Expression.Value.of(1L)) : e;
            default:
                return literal(t, schema, model);
        }
    }

    /** A Python literal (or any expression Django takes as a value); text that is not Python is the text itself. */
    public static Expression literal(String text, Schema schema, String model) {
        if (text.isEmpty()) {
            return Expression.Value.of("");
        }
        try {
            QuerySet qs = DjangoParser.parse(model + ".objects.filter(pk=" + text + ")", schema);
            Step.Filter f = (Step.Filter) qs.steps().get(0);
            if (!f.kwargs().isEmpty()) {
                return f.kwargs().get(0).value();
            }
        } catch (RuntimeException e) {
            // not Python: the text itself, as one would type a name into a search box
        }
        return Expression.Value.of(text);
    }

    /** Django expression text, or a Python literal ({@code 1}, {@code "x"}) that annotate() alone would refuse. */
    private static Expression expressionOrLiteral(String t, Schema schema, String model) {
        try {
            return ExpressionText.parse(t, schema, model);
        } catch (QueryException ex) {
            Expression literal = literal(t, schema, model);
            if (literal instanceof Expression.Value v && t.equals(v.value())) {
                throw ex; // not a literal either: the parser's message says what is wrong
            }
            return literal;
        }
    }
}
