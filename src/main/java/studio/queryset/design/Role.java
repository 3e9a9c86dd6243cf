package studio.queryset.design;

/**
 * What a canvas node is in the query model, finer than its {@link NodeKind} (which picks its card's look):
 * the edits and inspectors ask the role, never the display label.
 */
public enum Role {
    /** {@code Model.objects} of the main or a nested pipeline. */
    SOURCE,
    /** A chain method that returns a QuerySet. */
    STEP,
    /** A chain method that evaluates the queryset (count, get, update...). */
    TERMINAL,
    /** A Q group: AND / OR, possibly negated. */
    Q_GROUP,
    /** {@code path__lookup=value}. */
    LOOKUP,
    /** A boolean expression used as a condition ({@code filter(Lower("title") == "x")}). */
    CONDITION_EXPRESSION,
    /** {@code alias=expression} of annotate / alias / aggregate. */
    ANNOTATION,
    /** {@code field=expression} of update. */
    UPDATE_VALUE,
    /** A positional expression of annotate / aggregate ({@code annotate(Count("tags"))}). */
    POSITIONAL,
    /** The expression value of a lookup ({@code views__gt=F("likes") * 2}). */
    LOOKUP_EXPRESSION,
    /** A part of an expression: an operand, a function argument, an aggregate's argument or filter, a When... */
    EXPRESSION_PART,
    /** {@code Subquery(...)}: as an annotation, a lookup value or a condition. */
    SUBQUERY,
    /** {@code Exists(...)}: as an annotation or a condition. */
    EXISTS,
    /** A queryset used as a lookup value ({@code id__in=Book.objects...}). */
    QUERY_VALUE,
    /** A prefetch_related lookup, plain or {@code Prefetch(...)}. */
    PREFETCH,
    /** The queryset of a union / intersection / difference. */
    COMBINED_PART;

    /** True for a node that holds a nested pipeline of its own (a frame on the canvas). */
    public boolean frame() {
        return this == SUBQUERY || this == EXISTS || this == QUERY_VALUE || this == COMBINED_PART;
    }
}
