package studio.queryset.sql;

import studio.queryset.query.Expression;

/** An annotate()/alias() entry: its expression, compiled, and whether it appears in the SELECT. */
record Annotation(String alias, Expression expression, Typed compiled, boolean selected, boolean afterValues) {
}
