package studio.queryset.schema;

import java.util.Locale;

/**
 * The far side of a relation field, seen from its target: {@code Author.posts} for {@code Post.author}.
 *
 * @param source the model declaring the relation field
 * @param field  the relation field on {@code source}
 */
public record ReverseRelation(Model source, Field field) {

    /** The name used in lookups ({@code posts__title}): related_query_name, related_name, or the model name. */
    public String queryName() {
        Relation r = field.relation();
        if (r.relatedQueryName() != null) {
            return r.relatedQueryName();
        }
        if (r.relatedName() != null) {
            return r.relatedName();
        }
        return source.name().toLowerCase(Locale.ROOT);
    }

    /** The attribute on instances ({@code author.posts}, {@code author.post_set}, {@code author.profile}). */
    public String accessorName() {
        Relation r = field.relation();
        if (r.relatedName() != null) {
            return r.relatedName();
        }
        String lower = source.name().toLowerCase(Locale.ROOT);
        return r.kind() == RelationKind.ONE_TO_ONE ? lower : lower + "_set";
    }

    /** Reverse FK and reverse M2M yield many rows; a reverse one-to-one yields at most one. */
    public boolean isMultiValued() {
        return field.relation().kind() != RelationKind.ONE_TO_ONE;
    }
}
