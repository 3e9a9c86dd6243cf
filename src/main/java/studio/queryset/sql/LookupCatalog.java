package studio.queryset.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import studio.queryset.schema.FieldPathException;
import studio.queryset.schema.Hop;
import studio.queryset.schema.Model;
import studio.queryset.schema.PathResolution;
import studio.queryset.schema.PathResolver;
import studio.queryset.schema.Schema;
import studio.queryset.schema.ValueType;

/**
 * Lookups for pickers: which lookups fit a field ({@link LookupSpecs}), which paths a model offers (walking
 * relations), and how a written lookup path splits into its field path and its lookup. Paths are read by the
 * same {@link PathResolver} as the compiler's.
 */
public final class LookupCatalog {
    private LookupCatalog() {
    }

    /** A resolver for lookup paths, knowing the registry's lookup names. */
    public static PathResolver resolver(Schema schema) {
        return new PathResolver(schema, LookupSpecs::isLookupOrTransform);
    }

    /** The lookups and transforms registered on a value type, sorted. */
    public static List<String> validLookups(ValueType type) {
        return LookupSpecs.namesFor(type);
    }

    /** The specs of {@link #validLookups}, with their help. */
    public static List<LookupSpec> specsFor(ValueType type) {
        return LookupSpecs.forType(type);
    }

    /** True when {@code name} is a lookup or transform name ({@code icontains}, {@code year}). */
    public static boolean isLookup(String name) {
        return LookupSpecs.isLookupOrTransform(name);
    }

    /**
     * The value type at the end of a field path ({@code author__name}; a relation gives its related pk's), or
     * empty when it does not resolve to a field or relation with nothing after it.
     */
    public static Optional<ValueType> typeOf(Schema schema, String model, String fieldPath) {
        Model m = schema.findModel(model).orElse(null);
        if (m == null || fieldPath == null || fieldPath.isBlank()) {
            return Optional.empty();
        }
        try {
            PathResolution r = resolver(schema).resolve(m, fieldPath);
            return r.rest().isEmpty() ? Optional.of(r.valueType()) : Optional.empty();
        } catch (FieldPathException | studio.queryset.schema.SchemaException e) {
            return Optional.empty();
        }
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
            if (t > 0 && LookupSpecs.isTransform(head.substring(t + 2))) {
                return new String[] {head.substring(0, t), head.substring(t + 2) + "__" + lookup};
            }
            return new String[] {head, lookup};
        }
        return new String[] {path, "exact"};
    }

    /**
     * Field paths of a model up to {@code depth} relations deep: {@code title}, {@code author},
     * {@code author__name}; the relations as {@link PathResolver#hopsFrom} lists them.
     */
    public static List<String> paths(Schema schema, String model, int depth) {
        List<String> out = new ArrayList<>();
        Model m = schema.findModel(model).orElse(null);
        if (m != null) {
            walk(resolver(schema), m, "", depth, out);
        }
        return out;
    }

    private static void walk(PathResolver resolver, Model m, String prefix, int depth, List<String> out) {
        List<Hop> hops = resolver.hopsFrom(m, PathResolver.Names.QUERY);
        m.fields().forEach(f -> out.add(prefix + f.name()));
        hops.stream().filter(h -> !h.forward()).forEach(h -> out.add(prefix + h.name()));
        if (depth > 0) {
            for (Hop h : hops) { // forward relations first, then reverse: hopsFrom's order
                walk(resolver, h.to(), prefix + h.name() + "__", depth - 1, out);
            }
        }
    }
}
