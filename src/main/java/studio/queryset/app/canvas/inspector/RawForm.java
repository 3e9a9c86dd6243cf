package studio.queryset.app.canvas.inspector;

import java.util.List;
import java.util.function.Function;
import studio.queryset.app.canvas.inspector.FormField.Kind;
import studio.queryset.app.canvas.inspector.FormField.Place;
import studio.queryset.design.edit.Edit;
import studio.queryset.design.edit.NestedEdits;
import studio.queryset.query.NodePath;
import studio.queryset.design.edit.QueryLens;
import studio.queryset.django.DjangoParser;
import studio.queryset.django.DjangoPrinter;
import studio.queryset.query.Expression;
import studio.queryset.query.QueryException;
import studio.queryset.query.QuerySet;
import studio.queryset.query.Step;
import studio.queryset.schema.Schema;

/**
 * The form of a raw() node: the SQL and its parameters, checked together.
 */
final class RawForm {
    private RawForm() {
    }

    static Form raw(FormHost host, NodePath at, String model) {
        Form form = new Form(host, "raw", at);
        Schema schema = host.schema();
        Function<QuerySet, Step.Raw> rawOf = q -> QueryLens.get(q, form.path(), Step.Raw.class);
        FormField[] f = new FormField[2];
        // the SQL and its parameters are checked together: a new %s and its parameter may be typed in either order
        f[0] = form.add("rawSql", "SQL", Kind.AREA, Place.ROW, List::of, q -> rawOf.apply(q).sql(),
                (q, t) -> NestedEdits.raw(q.model(), t, rawParams(f[1].text(), schema, model), "Edit raw SQL"));
        f[1] = form.add("rawParams", "parameters", Kind.TEXT, Place.ROW, List::of,
                q -> rawParamsText(rawOf.apply(q)),
                (q, t) -> NestedEdits.raw(q.model(), f[0].text(), rawParams(t, schema, model), "Edit raw SQL"));
        form.hint(() -> "Write SQL for " + model + "'s table; each %s takes the next parameter (Python literals, "
                + "comma-separated: 42, \"text\", None), bound by the driver, never spliced into the text.");
        return form;
    }

    /** {@code 0, "x"} as the parameters of raw(), read as Python would read the list. */
    static List<Expression> rawParams(String text, Schema schema, String model) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            return List.of();
        }
        QuerySet qs;
        try {
            qs = DjangoParser.parse(model + ".objects.raw(\"\", [" + t + "])", schema);
        } catch (QueryException e) {
            throw new QueryException("SyntaxError", "the parameters are not a list of Python literals (42, "
                    + "\"text\", None): " + e.getMessage());
        }
        return ((Step.Raw) qs.steps().get(0)).params();
    }

    private static String rawParamsText(Step.Raw raw) {
        String text = DjangoPrinter.print(new QuerySet("M", List.of(new Step.Raw("", raw.params()))));
        int open = text.indexOf('[');
        int close = text.lastIndexOf(']');
        return open >= 0 && close > open ? text.substring(open + 1, close) : "";
    }
}
