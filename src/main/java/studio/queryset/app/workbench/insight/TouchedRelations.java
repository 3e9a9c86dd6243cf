package studio.queryset.app.workbench.insight;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
 * "My code touches post.author and post.tags": the relations a loop reads, written as select_related /
 * prefetch_related paths ({@code author}, {@code tags}, {@code author__profile}). A path made only of
 * single-valued steps (forward FK, one-to-one either way) becomes {@code select_related}; one with a
 * many-valued step (M2M, reverse FK) becomes {@code prefetch_related}, as Django requires. The steps go right
 * after {@code objects}, so slices and terminals that follow stay valid.
 */
public final class TouchedRelations {
    private TouchedRelations() {
    }

    /** The query with the touched relations loaded; unchanged for blank text. */
    public static QuerySet apply(Schema schema, QuerySet query, String text) {
        if (text == null || text.isBlank()) {
            return query;
        }
        Model root = schema.findModel(query.model()).orElseThrow(() -> new QueryException("FieldError",
                "unknown model " + query.model()));
        List<String> joins = new ArrayList<>();
        List<Prefetch> prefetches = new ArrayList<>();
        for (String raw : text.split(",")) {
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

    /** Walks the path; true when a step of it yields many objects. Unknown names are a FieldError. */
    static boolean isManyValued(Schema schema, Model start, String path) {
        Model model = start;
        boolean many = false;
        for (String name : studio.queryset.query.LookupPath.split(path)) {
            Optional<Field> field = model.field(name).filter(Field::isRelation);
            if (field.isPresent()) {
                many |= field.get().relation().kind() == RelationKind.MANY_TO_MANY;
                model = schema.model(field.get().relation().target());
                continue;
            }
            Optional<ReverseRelation> reverse = schema.reverseByAccessor(model, name);
            if (reverse.isEmpty()) {
                throw new QueryException("FieldError", "'" + name + "' in \"" + path + "\" is not a relation of "
                        + model.name() + "; its relations are: " + String.join(", ", relations(schema, model)));
            }
            many |= reverse.get().isMultiValued();
            model = reverse.get().source();
        }
        return many;
    }

    /** What the user may name on this model: forward relation fields and reverse accessors. */
    public static List<String> relations(Schema schema, Model model) {
        List<String> out = new ArrayList<>();
        for (Field f : model.fields()) {
            if (f.isRelation()) {
                out.add(f.name());
            }
        }
        for (ReverseRelation r : schema.reverseRelations(model)) {
            out.add(r.accessorName());
        }
        return out;
    }
}
