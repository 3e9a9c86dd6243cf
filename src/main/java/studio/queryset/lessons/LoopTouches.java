package studio.queryset.lessons;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import studio.queryset.query.Prefetch;
import studio.queryset.query.QueryException;
import studio.queryset.query.QuerySet;
import studio.queryset.query.Step;
import studio.queryset.schema.Hop;
import studio.queryset.schema.Model;
import studio.queryset.schema.PathResolution;
import studio.queryset.schema.PathResolver;
import studio.queryset.schema.RelationKind;
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
        List<Relation> out = new ArrayList<>();
        for (Hop h : PathResolver.relationsOf(schema).hopsFrom(found.get(), PathResolver.Names.ATTRIBUTE)) {
            String kind = switch (h.kind()) {
                case FORWARD, PARENT -> h.field().relation().kind() == RelationKind.ONE_TO_ONE ? "OneToOneField"
                        : "ForeignKey";
                case FORWARD_MANY -> "ManyToManyField";
                case REVERSE -> "reverse ForeignKey";
                case REVERSE_ONE -> "reverse OneToOne";
                case REVERSE_MANY -> "reverse ManyToMany";
            };
            out.add(new Relation(h.name(), kind, h.multiValued(), h.to().name()));
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
        PathResolution r = PathResolver.relationsOf(schema).relations(start, path, PathResolver.Names.ATTRIBUTE);
        if (!r.rest().isEmpty()) {
            String name = r.rest().get(0);
            List<String> names = new ArrayList<>();
            offered(schema, r.end().name()).forEach(x -> names.add(x.name()));
            throw new QueryException("FieldError", "'" + name + "' in \"" + path + "\" is not a relation of "
                    + r.end().name() + "; its relations are: " + String.join(", ", names));
        }
        return r.multiValued();
    }
}
