package studio.queryset.run;

import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import studio.queryset.query.QueryException;
import studio.queryset.query.QuerySet;
import studio.queryset.schema.Schema;
import studio.queryset.sql.Dialect;
import studio.queryset.sql.QueryPlan;
import studio.queryset.sql.SqlCompiler;

/** Compile and run a QuerySet on a connection; errors come back typed, never as stack traces. */
public final class Engine {
    private final Schema schema;
    private final Connection connection;
    private final Dialect dialect;
    private volatile Executor running;
    private volatile RowStream streaming;

    public Engine(Schema schema, Connection connection, Dialect dialect) {
        this.schema = schema;
        this.connection = connection;
        this.dialect = dialect;
    }

    public Evaluation evaluate(String text, QuerySet qs, boolean allowWrites) {
        return evaluate(text, qs, allowWrites ? Executor.WriteMode.COMMIT : Executor.WriteMode.DENY);
    }

    public Evaluation evaluate(String text, QuerySet qs, Executor.WriteMode writes) {
        return evaluate(text, qs, writes, null);
    }

    /** Receives the rows of a streamed query one by one. */
    public interface RowSink {
        void accept(Object row) throws java.io.IOException;
    }

    /** The result of a query whose rows went to a {@link RowSink}: only their number is kept. */
    public record Streamed(long rows) {
    }

    private static final int STREAM_CHUNK = 2000;

    /**
     * As {@link #evaluate(String, QuerySet, Executor.WriteMode)}; with a {@code sink}, a query of rows without
     * prefetches streams its rows to it as they are read (constant memory, the first row out at once) and the
     * result is {@link Streamed}. Prefetching queries are not streamed: Django fetches all parents before it
     * prefetches, and the statements must be the ones Django runs.
     */
    public Evaluation evaluate(String text, QuerySet qs, Executor.WriteMode writes, RowSink sink) {
        QueryLog log = new QueryLog();
        try {
            QueryPlan plan = SqlCompiler.plan(schema, withEagerValues(qs, log), dialect);
            if (sink != null && plan.kind() == QueryPlan.Kind.ROWS && plan.select().prefetches().isEmpty()) {
                return stream(text, plan, log, sink);
            }
            Executor executor = new Executor(connection, dialect, log);
            running = executor;
            Object result;
            try {
                result = executor.execute(plan, writes);
            } finally {
                running = null;
            }
            return new Evaluation(text, result, log.entries(), null, null, null);
        } catch (QueryException e) {
            return Evaluation.failed(text, log.entries(), e);
        } catch (studio.queryset.schema.SchemaException e) {
            return Evaluation.failed(text, log.entries(), new QueryException("FieldError", e.getMessage()));
        } catch (RuntimeException e) {
            // a bug of ours: still a typed error for the caller, with the cause named
            return Evaluation.failed(text, log.entries(), new QueryException("InternalError",
                    e.getClass().getSimpleName() + ": " + e.getMessage()));
        }
    }

    /**
     * {@code qs} with the terminals used as values in it run first, as Django runs them while the queryset is built
     * (logged before the statements of {@code qs}), and their values in their place.
     */
    private QuerySet withEagerValues(QuerySet qs, QueryLog log) {
        return EagerValues.resolve(qs, schema, inner -> {
            Executor executor = new Executor(connection, dialect, log);
            running = executor;
            try {
                return executor.execute(SqlCompiler.plan(schema, withEagerValues(inner, log), dialect),
                        Executor.WriteMode.DENY);
            } finally {
                running = null;
            }
        });
    }

    private Evaluation stream(String text, QueryPlan plan, QueryLog log, RowSink sink) {
        long n = 0;
        try (RowStream rows = RowStream.open(connection, dialect, plan.select(), STREAM_CHUNK, java.util.Map.of(), log,
                "main")) {
            streaming = rows;
            while (rows.hasNext()) {
                sink.accept(rows.next());
                n++;
            }
        } catch (java.io.IOException e) {
            throw new QueryException("OSError", "cannot write the rows: " + e.getMessage());
        } finally {
            streaming = null;
        }
        return new Evaluation(text, new Streamed(n), log.entries(), null, null, null);
    }

    /**
     * Cancels the statement running now, from any thread (a shutdown hook on Ctrl+C): the database stops it, as
     * psql's cancel request does, instead of finishing it for a client that is gone.
     */
    public void cancel() {
        cancel(Duration.ZERO);
    }

    /**
     * As {@link #cancel()}, waiting up to {@code sent} for the cancel requests to reach the server: a JVM that is
     * exiting (Ctrl+C) would otherwise end before they leave.
     */
    public void cancel(Duration sent) {
        List<Future<?>> sending = new ArrayList<>();
        Executor e = running;
        if (e != null) {
            sending.add(e.cancel());
        }
        RowStream s = streaming;
        if (s != null) {
            sending.add(s.cancel());
        }
        long deadline = System.nanoTime() + sent.toNanos();
        for (Future<?> f : sending) {
            try {
                f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException | ExecutionException ex) {
                // not sent in time (a server that does not answer): the process goes anyway
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    public Schema schema() {
        return schema;
    }

    public Dialect dialect() {
        return dialect;
    }
}
