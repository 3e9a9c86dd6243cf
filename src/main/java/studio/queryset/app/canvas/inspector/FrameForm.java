package studio.queryset.app.canvas.inspector;

import java.util.List;
import java.util.function.Function;
import studio.queryset.app.canvas.inspector.FormField.Choice;
import studio.queryset.app.canvas.inspector.FormField.Kind;
import studio.queryset.app.canvas.inspector.FormField.Place;
import studio.queryset.design.DesignNode;
import studio.queryset.design.RelationPaths;
import studio.queryset.design.Role;
import studio.queryset.design.edit.ConditionEdits;
import studio.queryset.design.edit.NestedEdits;
import studio.queryset.design.edit.QueryLens;
import studio.queryset.query.Segment;
import studio.queryset.query.QueryException;
import studio.queryset.query.QuerySet;
import studio.queryset.query.Step;
import studio.queryset.schema.Model;
import studio.queryset.schema.Schema;
import studio.queryset.sql.LookupCatalog;

/**
 * The form of a Subquery / Exists frame: its annotation's name, the nested model and what a Subquery returns.
 */
final class FrameForm {
    private FrameForm() {
    }

    static Form frame(FormHost host, DesignNode node, Forms.NodeContext ctx) {
        Form form = new Form(host, "frame", node.path());
        Schema schema = host.schema();
        Function<QuerySet, QuerySet> inner = q -> QueryLens.pipeline(q, form.path());
        if (node.alias() != null) {
            Forms.aliasField(form, "frameAlias", schema);
        }
        List<String> models = schema.models().stream().map(Model::name).toList();
        form.add("frameModel", "model", Kind.CHOICE, Place.ROW, () -> Choice.plain(models),
                q -> inner.apply(q).model(), (q, t) -> {
                    Model m = schema.findModel(t.strip()).orElseThrow(() -> new QueryException("LookupError",
                            "No model '" + t.strip() + "' in the schema; pick one of " + String.join(", ", models)));
                    return NestedEdits.setModel(q, form.path(), m.name());
                });
        if (node.role() != Role.EXISTS) {
            form.add("frameValuesField", "returns", Kind.COMBO, Place.ROW,
                    () -> Choice.plain(LookupCatalog.paths(schema, inner.apply(host.query()).model(), 1)),
                    q -> singleValueField(inner.apply(q)), (q, t) -> {
                        String field = t.strip();
                        String innerModel = inner.apply(q).model();
                        if (field.isEmpty() || LookupCatalog.typeOf(schema, innerModel, field).isEmpty()) {
                            throw new QueryException("FieldError", "Pick the field the Subquery returns, one of "
                                    + innerModel + "'s (e.g. " + String.join(", ", RelationPaths.concreteFields(
                                    schema, innerModel).stream().limit(4).toList()) + ")");
                        }
                        return NestedEdits.singleValue(q, form.path(), field);
                    });
        }
        boolean lookupValue = node.path().last().equals(new Segment.Fixed(Segment.Part.LOOKUP_QUERY));
        if (node.alias() == null && !lookupValue && ctx.negatable()) {
            form.action("negateFrame", "Wrap in NOT", q -> ConditionEdits.negate(q, form.path()));
        }
        String outer = ctx.outerModel();
        boolean exists = node.role() == Role.EXISTS;
        form.hint(() -> "The nested pipeline queries " + inner.apply(host.query()).model() + "; OuterRef(\"…\") in "
                + "its lookups points at the " + outer + " row. Select this frame (or a stage in it) and use the "
                + "palette to add filter, order_by ... inside." + (exists ? " Exists() only asks whether a row "
                + "matches." : " A Subquery used as a value must return one column and at most one row: pick what "
                + "it returns."));
        return form;
    }

    /** {@code x} of a pipeline ending in {@code .values("x")[:1]}, else empty. */
    private static String singleValueField(QuerySet inner) {
        List<Step> s = inner.steps();
        int n = s.size();
        if (n >= 2 && s.get(n - 1) instanceof Step.Slice && s.get(n - 2) instanceof Step.Values v
                && v.fields().size() == 1 && v.expressions().isEmpty()) {
            return v.fields().get(0);
        }
        return "";
    }
}
