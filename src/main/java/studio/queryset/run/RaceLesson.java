package studio.queryset.run;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import org.sqlite.BusyHandler;
import studio.queryset.query.Expression;
import studio.queryset.query.Q;
import studio.queryset.query.QueryException;
import studio.queryset.query.QuerySet;
import studio.queryset.query.Step;
import studio.queryset.schema.Field;
import studio.queryset.schema.Model;
import studio.queryset.schema.Schema;
import studio.queryset.sql.Dialect;
import studio.queryset.sql.QueryPlan;
import studio.queryset.sql.SqlCompiler;

/**
 * The tutorial's race lesson, runnable: concurrent workers (each on its own connection, as web requests are)
 * each add 1 to one row's counter many times, first the way {@code post.view_count += 1; post.save()} does it,
 * then with {@code update(view_count=F("view_count") + 1)}. The first reads the value into the program and
 * writes back what it computed, so a worker that read the same value as another overwrites the other's
 * increment: lost updates. The second lets the database add 1 to whatever the row holds when it locks it: none
 * are lost. Every statement is compiled by the engine from the QuerySet Django code would build.
 *
 * <p>The counter gets its original value back afterwards (also when a run fails). SQLite connections wait for
 * each other's locks ({@code busy_timeout}) and run autocommit statements; because SQLite locks the whole
 * database, the read and the write of one worker may rarely interleave with another's, so each worker thinks for
 * {@link Options#thinkTime()} between its read and its write, as a web request computes a response between the
 * two. The F() update needs no such pause and has no window to lose updates in.
 */
public final class RaceLesson {
    /** How long a SQLite connection of the lesson waits for another's lock before "database is locked". */
    static final int BUSY_TIMEOUT_MS = 5000;

    private RaceLesson() {
    }

    /**
     * What to race on and how hard.
     *
     * @param model      the model ({@code Post})
     * @param field      the integer field to increment ({@code view_count})
     * @param pk         the primary key of the row
     * @param workers    concurrent workers, each with its own connection
     * @param increments how many times each worker adds 1
     * @param thinkTime  the pause between the read and the write of the read-modify-write version
     * @param timeout    the longest one version may take
     */
    public record Options(String model, String field, Object pk, int workers, int increments, Duration thinkTime,
                          Duration timeout) {
        public Options {
            if (workers < 2) {
                throw new IllegalArgumentException("a race needs at least two workers");
            }
            if (increments < 1) {
                throw new IllegalArgumentException("increments must be positive");
            }
        }

        /** The tutorial's race: two workers add 1 to {@code Post.view_count} 300 times each, 1 ms think time. */
        public static Options forPost(Object pk) {
            return new Options("Post", "view_count", pk, 2, 300, Duration.ofMillis(1), Duration.ofSeconds(120));
        }

        public Options withIncrements(int n) {
            return new Options(model, field, pk, workers, n, thinkTime, timeout);
        }

        public Options withWorkers(int n) {
            return new Options(model, field, pk, n, increments, thinkTime, timeout);
        }

        public Options withThinkTime(Duration d) {
            return new Options(model, field, pk, workers, increments, d, timeout);
        }
    }

    /**
     * How one version fared.
     *
     * @param code     the Django code each worker runs per increment
     * @param sql      the statements it compiles to
     * @param start    the counter's value before the workers started
     * @param expected start + workers × increments
     * @param actual   the counter's value after all workers finished
     * @param ms       wall time of the race
     */
    public record Outcome(String code, List<String> sql, long start, long expected, long actual, double ms) {
        public Outcome {
            sql = List.copyOf(sql);
        }

        /** Increments that vanished: another worker's write overwrote them. */
        public long lost() {
            return expected - actual;
        }
    }

    /**
     * Both versions on the same row.
     *
     * @param original        the counter's value before the lesson (and after it: {@link #restored})
     * @param readModifyWrite {@code obj.field += 1; obj.save()}
     * @param fExpression     {@code filter(pk=...).update(field=F(field) + 1)}
     * @param restored        the counter was set back to {@code original} and read back equal
     */
    public record Result(Options options, long original, Outcome readModifyWrite, Outcome fExpression,
                         boolean restored) { }

    /** Runs both versions on {@code url} (writes are switched on for the lesson's own connections). */
    public static Result run(String url, Schema schema, Options options) {
        Dialect dialect = Dialect.fromJdbcUrl(url);
        Model model = schema.model(options.model());
        Field field = model.field(options.field()).filter(Field::isConcrete)
                .orElseThrow(() -> QueryException.fieldError(model.name() + " has no field '" + options.field() + "'"));
        Object pk = options.pk();
        String var = model.lowerName();
        String attname = field.attname();

        QueryPlan read = plan(schema, dialect, model, new Step.Terminal("get", pkFilter(pk), List.of()), null);
        QueryPlan increment = plan(schema, dialect, model, new Step.Update(Map.of(attname,
                new Expression.Combined(new Expression.F(attname), "+", Expression.Value.of(1L)))), pk);

        try (Connection admin = open(url, dialect)) {
            long original = readValue(admin, dialect, read, attname);
            try {
                String rmwCode = var + " = " + model.name() + ".objects.get(pk=" + pk + ")\n" + var + "." + attname
                        + " += 1\n" + var + ".save()";
                double msA = race(url, dialect, options, c -> {
                    long seen = readValue(c, dialect, read, attname);
                    think(options.thinkTime());
                    set(c, dialect, schema, model, attname, pk, seen + 1);
                });
                String saveSql = plan(schema, dialect, model, new Step.Update(Map.of(attname, Expression.Value.of(
                        original + 1))), pk).write().get(0).query().sql();
                Outcome a = outcome(rmwCode, List.of(read.select().query().sql(), saveSql), original, options,
                        readValue(admin, dialect, read, attname), msA);

                set(admin, dialect, schema, model, attname, pk, original);
                String fCode = model.name() + ".objects.filter(pk=" + pk + ").update(" + attname + "=F(\"" + attname
                        + "\") + 1)";
                double msB = race(url, dialect, options,
                        c -> new Executor(c, dialect, new QueryLog()).execute(increment, Executor.WriteMode.COMMIT));
                Outcome b = outcome(fCode, List.of(increment.write().get(0).query().sql()), original, options,
                        readValue(admin, dialect, read, attname), msB);
                return new Result(options, original, a, b, restore(admin, dialect, schema, model, read, attname, pk,
                        original));
            } catch (RuntimeException e) {
                restore(admin, dialect, schema, model, read, attname, pk, original);
                throw e;
            }
        } catch (SQLException e) {
            throw new QueryException("DatabaseError", Connections.firstLine(e.getMessage()));
        }
    }

    private static Outcome outcome(String code, List<String> sql, long start, Options options, long actual,
                                   double ms) {
        return new Outcome(code, sql, start, start + (long) options.workers() * options.increments(), actual, ms);
    }

    /** One increment by one worker on its connection. */
    private interface Increment {
        void run(Connection c) throws Exception;
    }

    /** Runs {@code increment} {@code options.increments()} times on each worker, all at once; wall ms. */
    private static double race(String url, Dialect dialect, Options options, Increment increment) {
        ExecutorService pool = Executors.newFixedThreadPool(options.workers(), r -> {
            Thread t = new Thread(r, "race-lesson-worker");
            t.setDaemon(true);
            return t;
        });
        // everyone connects first, then all start together; the action marks the start of the race
        long[] startedAt = new long[1];
        CyclicBarrier gate = new CyclicBarrier(options.workers(), () -> startedAt[0] = System.nanoTime());
        try {
            List<Future<Void>> futures = new ArrayList<>();
            for (int w = 0; w < options.workers(); w++) {
                futures.add(pool.submit(() -> {
                    try (Connection c = open(url, dialect)) {
                        gate.await(options.timeout().toMillis(), TimeUnit.MILLISECONDS);
                        for (int i = 0; i < options.increments(); i++) {
                            increment.run(c);
                        }
                    }
                    return null;
                }));
            }
            long deadline = System.nanoTime() + options.timeout().toNanos();
            for (Future<Void> f : futures) {
                try {
                    f.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (TimeoutException e) {
                    throw new QueryException("Timeout", "the race did not finish within "
                            + options.timeout().toSeconds() + " s");
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    throw cause instanceof QueryException q ? q : new QueryException("DatabaseError",
                            Connections.firstLine(String.valueOf(cause.getMessage())));
                }
            }
            return Math.round((System.nanoTime() - startedAt[0]) / 10_000.0) / 100.0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QueryException("Cancelled", "the race lesson was interrupted");
        } finally {
            pool.shutdownNow();
        }
    }

    /** A connection of the lesson: writes on, autocommit, and on SQLite waiting up to 5 s for locks. */
    private static Connection open(String url, Dialect dialect) throws SQLException {
        Connection c = Connections.open(url, true);
        c.setAutoCommit(true);
        if (dialect == Dialect.SQLITE) {
            try (Statement st = c.createStatement()) {
                st.execute("PRAGMA busy_timeout = " + BUSY_TIMEOUT_MS);
            }
            // The same 5 s limit, retried every 0.2 ms: SQLite's own handler backs off 1, 2, 5, 10... ms per
            // collision, which makes two busy writers crawl (about 10 ms an increment) without changing the result.
            BusyHandler.setHandler(c, new BusyHandler() {
                private long since;

                @Override
                protected int callback(int previousCalls) {
                    long now = System.nanoTime();
                    if (previousCalls == 0) {
                        since = now;
                    }
                    if (now - since > BUSY_TIMEOUT_MS * 1_000_000L) {
                        return 0; // give up: SQLITE_BUSY, "database is locked"
                    }
                    LockSupport.parkNanos(200_000);
                    return 1;
                }
            });
        }
        return c;
    }

    private static void think(Duration d) throws InterruptedException {
        if (d.isZero() || d.isNegative()) {
            Thread.yield();
        } else {
            Thread.sleep(d.toMillis(), (int) (d.toNanos() % 1_000_000));
        }
    }

    private static QueryPlan plan(Schema schema, Dialect dialect, Model model, Step last, Object filterPk) {
        List<Step> steps = new ArrayList<>();
        if (filterPk != null) {
            steps.add(pkFilter(filterPk));
        }
        steps.add(last);
        return SqlCompiler.plan(schema, new QuerySet(model.name(), steps), dialect);
    }

    private static Step.Filter pkFilter(Object pk) {
        return new Step.Filter(List.of(), List.of(new Q.Lookup("pk", Expression.Value.of(pk))), false);
    }

    private static long readValue(Connection c, Dialect dialect, QueryPlan read, String attname) {
        Object row = new Executor(c, dialect, new QueryLog()).execute(read, Executor.WriteMode.DENY);
        @SuppressWarnings("unchecked")
        Object v = ((Map<String, Object>) row).get(attname);
        return v == null ? 0L : ((Number) v).longValue();
    }

    private static void set(Connection c, Dialect dialect, Schema schema, Model model, String attname, Object pk,
                            long value) {
        QueryPlan p = plan(schema, dialect, model, new Step.Update(Map.of(attname, Expression.Value.of(value))), pk);
        new Executor(c, dialect, new QueryLog()).execute(p, Executor.WriteMode.COMMIT);
    }

    private static boolean restore(Connection c, Dialect dialect, Schema schema, Model model, QueryPlan read,
                                   String attname, Object pk, long original) {
        set(c, dialect, schema, model, attname, pk, original);
        return readValue(c, dialect, read, attname) == original;
    }

}
