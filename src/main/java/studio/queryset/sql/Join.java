package studio.queryset.sql;

/**
 * One join of a SELECT: {@code <type> JOIN table alias ON parentAlias.parentColumn = alias.column}. Its type
 * may be promoted to LEFT OUTER or demoted to INNER while conditions are added, as Django's JoinPromoter does.
 */
final class Join {
    final String alias;
    final String table;
    final String parentAlias;
    final String parentColumn;
    final String column;
    /** Identity of the relation step, for reuse: same parent and same relation means the same join. */
    final String key;
    final boolean nullable;
    final boolean multiValued;
    /** The filter() call that created it; multi-valued joins are reused only within that call. */
    final int filterCall;
    boolean outer;

    Join(String alias, String table, String parentAlias, String parentColumn, String column, String key,
         boolean nullable, boolean multiValued, int filterCall, boolean outer) {
        this.alias = alias;
        this.table = table;
        this.parentAlias = parentAlias;
        this.parentColumn = parentColumn;
        this.column = column;
        this.key = key;
        this.nullable = nullable;
        this.multiValued = multiValued;
        this.filterCall = filterCall;
        this.outer = outer;
    }

    String render(Dialect d) {
        String tableSql = alias.equals(table) ? d.quote(table) : d.quote(table) + " " + d.quote(alias);
        return (outer ? " LEFT OUTER JOIN " : " INNER JOIN ") + tableSql + " ON (" + d.quote(parentAlias) + "."
                + d.quote(parentColumn) + " = " + d.quote(alias) + "." + d.quote(column) + ")";
    }
}
