package studio.queryset.sql;

import java.util.ArrayList;
import java.util.List;
import studio.queryset.query.QueryException;

/**
 * Renders a {@link SqlQuery} as one SELECT, as Django's {@code SQLCompiler.as_sql}: the select list, then the
 * ordering (whose terms GROUP BY and SELECT DISTINCT may need), FROM with every join the parts above made,
 * WHERE, GROUP BY, HAVING, the compound parts, ORDER BY and LIMIT. Text and parameters come out of one pass, as
 * a {@link Frag} whose spans say which query part wrote what.
 */
final class SelectRenderer {
    private static final Frag SPACE = Frag.of(" ");
    private static final Frag WHERE = Frag.of(" WHERE ");
    private static final Frag GROUP_BY = Frag.of(" GROUP BY ");
    private static final Frag HAVING = Frag.of(" HAVING ");
    private static final Frag ORDER_BY = Frag.of(" ORDER BY ");
    private static final Frag ORDER_BY_NULL = Frag.of(" ORDER BY NULL");

    private final SqlQuery q;

    SelectRenderer(SqlQuery q) {
        this.q = q;
    }

    /** {@code selectOverride} replaces the select list (count/exists/subqueries); null keeps it. */
    SelectPlan render(Frag selectOverride) {
        Dialect dialect = q.dialect;
        if (q.empty) {
            q.where.add(Frag.of("1 = 0"));
        }
        List<SelectItem> items = new SelectList(q, selectOverride != null).items();
        List<Frag> groupExtras = new ArrayList<>();
        boolean useMetaOrdering = q.ordering == null && !q.clearDefaultOrdering;
        boolean grouping = q.hasAggregate();
        OrderByCompiler orderBy = new OrderByCompiler(q);
        List<Frag> order;
        if (grouping && useMetaOrdering) {
            // Django 3.2 drops Meta.ordering from ORDER BY in GROUP BY queries, yet its columns stay in
            // GROUP BY (so values("city").annotate(...) on an ordered model groups per row). Reproduced.
            orderBy.orderFrags(items, groupExtras);
            order = List.of();
        } else {
            order = orderBy.orderFrags(items, groupExtras);
        }
        if (q.reversed && order.isEmpty() && q.isSliced()) {
            throw new QueryException("TypeError", "Cannot reverse a query once a slice has been taken.");
        }
        CompoundRenderer compound = new CompoundRenderer(q);
        String firstTail = q.combinators.isEmpty() || q.existsParts ? "" : compound.firstPartTail(items);
        List<Frag> parts = new ArrayList<>();
        parts.add(Frag.of(head()));
        List<OutColumn> columns = new ArrayList<>();
        if (selectOverride != null) {
            parts.add(selectOverride);
        } else {
            parts.add(selectList(items, order, groupExtras, columns).marked(q.valuesStep));
        }
        int paramsBeforeKeys = 0;
        for (Frag p : parts) {
            paramsBeforeKeys += p.params().size();
        }
        // Joins are rendered after everything that may add or promote them has run.
        List<Frag> whereAll = new ArrayList<>();
        if (q.leadingWhere != null) {
            whereAll.add(q.leadingWhere);
        }
        whereAll.addAll(q.where);
        List<Frag> groupBy = grouping ? GroupBy.of(q, items, groupExtras) : List.of();
        // the clauses are laid side by side and joined once: nesting them would copy the statement per clause
        parts.add(SPACE);
        parts.add(Frag.of("FROM " + q.scope.from(dialect)).marked(q.source));
        if (!whereAll.isEmpty()) {
            parts.add(WHERE);
            parts.add(ExprCompiler.clause(whereAll));
        }
        if (!groupBy.isEmpty()) {
            if (!q.distinctFields.isEmpty()) {
                // Django 3.2's own refusal, word for word (SQLCompiler.as_sql): a grouping query cannot DISTINCT ON
                throw new QueryException("NotImplementedError", "annotate() + distinct(fields) is not implemented.");
            }
            parts.add(GROUP_BY);
            parts.add(Frag.join(", ", groupBy));
        }
        if (!q.having.isEmpty()) {
            parts.add(HAVING);
            parts.add(ExprCompiler.clause(q.having));
        }
        List<Frag> tail = parts; // what ORDER BY and LIMIT follow
        if (!q.combinators.isEmpty()) {
            Frag body = Frag.join("", parts);
            body = compound.combine(firstTail.isEmpty() ? body : Frag.format("%s" + firstTail, body), columns.size());
            if (!order.isEmpty()) {
                body = Frag.format("%s ORDER BY %s", body, Frag.join(", ", orderBy.combinedOrder(items)));
            }
            tail = new ArrayList<>(3);
            tail.add(body);
        } else if (!order.isEmpty()) {
            parts.add(ORDER_BY);
            parts.add(Frag.join(", ", order).marked(q.orderStep));
        } else if (!groupBy.isEmpty() && dialect.ops().orderByNullWhenGrouped()
                && !(useMetaOrdering && !q.model.ordering().isEmpty())) {
            // Django's force_no_ordering: MySQL would otherwise sort by the grouped columns (not with Meta.ordering,
            // whose ORDER BY Django 3.2 drops in grouped queries: it sets order_by to None then)
            parts.add(ORDER_BY_NULL);
        }
        String limit = limitSql(q);
        if (!limit.isEmpty()) {
            tail.add(SPACE);
            tail.add(Frag.of(limit.substring(1)).marked(q.sliceStep));
        }
        Frag body = Frag.join("", tail);
        return new SelectPlan(CompiledQuery.of(body), q.model.name(), columns, q.shape,
                List.of(), q.isOrdered(), paramsBeforeKeys);
    }

    /** {@code SELECT }, {@code SELECT DISTINCT } or PostgreSQL's {@code SELECT DISTINCT ON (...) }. */
    private String head() {
        if (!q.distinct) {
            return "SELECT ";
        }
        if (q.distinctFields.isEmpty()) {
            return "SELECT DISTINCT ";
        }
        if (!q.dialect.ops().distinctOnFields()) {
            throw new QueryException("NotSupportedError", "DISTINCT ON fields is not supported by this "
                    + "database backend (distinct(\"field\") needs PostgreSQL; use distinct() on "
                    + q.dialect.displayName() + ")").about(q.distinctFields.get(0));
        }
        List<Frag> on = new ArrayList<>();
        for (String fname : q.distinctFields) {
            ResolvedPath rp = q.scope.resolve(fname, -1);
            on.add(Frag.of(q.col(rp.alias(), rp.column())));
        }
        return "SELECT DISTINCT ON (" + Frag.join(", ", on).sql() + ") ";
    }

    /** The select list's SQL; fills {@code columns} with the result columns it produces. */
    private Frag selectList(List<SelectItem> items, List<Frag> order, List<Frag> orderTerms, List<OutColumn> columns) {
        List<Frag> sel = new ArrayList<>();
        for (SelectItem it : items) {
            sel.add(it.alias() != null ? Frag.format("%s AS " + q.dialect.quote(it.alias()), it.sql()) : it.sql());
            columns.add(it.column());
        }
        for (int i = 0; i < q.extraSelect.size(); i++) {
            sel.add(Frag.format("%s AS " + q.dialect.quote(q.extraColumns.get(i).key()), q.extraSelect.get(i)));
        }
        if (q.leadingSelect != null) {
            sel.add(0, q.leadingSelect);
        }
        if (q.distinct && q.distinctFields.isEmpty() && !order.isEmpty() && q.combinators.isEmpty()) {
            // Django's get_extra_select: SELECT DISTINCT also lists the ORDER BY terms it does not select
            // (so they take part in what is distinct); they are SQL-only, not result columns.
            for (Frag f : orderTerms) {
                if (sel.stream().noneMatch(x -> x.sql().equals(f.sql()) || x.sql().startsWith(f.sql() + " AS "))) {
                    sel.add(f);
                }
            }
        }
        columns.addAll(q.extraColumns);
        return Frag.join(", ", sel);
    }

    /** LIMIT / OFFSET of the query's slice (with a leading space), or "". */
    static String limitSql(SqlQuery q) {
        if (q.high != null) {
            return " LIMIT " + (q.high - (q.low == null ? 0 : q.low)) + (q.low != null ? " OFFSET " + q.low : "");
        }
        if (q.low != null) {
            return q.dialect.ops().offsetOnly(q.low);
        }
        return "";
    }
}
