package studio.queryset.run;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import studio.queryset.query.QueryException;
import studio.queryset.sql.CompiledQuery;
import studio.queryset.sql.Dialect;
import studio.queryset.sql.OutColumn;
import studio.queryset.sql.ParamRef;
import studio.queryset.sql.PrefetchPlan;
import studio.queryset.sql.QueryPlan;
import studio.queryset.sql.RowShape;
import studio.queryset.sql.SelectPlan;
import studio.queryset.sql.WriteStatement;

/**
 * Runs a {@link QueryPlan} on a JDBC connection and returns what Django would: a list of objects (maps with
 * select_related objects nested and prefetched lists attached), dicts, tuples, scalars, a count, a boolean.
 * Every statement is logged. Writes run only when the caller allows them, inside one transaction.
 *
 * <p>{@link #cancel()} may be called from any thread while {@link #execute} runs: it cancels the JDBC statement
 * in flight ({@link Statement#cancel()}; sqlite-jdbc interrupts the database) and the run ends with a
 * {@link QueryException} of kind {@code Cancelled}. The connection stays usable, unless the server did not end
 * the statement within {@link Cancellation#GRACE}: then the connection is closed (see {@link Cancellation}).
 */
public final class Executor {

    private final Connection conn;
    private final Dialect dialect;
    private final QueryLog log;
    /** The statement executing now, for {@link #cancel()}; null between statements. */
    private volatile Statement current;
    private volatile boolean cancelled;
    private volatile boolean timedOut;
    /** The server did not end a cancelled statement: the connection was aborted under it. */
    private volatile boolean aborted;
    private java.time.Duration timeLimit;
    private int prefetchBatch;
    /** One daemon thread arms every executor's time limit. */
    private static final java.util.concurrent.ScheduledExecutorService TIMERS =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "query-time-limit");
                t.setDaemon(true);
                return t;
            });

    private Map<String, Object> paramValues = Map.of();

    public Executor(Connection conn, Dialect dialect, QueryLog log) {
        this.conn = conn;
        this.dialect = dialect;
        this.log = log;
    }

    /** Values for the named {@code Param}s of the queries this executor runs. */
    public Executor withParams(Map<String, Object> values) {
        this.paramValues = new HashMap<>(values);
        return this;
    }

    /**
     * What a write may do: nothing, change data, run and roll back, or run inside the caller's open
     * transaction and leave ending it to the caller ({@link WritePreview} looks at the rows in between).
     * {@code JOIN} is Django's own rule for code a caller runs: with auto-commit on, a transaction of its own,
     * committed (or rolled back on failure); with auto-commit off, the caller's transaction, which it neither
     * commits nor rolls back.
     */
    public enum WriteMode { DENY, COMMIT, ROLLBACK, PENDING, JOIN }

    public Object execute(QueryPlan plan, boolean allowWrites) {
        return execute(plan, allowWrites ? WriteMode.COMMIT : WriteMode.DENY);
    }

    /**
     * Cancels the {@link #execute} in progress, from any thread: the statement running now is cancelled and no
     * further statement (prefetch, write) starts. A call while nothing runs has no lasting effect. Returns the
     * sending of the server's cancel request, which happens off this thread.
     */
    public java.util.concurrent.Future<?> cancel() {
        cancelled = true;
        Statement s = current;
        if (s == null) {
            return java.util.concurrent.CompletableFuture.completedFuture(null);
        }
        // the flag stops what would come next; the watchdog ends a statement a dead server never answers
        return Cancellation.cancel(s, conn, dialect != Dialect.SQLITE, () -> current == s, () -> aborted = true);
    }

    /** Keys per prefetch IN-list (default: under the database's parameter limit); smaller for tests. */
    public Executor withPrefetchBatch(int keysPerQuery) {
        this.prefetchBatch = Math.max(1, keysPerQuery);
        return this;
    }

    /** Runs longer than {@code limit} are cancelled and end as {@code TimedOut}; null or zero: no limit. */
    public Executor withTimeLimit(java.time.Duration limit) {
        this.timeLimit = limit;
        return this;
    }

    public Object execute(QueryPlan plan, WriteMode writes) {
        cancelled = false;
        timedOut = false;
        aborted = false;
        java.util.concurrent.ScheduledFuture<?> timer = null;
        if (timeLimit != null && !timeLimit.isZero() && !timeLimit.isNegative()) {
            timer = TIMERS.schedule(() -> {
                timedOut = true;
                cancel();
            }, timeLimit.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        }
        try {
            return dispatch(plan, writes);
        } catch (QueryException e) {
            if (timedOut && e.kind().equals("Cancelled")) {
                throw timedOutError();
            }
            throw e;
        } finally {
            if (timer != null) {
                timer.cancel(false);
            }
        }
    }

    private QueryException timedOutError() {
        return new QueryException("TimedOut", "timed out after " + (timeLimit.toMillis() >= 1000
                ? timeLimit.toMillis() / 1000.0 + " s" : timeLimit.toMillis() + " ms")
                + " (the time limit); the query was cancelled" + (aborted ? Cancellation.abortedNote()
                : " and the connection is still usable"));
    }

    private Object dispatch(QueryPlan plan, WriteMode writes) {
        try {
            return switch (plan.kind()) {
                case ROWS -> rows(plan.select(), "main");
                case COUNT -> {
                    List<Object> r = rows(plan.select(), "count");
                    yield r.isEmpty() ? 0L : r.get(0);
                }
                case EXISTS -> !rows(plan.select(), "exists").isEmpty();
                case AGGREGATE -> rows(plan.select(), "aggregate").get(0);
                case GET -> single(plan, rows(plan.select(), "get"));
                case FIRST, LAST -> {
                    List<Object> r = rows(plan.select(), plan.kind().name().toLowerCase());
                    yield r.isEmpty() ? null : r.get(0);
                }
                case SINGLE -> {
                    List<Object> r = rows(plan.select(), "main");
                    if (r.isEmpty()) {
                        throw new QueryException("DoesNotExist", plan.model() + " matching query does not exist.");
                    }
                    yield r.get(0);
                }
                case INDEX -> {
                    List<Object> r = rows(plan.select(), "main");
                    if (r.isEmpty()) {
                        throw new QueryException("IndexError", "list index out of range");
                    }
                    yield r.get(0);
                }
                case RAW -> raw(plan.select(), writes);
                case UPDATE, DELETE, CREATE, BULK_CREATE -> write(plan, writes);
            };
        } catch (SQLException e) {
            if (cancelled) {
                throw cancelledError();
            }
            throw Connections.translate(e);
        }
    }

    private QueryException cancelledError() {
        return new QueryException("Cancelled", aborted ? "cancelled" + Cancellation.abortedNote() : "cancelled");
    }

    /** Registers the statement about to run so that {@link #cancel()} reaches it; fails if already cancelled. */
    private void starting(Statement s) {
        current = s;
        if (cancelled) {
            current = null;
            throw cancelledError();
        }
    }

    private void checkCancelled() {
        if (cancelled) {
            throw cancelledError();
        }
    }

    private Object single(QueryPlan plan, List<Object> rows) {
        if (rows.isEmpty()) {
            throw new QueryException("DoesNotExist", plan.model() + " matching query does not exist.");
        }
        if (rows.size() > 1) {
            String n = rows.size() > 20 ? "more than 20" : String.valueOf(rows.size());
            throw new QueryException("MultipleObjectsReturned", "get() returned more than one " + plan.model()
                    + " -- it returned " + n + "!");
        }
        return rows.get(0);
    }

    private Object write(QueryPlan plan, WriteMode mode) throws SQLException {
        if (mode == WriteMode.DENY) {
            throw new QueryException("WritesDisabled", plan.kind().name().toLowerCase() + "() changes data; it runs "
                    + "only when writes are allowed (--allow-writes on the command line)");
        }
        boolean auto = conn.getAutoCommit();
        // only JOIN leaves a transaction it did not open alone
        boolean own = mode != WriteMode.JOIN || auto;
        if (own) {
            conn.setAutoCommit(false);
        }
        long total = 0;
        List<Object> created = new ArrayList<>();
        try {
            for (WriteStatement w : plan.write()) {
                CompiledQuery q = w.query();
                long start = System.nanoTime();
                try (PreparedStatement ps = conn.prepareStatement(q.sql())) {
                    starting(ps);
                    bind(ps, q.params());
                    if (w.effect() == WriteStatement.Effect.GUARD) {
                        try (ResultSet rs = ps.executeQuery()) {
                            boolean found = rs.next();
                            log.add(new LoggedStatement(q.sql(), q.params(), millis(start), found ? 1 : 0, "guard"));
                            if (found) {
                                throw new QueryException("ProtectedError", w.message());
                            }
                        }
                        continue;
                    }
                    if (w.effect() == WriteStatement.Effect.RETURNING) {
                        List<OutColumn> cols = plan.select().columns();
                        int before = created.size();
                        try (ResultSet rs = ps.executeQuery()) {
                            ValueReader.Columns reads = ValueReader.Columns.of(rs, cols);
                            while (rs.next()) {
                                Object[] r = new Object[cols.size()];
                                for (int i = 0; i < r.length; i++) {
                                    r[i] = reads.read(i + 1);
                                }
                                created.add(shape(RowShape.MODEL, cols, r));
                            }
                        }
                        log.add(new LoggedStatement(q.sql(), q.params(), millis(start), created.size() - before,
                                "create"));
                        continue;
                    }
                    int n = ps.executeUpdate();
                    if (w.effect() == WriteStatement.Effect.COUNTED) {
                        total += n;
                    }
                    log.add(new LoggedStatement(q.sql(), q.params(), millis(start), n, plan.kind().name()
                            .toLowerCase()));
                } finally {
                    current = null;
                }
            }
            if (mode == WriteMode.COMMIT || (mode == WriteMode.JOIN && own)) {
                conn.commit();
            } else if (mode == WriteMode.ROLLBACK) {
                conn.rollback();
            }
        } catch (SQLException | RuntimeException e) {
            if (own) {
                conn.rollback();
            }
            throw e;
        } finally {
            if (own) {
                conn.setAutoCommit(auto);
            }
        }
        if (plan.kind() == QueryPlan.Kind.CREATE) {
            return created.isEmpty() ? null : created.get(0);
        }
        if (plan.kind() == QueryPlan.Kind.BULK_CREATE) {
            return created;
        }
        return total;
    }

    private static double millis(long start) {
        return Math.round((System.nanoTime() - start) / 10_000.0) / 100.0;
    }

    void bind(PreparedStatement ps, List<Object> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            Object p = params.get(i);
            if (p instanceof ParamRef ref) {
                if (!paramValues.containsKey(ref.name())) {
                    throw new QueryException("ValueError", "Parameter '" + ref.name() + "' has no value; give it "
                            + "one before running the query");
                }
                p = ref.bind(dialect, paramValues.get(ref.name()));
            }
            if (p == null) {
                ps.setNull(i + 1, java.sql.Types.NULL);
            } else {
                ps.setObject(i + 1, p);
            }
        }
    }

    private List<Object[]> fetch(CompiledQuery q, int width, List<OutColumn> cols, String cause)
            throws SQLException {
        long start = System.nanoTime();
        List<Object[]> out = new ArrayList<>();
        try (PreparedStatement ps = conn.prepareStatement(q.sql())) {
            starting(ps);
            bind(ps, q.params());
            try (ResultSet rs = ps.executeQuery()) {
                ValueReader.Columns reads = ValueReader.Columns.of(rs, cols.subList(0, width));
                while (rs.next()) {
                    checkCancelled();
                    Object[] row = new Object[width];
                    for (int i = 0; i < width; i++) {
                        row[i] = reads.read(i + 1);
                    }
                    out.add(row);
                }
            }
        } finally {
            current = null;
        }
        log.add(new LoggedStatement(q.sql(), q.params(), millis(start), out.size(), cause));
        return out;
    }

    List<Object> rows(SelectPlan plan, String cause) throws SQLException {
        List<OutColumn> cols = plan.columns();
        List<Object[]> raw = fetch(plan.query(), cols.size(), cols, cause);
        List<Object> out = new ArrayList<>(raw.size());
        RowMap.Layout layout = RowMap.Layout.of(cols);
        for (Object[] r : raw) {
            out.add(shape(plan.shape(), cols, r, layout));
        }
        if (!plan.prefetches().isEmpty() && plan.shape() == RowShape.MODEL) {
            List<Map<String, Object>> parents = new ArrayList<>();
            for (Object o : out) {
                @SuppressWarnings("unchecked")
                Map<String, Object> m = (Map<String, Object>) o;
                parents.add(m);
            }
            prefetch(parents, plan.prefetches());
        }
        return out;
    }

    static Object shape(RowShape shape, List<OutColumn> cols, Object[] r) {
        return shape(shape, cols, r, null);
    }

    /** {@code layout}: the query's {@link RowMap.Layout} when all its columns are flat, else null. */
    static Object shape(RowShape shape, List<OutColumn> cols, Object[] r, RowMap.Layout layout) {
        if (layout != null && (shape == RowShape.MODEL || shape == RowShape.VALUES || shape == RowShape.NAMED)) {
            return new RowMap(layout, r);
        }
        switch (shape) {
            case FLAT:
                return r[0];
            case VALUES_LIST: {
                List<Object> t = new ArrayList<>();
                for (int i = 0; i < cols.size(); i++) {
                    if (!cols.get(i).hidden()) {
                        t.add(r[i]);
                    }
                }
                return t;
            }
            case VALUES:
            case NAMED: {
                Map<String, Object> m = new LinkedHashMap<>();
                for (int i = 0; i < cols.size(); i++) {
                    if (!cols.get(i).hidden()) {
                        m.put(cols.get(i).key(), r[i]);
                    }
                }
                return m;
            }
            default:
                return object(cols, r);
        }
    }

    /** A model instance: own fields and annotations, then select_related objects nested (null when absent). */
    private static Map<String, Object> object(List<OutColumn> cols, Object[] r) {
        Map<String, Object> root = new LinkedHashMap<>(cols.size() * 2);
        boolean nestedColumns = false;
        for (int i = 0; i < cols.size(); i++) {
            OutColumn c = cols.get(i);
            if (!c.relationPath().isEmpty()) {
                nestedColumns = true;
            } else if (!c.hidden()) {
                root.put(c.key(), r[i]);
            }
        }
        if (!nestedColumns) {
            return root;
        }
        root.clear();
        Map<List<String>, Map<String, Object>> nested = new LinkedHashMap<>();
        Map<List<String>, Boolean> present = new HashMap<>();
        for (int i = 0; i < cols.size(); i++) {
            OutColumn c = cols.get(i);
            if (c.hidden()) {
                continue;
            }
            if (c.relationPath().isEmpty()) {
                root.put(c.key(), r[i]);
                continue;
            }
            Map<String, Object> target = nested.computeIfAbsent(c.relationPath(), k -> new LinkedHashMap<>());
            if (!present.containsKey(c.relationPath())) {
                present.put(c.relationPath(), r[i] != null); // the first column of a related object is its pk
            }
            target.put(c.key(), r[i]);
        }
        for (var e : nested.entrySet()) {
            List<String> path = e.getKey();
            Map<String, Object> parent = root;
            boolean reachable = true;
            for (int k = 0; k < path.size() - 1; k++) {
                Object p = parent.get(path.get(k));
                if (!(p instanceof Map)) {
                    reachable = false;
                    break;
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> pm = (Map<String, Object>) p;
                parent = pm;
            }
            if (reachable) {
                parent.put(path.get(path.size() - 1), Boolean.TRUE.equals(present.get(path)) ? e.getValue() : null);
            }
        }
        return root;
    }

    /** Runs each prefetch level once per batch of parent keys and attaches the children. */
    void prefetch(List<Map<String, Object>> parents, List<PrefetchPlan> plans) throws SQLException {
        for (PrefetchPlan p : plans) {
            Set<Object> keys = new LinkedHashSet<>();
            for (Map<String, Object> parent : parents) {
                Object k = parent.get(p.parentKey());
                if (k != null) {
                    keys.add(k);
                }
            }
            Map<Object, List<Map<String, Object>>> byKey = new HashMap<>();
            List<Map<String, Object>> allChildren = new ArrayList<>();
            List<Object> keyList = new ArrayList<>(keys);
            int batch = prefetchBatch > 0 ? prefetchBatch : dialect.ops().prefetchBatchSize();
            for (int from = 0; from < keyList.size(); from += batch) {
                List<Object> slice = keyList.subList(from, Math.min(keyList.size(), from + batch));
                CompiledQuery q = withKeys(p.query(), slice);
                List<OutColumn> cols = p.query().columns();
                for (Object[] r : fetch(q, cols.size(), cols, "prefetch " + p.attribute())) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> child = (Map<String, Object>) shape(RowShape.MODEL, cols, r);
                    byKey.computeIfAbsent(normalizeKey(r[p.childKeyColumn()]), k -> new ArrayList<>()).add(child);
                    allChildren.add(child);
                }
            }
            if (!p.nested().isEmpty()) {
                prefetch(allChildren, p.nested());
            }
            for (Map<String, Object> parent : parents) {
                List<Map<String, Object>> children = byKey.getOrDefault(normalizeKey(parent.get(p.parentKey())),
                        List.of());
                if (p.many()) {
                    parent.put(p.attribute(), new ArrayList<>(children));
                } else {
                    parent.put(p.attribute(), children.isEmpty() ? null : children.get(0));
                }
            }
        }
    }

    private static Object normalizeKey(Object k) {
        return k instanceof Number n ? (Object) n.longValue() : k;
    }

    /** The prefetch query with its IN list expanded to one placeholder per key. */
    static CompiledQuery withKeys(SelectPlan plan, List<Object> keys) {
        String marker = PrefetchPlan.KEYS_MARKER;
        String sql = plan.query().sql().replace(marker, String.join(", ", java.util.Collections.nCopies(keys.size(),
                "?")));
        List<Object> params = new ArrayList<>(plan.query().params());
        params.addAll(plan.paramsBeforeKeys(), keys);
        return new CompiledQuery(sql, params);
    }

    /**
     * raw(): rows keyed by the model's attnames where a column is one of its fields (converted by the field's
     * type), by the column label otherwise. Like Django, the primary key must be among the columns.
     */
    private List<Object> raw(SelectPlan plan, WriteMode writes) throws SQLException {
        CompiledQuery q = plan.query();
        boolean mayWrite = writes == WriteMode.COMMIT;
        if (!mayWrite) {
            StatementGuard.requireRead(q.sql(), dialect);
        }
        long start = System.nanoTime();
        List<Object> out = mayWrite ? readRaw(plan, true)
                : ReadOnlyTransaction.run(conn, dialect, () -> readRaw(plan, false));
        log.add(new LoggedStatement(q.sql(), q.params(), millis(start), out.size(), "raw"));
        return out;
    }

    private List<Object> readRaw(SelectPlan plan, boolean mayWrite) throws SQLException {
        CompiledQuery q = plan.query();
        List<Object> out = new ArrayList<>();
        Map<String, OutColumn> byColumn = new HashMap<>();
        String pkColumn = null;
        for (OutColumn c : plan.columns()) {
            byColumn.put(c.sourceColumn(), c);
            if (c.hidden()) {
                pkColumn = c.sourceColumn(); // the pk is flagged hidden in raw plans
            }
        }
        try (PreparedStatement ps = conn.prepareStatement(q.sql())) {
            starting(ps);
            bind(ps, q.params());
            boolean hasRows = ps.execute();
            if (!hasRows) {
                throw new QueryException("TypeError", "raw() must run a SELECT" + (mayWrite
                        ? "; the statement ran (writes are allowed) and changed " + ps.getUpdateCount() + " rows, "
                        + "but returns none" : "") + "; use update() or delete() to change data");
            }
            try (ResultSet rs = ps.getResultSet()) {
                ResultSetMetaData md = rs.getMetaData();
                boolean hasPk = false;
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    hasPk |= md.getColumnLabel(i).equals(pkColumn);
                }
                if (pkColumn != null && !hasPk) {
                    throw new QueryException("FieldDoesNotExist", "Raw query must include the primary key");
                }
                int width = md.getColumnCount();
                String[] keys = new String[width];
                studio.queryset.schema.ValueType[] types = new studio.queryset.schema.ValueType[width];
                for (int i = 1; i <= width; i++) {
                    OutColumn field = byColumn.get(md.getColumnLabel(i));
                    keys[i - 1] = field != null ? field.key() : md.getColumnLabel(i);
                    types[i - 1] = field != null ? field.type() : null; // null: read as the driver types it
                }
                ValueReader.Columns reads = ValueReader.Columns.of(rs, types);
                while (rs.next()) {
                    checkCancelled();
                    Map<String, Object> m = new LinkedHashMap<>();
                    for (int i = 1; i <= width; i++) {
                        m.put(keys[i - 1], reads.read(i));
                    }
                    out.add(m);
                }
            }
        } finally {
            current = null;
        }
        return out;
    }
}
