/** The immutable QuerySet model: Q, F, lookups, expressions, aggregates, Subquery/OuterRef and Prefetch. */
package studio.queryset.query;
