package studio.queryset.app.session;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
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
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;
import javafx.util.Duration;
import studio.queryset.app.connection.ConnectionTarget;
import studio.queryset.app.shell.Problem;
import studio.queryset.app.querylog.QueryLogEntry;
import studio.queryset.app.querylog.QueryLogEntry.Outcome;
import studio.queryset.app.results.ResultTable;
import studio.queryset.app.results.ResultValues;
import studio.queryset.query.Evaluations;
import studio.queryset.query.QueryException;
import studio.queryset.query.QuerySet;
import studio.queryset.run.Connections;
import studio.queryset.run.EagerValues;
import studio.queryset.run.Executor;
import studio.queryset.run.LoggedStatement;
import studio.queryset.run.QueryLog;
import studio.queryset.schema.Schema;
import studio.queryset.schema.ValueType;
import studio.queryset.sql.CompiledQuery;
import studio.queryset.sql.OutColumn;
import studio.queryset.sql.PrefetchPlan;
import studio.queryset.sql.QueryPlan;
import studio.queryset.sql.RowShape;
import studio.queryset.sql.SelectPlan;
import studio.queryset.sql.SqlCompiler;

/**
 * Runs query plans through the engine ({@code run.Connections}, {@code run.Executor}) off the FX thread, one
 * at a time, on a read-only connection opened on first use: running flag, elapsed time, the last result as a
 * grid, the query log (every statement, main and prefetch, with its cause). {@link #stop()} cancels the JDBC
 * statement in flight. Writes are refused before anything runs unless the user allowed them for this target
 * ({@link #allowWrites}; a new target starts read-only again). Commands are called on the FX thread; every
 * property changes on it.
 */
public final class RunViewModel {
    /** Rows kept for the grid; the rest are counted. */
    public static final int MAX_ROWS = 10_000;
    private static final String SOURCE = "Run";
    private static final String CANCELLED = "Cancelled";
    /** Where the window lets writes run (named in the refusal, so that it says what to do). */
    public static final String ALLOW_WRITES_MENU = "Database → Allow writes";

    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "qss-query-runner");
        t.setDaemon(true);
        return t;
    });
    private final Consumer<Problem> problems;
    private final Consumer<String> status;
    private final ReadOnlyObjectWrapper<ConnectionTarget> target = new ReadOnlyObjectWrapper<>(this, "target");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final ReadOnlyBooleanWrapper writesAllowed = new ReadOnlyBooleanWrapper(this, "writesAllowed");
    private final ReadOnlyLongWrapper elapsedMillis = new ReadOnlyLongWrapper(this, "elapsedMillis");
    private final ReadOnlyObjectWrapper<ResultTable> result = new ReadOnlyObjectWrapper<>(this, "result");
    private final ReadOnlyObjectWrapper<Outcome> lastOutcome = new ReadOnlyObjectWrapper<>(this, "lastOutcome");
    private final ObservableList<QueryLogEntry> log = FXCollections.observableArrayList();
    private final ObservableList<QueryLogEntry> readOnlyLog = FXCollections.unmodifiableObservableList(log);
    private Timeline ticker;
    private long startNanos;
    private int runs;
    /** The engine's executor of the run in progress, for {@link #stop()}. */
    private volatile Executor executor;
    private volatile boolean stopRequested;
    /** The worker thread's connection and the target it is for; touched only on the worker thread. */
    private Connection connection;
    private ConnectionTarget connectionTarget;
    private boolean connectionWritable;
    /** Values for named Params and the time limit of later runs (set by the workbench). */
    private volatile java.util.Map<String, Object> params = java.util.Map.of();
    private volatile java.time.Duration timeLimit;

    public RunViewModel(Consumer<Problem> problems, Consumer<String> status) {
        this.problems = problems;
        this.status = status;
    }

    /** Where runs go from now on; the old connection is closed (on the worker thread, after a run there). */
    public void setTarget(ConnectionTarget t) {
        if (!java.util.Objects.equals(target.get(), t)) {
            writesAllowed.set(false); // permission to write is for the database it was given on
        }
        target.set(t);
        worker.execute(() -> {
            if (connectionTarget != null && !connectionTarget.equals(t)) {
                closeConnection();
            }
            if (t != null) {
                warmUp(t);
            }
        });
    }

    /**
     * Connects ahead of the first run and runs {@code SELECT 1} through the engine, so that the first query's
     * time is the query's and not the driver's loading. A failure here is left for the first run to report.
     */
    private void warmUp(ConnectionTarget t) {
        try {
            SelectPlan one = new SelectPlan(new CompiledQuery("SELECT 1", List.of()), "", List.of(
                    new OutColumn(List.of(), "one", ValueType.INTEGER, false)), RowShape.FLAT, List.of(), false, 0);
            new Executor(connectionFor(t, false), t.dialect(), new QueryLog())
                    .execute(new QueryPlan(QueryPlan.Kind.ROWS, one, List.of(), ""), Executor.WriteMode.DENY);
        } catch (RuntimeException e) {
            closeConnection();
        }
    }

    /**
     * Runs the plan on the target; ignored while another run is in progress. update() and delete() are refused
     * here, before any statement: the studio's connections are read-only and a write never runs unasked.
     */
    public void run(QueryPlan plan) {
        run(plan, null, null);
    }

    /**
     * As {@link #run(QueryPlan)}; with the QuerySet and its schema, the terminals used as values in it
     * ({@code filter(id__gt=Post.objects.count())}) run first, as Django runs them while the QuerySet is built
     * (logged first), and the plan is made again with their values bound.
     */
    public void run(QueryPlan compiled, QuerySet qs, Schema schema) {
        QueryPlan plan = compiled;
        ConnectionTarget t = target.get();
        if (running.get()) {
            return;
        }
        if (t == null) {
            problems.accept(Problem.error(SOURCE, "NoDatabase", "No database to run on: the sample database was "
                    + "not found."));
            return;
        }
        boolean writable = writesAllowed.get();
        if (plan.isWrite() && !writable) {
            String method = plan.kind().name().toLowerCase();
            problems.accept(Problem.error(SOURCE, "WritesDisabled", "writes are off: " + method + "() would change "
                    + "data in " + t.label() + ", so it was not run (the SQL tab shows its statements). To run it, "
                    + "tick " + ALLOW_WRITES_MENU + " (for this database; the bundled sample is copied first, so "
                    + "the writes go to a scratch copy) and run again."));
            status.accept("Not run: " + method + "() changes data and writes are off (" + ALLOW_WRITES_MENU
                    + " allows them)");
            return;
        }
        int number = ++runs;
        QueryLog statements = new QueryLog();
        statements.onStatement(s -> Platform.runLater(() -> log.add(QueryLogEntry.of(number, s))));
        stopRequested = false;
        Task<ResultTable> task = new Task<>() {
            @Override
            protected ResultTable call() {
                if (stopRequested) {
                    throw new QueryException(CANCELLED, "cancelled");
                }
                Connection conn = connectionFor(t, writable);
                Executor ex = new Executor(conn, t.dialect(), statements).withParams(params)
                        .withTimeLimit(timeLimit);
                executor = ex;
                try {
                    long start = System.nanoTime();
                    QueryPlan main = plan;
                    if (qs != null && Evaluations.any(qs)) {
                        QuerySet resolved = EagerValues.resolve(qs, schema, inner -> ex.execute(
                                SqlCompiler.planFor(schema, inner, t.dialect(), params), Executor.WriteMode.DENY));
                        main = SqlCompiler.planFor(schema, resolved, t.dialect(), params);
                    }
                    // a write reaches here only when writes are allowed for this connection (checked above)
                    Object value = ex.execute(main, main.isWrite() ? Executor.WriteMode.COMMIT
                            : Executor.WriteMode.DENY);
                    double ms = (System.nanoTime() - start) / 1e6;
                    return ResultValues.table(value, main, ms, statements.entries().size(), MAX_ROWS);
                } finally {
                    executor = null;
                }
            }
        };
        task.setOnSucceeded(e -> {
            if (stopRequested) {
                cancelled(number, plan, statements);
            } else {
                succeeded(task.getValue());
            }
        });
        task.setOnFailed(e -> failed(number, plan, statements, task.getException()));
        startNanos = System.nanoTime();
        elapsedMillis.set(0);
        running.set(true);
        startTicker();
        status.accept("Running…");
        worker.execute(task);
    }

    /**
     * Adds statements that ran elsewhere (the N+1 comparison, on its own connection) to the log as one run of
     * their own, each cause prefixed with {@code prefix} ("naive: lazy load of post.author"); returns its number.
     */
    public int logStatements(String prefix, List<LoggedStatement> statements) {
        int number = ++runs;
        List<QueryLogEntry> entries = new ArrayList<>(statements.size());
        for (LoggedStatement s : statements) {
            entries.add(QueryLogEntry.of(number, new LoggedStatement(s.sql(), s.params(), s.ms(), s.rows(),
                    prefix + s.cause())));
        }
        log.addAll(entries); // one change: the log's listeners rescan once, not once per statement
        return number;
    }

    public void setParams(java.util.Map<String, Object> values) {
        params = values == null ? java.util.Map.of() : values;
    }

    /** Runs longer than this are cancelled (TimedOut); null or zero: no limit. */
    public void setTimeLimit(java.time.Duration limit) {
        timeLimit = limit;
    }

    /** Cancels the statement in flight (Statement.cancel); the run ends as "cancelled". */
    public void stop() {
        if (!running.get()) {
            return;
        }
        stopRequested = true;
        status.accept("Cancelling…");
        Executor ex = executor;
        if (ex != null) {
            ex.cancel();
        }
    }

    private Connection connectionFor(ConnectionTarget t, boolean writable) {
        try {
            if (connection != null && t.equals(connectionTarget) && writable == connectionWritable
                    && !connection.isClosed()) {
                return connection;
            }
        } catch (SQLException e) {
            // a connection that cannot say whether it is open is replaced
        }
        closeConnection();
        connection = Connections.open(t.url(), writable);
        connectionTarget = t;
        connectionWritable = writable;
        return connection;
    }

    private void closeConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // closing a read-only connection loses nothing
            }
        }
        connection = null;
        connectionTarget = null;
    }

    private void succeeded(ResultTable table) {
        finish(Outcome.OK);
        elapsedMillis.set(Math.round(table.millis()));
        result.set(table);
        status.accept(table.describe() + (table.truncated() ? " (first " + MAX_ROWS + " shown)" : "") + " in "
                + formatMillis(table.millis()) + " · " + table.statements() + " statement"
                + (table.statements() == 1 ? "" : "s"));
    }

    private void failed(int number, QueryPlan plan, QueryLog statements, Throwable error) {
        String kind;
        String message;
        if (error instanceof QueryException q) {
            kind = q.kind();
            message = q.getMessage();
        } else {
            kind = "InternalError";
            message = String.valueOf(error);
        }
        if (CANCELLED.equals(kind) || stopRequested) {
            cancelled(number, plan, statements);
            return;
        }
        double ms = finish(Outcome.ERROR);
        if (kind.equals("ProgrammingError") || kind.equals("DatabaseError") || kind.equals("InternalError")) {
            // the database refused a statement: log the one that was running
            logUnfinished(number, plan, statements, ms, Outcome.ERROR, kind + ": " + message);
        }
        problems.accept(Problem.error(SOURCE, kind, kind + ": " + message));
        status.accept("Query failed: " + kind + ": " + message);
    }

    private void cancelled(int number, QueryPlan plan, QueryLog statements) {
        double ms = finish(Outcome.CANCELLED);
        logUnfinished(number, plan, statements, ms, Outcome.CANCELLED, "cancelled");
        status.accept("Query cancelled after " + formatMillis(ms));
    }

    /** The statement a run was in when it ended: the first of the plan's statements that did not complete. */
    private void logUnfinished(int number, QueryPlan plan, QueryLog statements, double ms, Outcome outcome,
                               String message) {
        int done = statements.entries().size();
        List<String> causes = causes(plan);
        List<CompiledQuery> all = plan.statements();
        if (all.isEmpty()) {
            return;
        }
        int i = Math.min(done, all.size() - 1);
        double own = ms - statements.entries().stream().mapToDouble(LoggedStatement::ms).sum();
        log.add(new QueryLogEntry(number, LocalTime.now(), causes.get(i), all.get(i).sql(), all.get(i).params(),
                Math.max(0, own), 0, outcome, message));
    }

    /** Why each of the plan's statements runs, in the order of {@link QueryPlan#statements()}. */
    private static List<String> causes(QueryPlan plan) {
        List<String> out = new ArrayList<>();
        if (plan.select() != null) {
            switch (plan.kind()) {
                case COUNT, EXISTS, AGGREGATE, GET, FIRST, LAST, RAW -> out.add(plan.kind().name().toLowerCase());
                default -> out.add("main");
            }
            addPrefetchCauses(plan.select().prefetches(), out);
        }
        plan.write().forEach(w -> out.add(plan.kind().name().toLowerCase()));
        return out;
    }

    private static void addPrefetchCauses(List<PrefetchPlan> plans, List<String> out) {
        for (PrefetchPlan p : plans) {
            out.add("prefetch " + p.attribute());
            addPrefetchCauses(p.nested(), out);
        }
    }

    private double finish(Outcome outcome) {
        double ms = (System.nanoTime() - startNanos) / 1e6;
        if (ticker != null) {
            ticker.stop();
        }
        elapsedMillis.set(Math.round(ms));
        running.set(false);
        lastOutcome.set(outcome);
        stopRequested = false;
        return ms;
    }

    private void startTicker() {
        if (ticker == null) {
            ticker = new Timeline(new KeyFrame(Duration.millis(100), e -> tick()));
            ticker.setCycleCount(Animation.INDEFINITE);
        }
        ticker.playFromStart();
    }

    private void tick() {
        long ms = (System.nanoTime() - startNanos) / 1_000_000;
        elapsedMillis.set(ms);
        // A cancel that landed between two statements (or before the first began) is sent again.
        Executor ex = executor;
        if (stopRequested && ex != null) {
            ex.cancel();
        }
    }

    public static String formatMillis(double ms) {
        if (ms < 1000) {
            return String.format("%.1f ms", ms);
        }
        return String.format("%.2f s", ms / 1000);
    }

    public void dispose() {
        stop();
        worker.execute(this::closeConnection);
        worker.shutdown();
    }

    public ReadOnlyObjectProperty<ConnectionTarget> targetProperty() {
        return target.getReadOnlyProperty();
    }

    /**
     * Lets update() and delete() run (committed) on the current target, or makes it read-only again; switching
     * to another target turns it off. Reads stay guarded either way.
     */
    public void allowWrites(boolean on) {
        writesAllowed.set(on && target.get() != null);
    }

    public ReadOnlyBooleanProperty writesAllowedProperty() {
        return writesAllowed.getReadOnlyProperty();
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

    /** How many runs were started. */
    public int runCount() {
        return runs;
    }

    /** Every executed statement, oldest first; read-only for views. */
    public ObservableList<QueryLogEntry> log() {
        return readOnlyLog;
    }

    public List<QueryLogEntry> logSnapshot() {
        return List.copyOf(log);
    }
}
