package studio.queryset.sql;

import java.util.ArrayList;
import java.util.List;
import studio.queryset.query.Expression;
import studio.queryset.query.QueryException;
import studio.queryset.query.Step;
import studio.queryset.schema.Schema;
import studio.queryset.schema.ValueType;

/**
 * The QuerySet methods that end a chain and read (count, exists, get, first, last, earliest, latest, qs[n]),
 * each as Django's QuerySet method shapes the query before it runs; the plan says how to read the answer.
 */
final class Terminals {
    private final Schema schema;
    private final Dialect dialect;
    private final SqlQuery q;

    Terminals(Schema schema, Dialect dialect, SqlQuery q) {
        this.schema = schema;
        this.dialect = dialect;
        this.q = q;
    }

    /** The rows (no terminal, or iterator()). */
    QueryPlan rows() {
        return plan(QueryPlan.Kind.ROWS, rowsPlan());
    }

    /** {@code qs[n]}: one row at an offset. */
    QueryPlan index(Step.Index idx) {
        q.setLimits(idx.index(), idx.index() + 1);
        return plan(QueryPlan.Kind.INDEX, rowsPlan());
    }

    /**
     * Django's get_count: {@code COUNT(*)}, over the query as a subquery when it groups, is distinct, sliced,
     * combined or annotated (get_aggregation's rule).
     */
    QueryPlan count() {
        q.dropPresentation();
        if (q.empty) {
            q.where.add(Frag.of("1 = 0"));
            q.empty = false;
        }
        List<OutColumn> column = List.of(new OutColumn(List.of(), "__count", ValueType.INTEGER, false));
        CompiledQuery sql;
        if (Aggregation.needsSubquery(q)) {
            sql = CompiledQuery.of(Frag.format("SELECT COUNT(*) FROM (%s) " + dialect.quote("subquery"),
                    Frag.of(q.build().query())));
        } else {
            sql = q.build(Frag.of("COUNT(*) AS " + dialect.quote("__count"))).query();
        }
        return plan(QueryPlan.Kind.COUNT, new SelectPlan(sql, q.model.name(), column, RowShape.FLAT, List.of(), true,
                0));
    }

    /** Django's exists(): {@link SqlQuery#asExists}, read as a row or none. */
    QueryPlan exists() {
        CompiledQuery sql = q.asExists();
        return plan(QueryPlan.Kind.EXISTS, new SelectPlan(sql, q.model.name(),
                List.of(new OutColumn(List.of(), "a", ValueType.INTEGER, false)), RowShape.FLAT, List.of(), true, 0));
    }

    /** get(**kwargs): filtered, unordered, at most 21 rows read (to say "it returned more than 20"). */
    QueryPlan get(Step.Terminal t) {
        if (t.condition() != null) {
            q.apply(t.condition());
        }
        if (!q.isSliced()) {
            q.high = 21L; // Django's MAX_GET_RESULTS + 1
        }
        if (q.distinctFields.isEmpty()) {
            q.clearOrdering(true); // Django's get() drops the ordering: it cannot matter
        }
        return plan(QueryPlan.Kind.GET, rowsPlan());
    }

    /** first() / last(): the query's ordering (or pk's), reversed for last(), one row. */
    QueryPlan firstOrLast(boolean last) {
        if (q.isSliced() && (last || !q.isOrdered())) {
            throw q.isOrdered() ? new QueryException("TypeError", "Cannot reverse a query once a slice has "
                    + "been taken.") : new QueryException("AssertionError", "Cannot reorder a query once a "
                    + "slice has been taken.");
        }
        if (!q.isOrdered()) {
            q.ordering = List.of(OrderByCompiler.parseOrder("pk"));
        }
        if (last) {
            q.reverseOrdering();
        }
        q.setLimits(0L, 1L);
        return plan(last ? QueryPlan.Kind.LAST : QueryPlan.Kind.FIRST, rowsPlan());
    }

    /** earliest(*fields) / latest(*fields): ordered by the fields (descending for latest), one row. */
    QueryPlan earliestOrLatest(Step.Terminal t, boolean latest) {
        List<String> fields = t.fields().isEmpty() ? q.model.latestBy() : t.fields();
        if (fields.isEmpty()) {
            throw new QueryException("ValueError", "earliest() and latest() require either fields as "
                    + "positional arguments or 'get_latest_by' in the model's Meta.");
        }
        List<Expression.OrderBy> order = new ArrayList<>();
        for (String f : fields) {
            Expression.OrderBy o = OrderByCompiler.parseOrder(f);
            if (latest) {
                o = new Expression.OrderBy(o.expression(), !o.descending(), null, null, true);
            }
            order.add(o);
        }
        q.ordering = order;
        q.reversed = false;
        q.setLimits(0L, 1L);
        return plan(QueryPlan.Kind.SINGLE, rowsPlan());
    }

    private QueryPlan plan(QueryPlan.Kind kind, SelectPlan select) {
        return new QueryPlan(kind, select, List.of(), q.model.name());
    }

    /** The SELECT of the rows, with the prefetch queries that follow it. */
    private SelectPlan rowsPlan() {
        SelectPlan plan = q.build();
        if (q.prefetchLookups().isEmpty()) {
            return plan;
        }
        if (q.valuesFields != null) {
            throw new QueryException("TypeError", "'prefetch_related' is not supported with values() or "
                    + "values_list(): they return dicts and tuples, not objects to attach to");
        }
        List<PrefetchPlan> prefetches = PrefetchPlanner.plan(schema, dialect, q.model, q.prefetchLookups());
        return new SelectPlan(plan.query(), plan.model(), plan.columns(), plan.shape(), prefetches, plan.ordered(),
                plan.paramsBeforeKeys());
    }
}
