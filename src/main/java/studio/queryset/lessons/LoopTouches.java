package studio.queryset.lessons;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import studio.queryset.query.LookupPath;
import studio.queryset.query.Prefetch;
import studio.queryset.query.QueryException;
import studio.queryset.query.QuerySet;
import studio.queryset.query.Step;
import studio.queryset.schema.Field;
import studio.queryset.schema.Model;
import studio.queryset.schema.RelationKind;
import studio.queryset.schema.ReverseRelation;
import studio.queryset.schema.Schema;

/**
 * The relations a loop reads for each row ({@code post.author}, {@code post.tags.all()}), and how to load them up
 * front. A path made only of single-valued steps (forward FK, one-to-one either way) is loaded with
 * {@code select_related}; one with a many-valued step (M2M, reverse FK) needs {@code prefetch_related}, as
 * Django requires. The N+1 comparison needs these names because a QuerySet alone does not say what the code
 * around it touches; a lesson brings them, and for the user's own query {@link #offered} lists what the model has.
 */
public final class LoopTouches {
    private LoopTouches() {
    }

    /** One relation the user can tick: its name on the model, what kind it is and how Django loads it. */
    public record Relation(String name, String kind, boolean many, String target) {
        /** {@code select_related} or {@code prefetch_related}: the tutorial's "which to use" rule. */
        public String loader() {
            return many ? "prefetch_related" : "select_related";
        }
    }

    /** Every relation of the query's model, forward fields first, then reverse accessors (Django's order). */
    public static List<Relation> offered(Schema schema, String modelName) {
        Optional<Model> found = schema.findModel(modelName);
        if (found.isEmpty()) {
            return List.of();
        }
        Model model = found.get();
        List<Relation> out = new ArrayList<>();
        for (Field f : model.fields()) {
            if (f.isRelation()) {
                RelationKind k = f.relation().kind();
                out.add(new Relation(f.name(), switch (k) {
                    case FOREIGN_KEY -> "ForeignKey";
                    case ONE_TO_ONE -> "OneToOneField";
                    case MANY_TO_MANY -> "ManyToManyField";
                }, k == RelationKind.MANY_TO_MANY, schema.model(f.relation().target()).name()));
            }
        }
        for (ReverseRelation r : schema.reverseRelations(model)) {
            RelationKind k = r.field().relation().kind();
            String kind = k == RelationKind.ONE_TO_ONE ? "reverse OneToOne" : k == RelationKind.MANY_TO_MANY
                    ? "reverse ManyToMany" : "reverse ForeignKey";
            out.add(new Relation(r.accessorName(), kind, r.isMultiValued(), r.source().name()));
        }
        return out;
    }

    /** The paths the query loads itself, with select_related and prefetch_related, in order. */
    public static List<String> loaded(QuerySet query) {
        List<String> loaded = new ArrayList<>();
        for (Step s : query.steps()) {
            if (s instanceof Step.SelectRelated sr) {
                loaded.addAll(sr.paths());
            } else if (s instanceof Step.PrefetchRelated pr) {
                for (Prefetch p : pr.lookups()) {
                    loaded.add(p.lookup());
                }
            }
        }
        return loaded;
    }

    /** True when the query already loads every path in {@code touches} (select_related or prefetch_related). */
    public static boolean loadsAll(QuerySet query, List<String> touches) {
        List<String> loaded = loaded(query);
        for (String t : touches) {
            String path = t.trim().replace(".", "__");
            if (!path.isEmpty() && loaded.stream().noneMatch(l -> l.equals(path) || l.startsWith(path + "__"))) {
                return false;
            }
        }
        return true;
    }

    /** The query with the touched relations loaded up front; unchanged when none are named. */
    public static QuerySet apply(Schema schema, QuerySet query, List<String> touches) {
        Model root = schema.findModel(query.model()).orElseThrow(() -> new QueryException("FieldError",
                "unknown model " + query.model()));
        List<String> joins = new ArrayList<>();
        List<Prefetch> prefetches = new ArrayList<>();
        for (String raw : touches) {
            String path = raw.trim().replace(".", "__"); // author.profile reads as author__profile
            if (path.isEmpty()) {
                continue;
            }
            if (isManyValued(schema, root, path)) {
                prefetches.add(Prefetch.of(path));
            } else {
                joins.add(path);
            }
        }
        if (joins.isEmpty() && prefetches.isEmpty()) {
            return query;
        }
        // the loading steps go right after objects, so slices and terminals that follow stay valid
        List<Step> steps = new ArrayList<>();
        if (!joins.isEmpty()) {
            steps.add(new Step.SelectRelated(joins));
        }
        if (!prefetches.isEmpty()) {
            steps.add(new Step.PrefetchRelated(prefetches));
        }
        steps.addAll(query.steps());
        return new QuerySet(query.model(), steps);
    }

    /** Splits "author, tags" into names. */
    public static List<String> parse(String text) {
        List<String> out = new ArrayList<>();
        if (text != null) {
            for (String s : text.split(",")) {
                if (!s.isBlank()) {
                    out.add(s.trim());
                }
            }
        }
        return out;
    }

    /** Walks the path; true when a step of it yields many objects. Unknown names are a FieldError. */
    public static boolean isManyValued(Schema schema, Model start, String path) {
        Model model = start;
        boolean many = false;
        for (String name : LookupPath.split(path)) {
            Optional<Field> field = model.field(name).filter(Field::isRelation);
            if (field.isPresent()) {
                many |= field.get().relation().kind() == RelationKind.MANY_TO_MANY;
                model = schema.model(field.get().relation().target());
                continue;
            }
            Optional<ReverseRelation> reverse = schema.reverseByAccessor(model, name);
            if (reverse.isEmpty()) {
                List<String> names = new ArrayList<>();
                offered(schema, model.name()).forEach(r -> names.add(r.name()));
                throw new QueryException("FieldError", "'" + name + "' in \"" + path + "\" is not a relation of "
                        + model.name() + "; its relations are: " + String.join(", ", names));
            }
            many |= reverse.get().isMultiValued();
            model = reverse.get().source();
        }
        return many;
    }
}
