package studio.queryset.design;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import studio.queryset.query.Expression;
import studio.queryset.query.LookupPath;
import studio.queryset.query.Prefetch;
import studio.queryset.query.QueryException;
import studio.queryset.query.Step;
import studio.queryset.schema.Field;
import studio.queryset.schema.Model;
import studio.queryset.schema.ReverseRelation;
import studio.queryset.schema.Schema;

/**
 * What a schema field dropped on a stage does to it: order_by / values / values_list / only / defer / distinct
 * gain the field's path, select_related / prefetch_related the relation that leads to it, annotate / aggregate
 * an aggregate over it. Paths are seen from the pipeline's model, joining one relation when the field belongs to
 * a related model. Refusals say why, in Django's words where Django has them.
 */
public final class FieldDrops {
    private FieldDrops() {
    }

    /**
     * The path from {@code model} to {@code modelDotField} ({@code Author.name} from Post: {@code author__name}),
     * through a forward relation or a reverse one (by its query name, or its accessor name when
     * {@code accessor}, as prefetch_related wants); null when no relation one hop away leads there.
     */
    public static String path(Schema schema, String model, String modelDotField, boolean accessor) {
        Model m = schema == null || model == null ? null : schema.findModel(model).orElse(null);
        if (m == null) {
            return null;
        }
        int dot = modelDotField.indexOf('.');
        String fieldModel = dot < 0 ? model : modelDotField.substring(0, dot);
        String field = dot < 0 ? modelDotField : modelDotField.substring(dot + 1);
        if (m.name().equals(fieldModel)) {
            return field;
        }
        for (Field f : m.fields()) {
            if (f.isRelation() && f.relation().target().equals(fieldModel)) {
                return f.name() + "__" + field;
            }
        }
        for (ReverseRelation r : schema.reverseRelations(m)) {
            if (r.source().name().equals(fieldModel)) {
                return (accessor ? r.accessorName() : r.queryName()) + "__" + field;
            }
        }
        return null;
    }

    /** The longest leading part of {@code path} made of relations ({@code author} of {@code author__name}), or "". */
    public static String relationPart(Schema schema, String model, String path) {
        List<String> hops = List.of(LookupPath.split(path));
        for (int n = hops.size(); n > 0; n--) {
            String prefix = String.join("__", hops.subList(0, n));
            if (RelationPaths.target(schema, model, prefix).isPresent()) {
                return prefix;
            }
        }
        return "";
    }

    /** The step with {@code path} (a field path from the step's model) added; a QueryException when it cannot take it. */
    public static Step withField(Step s, Schema schema, String model, String path) {
        if (s instanceof Step.OrderBy o) {
            for (Expression.OrderBy item : o.items()) {
                if (item.expression() instanceof Expression.F f && f.path().equals(path)) {
                    throw new QueryException("ValueError", "order_by() already orders by '" + path + "'");
                }
            }
            List<Expression.OrderBy> items = new ArrayList<>(o.items());
            items.add(new Expression.OrderBy(new Expression.F(path), false, null, null, true));
            return new Step.OrderBy(items);
        }
        if (s instanceof Step.Values v) {
            return new Step.Values(added(v.fields(), path, "values"), v.expressions());
        }
        if (s instanceof Step.ValuesList v) {
            // flat=True takes one field only (Django: "'flat' is not valid when values_list is called with more
            // than one field."), so a second field turns it into tuples
            List<String> fields = added(v.fields(), path, "values_list");
            return new Step.ValuesList(fields, v.flat() && fields.size() == 1, v.named());
        }
        if (s instanceof Step.Only o) {
            return new Step.Only(added(o.fields(), path, o.defer() ? "defer" : "only"), o.defer());
        }
        if (s instanceof Step.Distinct d) {
            return new Step.Distinct(added(d.fields(), path, "distinct"));
        }
        if (s instanceof Step.SelectRelated r) {
            String rel = relationPart(schema, model, path);
            if (rel.isEmpty() || !RelationPaths.singleValued(schema, model, 3).contains(rel)) {
                throw new QueryException("FieldError", "Invalid field name(s) given in select_related: '" + path
                        + "'. select_related follows foreign keys and one-to-one relations; "
                        + RelationPaths.singleValued(schema, model, 1) + " are " + model + "'s");
            }
            return new Step.SelectRelated(added(r.paths(), rel, "select_related"));
        }
        if (s instanceof Step.PrefetchRelated p) {
            String rel = relationPart(schema, model, path);
            if (rel.isEmpty()) {
                throw new QueryException("AttributeError", "Cannot find '" + path + "' on " + model
                        + " object: prefetch_related follows relations; " + RelationPaths.manyValued(schema, model, 1)
                        + " are " + model + "'s many-valued ones");
            }
            for (Prefetch pf : p.lookups()) {
                if (pf.lookup().equals(rel)) {
                    throw new QueryException("ValueError", "prefetch_related() already prefetches '" + rel + "'");
                }
            }
            List<Prefetch> items = new ArrayList<>(p.lookups());
            items.add(new Prefetch(rel, null, null, true));
            return new Step.PrefetchRelated(items);
        }
        throw new QueryException("TypeError", s.method() + "() takes no field; drop it on a filter, a Q group, "
                + "order_by, values, only, select_related, prefetch_related, annotate or aggregate");
    }

    /**
     * The step without the fields it names: what a stage that still holds only the palette's placeholder fields
     * becomes before the first field dropped on it, so that field replaces them ({@code values("pk", "title")}
     * with author__name dropped: {@code values("author__name")}).
     */
    public static Step withoutFields(Step s) {
        if (s instanceof Step.OrderBy) {
            return new Step.OrderBy(List.of());
        }
        if (s instanceof Step.Values v) {
            return new Step.Values(List.of(), v.expressions());
        }
        if (s instanceof Step.ValuesList v) {
            return new Step.ValuesList(List.of(), v.flat(), v.named());
        }
        if (s instanceof Step.Only o) {
            return new Step.Only(List.of(), o.defer());
        }
        if (s instanceof Step.SelectRelated) {
            return new Step.SelectRelated(List.of());
        }
        if (s instanceof Step.PrefetchRelated) {
            return new Step.PrefetchRelated(List.of());
        }
        return s;
    }

    /** An alias for {@code function(path)}: {@code posts_count}, {@code published_at_max}. */
    public static String aliasFor(String path, String function) {
        List<String> hops = List.of(LookupPath.split(path));
        return hops.get(hops.size() - 1) + "_" + function.toLowerCase();
    }

    /** True when the path ends in a relation (Count is the aggregate that makes sense on it). */
    public static boolean isRelation(Schema schema, String model, String path) {
        return RelationPaths.target(schema, model, path).isPresent();
    }

    private static List<String> added(List<String> fields, String path, String method) {
        if (fields.contains(path)) {
            throw new QueryException("ValueError", method + "() already has '" + path + "'");
        }
        List<String> out = new ArrayList<>(fields);
        out.add(path);
        return out;
    }
}
