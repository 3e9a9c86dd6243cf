package studio.queryset.design;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import studio.queryset.schema.Field;
import studio.queryset.schema.Hop;
import studio.queryset.schema.Model;
import studio.queryset.schema.PathResolver;
import studio.queryset.schema.Schema;

/**
 * Relation paths a picker offers, as Django accepts them: select_related takes chains of single-valued
 * relations ({@code post__author__profile}), prefetch_related takes paths ending in a many-valued one
 * ({@code posts}, {@code posts__tags}), only()/defer() take the model's concrete fields.
 */
public final class RelationPaths {
    private RelationPaths() {
    }

    /** A path a field picker offers and what it ends at: {@code author__name  CharField}, {@code author  → Author}. */
    public record FieldPath(String path, String type, boolean relation) {
        /** The path and its type, as a picker lists it. */
        public String label() {
            return path + "  " + type;
        }
    }

    /**
     * Every field path of {@code model} a lookup, an F or an aggregate can name, walking relations up to
     * {@code depth} hops, without cycles: a walk never enters a model already on its path (so neither
     * {@code profile__author__profile} nor {@code author__posts}, which only walks back the relation just followed).
     * The model's own fields and relations come first, then each relation's fields under it.
     */
    public static List<FieldPath> fields(Schema schema, String model, int depth) {
        List<FieldPath> out = new ArrayList<>();
        schema.findModel(model).ifPresent(m -> walkFields(schema, PathResolver.relationsOf(schema), m, "", depth,
                new ArrayList<>(List.of(m)), out));
        return out;
    }

    /** The type {@link #fields} gives {@code path}, or empty when the path is not one of them. */
    public static Optional<String> typeOf(Schema schema, String model, String path, int depth) {
        return fields(schema, model, depth).stream().filter(f -> f.path().equals(path)).map(FieldPath::type)
                .findFirst();
    }

    private static void walkFields(Schema schema, PathResolver resolver, Model m, String prefix, int depth,
                                   List<Model> onPath, List<FieldPath> out) {
        List<Hop> hops = resolver.hopsFrom(m, PathResolver.Names.QUERY);
        Map<Field, Hop> forward = new HashMap<>();
        hops.stream().filter(Hop::forward).forEach(h -> forward.put(h.field(), h));
        List<Hop> next = new ArrayList<>();
        for (Field f : m.fields()) {
            Hop h = f.isRelation() ? forward.get(f) : null;
            if (h == null) {
                if (!f.isRelation()) {
                    out.add(new FieldPath(prefix + f.name(), f.djangoType(), false));
                }
                continue;
            }
            // the root's own relations are always listed (a self FK such as parent is a field to filter on)
            if (prefix.isEmpty() || !onPath.contains(h.to())) {
                out.add(new FieldPath(prefix + h.name(), f.djangoType() + " → " + schema.key(h.to()), true));
                next.add(h);
            }
        }
        for (Hop h : hops) {
            if (!h.forward() && (prefix.isEmpty() || !onPath.contains(h.to()))) {
                out.add(new FieldPath(prefix + h.name(), (h.multiValued() ? "reverse, many → " : "reverse → ")
                        + h.to().name(), true));
                next.add(h);
            }
        }
        if (depth <= 0) {
            return;
        }
        for (Hop hop : next) {
            if (onPath.contains(hop.to())) {
                continue; // a self relation: its fields are this model's, listed already
            }
            onPath.add(hop.to());
            walkFields(schema, resolver, hop.to(), prefix + hop.name() + "__", depth - 1, onPath, out);
            onPath.remove(onPath.size() - 1);
        }
    }

    /** Chains of forward FK / one-to-one and reverse one-to-one relations, up to {@code depth} hops. */
    public static List<String> singleValued(Schema schema, String model, int depth) {
        List<String> out = new ArrayList<>();
        schema.findModel(model).ifPresent(m -> walkSingle(PathResolver.relationsOf(schema), m, "", depth, null,
                out));
        return out;
    }

    /** {@code cameBy}: the relation field just followed, not walked back (no {@code profile__author}). */
    private static void walkSingle(PathResolver resolver, Model m, String prefix, int depth, Field cameBy,
                                   List<String> out) {
        if (depth <= 0) {
            return;
        }
        for (Hop h : resolver.hopsFrom(m, PathResolver.Names.QUERY)) {
            if (!h.multiValued() && !h.field().equals(cameBy)) {
                out.add(prefix + h.name());
                walkSingle(resolver, h.to(), prefix + h.name() + "__", depth - 1, h.field(), out);
            }
        }
    }

    /**
     * Paths ending in a many-valued relation (forward M2M, reverse FK or M2M), walking any relation before it,
     * up to {@code depth} hops. Reverse relations use their accessor name, as prefetch_related does.
     */
    public static List<String> manyValued(Schema schema, String model, int depth) {
        List<String> out = new ArrayList<>();
        schema.findModel(model).ifPresent(m -> walkMany(PathResolver.relationsOf(schema), m, "", depth, null, out));
        return out;
    }

    private static void walkMany(PathResolver resolver, Model m, String prefix, int depth, Field cameBy,
                                 List<String> out) {
        if (depth <= 0) {
            return;
        }
        List<Hop> next = new ArrayList<>();
        for (Hop h : resolver.hopsFrom(m, PathResolver.Names.ATTRIBUTE)) {
            if (!h.field().equals(cameBy)) {
                if (h.multiValued()) {
                    out.add(prefix + h.name());
                }
                next.add(h);
            }
        }
        for (Hop hop : next) {
            walkMany(resolver, hop.to(), prefix + hop.name() + "__", depth - 1, hop.field(), out);
        }
    }

    /**
     * The model a relation path ends at ({@code posts__tags} from Author: Tag), if it resolves; reverse relations
     * by accessor ({@code post_set}) or query name ({@code post}).
     */
    public static Optional<String> target(Schema schema, String model, String path) {
        Model m = schema.findModel(model).orElse(null);
        if (m == null || path == null || path.isBlank()) {
            return Optional.empty();
        }
        PathResolver resolver = PathResolver.relationsOf(schema);
        for (String name : PathResolver.split(path)) {
            Model from = m;
            Optional<Hop> h = resolver.hop(from, name, PathResolver.Names.ATTRIBUTE)
                    .or(() -> resolver.hop(from, name, PathResolver.Names.QUERY));
            if (h.isEmpty()) {
                return Optional.empty();
            }
            m = h.get().to();
        }
        return Optional.of(m.name());
    }

    /** Concrete field names (the pk first), what only() and defer() pick from. */
    public static List<String> concreteFields(Schema schema, String model) {
        List<String> out = new ArrayList<>();
        schema.findModel(model).ifPresent(m -> m.concreteFields().forEach(f -> out.add(f.name())));
        return out;
    }

    /** What an OuterRef can name from {@code model}: pk, then its fields and relations' fields. */
    public static List<String> outerRefPaths(Schema schema, String model) {
        List<String> out = new ArrayList<>();
        out.add("pk");
        out.addAll(studio.queryset.sql.LookupCatalog.paths(schema, model, 1));
        return out;
    }

    /** A model to nest under {@code outer}: one with a FK / M2M to it (Post for Author), else a related one, else itself. */
    public static String relatedModel(Schema schema, String outer) {
        Model m = schema.findModel(outer).orElse(null);
        if (m == null) {
            return outer;
        }
        List<Hop> hops = PathResolver.relationsOf(schema).hopsFrom(m, PathResolver.Names.QUERY);
        return hops.stream().filter(h -> !h.forward() && h.multiValued()).findFirst()
                .or(() -> hops.stream().filter(h -> !h.forward()).findFirst())
                .or(() -> hops.stream().findFirst())
                .map(h -> schema.key(h.to())).orElse(m.name());
    }
}
