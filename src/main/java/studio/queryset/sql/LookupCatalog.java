package studio.queryset.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import studio.queryset.schema.Field;
import studio.queryset.schema.Model;
import studio.queryset.schema.ReverseRelation;
import studio.queryset.schema.Schema;
import studio.queryset.schema.ValueType;

/**
 * Lookups for pickers: which lookups fit a field, which paths a model offers (walking relations), and how a
 * written lookup path splits into its field path and its lookup.
 */
public final class LookupCatalog {
    private LookupCatalog() {
    }

    /** The lookups and transforms that fit a value type, sorted. */
    public static List<String> validLookups(ValueType type) {
        return ExprCompiler.validLookups(type);
    }

    /** True when {@code name} is a lookup or transform name ({@code icontains}, {@code year}). */
    public static boolean isLookup(String name) {
        return Scope.LOOKUPS.contains(name) || Scope.TRANSFORMS.contains(name);
    }

    /** The value type at the end of a field path ({@code author__name}), or empty when it does not resolve. */
    public static Optional<ValueType> typeOf(Schema schema, String model, String fieldPath) {
        Model m = schema.findModel(model).orElse(null);
        if (m == null || fieldPath == null || fieldPath.isBlank()) {
            return Optional.empty();
        }
        String[] seg = fieldPath.split("__");
        for (int i = 0; i < seg.length; i++) {
            String s = seg[i];
            boolean last = i == seg.length - 1;
            if (s.equals("pk")) {
                if (!last) {
                    return Optional.empty();
                }
                return Optional.of(m.pk().valueType());
            }
            Field f = field(m, s);
            if (f != null) {
                if (f.isRelation()) {
                    Model target = schema.findModel(f.relation().target()).orElse(null);
                    if (target == null) {
                        return Optional.empty();
                    }
                    if (last) {
                        return Optional.of(target.pk().valueType());
                    }
                    m = target;
                    continue;
                }
                return last ? Optional.of(f.valueType()) : Optional.empty();
            }
            Optional<ReverseRelation> r = schema.reverseRelation(m, s);
            if (r.isEmpty()) {
                return Optional.empty();
            }
            m = r.get().source();
            if (last) {
                return Optional.of(m.pk().valueType());
            }
        }
        return Optional.empty();
    }

    /**
     * Splits {@code author__name__icontains} into {@code ["author__name", "icontains"]}; a path without a
     * lookup gives {@code exact}.
     */
    public static String[] split(String path) {
        int at = path.lastIndexOf("__");
        if (at > 0 && isLookup(path.substring(at + 2))) {
            String head = path.substring(0, at);
            String lookup = path.substring(at + 2);
            // a transform before the lookup (published_at__year__gte)
            int t = head.lastIndexOf("__");
            if (t > 0 && Scope.TRANSFORMS.contains(head.substring(t + 2))) {
                return new String[] {head.substring(0, t), head.substring(t + 2) + "__" + lookup};
            }
            return new String[] {head, lookup};
        }
        return new String[] {path, "exact"};
    }

    /** Field paths of a model up to {@code depth} relations deep: {@code title}, {@code author}, {@code author__name}. */
    public static List<String> paths(Schema schema, String model, int depth) {
        List<String> out = new ArrayList<>();
        Model m = schema.findModel(model).orElse(null);
        if (m != null) {
            walk(schema, m, "", depth, out);
        }
        return out;
    }

    private static void walk(Schema schema, Model m, String prefix, int depth, List<String> out) {
        for (Field f : m.fields()) {
            out.add(prefix + f.name());
        }
        for (ReverseRelation r : schema.reverseRelations(m)) {
            out.add(prefix + r.queryName());
        }
        if (depth <= 0) {
            return;
        }
        for (Field f : m.fields()) {
            if (f.isRelation()) {
                schema.findModel(f.relation().target()).ifPresent(t -> walk(schema, t, prefix + f.name() + "__",
                        depth - 1, out));
            }
        }
        for (ReverseRelation r : schema.reverseRelations(m)) {
            walk(schema, r.source(), prefix + r.queryName() + "__", depth - 1, out);
        }
    }

    private static Field field(Model m, String name) {
        for (Field f : m.fields()) {
            if (f.name().equals(name) || f.attname().equals(name)) {
                return f;
            }
        }
        return null;
    }
}
