package studio.queryset.design;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import studio.queryset.schema.Field;
import studio.queryset.schema.Model;
import studio.queryset.schema.ReverseRelation;
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
        schema.findModel(model).ifPresent(m -> walkFields(schema, m, "", depth, new ArrayList<>(List.of(m.name())),
                out));
        return out;
    }

    /** The type {@link #fields} gives {@code path}, or empty when the path is not one of them. */
    public static Optional<String> typeOf(Schema schema, String model, String path, int depth) {
        return fields(schema, model, depth).stream().filter(f -> f.path().equals(path)).map(FieldPath::type)
                .findFirst();
    }

    private static void walkFields(Schema schema, Model m, String prefix, int depth, List<String> onPath,
                                   List<FieldPath> out) {
        List<Hop> next = new ArrayList<>();
        for (Field f : m.fields()) {
            if (!f.isRelation()) {
                out.add(new FieldPath(prefix + f.name(), f.djangoType(), false));
                continue;
            }
            String target = f.relation().target();
            // the root's own relations are always listed (a self FK such as parent is a field to filter on)
            if (prefix.isEmpty() || !onPath.contains(target)) {
                out.add(new FieldPath(prefix + f.name(), f.djangoType() + " → " + target, true));
                next.add(new Hop(f.name(), target, f));
            }
        }
        for (ReverseRelation r : schema.reverseRelations(m)) {
            String source = r.source().name();
            if (prefix.isEmpty() || !onPath.contains(source)) {
                out.add(new FieldPath(prefix + r.queryName(), (r.isMultiValued() ? "reverse, many → " : "reverse → ")
                        + source, true));
                next.add(new Hop(r.queryName(), source, r.field()));
            }
        }
        if (depth <= 0) {
            return;
        }
        for (Hop hop : next) {
            if (onPath.contains(hop.model())) {
                continue; // a self relation: its fields are this model's, listed already
            }
            schema.findModel(hop.model()).ifPresent(t -> {
                onPath.add(t.name());
                walkFields(schema, t, prefix + hop.name() + "__", depth - 1, onPath, out);
                onPath.remove(onPath.size() - 1);
            });
        }
    }

    /** Chains of forward FK / one-to-one and reverse one-to-one relations, up to {@code depth} hops. */
    public static List<String> singleValued(Schema schema, String model, int depth) {
        List<String> out = new ArrayList<>();
        schema.findModel(model).ifPresent(m -> walkSingle(schema, m, "", depth, null, out));
        return out;
    }

    /** {@code cameBy}: the relation field just followed, not walked back (no {@code profile__author}). */
    private static void walkSingle(Schema schema, Model m, String prefix, int depth, Field cameBy, List<String> out) {
        if (depth <= 0) {
            return;
        }
        for (Field f : m.fields()) {
            if (f.isRelation() && !f.isManyToMany() && !f.equals(cameBy)) {
                out.add(prefix + f.name());
                schema.findModel(f.relation().target()).ifPresent(t -> walkSingle(schema, t, prefix + f.name() + "__",
                        depth - 1, f, out));
            }
        }
        for (ReverseRelation r : schema.reverseRelations(m)) {
            if (!r.isMultiValued() && !r.field().equals(cameBy)) {
                out.add(prefix + r.queryName());
                walkSingle(schema, r.source(), prefix + r.queryName() + "__", depth - 1, r.field(), out);
            }
        }
    }

    /**
     * Paths ending in a many-valued relation (forward M2M, reverse FK or M2M), walking any relation before it,
     * up to {@code depth} hops. Reverse relations use their accessor name, as prefetch_related does.
     */
    public static List<String> manyValued(Schema schema, String model, int depth) {
        List<String> out = new ArrayList<>();
        schema.findModel(model).ifPresent(m -> walkMany(schema, m, "", depth, null, out));
        return out;
    }

    private record Hop(String name, String model, Field field) { }

    private static void walkMany(Schema schema, Model m, String prefix, int depth, Field cameBy, List<String> out) {
        if (depth <= 0) {
            return;
        }
        List<Hop> next = new ArrayList<>();
        for (Field f : m.fields()) {
            if (f.isRelation() && !f.equals(cameBy)) {
                if (f.isManyToMany()) {
                    out.add(prefix + f.name());
                }
                next.add(new Hop(f.name(), f.relation().target(), f));
            }
        }
        for (ReverseRelation r : schema.reverseRelations(m)) {
            if (r.field().equals(cameBy)) {
                continue;
            }
            if (r.isMultiValued()) {
                out.add(prefix + r.accessorName());
            }
            next.add(new Hop(r.accessorName(), r.source().name(), r.field()));
        }
        for (Hop hop : next) {
            schema.findModel(hop.model()).ifPresent(t -> walkMany(schema, t, prefix + hop.name() + "__", depth - 1,
                    hop.field(), out));
        }
    }

    /** The model a relation path ends at ({@code posts__tags} from Author: Tag), if it resolves. */
    public static Optional<String> target(Schema schema, String model, String path) {
        Model m = schema.findModel(model).orElse(null);
        if (m == null || path == null || path.isBlank()) {
            return Optional.empty();
        }
        for (String hop : studio.queryset.query.LookupPath.split(path)) {
            Model here = m;
            Model to = null;
            for (Field f : here.fields()) {
                if (f.isRelation() && f.name().equals(hop)) {
                    to = schema.findModel(f.relation().target()).orElse(null);
                }
            }
            if (to == null) {
                for (ReverseRelation r : schema.reverseRelations(here)) {
                    if (r.accessorName().equals(hop) || r.queryName().equals(hop)) {
                        to = r.source();
                    }
                }
            }
            if (to == null) {
                return Optional.empty();
            }
            m = to;
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
        for (ReverseRelation r : schema.reverseRelations(m)) {
            if (r.isMultiValued()) {
                return r.source().name();
            }
        }
        for (ReverseRelation r : schema.reverseRelations(m)) {
            return r.source().name();
        }
        for (Field f : m.fields()) {
            if (f.isRelation()) {
                return f.relation().target();
            }
        }
        return m.name();
    }
}
