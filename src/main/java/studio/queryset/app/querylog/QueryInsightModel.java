package studio.queryset.app.querylog;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.concurrent.Task;
import studio.queryset.app.connection.ConnectionTarget;
import studio.queryset.query.QueryException;
import studio.queryset.query.QuerySet;
import studio.queryset.run.Connections;
import studio.queryset.run.Explain;
import studio.queryset.run.NPlusOneComparison;
import studio.queryset.lessons.LoopTouches;
import studio.queryset.lessons.NPlusOneReport;
import studio.queryset.schema.Schema;
import studio.queryset.sql.CompiledQuery;

/**
 * The query log's two lessons, run on request and off the FX thread, each on a read-only connection of its
 * own: the N+1 comparison (the current QuerySet run naively — rows, then one lazy query per related object
 * touched — next to select_related / prefetch_related; {@code run.NaiveEvaluator}) and EXPLAIN of one
 * statement ({@code run.Explain}; ANALYZE only when {@link #analyzeProperty()} is ticked). One job at a time;
 * {@link #busyProperty()} and {@link #progressProperty()} say what runs, {@link #errorProperty()} why the
 * last job failed. Commands are called on the FX thread; properties change on it.
 */
public final class QueryInsightModel {
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "qss-query-insight");
        t.setDaemon(true);
        return t;
    });
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyStringWrapper progress = new ReadOnlyStringWrapper(this, "progress", "");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ReadOnlyObjectWrapper<NPlusOneComparison> comparison = new ReadOnlyObjectWrapper<>(this,
            "comparison");
    private final ReadOnlyObjectWrapper<NPlusOneReport> report = new ReadOnlyObjectWrapper<>(this, "report");
    private final ReadOnlyObjectWrapper<List<String>> plan = new ReadOnlyObjectWrapper<>(this, "plan", List.of());
    private final ReadOnlyStringWrapper planTitle = new ReadOnlyStringWrapper(this, "planTitle", "");
    private final BooleanProperty analyze = new SimpleBooleanProperty(this, "analyze", false);
    /** Relations the user's code touches, comma separated ({@code author, tags}); empty: the query's own. */
    private final StringProperty touches = new SimpleStringProperty(this, "touches", "");
    private java.util.function.Consumer<NPlusOneComparison> onCompared = c -> { };

    /**
     * Runs the QuerySet naively and as optimized. Relations named in {@link #touchesProperty()} are added to
     * the optimized run ({@link LoopTouches}), so a plain {@code Post.objects.all()[:50]} touching {@code author}
     * compares 51 lazy statements against one join; with none named, the query's own select_related and
     * prefetch_related are what the loop reads.
     */
    public void compare(ConnectionTarget target, Schema schema, QuerySet query, Map<String, Object> params) {
        if (target == null || schema == null || query == null) {
            fail("Nothing to compare: " + (query == null ? "there is no QuerySet (select a model or type one)"
                    : "no database is connected (Database → Connect…)") + ".");
            return;
        }
        List<String> named = LoopTouches.parse(touches.get());
        try {
            LoopTouches.apply(schema, query, named); // an unknown relation is a message now, not a failed job
        } catch (QueryException e) {
            fail(e.kind() + ": " + e.getMessage());
            return;
        }
        start("Running " + query.model() + " naively and optimized on " + target.label() + "…", target,
                conn -> NPlusOneReport.run(schema, conn, target.dialect(), query, named, params),
                result -> {
                    report.set(result);
                    comparison.set(result.comparison());
                    onCompared.accept(result.comparison());
                });
    }

    /** The database's plan for one statement (with its parameters bound as for execution). */
    public void explain(ConnectionTarget target, CompiledQuery statement, String what, Map<String, Object> params) {
        if (target == null || statement == null) {
            fail("Nothing to explain: " + (statement == null ? "the query does not compile" : "no database")
                    + ".");
            return;
        }
        boolean withAnalyze = analyze.get();
        start("EXPLAIN" + (withAnalyze ? " ANALYZE" : "") + " " + what + "…", target,
                conn -> Explain.explain(conn, target.dialect(), statement, withAnalyze, params),
                lines -> {
                    planTitle.set((withAnalyze ? "EXPLAIN ANALYZE of " : "EXPLAIN of ") + what + " on "
                            + target.label());
                    plan.set(List.copyOf(lines));
                });
    }

    private <T> void start(String message, ConnectionTarget target, Function<Connection, T> job,
                           java.util.function.Consumer<T> done) {
        if (busy.get()) {
            return;
        }
        Task<T> task = new Task<>() {
            @Override
            protected T call() throws SQLException {
                try (Connection conn = Connections.open(target.url(), false)) {
                    return job.apply(conn);
                }
            }
        };
        task.setOnSucceeded(e -> {
            busy.set(false);
            progress.set("");
            done.accept(task.getValue());
        });
        task.setOnFailed(e -> {
            busy.set(false);
            progress.set("");
            fail(describe(task.getException()));
        });
        error.set("");
        progress.set(message);
        busy.set(true);
        worker.execute(task);
    }

    private static String describe(Throwable t) {
        if (t instanceof QueryException q) {
            return q.kind() + ": " + q.getMessage();
        }
        if (t instanceof SQLException s) {
            String m = String.valueOf(s.getMessage());
            return "DatabaseError: " + (m.contains("\n") ? m.substring(0, m.indexOf('\n')) : m);
        }
        return "InternalError: " + t;
    }

    private void fail(String message) {
        error.set(message);
    }

    public void setOnCompared(java.util.function.Consumer<NPlusOneComparison> listener) {
        onCompared = listener == null ? c -> { } : listener;
    }

    public void dispose() {
        worker.shutdownNow();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** Why the last comparison or EXPLAIN did not happen ("" after a success). */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<NPlusOneComparison> comparisonProperty() {
        return comparison.getReadOnlyProperty();
    }

    /** The last comparison with its labels and the explanation of its times. */
    public ReadOnlyObjectProperty<NPlusOneReport> reportProperty() {
        return report.getReadOnlyProperty();
    }

    /** The last plan's lines (SQLite: drawn as a tree; PostgreSQL: EXPLAIN's text). */
    public ReadOnlyObjectProperty<List<String>> planProperty() {
        return plan.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty planTitleProperty() {
        return planTitle.getReadOnlyProperty();
    }

    /** EXPLAIN ANALYZE runs the statement (PostgreSQL, rolled back); off unless the user ticks it. */
    public BooleanProperty analyzeProperty() {
        return analyze;
    }

    public StringProperty touchesProperty() {
        return touches;
    }
}
