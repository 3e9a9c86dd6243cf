package studio.queryset.codegen;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import studio.queryset.query.ListParams;
import studio.queryset.query.QuerySet;
import studio.queryset.schema.Field;
import studio.queryset.schema.Model;
import studio.queryset.schema.ReverseRelation;
import studio.queryset.schema.Schema;
import studio.queryset.schema.ValueType;

/**
 * The Params that are a whole IN list ({@code id__in=Param("ids")}) and the type of their elements: the field
 * the lookup's path ends at (a relation: its target's key, the relation field's own value type). The compiler
 * plans such a Param as a one-element list, which does not say the type: the path does.
 */
final class InLists {
    private InLists() {
    }

    /** Param name → element type; the type is null when the path ends in a transform ({@code __year__in}). */
    static Map<String, ValueType> elementTypes(Schema schema, QuerySet qs) {
        Map<String, ValueType> out = new LinkedHashMap<>();
        for (ListParams.InLookup in : ListParams.lookups(qs)) {
            out.putIfAbsent(in.param().name(), elementType(schema, in));
        }
        return out;
    }

    private static ValueType elementType(Schema schema, ListParams.InLookup in) {
        String[] parts = in.path().split("__");
        Model m = schema.model(in.model());
        ValueType type = null;
        for (int i = 0; i < parts.length - 1; i++) {
            boolean last = i == parts.length - 2;
            Optional<Field> f = parts[i].equals("pk") ? Optional.of(m.pk()) : m.field(parts[i]);
            if (f.isPresent()) {
                if (!last && !f.get().isRelation()) {
                    return null; // a transform (published_at__year__in)
                }
                type = f.get().valueType();
                if (!last) {
                    m = schema.model(f.get().relation().target());
                }
                continue;
            }
            Optional<ReverseRelation> reverse = schema.reverseRelation(m, parts[i]);
            if (reverse.isEmpty()) {
                return null;
            }
            m = reverse.get().source();
            type = m.pk().valueType();
        }
        return type;
    }
}
