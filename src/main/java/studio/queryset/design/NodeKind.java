package studio.queryset.design;

/** What a canvas node stands for in the query model. */
public enum NodeKind {
    /** {@code Model.objects}: where a pipeline starts. */
    SOURCE,
    /** A chain method (filter, annotate, order_by, values, ...). */
    STAGE,
    /** A chain method that evaluates the queryset (count, get, update, ...). */
    TERMINAL,
    /** A Q group: AND / OR, possibly negated. */
    Q_GROUP,
    /** {@code path__lookup=value}. */
    LOOKUP,
    /** An annotation, aggregate, function, F or value. */
    EXPRESSION,
    /** A nested queryset: Subquery, Exists, a queryset value, a Prefetch queryset. */
    SUBQUERY,
    /** A prefetch_related lookup. */
    PREFETCH
}
