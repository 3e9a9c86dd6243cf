package studio.queryset.sql;

/**
 * The characters {@code [start, end)} of a statement's SQL that one part of the query model produced: a Q
 * lookup or group, an annotation's expression, a stage (filter, order_by, values, slice). The part is the
 * model object itself, matched by identity, so two equal lookups written twice keep their own spans.
 */
public record SqlSpan(Object part, int start, int end) {

    SqlSpan shifted(int by) {
        return by == 0 ? this : new SqlSpan(part, start + by, end + by);
    }

    public int length() {
        return end - start;
    }
}
