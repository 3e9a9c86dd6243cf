package studio.queryset.app.canvas.inspector;

import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import studio.queryset.app.canvas.inspector.FormField.Choice;
import studio.queryset.app.canvas.inspector.FormField.Kind;
import studio.queryset.app.canvas.inspector.FormField.Place;
import studio.queryset.design.RelationPaths;
import studio.queryset.design.edit.Edit;
import studio.queryset.design.edit.NestedEdits;
import studio.queryset.query.NodePath;
import studio.queryset.query.Prefetch;
import studio.queryset.query.QueryException;
import studio.queryset.query.QuerySet;
import studio.queryset.schema.Schema;

/**
 * The form of a Prefetch: the many-valued relation, queryset= and to_attr.
 */
final class PrefetchForm {
    private PrefetchForm() {
    }

    static Form prefetch(FormHost host, NodePath at, String model) {
        Form form = new Form(host, "prefetch", at);
        Schema schema = host.schema();
        Function<QuerySet, Prefetch> pfOf = q -> NestedEdits.prefetchAt(q, form.path());
        FormField[] f = new FormField[3];
        BiFunction<QuerySet, String[], Edit> write = (q, t) -> {
            String path = t[0].strip();
            List<String> many = RelationPaths.manyValued(schema, model, 3);
            if (!many.contains(path)) {
                throw new QueryException("AttributeError", "Cannot find '" + path + "' on " + model
                        + " object, '" + path + "' is an invalid parameter to prefetch_related(); many-valued "
                        + "relations: " + String.join(", ", RelationPaths.manyValued(schema, model, 2)));
            }
            String target = RelationPaths.target(schema, model, path).orElse(model);
            Prefetch old = pfOf.apply(q);
            return NestedEdits.setPrefetch(q, form.path(), NestedEdits.prefetch(path, target, old.queryset(),
                    Boolean.parseBoolean(t[1]), t[2]));
        };
        f[0] = form.add("prefetchLookup", "lookup", Kind.COMBO, Place.ROW,
                () -> Choice.plain(RelationPaths.manyValued(schema, model, 2)), q -> pfOf.apply(q).lookup(),
                (q, t) -> write.apply(q, new String[] {t, f[1].text(), f[2].text()}));
        f[2] = form.add("prefetchToAttr", "to_attr", Kind.TEXT, Place.ROW, List::of,
                q -> pfOf.apply(q).toAttr() == null ? "" : pfOf.apply(q).toAttr(),
                (q, t) -> write.apply(q, new String[] {f[0].text(), f[1].text(), t}));
        f[1] = form.add("prefetchWithQueryset", "queryset=  (a nested pipeline in a frame)", Kind.CHECK, Place.ROW,
                List::of, q -> String.valueOf(pfOf.apply(q).queryset() != null),
                (q, t) -> write.apply(q, new String[] {f[0].text(), t, f[2].text()}));
        form.hint(() -> pfOf.apply(host.query()).queryset() != null
                ? "The frame below is the queryset of the prefetch query (" + pfOf.apply(host.query()).queryset()
                .model() + "): select it and add filter / order_by from the palette. to_attr stores the list under "
                + "that name."
                : "Tick queryset= to filter or order what is prefetched; to_attr stores the list under a name of "
                + "its own.");
        form.shape(() -> String.valueOf(pfOf.apply(host.query()).queryset() != null));
        return form;
    }
}
