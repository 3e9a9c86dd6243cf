package studio.queryset.app.vm;

import java.time.LocalTime;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;
import javafx.util.Duration;
import studio.queryset.app.service.Problem;
import studio.queryset.app.service.QueryLogEntry;
import studio.queryset.app.service.QueryLogEntry.Outcome;
import studio.queryset.app.service.ReadOnlyDatabase;
import studio.queryset.app.service.ResultTable;
import studio.queryset.app.service.StatementRunner;
import studio.queryset.sql.CompiledQuery;

/**
 * Runs compiled statements on the database off the FX thread, one at a time: running flag, elapsed time,
 * the last result, the query log. {@link #stop()} cancels the JDBC statement. Commands are called on the FX
 * thread; every property changes on it.
 */
public final class RunViewModel {
    /** Rows kept for display; the rest are counted as truncated. */
    public static final int MAX_ROWS = 10_000;
    private static final String SOURCE = "Run";

    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "qss-query-runner");
        t.setDaemon(true);
        return t;
    });
    private final Consumer<Problem> problems;
    private final Consumer<String> status;
    private final ReadOnlyObjectWrapper<ReadOnlyDatabase> database = new ReadOnlyObjectWrapper<>(this, "database");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final ReadOnlyLongWrapper elapsedMillis = new ReadOnlyLongWrapper(this, "elapsedMillis");
    private final ReadOnlyObjectWrapper<ResultTable> result = new ReadOnlyObjectWrapper<>(this, "result");
    private final ReadOnlyObjectWrapper<Outcome> lastOutcome = new ReadOnlyObjectWrapper<>(this, "lastOutcome");
    private final ObservableList<QueryLogEntry> log = FXCollections.observableArrayList();
    private final ObservableList<QueryLogEntry> readOnlyLog = FXCollections.unmodifiableObservableList(log);
    private Timeline ticker;
    private long startNanos;
    private StatementRunner runner;
    private Task<ResultTable> task;

    public RunViewModel(Consumer<Problem> problems, Consumer<String> status) {
        this.problems = problems;
        this.status = status;
    }

    public void setDatabase(ReadOnlyDatabase db) {
        ReadOnlyDatabase old = database.get();
        database.set(db);
        if (old != null && old != db) {
            executor.execute(old::close);
        }
    }

    /** Executes the statement; ignored while another one runs. */
    public void run(CompiledQuery query) {
        ReadOnlyDatabase db = database.get();
        if (running.get()) {
            return;
        }
        if (db == null) {
            problems.accept(Problem.error(SOURCE, "No database to run on: the sample database was not found."));
            return;
        }
        StatementRunner r = new StatementRunner();
        Task<ResultTable> t = new Task<>() {
            @Override
            protected ResultTable call() throws Exception {
                return r.execute(db.connection(), query, MAX_ROWS);
            }
        };
        t.setOnSucceeded(e -> succeeded(query, t.getValue()));
        t.setOnFailed(e -> {
            if (r.isCancelled()) {
                cancelled(query);
            } else {
                failed(query, t.getException());
            }
        });
        t.setOnCancelled(e -> cancelled(query));
        runner = r;
        task = t;
        startNanos = System.nanoTime();
        elapsedMillis.set(0);
        running.set(true);
        startTicker();
        status.accept("Running…");
        executor.execute(t);
    }

    /** Cancels the running statement (Statement.cancel); the run ends as "cancelled". */
    public void stop() {
        if (!running.get()) {
            return;
        }
        StatementRunner r = runner;
        task.cancel(false);
        r.cancel();
    }

    private void succeeded(CompiledQuery query, ResultTable table) {
        finish(Outcome.OK);
        elapsedMillis.set(Math.round(table.millis()));
        result.set(table);
        log.add(new QueryLogEntry(LocalTime.now(), query.sql(), query.params(), table.millis(), table.rows().size(),
                Outcome.OK, ""));
        String rows = table.rows().size() == 1 ? "1 row" : table.rows().size() + " rows";
        status.accept(rows + (table.truncated() ? " (first " + MAX_ROWS + " shown)" : "") + " in "
                + formatMillis(table.millis()));
    }

    private void failed(CompiledQuery query, Throwable error) {
        double ms = finish(Outcome.ERROR);
        String message = error == null || error.getMessage() == null ? String.valueOf(error) : error.getMessage();
        log.add(new QueryLogEntry(LocalTime.now(), query.sql(), query.params(), ms, 0, Outcome.ERROR, message));
        problems.accept(Problem.error(SOURCE, "The query failed: " + message));
        status.accept("Query failed: " + message);
    }

    private void cancelled(CompiledQuery query) {
        double ms = finish(Outcome.CANCELLED);
        log.add(new QueryLogEntry(LocalTime.now(), query.sql(), query.params(), ms, 0, Outcome.CANCELLED,
                "cancelled"));
        status.accept("Query cancelled after " + formatMillis(ms));
    }

    private double finish(Outcome outcome) {
        double ms = (System.nanoTime() - startNanos) / 1e6;
        if (ticker != null) {
            ticker.stop();
        }
        elapsedMillis.set(Math.round(ms));
        running.set(false);
        lastOutcome.set(outcome);
        runner = null;
        task = null;
        return ms;
    }

    private void startTicker() {
        if (ticker == null) {
            ticker = new Timeline(new KeyFrame(Duration.millis(100),
                    e -> elapsedMillis.set((System.nanoTime() - startNanos) / 1_000_000)));
            ticker.setCycleCount(Animation.INDEFINITE);
        }
        ticker.playFromStart();
    }

    public static String formatMillis(double ms) {
        if (ms < 1000) {
            return String.format("%.1f ms", ms);
        }
        return String.format("%.2f s", ms / 1000);
    }

    public void dispose() {
        stop();
        ReadOnlyDatabase db = database.get();
        if (db != null) {
            executor.execute(db::close);
        }
        executor.shutdown();
    }

    public ReadOnlyObjectProperty<ReadOnlyDatabase> databaseProperty() {
        return database.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public boolean isRunning() {
        return running.get();
    }

    public ReadOnlyLongProperty elapsedMillisProperty() {
        return elapsedMillis.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ResultTable> resultProperty() {
        return result.getReadOnlyProperty();
    }

    public ResultTable result() {
        return result.get();
    }

    /** How the last run ended, or null before the first. */
    public ReadOnlyObjectProperty<Outcome> lastOutcomeProperty() {
        return lastOutcome.getReadOnlyProperty();
    }

    /** Every executed statement, oldest first; read-only for views. */
    public ObservableList<QueryLogEntry> log() {
        return readOnlyLog;
    }

    public List<QueryLogEntry> logSnapshot() {
        return List.copyOf(log);
    }
}
