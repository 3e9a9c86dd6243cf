package studio.queryset.query;

/**
 * A prefetch_related lookup: a plain path ({@code "tags"}) or {@code Prefetch(lookup, queryset=, to_attr=)}.
 * {@code queryset} and {@code toAttr} are null when not given; {@code plain} marks a bare string.
 */
public record Prefetch(String lookup, QuerySet queryset, String toAttr, boolean plain) {
    public static Prefetch of(String lookup) {
        return new Prefetch(lookup, null, null, true);
    }

    /** The attribute the results land on. */
    public String attribute() {
        return toAttr != null ? toAttr : lookup.substring(lookup.lastIndexOf("__") < 0 ? 0
                : lookup.lastIndexOf("__") + 2);
    }
}
