package studio.queryset.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The one reading of field paths ({@code author__books__title__icontains}) against a schema, as Django's
 * {@code names_to_path} reads them: each name is a field (by name, by attname as {@code author_id}, or {@code pk}),
 * a field inherited from a multi-table parent (crossing its {@code <parent>_ptr}), or a reverse relation (by its
 * related_query_name). Relations become {@link Hop}s; the first plain field ends the path and what follows it is
 * left for the lookups and transforms. After a relation, a name the related model does not have is the lookup
 * when it is one ({@code author__in}), else the error names it and the related model's choices.
 */
public final class PathResolver {
    /** How a path names reverse relations. */
    public enum Names {
        /** Lookups, F(), order_by(), values(), select_related(): the related_query_name ({@code post}). */
        QUERY,
        /** prefetch_related() and attribute access: the accessor ({@code post_set}). */
        ATTRIBUTE
    }

    private final Schema schema;
    private final Predicate<String> lookupName;

    /**
     * @param lookupName which names are lookups or transforms ({@code icontains}, {@code year}); the schema does
     *                   not know them, the lookup registry does
     */
    public PathResolver(Schema schema, Predicate<String> lookupName) {
        this.schema = schema;
        this.lookupName = lookupName;
    }

    /** A resolver for relation paths only, where no name is a lookup. */
    public static PathResolver relationsOf(Schema schema) {
        return new PathResolver(schema, name -> false);
    }

    /** Splits a path on {@code __} (without a regular expression: this runs in the compiler's hottest loops). */
    public static String[] split(String path) {
        int at = path.indexOf("__");
        if (at < 0) {
            return new String[] {path};
        }
        int count = 2; // counted first, so the parts go straight into an array of the right size
        for (int next = path.indexOf("__", at + 2); next >= 0; next = path.indexOf("__", next + 2)) {
            count++;
        }
        String[] parts = new String[count];
        int from = 0;
        for (int k = 0; k < count - 1; k++) {
            parts[k] = path.substring(from, at);
            from = at + 2;
            at = path.indexOf("__", from);
        }
        parts[count - 1] = path.substring(from);
        return parts;
    }

    /**
     * A lookup path read as Django reads it; an unknown name is a {@link FieldPathException} worded as Django's
     * FieldError, naming that name and the model's choices.
     */
    public PathResolution resolve(Model start, String path) {
        String[] parts = split(path);
        List<Hop> hops = new ArrayList<>();
        Model current = start;
        for (int i = 0; i < parts.length; i++) {
            String name = parts[i];
            Field f = field(current, name, hops);
            current = hops.isEmpty() ? start : hops.get(hops.size() - 1).to(); // a parent's, when inherited
            if (f != null) {
                if (!f.isRelation() || isAttname(f, name)) {
                    return new PathResolution(start, hops, f, tail(parts, i + 1));
                }
                Hop h = forward(current, name, f);
                hops.add(h);
                current = h.to();
                continue;
            }
            Optional<ReverseRelation> r = schema.reverseRelation(current, name);
            if (r.isPresent()) {
                Hop h = reverse(current, name, r.get());
                hops.add(h);
                current = h.to();
                continue;
            }
            if (i > 0 && lookupName.test(name)) {
                return new PathResolution(start, hops, null, tail(parts, i)); // author__in: the related pk
            }
            throw unknown(name, current);
        }
        return new PathResolution(start, hops, null, List.of());
    }

    /**
     * Crosses relations for as long as the names are relations, never failing: the hops taken, and from the first
     * name that is not a relation (a field, an attname, an annotation, a typo) the rest. For analyses that must
     * run on every edit, and for paths that may only name relations (check {@code rest().isEmpty()}).
     */
    public PathResolution relations(Model start, String path, Names names) {
        String[] parts = split(path);
        List<Hop> hops = new ArrayList<>();
        Model current = start;
        for (int i = 0; i < parts.length; i++) {
            Optional<Hop> h = hop(current, parts[i], names);
            if (h.isEmpty()) {
                return new PathResolution(start, hops, null, tail(parts, i));
            }
            hops.add(h.get());
            current = h.get().to();
        }
        return new PathResolution(start, hops, null, List.of());
    }

    /** The relation {@code name} crosses from {@code from}, if it names one (forward by field name, or reverse). */
    public Optional<Hop> hop(Model from, String name, Names names) {
        Field f = name.equals("pk") ? from.pk() : from.fields().stream().filter(x -> x.name().equals(name))
                .findFirst().orElse(null);
        if (f != null) {
            return f.isRelation() && schema.findModel(f.relation().target()).isPresent()
                    ? Optional.of(forward(from, name, f)) : Optional.empty();
        }
        Optional<ReverseRelation> r = names == Names.QUERY ? schema.reverseRelation(from, name)
                : schema.reverseByAccessor(from, name);
        return r.map(x -> reverse(from, name, x));
    }

    /**
     * Every relation out of a model, as Django orders its fields: the forward relation fields in declaration
     * order, then the reverse relations, named the way {@code names} says.
     */
    public List<Hop> hopsFrom(Model from, Names names) {
        List<Hop> out = new ArrayList<>();
        for (Field f : from.fields()) {
            if (f.isRelation() && schema.findModel(f.relation().target()).isPresent()) {
                out.add(forward(from, f.name(), f));
            }
        }
        for (ReverseRelation r : schema.reverseRelations(from)) {
            out.add(reverse(from, names == Names.QUERY ? r.queryName() : r.accessorName(), r));
        }
        return out;
    }

    /**
     * Django's FieldError choices for a model: every field name and concrete attname (its multi-table parents'
     * too) and reverse query names, sorted.
     */
    public List<String> choices(Model m) {
        List<String> names = new ArrayList<>();
        for (Model at = m; at != null; at = parentOf(at)) {
            for (Field f : at.fields()) {
                names.add(f.name());
                if (f.isRelation() && f.isConcrete()) {
                    names.add(f.attname());
                }
            }
            for (ReverseRelation r : schema.reverseRelations(at)) {
                // a parent's reverse parent links belong to its other children (Django's _get_fields)
                if (at == m || !r.field().equals(r.source().parentLink()) || r.source().equals(m)) {
                    names.add(r.queryName());
                }
            }
        }
        return names.stream().distinct().sorted().toList();
    }

    /** The FieldError for {@code name} unknown on {@code m}, in Django's words. */
    public FieldPathException unknown(String name, Model m) {
        List<String> choices = choices(m);
        return new FieldPathException("Cannot resolve keyword '" + name + "' into field. Choices are: "
                + String.join(", ", choices) + ".", name, choices);
    }

    // ---------------------------------------------------------------- the steps

    /**
     * The field {@code name} means on {@code m} ({@code pk}, a name or an attname), else on a multi-table parent,
     * whose {@link Hop.Kind#PARENT} hops are then added to {@code hops}; null when none has it.
     */
    private Field field(Model m, String name, List<Hop> hops) {
        Field f = name.equals("pk") ? m.pk() : m.field(name).orElse(null);
        if (f != null) {
            return f;
        }
        List<Hop> up = new ArrayList<>();
        for (Model at = m, parent = parentOf(m); parent != null; at = parent, parent = parentOf(parent)) {
            up.add(new Hop(at.parentLink().name(), Hop.Kind.PARENT, at, parent, at.parentLink()));
            Field inherited = parent.field(name).orElse(null);
            if (inherited != null || schema.reverseRelation(parent, name).isPresent()) {
                hops.addAll(up);
                return inherited;
            }
        }
        return null;
    }

    private Model parentOf(Model m) {
        Field ptr = m.parentLink();
        return ptr == null ? null : schema.findModel(ptr.relation().target()).orElse(null);
    }

    private static boolean isAttname(Field f, String name) {
        return f.isConcrete() && f.hasAttname(name) && !name.equals(f.name());
    }

    private Hop forward(Model from, String name, Field f) {
        Model to = schema.model(f.relation().target());
        return new Hop(name, f.isManyToMany() ? Hop.Kind.FORWARD_MANY : Hop.Kind.FORWARD, from, to, f);
    }

    private static Hop reverse(Model from, String name, ReverseRelation r) {
        Hop.Kind kind = switch (r.field().relation().kind()) {
            case MANY_TO_MANY -> Hop.Kind.REVERSE_MANY;
            case ONE_TO_ONE -> Hop.Kind.REVERSE_ONE;
            case FOREIGN_KEY -> Hop.Kind.REVERSE;
        };
        return new Hop(name, kind, from, r.source(), r.field());
    }

    private static List<String> tail(String[] parts, int from) {
        // one or two names (a lookup, a transform and a lookup) as immutable lists PathResolution keeps uncopied
        return switch (parts.length - from) {
            case 0 -> List.of();
            case 1 -> List.of(parts[from]);
            case 2 -> List.of(parts[from], parts[from + 1]);
            default -> from > parts.length ? List.of() : List.of(parts).subList(from, parts.length);
        };
    }
}
