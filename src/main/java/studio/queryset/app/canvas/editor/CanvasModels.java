package studio.queryset.app.canvas.editor;

import studio.queryset.design.DesignGraph;
import studio.queryset.query.Expression;
import studio.queryset.query.Q;
import studio.queryset.schema.Field;
import studio.queryset.schema.Hop;
import studio.queryset.schema.PathResolution;
import studio.queryset.schema.Model;
import studio.queryset.schema.ReverseRelation;
import studio.queryset.schema.Schema;
import studio.queryset.sql.LookupCatalog;
import studio.queryset.schema.ValueType;

/** Which model a node's pipeline queries, and lookups for fields dropped from the schema browser. */
public final class CanvasModels {
    private CanvasModels() {
    }

    /** The model of the pipeline holding {@code id} ("Post" for "s1.a0"; the nested model inside a Subquery). */
    public static String modelOf(DesignGraph g, String id) {
        if (g == null) {
            return null;
        }
        return g.modelOf(id != null && g.node(id) != null ? id : "src");
    }

    /**
     * A lookup for {@code Model.field} seen from {@code model}: the field itself, or through a forward or
     * reverse relation one step away ({@code author__name}); null when there is no such path.
     */
    public static Q.Lookup lookupForField(Schema schema, String model, String modelDotField) {
        if (schema == null || model == null) {
            return null;
        }
        int dot = modelDotField.indexOf('.');
        String fieldModel = dot < 0 ? model : modelDotField.substring(0, dot);
        String field = dot < 0 ? modelDotField : modelDotField.substring(dot + 1);
        Model m = schema.findModel(model).orElse(null);
        if (m == null) {
            return null;
        }
        String path = null;
        if (m.name().equals(fieldModel)) {
            path = field;
        } else {
            for (Field f : m.fields()) {
                if (f.isRelation() && f.relation().target().equals(fieldModel)) {
                    path = f.name() + "__" + field;
                    break;
                }
            }
            if (path == null) {
                for (ReverseRelation r : schema.reverseRelations(m)) {
                    if (r.source().name().equals(fieldModel)) {
                        path = r.queryName() + "__" + field;
                        break;
                    }
                }
            }
        }
        if (path == null) {
            return null;
        }
        ValueType t = LookupCatalog.typeOf(schema, model, path).orElse(ValueType.TEXT);
        if (t == ValueType.TEXT) {
            // Django's default lookup, exact: the value is what one types next (Enter on the card edits it)
            return new Q.Lookup(path, Expression.Value.of(""));
        }
        if (t == ValueType.BOOLEAN) {
            return new Q.Lookup(path, Expression.Value.of(true));
        }
        if (isNumber(t) && !nullable(schema, model, path)) {
            // isnull=False says nothing about a column that is never NULL (pk=1 is what one means): exact, with
            // the number to type next
            return new Q.Lookup(path, Expression.Value.of(0));
        }
        return new Q.Lookup(path + "__isnull", Expression.Value.of(false));
    }

    private static boolean isNumber(ValueType t) {
        return t == ValueType.INTEGER || t == ValueType.DECIMAL || t == ValueType.FLOAT;
    }

    /** True when the path's field may be NULL, or when a relation on the way may leave it without a row. */
    private static boolean nullable(Schema schema, String model, String path) {
        try {
            PathResolution r = LookupCatalog.resolver(schema).resolve(schema.findModel(model).orElseThrow(), path);
            return r.field() == null || r.field().nullable() || r.hops().stream().anyMatch(Hop::nullable);
        } catch (RuntimeException e) {
            return true;
        }
    }
}
