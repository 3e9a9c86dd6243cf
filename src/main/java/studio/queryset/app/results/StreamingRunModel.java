package studio.queryset.app.results;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import studio.queryset.app.connection.ConnectionTarget;
import studio.queryset.query.QueryException;
import studio.queryset.run.Connections;
import studio.queryset.run.QueryLog;
import studio.queryset.run.RowStream;
import studio.queryset.sql.QueryPlan;
import studio.queryset.sql.SelectPlan;

/**
 * Streams a row query into the grid: {@link RowStream} on its own connection on a worker thread, rows handed
 * to the FX thread in batches (at most one {@code Platform.runLater} in flight, at most every 100 ms), with
 * elapsed time, row count and time to first rows. {@link #stop()} ends the stream at the next row and closes
 * the cursor. Commands on the FX thread; properties change on it.
 */
public final class StreamingRunModel {
    public static final int CHUNK = 2000;
    private static final long FLUSH_NANOS = 100_000_000L;

    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final ReadOnlyLongWrapper rowCount = new ReadOnlyLongWrapper(this, "rowCount");
    private final ReadOnlyLongWrapper elapsedMillis = new ReadOnlyLongWrapper(this, "elapsedMillis");
    private final ReadOnlyLongWrapper firstRowsMillis = new ReadOnlyLongWrapper(this, "firstRowsMillis", -1);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyObjectWrapper<List<String>> columns = new ReadOnlyObjectWrapper<>(this, "columns", List.of());
    private final ObservableList<Object[]> rows = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<Outcome> outcome = new ReadOnlyObjectWrapper<>(this, "outcome");
    private final QueryLog log = new QueryLog();

    private volatile boolean stopRequested;
    private final List<Object[]> pending = new ArrayList<>();
    private final AtomicBoolean flushQueued = new AtomicBoolean();
    private Timeline ticker;
    private long startNanos;
    private ConnectionTarget lastTarget;
    private SelectPlan lastPlan;
    private Map<String, Object> lastParams = Map.of();

    public enum Outcome { DONE, STOPPED, LIMIT, MEMORY, TIMED_OUT, FAILED }

    /** The grid stops keeping rows when the heap is this full after a collection would be needed. */
    static final double HEAP_SHARE = 0.75;

    /** Whether the heap is nearly full: checked every few thousand rows, so its cost is nil. */
    static boolean heapNearlyFull() {
        Runtime rt = Runtime.getRuntime();
        long used = rt.totalMemory() - rt.freeMemory();
        if (used < rt.maxMemory() * HEAP_SHARE) {
            return false;
        }
        System.gc(); // the garbage of reading may be most of it; only live rows count
        used = rt.totalMemory() - rt.freeMemory();
        return used >= rt.maxMemory() * HEAP_SHARE;
    }

    /** Whether the plan is a row query this grid can stream. */
    public static boolean streams(QueryPlan plan) {
        return plan != null && plan.kind() == QueryPlan.Kind.ROWS && plan.select() != null;
    }

    /**
     * Starts streaming; {@code rowLimit} rows at most are kept (0: all), {@code timeLimit} (null: none) stops it.
     * Ignored while a stream runs.
     */
    public void start(ConnectionTarget target, QueryPlan plan, Map<String, Object> params, int rowLimit,
                      Duration timeLimit) {
        if (running.get()) {
            return;
        }
        if (!streams(plan)) {
            message.set("Only row queries stream (this one returns " + (plan == null ? "nothing"
                    : plan.kind().name().toLowerCase()) + "); use Run.");
            return;
        }
        SelectPlan select = plan.select();
        RowFlattener flattener = new RowFlattener(select);
        lastTarget = target;
        lastPlan = select;
        lastParams = params;
        rows.clear();
        synchronized (pending) {
            pending.clear();
        }
        columns.set(flattener.columns());
        rowCount.set(0);
        firstRowsMillis.set(-1);
        outcome.set(null);
        stopRequested = false;
        startNanos = System.nanoTime();
        running.set(true);
        message.set("Streaming…");
        startTicker();
        long limitNanos = timeLimit == null || timeLimit.isZero() ? Long.MAX_VALUE : timeLimit.toNanos();
        Thread worker = new Thread(() -> stream(target, select, params, flattener, rowLimit, limitNanos),
                "qss-row-stream");
        worker.setDaemon(true);
        worker.start();
    }

    private void stream(ConnectionTarget target, SelectPlan select, Map<String, Object> params,
                        RowFlattener flattener, int rowLimit, long limitNanos) {
        Outcome end = Outcome.DONE;
        String error = null;
        long read = 0;
        long lastFlush = System.nanoTime();
        try (Connection conn = Connections.open(target.url(), false);
             RowStream stream = RowStream.open(conn, target.dialect(), select, CHUNK, params, log)) {
            while (true) {
                if (stopRequested) {
                    end = Outcome.STOPPED;
                    break;
                }
                if (System.nanoTime() - startNanos > limitNanos) {
                    end = Outcome.TIMED_OUT;
                    break;
                }
                if (!stream.hasNext()) {
                    break;
                }
                if (rowLimit > 0 && read >= rowLimit) {
                    end = Outcome.LIMIT; // there is a next row, and it is past the limit
                    break;
                }
                if (read % 4096 == 0 && read > 0 && heapNearlyFull()) {
                    end = Outcome.MEMORY; // keeping more would end in OutOfMemoryError and lose the window
                    break;
                }
                Object[] row = flattener.flatten(stream.next());
                read++;
                synchronized (pending) {
                    pending.add(row);
                }
                long now = System.nanoTime();
                if (read == 200 || now - lastFlush > FLUSH_NANOS) {
                    lastFlush = now;
                    queueFlush();
                }
            }
        } catch (QueryException e) {
            end = stopRequested ? Outcome.STOPPED : Outcome.FAILED;
            error = e.kind() + ": " + e.getMessage();
        } catch (SQLException | RuntimeException e) {
            end = stopRequested ? Outcome.STOPPED : Outcome.FAILED;
            error = "InternalError: " + e.getMessage();
        }
        Outcome finalEnd = end;
        String finalError = error;
        Platform.runLater(() -> finished(finalEnd, finalError));
    }

    private void queueFlush() {
        if (flushQueued.compareAndSet(false, true)) {
            Platform.runLater(this::flush);
        }
    }

    /** Moves the rows read so far into the grid (FX thread). */
    private void flush() {
        flushQueued.set(false);
        List<Object[]> batch;
        synchronized (pending) {
            if (pending.isEmpty()) {
                return;
            }
            batch = new ArrayList<>(pending);
            pending.clear();
        }
        rows.addAll(batch);
        rowCount.set(rows.size());
        if (firstRowsMillis.get() < 0) {
            firstRowsMillis.set((System.nanoTime() - startNanos) / 1_000_000);
        }
    }

    private void finished(Outcome end, String error) {
        flush();
        if (ticker != null) {
            ticker.stop();
        }
        long ms = (System.nanoTime() - startNanos) / 1_000_000;
        elapsedMillis.set(ms);
        running.set(false);
        outcome.set(end);
        String n = String.format("%,d rows", rows.size());
        switch (end) {
            case DONE:
                message.set(n + " · " + ms + " ms · first rows " + Math.max(0, firstRowsMillis.get()) + " ms");
                break;
            case STOPPED:
                message.set("Stopped after " + n + " · " + ms + " ms");
                break;
            case LIMIT:
                message.set(n + " (the row limit; the result has more) in " + ms + " ms");
                break;
            case MEMORY:
                message.set("Memory nearly full (" + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB): kept "
                        + n + "; the result has more. CSV… / JSON… export every row to a file");
                break;
            case TIMED_OUT:
                message.set("Time limit reached after " + n + " · " + ms + " ms");
                break;
            default:
                message.set("Failed after " + n + ": " + error);
        }
    }

    /** Ends the stream at the next row; the cursor closes and the connection with it. */
    public void stop() {
        if (running.get()) {
            stopRequested = true;
            message.set("Stopping…");
        }
    }

    private void startTicker() {
        if (ticker == null) {
            ticker = new Timeline(new KeyFrame(javafx.util.Duration.millis(100), e -> {
                elapsedMillis.set((System.nanoTime() - startNanos) / 1_000_000);
                if (running.get() && !stopRequested) {
                    message.set(String.format("Streaming… %,d rows", rowCount.get()));
                }
            }));
            ticker.setCycleCount(Animation.INDEFINITE);
        }
        ticker.playFromStart();
    }

    /** What the last stream ran, for exporting the whole result again (null before the first). */
    public ConnectionTarget lastTarget() {
        return lastTarget;
    }

    public SelectPlan lastPlan() {
        return lastPlan;
    }

    public Map<String, Object> lastParams() {
        return lastParams;
    }

    public ObservableList<Object[]> rows() {
        return rows;
    }

    public ReadOnlyObjectProperty<List<String>> columnsProperty() {
        return columns.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public boolean isRunning() {
        return running.get();
    }

    public ReadOnlyLongProperty rowCountProperty() {
        return rowCount.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty elapsedMillisProperty() {
        return elapsedMillis.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty firstRowsMillisProperty() {
        return firstRowsMillis.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Outcome> outcomeProperty() {
        return outcome.getReadOnlyProperty();
    }
}
