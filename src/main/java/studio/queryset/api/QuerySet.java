package studio.queryset.api;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import studio.queryset.django.DjangoPrinter;
import studio.queryset.query.Expression;
import studio.queryset.query.ListParams;
import studio.queryset.query.Prefetch;
import studio.queryset.query.Q;
import studio.queryset.query.QueryException;
import studio.queryset.query.Step;
import studio.queryset.run.Connections;
import studio.queryset.run.Executor;
import studio.queryset.run.SessionTimeZone;
import studio.queryset.run.QueryLog;
import studio.queryset.run.RowStream;
import studio.queryset.schema.Schema;
import studio.queryset.sql.CompiledQuery;
import studio.queryset.sql.Dialect;
import studio.queryset.sql.QueryPlan;
import studio.queryset.sql.SqlCompiler;

/**
 * Django's QuerySet for Java programs: immutable and lazy. Builder methods return a new QuerySet and touch no
 * database; evaluation methods ({@link #list}, {@link #count}, {@link #get}, ...) take a JDBC connection and
 * run the SQL the engine compiles, with bound parameters only.
 *
 * <pre>{@code
 * List<Row> posts = QuerySet.of(schema, "Post")
 *         .filter(q("title__icontains", "django").or(q("body__icontains", "django")))
 *         .selectRelated("author")
 *         .prefetchRelated("tags")
 *         .list(connection);
 * }</pre>
 *
 * Every evaluation logs its statements to the {@link QueryLog} given with {@link #withLog}, if any. Writes
 * ({@link #update}, {@link #delete}) change data; connections opened by {@code Connections.open(url, false)}
 * refuse them.
 */
public final class QuerySet {
    private static final ExecutorService ASYNC = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "queryset-async");
        t.setDaemon(true);
        return t;
    });

    private final Schema schema;
    private final studio.queryset.query.QuerySet query;
    private final QueryLog log;
    private final Map<String, Object> params;

    private QuerySet(Schema schema, studio.queryset.query.QuerySet query, QueryLog log, Map<String, Object> params) {
        this.schema = schema;
        this.query = query;
        this.log = log;
        this.params = params;
    }

    /** {@code Model.objects.all()}; the model must be in the schema. */
    public static QuerySet of(Schema schema, String model) {
        return new QuerySet(schema, studio.queryset.query.QuerySet.of(schema.model(model).name()), null, Map.of());
    }

    /** Wraps a query from the query model (the canvas, the Django text parser). */
    public static QuerySet of(Schema schema, studio.queryset.query.QuerySet query) {
        return new QuerySet(schema, query, null, Map.of());
    }

    /** The immutable query model this QuerySet stands for. */
    public studio.queryset.query.QuerySet query() {
        return query;
    }

    private QuerySet then(Step step) {
        try {
            return new QuerySet(schema, query.then(step), log, params);
        } catch (IllegalStateException e) {
            throw new QueryException("TypeError", e.getMessage());
        }
    }

    /** Statements of evaluations go to {@code queryLog}. */
    public QuerySet withLog(QueryLog queryLog) {
        return new QuerySet(schema, query, queryLog, params);
    }

    /**
     * Values for {@code param("name")} placeholders; null leaves an optional Param's condition out. The value of
     * an {@code __in} lookup's Param is a collection ({@code q("id__in", param("ids"))} with a {@code List<Long>}):
     * one bound placeholder per element.
     */
    public QuerySet withParams(Map<String, Object> values) {
        return new QuerySet(schema, query, log, java.util.Collections.unmodifiableMap(new java.util.HashMap<>(values)));
    }

    // ---------------------------------------------------------------- building

    public QuerySet filter(Q... conditions) {
        return then(new Step.Filter(List.of(conditions), List.of(), false));
    }

    /** {@code filter(path=value)}. */
    public QuerySet filter(String lookup, Object value) {
        return filter(Exprs.q(lookup, value));
    }

    public QuerySet exclude(Q... conditions) {
        return then(new Step.Filter(List.of(conditions), List.of(), true));
    }

    public QuerySet exclude(String lookup, Object value) {
        return exclude(Exprs.q(lookup, value));
    }

    /** {@code annotate(alias1, expr1, alias2, expr2, ...)}. */
    public QuerySet annotate(Object... aliasAndExpression) {
        return then(new Step.Annotate(List.of(), Exprs.named(aliasAndExpression), false));
    }

    public QuerySet alias(Object... aliasAndExpression) {
        return then(new Step.Annotate(List.of(), Exprs.named(aliasAndExpression), true));
    }

    /** {@code annotate(Count("posts"), n=...)}: positional aggregates get Django's alias ({@code posts__count}). */
    public QuerySet annotate(List<Expression> positional, Object... aliasAndExpression) {
        return then(new Step.Annotate(positional, Exprs.named(aliasAndExpression), false));
    }

    /**
     * {@code order_by("-published_at", "title")}; an item may also be an expression ({@code desc(f("x"), null,
     * true)}, {@code lower("title")}).
     */
    public QuerySet orderBy(Object... items) {
        List<Expression.OrderBy> list = new ArrayList<>();
        for (Object o : items) {
            if (o instanceof Expression.OrderBy ob) {
                list.add(ob);
            } else if (o instanceof Expression e) {
                list.add(new Expression.OrderBy(e, false, null, null, false));
            } else {
                String f = o.toString();
                boolean desc = f.startsWith("-");
                list.add(f.equals("?") ? Expression.OrderBy.random()
                        : new Expression.OrderBy(new Expression.F(desc ? f.substring(1) : f), desc, null, null, true));
            }
        }
        return then(new Step.OrderBy(list));
    }

    public QuerySet all() {
        return then(new Step.Simple("all"));
    }

    public QuerySet reverse() {
        return then(new Step.Simple("reverse"));
    }

    public QuerySet none() {
        return then(new Step.Simple("none"));
    }

    public QuerySet distinct(String... fields) {
        return then(new Step.Distinct(List.of(fields)));
    }

    public QuerySet values(String... fields) {
        return then(new Step.Values(List.of(fields), Map.of()));
    }

    /** {@code values("id", n=F(...))}: fields, then alias, expression pairs. */
    public QuerySet values(List<String> fields, Object... aliasAndExpression) {
        return then(new Step.Values(fields, Exprs.named(aliasAndExpression)));
    }

    /** {@code values_list(..., named=True)}: rows with the names as keys. */
    public QuerySet valuesListNamed(String... fields) {
        return then(new Step.ValuesList(List.of(fields), false, true));
    }

    public QuerySet valuesList(String... fields) {
        return then(new Step.ValuesList(List.of(fields), false, false));
    }

    public QuerySet valuesListFlat(String field) {
        return then(new Step.ValuesList(List.of(field), true, false));
    }

    public QuerySet only(String... fields) {
        return then(new Step.Only(List.of(fields), false));
    }

    public QuerySet defer(String... fields) {
        return then(new Step.Only(List.of(fields), true));
    }

    public QuerySet selectRelated(String... paths) {
        return then(new Step.SelectRelated(List.of(paths)));
    }

    /** Lookups as strings or {@link Prefetch} objects ({@link Exprs#prefetch}). */
    public QuerySet prefetchRelated(Object... lookups) {
        List<Prefetch> items = new ArrayList<>();
        for (Object o : lookups) {
            items.add(o instanceof Prefetch p ? p : Prefetch.of(o.toString()));
        }
        return then(new Step.PrefetchRelated(items));
    }

    /** {@code qs[from:to]}; either bound may be null. */
    public QuerySet slice(Integer from, Integer to) {
        return then(new Step.Slice(from == null ? null : Long.valueOf(from), to == null ? null : Long.valueOf(to)));
    }

    public QuerySet union(QuerySet... others) {
        return combine("union", false, others);
    }

    /**
     * {@code this | other}: the rows either matches, as one query (Django's Query.combine: the other's filters
     * joined with OR, its joins reused where equal; its ordering wins when it has one).
     */
    public QuerySet or(QuerySet other) {
        return then(Step.Combine.operator(Step.Combine.OR, other.query));
    }

    /** {@code this & other}: the rows both match, as one query (the other's multi-valued joins are its own). */
    public QuerySet and(QuerySet other) {
        return then(Step.Combine.operator(Step.Combine.AND, other.query));
    }

    /** {@code union}, {@code intersection} or {@code difference}; {@code all}: {@code union(..., all=True)}. */
    public QuerySet combine(String operator, boolean all, QuerySet... others) {
        if (!List.of("union", "intersection", "difference").contains(operator)) {
            throw new IllegalArgumentException("not a set operation: " + operator);
        }
        List<studio.queryset.query.QuerySet> qs = new ArrayList<>();
        for (QuerySet o : others) {
            qs.add(o.query);
        }
        return then(new Step.Combine(operator, qs, all));
    }

    /**
     * {@code Model.objects.raw(sql, params)}: the SQL as written, with {@code %s} placeholders bound to
     * {@code params} in order; {@link #list} gives rows with the columns the statement selects.
     */
    public QuerySet raw(String sql, Object... params) {
        List<Expression> values = new ArrayList<>();
        for (Object p : params) {
            values.add(Exprs.asExpression(p));
        }
        return then(new Step.Raw(sql, values));
    }

    // ---------------------------------------------------------------- evaluating

    /** Runs on the caller's connection with the session at UTC, as the studio's own connections are. */
    private Object run(Connection conn, studio.queryset.query.QuerySet q, Executor.WriteMode writes) {
        Dialect dialect = Connections.prepare(conn);
        QueryPlan plan = SqlCompiler.planFor(schema, ListParams.withValues(q, params), dialect, params);
        String zone = SessionTimeZone.atUtc(conn, dialect);
        try {
            return new Executor(conn, dialect, log == null ? new QueryLog() : log).withParams(params)
                    .execute(plan, writes);
        } finally {
            SessionTimeZone.restore(conn, zone);
        }
    }

    private Object terminal(Connection conn, String method) {
        return run(conn, query.then(new Step.Terminal(method, null, List.of())), Executor.WriteMode.DENY);
    }

    /** Model instances (or values() dicts) as rows. */
    public List<Row> list(Connection conn) {
        List<Row> rows = new ArrayList<>();
        for (Object o : (List<?>) run(conn, query, Executor.WriteMode.DENY)) {
            rows.add(Row.of(o));
        }
        return rows;
    }

    /** values_list(): one list of values per row ({@link #valuesListFlat}: the values themselves). */
    public List<Object> tuples(Connection conn) {
        return new ArrayList<>((List<?>) run(conn, query, Executor.WriteMode.DENY));
    }

    public long count(Connection conn) {
        return ((Number) terminal(conn, "count")).longValue();
    }

    public boolean exists(Connection conn) {
        return (Boolean) terminal(conn, "exists");
    }

    public Optional<Row> first(Connection conn) {
        Object o = terminal(conn, "first");
        return o == null ? Optional.empty() : Optional.of(Row.of(o));
    }

    public Optional<Row> last(Connection conn) {
        Object o = terminal(conn, "last");
        return o == null ? Optional.empty() : Optional.of(Row.of(o));
    }

    /** {@code qs[n]}: the n-th row; {@code QueryException} kind IndexError when there is none. */
    public Row index(Connection conn, long n) {
        return Row.of(run(conn, query.then(new Step.Index(n)), Executor.WriteMode.DENY));
    }

    /** {@code latest("field", ...)} (no fields: Meta.get_latest_by); DoesNotExist when there is no row. */
    public Row latest(Connection conn, String... fields) {
        return Row.of(run(conn, query.then(new Step.Terminal("latest", null, List.of(fields))),
                Executor.WriteMode.DENY));
    }

    public Row earliest(Connection conn, String... fields) {
        return Row.of(run(conn, query.then(new Step.Terminal("earliest", null, List.of(fields))),
                Executor.WriteMode.DENY));
    }

    /** {@code aggregate(Count("id"), total=Sum(...))}: positional aggregates under Django's alias. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> aggregate(Connection conn, List<Expression> positional, Object... aliasAndExpression) {
        return (Map<String, Object>) run(conn, query.then(new Step.Aggregate(positional,
                Exprs.named(aliasAndExpression))), Executor.WriteMode.DENY);
    }

    /** The one row matching; {@code QueryException} kind DoesNotExist or MultipleObjectsReturned otherwise. */
    public Row get(Connection conn, Q... conditions) {
        Step.Filter f = conditions.length == 0 ? null : new Step.Filter(List.of(conditions), List.of(), false);
        return Row.of(run(conn, query.then(new Step.Terminal("get", f, List.of())), Executor.WriteMode.DENY));
    }

    /** {@code aggregate(alias1, expr1, ...)}. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> aggregate(Connection conn, Object... aliasAndExpression) {
        return (Map<String, Object>) run(conn, query.then(new Step.Aggregate(List.of(),
                Exprs.named(aliasAndExpression))), Executor.WriteMode.DENY);
    }

    /**
     * Streams rows without holding them all (Django's {@code iterator(chunk_size)}): a server-side cursor on
     * PostgreSQL, a forward-only read on SQLite. Close the stream (try-with-resources) to free the cursor.
     */
    public Stream<Row> iterator(Connection conn, int chunkSize) {
        Dialect dialect = Connections.prepare(conn);
        QueryPlan plan = SqlCompiler.planFor(schema, ListParams.withValues(query, params), dialect, params);
        String zone = SessionTimeZone.atUtc(conn, dialect);
        RowStream stream;
        try {
            stream = RowStream.open(conn, dialect, plan.select(), chunkSize, params,
                    log == null ? new QueryLog() : log);
        } catch (RuntimeException e) {
            SessionTimeZone.restore(conn, zone);
            throw e;
        }
        // the rows are read while the stream is consumed: the caller's zone comes back when it is closed
        return stream.stream().onClose(() -> SessionTimeZone.restore(conn, zone))
                .map(o -> Row.of(o instanceof Map ? o : Map.of("value", o)));
    }

    /**
     * {@code update(field1, expr1, ...)}; returns rows changed. With auto-commit on it runs in a transaction of
     * its own (committed, or rolled back on failure); with auto-commit off it joins the caller's transaction and
     * neither commits nor rolls back it.
     */
    public long update(Connection conn, Object... fieldAndValue) {
        return ((Number) run(conn, query.then(new Step.Update(Exprs.named(fieldAndValue))),
                Executor.WriteMode.JOIN)).longValue();
    }

    /**
     * {@code delete()} with on_delete handling; returns rows deleted (cascades included). Transactions as
     * {@link #update}: its own with auto-commit on, the caller's (never committed or rolled back here) with it off.
     */
    public long delete(Connection conn) {
        return ((Number) run(conn, query.then(new Step.Terminal("delete", null, List.of())),
                Executor.WriteMode.JOIN)).longValue();
    }

    // ---------------------------------------------------------------- async twins (Django's alist, acount...)

    /**
     * Any evaluation on the API's own threads (daemon, not the common pool that parallel streams share):
     * {@code QuerySet.async(() -> qs.index(connection, 3))}.
     */
    public static <T> CompletableFuture<T> async(java.util.function.Supplier<T> evaluation) {
        return CompletableFuture.supplyAsync(evaluation, ASYNC);
    }

    public CompletableFuture<List<Row>> listAsync(Connection conn) {
        return CompletableFuture.supplyAsync(() -> list(conn), ASYNC);
    }

    public CompletableFuture<Long> countAsync(Connection conn) {
        return CompletableFuture.supplyAsync(() -> count(conn), ASYNC);
    }

    public CompletableFuture<Boolean> existsAsync(Connection conn) {
        return CompletableFuture.supplyAsync(() -> exists(conn), ASYNC);
    }

    public CompletableFuture<Optional<Row>> firstAsync(Connection conn) {
        return CompletableFuture.supplyAsync(() -> first(conn), ASYNC);
    }

    public CompletableFuture<Row> getAsync(Connection conn, Q... conditions) {
        return CompletableFuture.supplyAsync(() -> get(conn, conditions), ASYNC);
    }

    public CompletableFuture<Map<String, Object>> aggregateAsync(Connection conn, Object... aliasAndExpression) {
        return CompletableFuture.supplyAsync(() -> aggregate(conn, aliasAndExpression), ASYNC);
    }

    public CompletableFuture<Long> updateAsync(Connection conn, Object... fieldAndValue) {
        return CompletableFuture.supplyAsync(() -> update(conn, fieldAndValue), ASYNC);
    }

    // ---------------------------------------------------------------- showing

    /** The SQL and parameters this QuerySet compiles to (nothing runs). */
    public CompiledQuery sql(Dialect dialect) {
        return SqlCompiler.compile(schema, query, dialect);
    }

    /** Django text: {@code Post.objects.filter(...)}. */
    @Override
    public String toString() {
        return DjangoPrinter.print(query);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof QuerySet other && other.query.equals(query);
    }

    @Override
    public int hashCode() {
        return query.hashCode();
    }
}
