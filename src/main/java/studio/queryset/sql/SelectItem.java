package studio.queryset.sql;

/** One entry of a select list: its SQL, the result column it fills, and the alias it is selected AS (or null). */
record SelectItem(Frag sql, OutColumn column, boolean aggregate, String alias) {
}
