package studio.queryset.schema;

import java.util.List;
import java.util.Optional;

/**
 * What a field path means on a model: the relations it crosses, the field it lands on and the names left over
 * (transforms and the lookup: {@code ["year", "gte"]}).
 *
 * @param start the model the path starts at
 * @param hops  the relations crossed, in order
 * @param field the field named after the last hop: a concrete column, a ForeignKey by its attname
 *              ({@code author_id}) or the pk of the related model ({@code author__id}); null when the path ends
 *              on a relation ({@code author}, {@code tags}), which then compares by the related pk
 * @param rest  the names after the field (or after the relation), not resolved against the schema
 */
public record PathResolution(Model start, List<Hop> hops, Field field, List<String> rest) {

    public PathResolution {
        hops = List.copyOf(hops);
        rest = List.copyOf(rest);
    }

    /** The model the path arrives at: the last hop's target, or the start. */
    public Model end() {
        return hops.isEmpty() ? start : hops.get(hops.size() - 1).to();
    }

    public Optional<Hop> lastHop() {
        return hops.isEmpty() ? Optional.empty() : Optional.of(hops.get(hops.size() - 1));
    }

    /** True when the path names a relation, not a field behind it. */
    public boolean endsOnRelation() {
        return field == null;
    }

    /** True when a hop is multi-valued: one row may meet several rows at the end. */
    public boolean multiValued() {
        return hops.stream().anyMatch(Hop::multiValued);
    }

    /** The type of value the path compares: the field's, or the related pk's when it ends on a relation. */
    public ValueType valueType() {
        return field != null ? field.valueType() : end().pk().valueType();
    }

    /** The hop names up to and including hop {@code index}, joined by {@code __} ({@code author__posts}). */
    public String prefix(int index) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i <= index; i++) {
            if (i > 0) {
                sb.append("__");
            }
            sb.append(hops.get(i).name());
        }
        return sb.toString();
    }
}
