package studio.queryset.run;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import studio.queryset.query.QueryException;
import studio.queryset.sql.Dialect;
import studio.queryset.sql.OutColumn;
import studio.queryset.sql.RowShape;
import studio.queryset.sql.SelectPlan;

/**
 * Reads a SELECT row by row in constant memory (Django's {@code iterator(chunk_size)}): on PostgreSQL a
 * server-side cursor (autocommit off plus a fetch size, else the driver reads everything), on SQLite a
 * forward-only read. With prefetch_related the lookups run once per chunk of rows, as Django 4.1+ does.
 * Close it to release the cursor; the connection's autocommit is restored.
 */
public final class RowStream implements AutoCloseable, Iterator<Object> {
    private final Connection conn;
    private final Dialect dialect;
    private final SelectPlan plan;
    private final int chunkSize;
    private final Executor executor;
    private final QueryLog log;
    private final boolean restoreAutoCommit;
    private final PreparedStatement statement;
    private final ResultSet rows;
    private final ValueReader.Columns reads;
    private final ArrayDeque<Object> buffer = new ArrayDeque<>();
    private final RowMap.Layout layout;
    private final long started = System.nanoTime();
    private long read;
    private boolean exhausted;
    private boolean closed;
    /** A chunk is being read (what a cancel's watchdog asks: is the database still keeping us waiting?). */
    private volatile boolean reading;
    private volatile boolean aborted;
    private final String cause;

    private RowStream(Connection conn, Dialect dialect, SelectPlan plan, int chunkSize, Executor executor,
                      QueryLog log, String cause) throws SQLException {
        this.cause = cause;
        this.conn = conn;
        this.dialect = dialect;
        this.plan = plan;
        this.chunkSize = Math.max(1, chunkSize);
        this.executor = executor;
        this.log = log;
        this.layout = RowMap.Layout.of(plan.columns());
        this.restoreAutoCommit = dialect.ops().streamsInsideTransaction() && conn.getAutoCommit();
        if (restoreAutoCommit) {
            conn.setAutoCommit(false); // PostgreSQL only streams inside a transaction
            try (var st = conn.createStatement()) {
                st.execute("SET TRANSACTION READ ONLY"); // a stream only reads; close() rolls it back
            }
        }
        PreparedStatement ps = null;
        try {
            ps = conn.prepareStatement(plan.query().sql(), ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
            ps.setFetchSize(this.chunkSize);
            executor.bind(ps, plan.query().params());
            this.rows = ps.executeQuery();
            this.reads = ValueReader.Columns.of(rows, plan.columns());
        } catch (SQLException | RuntimeException e) {
            // the stream never opened: the transaction it began (failed, on PostgreSQL) must not outlive it
            try {
                if (ps != null) {
                    ps.close();
                }
                if (restoreAutoCommit) {
                    conn.rollback();
                    conn.setAutoCommit(true);
                }
                ReadOnlyTransaction.resetSession(conn, dialect);
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        this.statement = ps;
    }

    public static RowStream open(Connection conn, Dialect dialect, SelectPlan plan, int chunkSize,
                                 Map<String, Object> params, QueryLog log) {
        return open(conn, dialect, plan, chunkSize, params, log, "iterator");
    }

    /** {@code cause}: how the query log names the statement ("iterator", or "main" for a plain row query). */
    public static RowStream open(Connection conn, Dialect dialect, SelectPlan plan, int chunkSize,
                                 Map<String, Object> params, QueryLog log, String cause) {
        if (plan == null) {
            throw new QueryException("TypeError", "iterator() needs a queryset of rows, not a count or aggregate");
        }
        StatementGuard.requireRead(plan.query().sql(), dialect);
        Executor executor = new Executor(conn, dialect, log).withParams(params);
        try {
            return new RowStream(conn, dialect, plan, chunkSize, executor, log, cause);
        } catch (SQLException e) {
            throw Connections.translate(e);
        }
    }

    @Override
    public boolean hasNext() {
        if (buffer.isEmpty() && !exhausted) {
            fill();
        }
        return !buffer.isEmpty();
    }

    @Override
    public Object next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return buffer.poll();
    }

    /** Reads the next chunk and, when the query prefetches, stitches that chunk's related rows. */
    private void fill() {
        List<OutColumn> cols = plan.columns();
        List<Object> chunk = new ArrayList<>(chunkSize);
        reading = true;
        try {
            while (chunk.size() < chunkSize && rows.next()) {
                Object[] r = new Object[cols.size()];
                for (int i = 0; i < r.length; i++) {
                    r[i] = reads.read(i + 1);
                }
                chunk.add(Executor.shape(plan.shape(), cols, r, layout));
            }
            if (chunk.size() < chunkSize) {
                exhausted = true;
            }
            if (!plan.prefetches().isEmpty() && plan.shape() == RowShape.MODEL && !chunk.isEmpty()) {
                List<Map<String, Object>> parents = new ArrayList<>();
                for (Object o : chunk) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> m = (Map<String, Object>) o;
                    parents.add(m);
                }
                executor.prefetch(parents, plan.prefetches());
            }
        } catch (SQLException e) {
            close();
            if (aborted) {
                throw new QueryException("Cancelled", "cancelled" + Cancellation.abortedNote());
            }
            throw Connections.translate(e);
        } finally {
            reading = false;
        }
        read += chunk.size();
        buffer.addAll(chunk);
        if (exhausted) {
            close();
        }
    }

    /** The rows as a sequential stream that closes this cursor when closed. */
    public Stream<Object> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(this, Spliterator.ORDERED), false)
                .onClose(this::close);
    }

    /**
     * Cancels the running statement from any thread (the server stops it); the next read fails. A read the
     * server never answers ends when the watchdog closes the connection (see {@link Cancellation}).
     */
    public java.util.concurrent.Future<?> cancel() {
        return Cancellation.cancel(statement, conn, dialect != Dialect.SQLITE, () -> reading, () -> aborted = true);
    }

    public long rowsRead() {
        return read;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            rows.close();
            statement.close();
            if (restoreAutoCommit) {
                conn.rollback(); // nothing was written; ends the cursor's transaction
                conn.setAutoCommit(true);
            }
            ReadOnlyTransaction.resetSession(conn, dialect); // what a function the query called left behind
        } catch (SQLException e) {
            // the cursor is gone either way; the connection is still usable for the next statement
        }
        log.add(new LoggedStatement(plan.query().sql(), plan.query().params(),
                Math.round((System.nanoTime() - started) / 10_000.0) / 100.0, read, cause));
    }
}
