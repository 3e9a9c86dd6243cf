package studio.queryset.analysis;

/**
 * A warning attached to one step of a QuerySet: something that works but bites (wrong numbers, extra queries,
 * skipped side effects, slow plans). Found by {@link Gotchas#analyze} without touching a database.
 *
 * @param code  what kind of gotcha it is
 * @param title a short headline naming the parts of the query involved
 * @param why   one sentence: what actually happens
 * @param fix   one sentence: what to write instead
 * @param step  the index in {@code QuerySet.steps()} of the step it attaches to
 */
public record Gotcha(Code code, String title, String why, String fix, int step) {

    /** The gotchas the analysis knows. */
    public enum Code {
        /** Aggregates over two or more multi-valued relations in one query, without distinct=True. */
        JOIN_MULTIPLICATION,
        /** filter() across a multi-valued relation without distinct(): rows repeat. */
        REPEATED_ROWS,
        /** {@code order_by("?")}. */
        RANDOM_ORDER,
        /** {@code update()}: no save(), no signals, no auto_now. */
        UPDATE_SKIPS_SAVE,
        /** {@code distinct()} with an ordering on a related field. */
        DISTINCT_RELATED_ORDER,
        /** A values()/values_list() field that crosses a relation. */
        VALUES_JOIN,
        /** select_related/prefetch_related on a query that returns no model instances. */
        UNUSED_RELATED,
        /** {@code only()} / {@code defer()}. */
        DEFERRED_FIELDS,
        /** exclude() (or a negated Q) across a multi-valued relation. */
        EXCLUDE_MULTI_VALUED,
        /** {@code iterator()} without chunk_size on a query with prefetch_related. */
        ITERATOR_PREFETCH,
        /** An aggregate's {@code default=}: Django 4.0 API, ignored by Django 3.2. */
        AGGREGATE_DEFAULT,
        /** A terminal used as a value ({@code filter(id__gt=X.objects.count())}): it runs at once, not lazily. */
        EVALUATED_TERMINAL
    }
}
