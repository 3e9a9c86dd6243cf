package studio.queryset.app.shell;

import studio.queryset.app.document.QueryViewModel;
import studio.queryset.app.schema.InspectorViewModel;
import studio.queryset.app.schema.SchemaBrowserViewModel;
import studio.queryset.app.session.RunViewModel;
import studio.queryset.design.text.EditorError;
import java.util.concurrent.Executor;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import studio.queryset.app.canvas.editor.CanvasViewModel;
import studio.queryset.app.connection.ConnectionTarget;
import studio.queryset.design.QueryDocument;
import studio.queryset.design.Revision;
import studio.queryset.query.QueryException;
import studio.queryset.query.QuerySet;
import studio.queryset.schema.Model;
import studio.queryset.schema.Schema;
import studio.queryset.sql.QueryPlan;

/**
 * The main window's state: the open project, the schema browser, inspector, current query and runs,
 * problems and the status line. Commands: {@link #open}, {@link #selectModel}, {@link #run}, {@link #stop}.
 */
public final class StudioViewModel {
    public static final String APP_NAME = "QuerySet Studio";
    /** Problems of the Django text in the editor. */
    public static final String DJANGO = "Django";
    private static final String COMPILE = "Compile";
    private static final String IMPORT = "Import";
    private static final String RUN = "Run";
    private static final String CANVAS = "Canvas";

    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(this, "title", APP_NAME);
    private final ReadOnlyStringWrapper connectionLabel = new ReadOnlyStringWrapper(this, "connectionLabel",
            "No database");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "Ready");
    private final ObservableList<Problem> problems = FXCollections.observableArrayList();
    private final ObservableList<Problem> readOnlyProblems = FXCollections.unmodifiableObservableList(problems);
    private final SchemaBrowserViewModel schemaBrowser = new SchemaBrowserViewModel();
    private final InspectorViewModel inspector = new InspectorViewModel();
    /** The one owner of the query; the query view-model and the canvas are projections of its revision. */
    private final QueryDocument document;
    private final QueryViewModel query;
    private final RunViewModel run = new RunViewModel(this::report, status::set);
    private final CanvasViewModel canvas;
    private final BooleanBinding canRun;
    /** Values of the query's named Params for runs (a design's params); empty when it has none. */
    private java.util.Map<String, Object> runParams = java.util.Map.of();
    /** The bundled sample's file (never written) and, once writes were allowed on it, the copy they go to. */
    private java.nio.file.Path sampleDatabase;
    private java.nio.file.Path sampleScratch;

    /** The window's state; revisions reach it on the FX thread. */
    public StudioViewModel() {
        this(Platform::runLater);
    }

    /**
     * With the executor revisions are delivered by: the FX thread in the app; tests without a toolkit pass one
     * that runs them at once (commands wait for their revision, so they see it either way).
     */
    public StudioViewModel(Executor deliver) {
        document = new QueryDocument(Revision.Settings.of(null), deliver);
        query = new QueryViewModel(document);
        canvas = new CanvasViewModel(query);
        schemaBrowser.selectedModelProperty().addListener((o, old, name) -> modelSelected(name));
        schemaBrowser.setOnModelPicked(this::startOver);
        query.compileErrorProperty().addListener((o, old, error) -> replaceProblem(COMPILE, null, error));
        query.editorErrorProperty().addListener((o, old, error) -> editorErrorChanged(error));
        query.querySetProperty().addListener((o, old, qs) -> followQuery(qs));
        query.querySetProperty().addListener((o, old, qs) -> staleStatusGoes(qs));
        canvas.problemProperty().addListener((o, old, p) -> replaceProblem(CANVAS, "Canvas", p));
        canvas.warnings().allProperty().addListener((o, old, now) -> replaceWarnings(now));
        replaceWarnings(canvas.warnings().allProperty().get());
        canRun = Bindings.createBooleanBinding(
                () -> query.planProperty().get() != null && run.targetProperty().get() != null && !run.isRunning(),
                query.planProperty(), run.targetProperty(), run.runningProperty());
    }

    /** Shows a project: its schema in the browser, its database as the connection, its problems. */
    public void open(SampleProject project) {
        problems.removeIf(p -> p.source().equals("Sample"));
        problems.addAll(project.problems());
        Schema schema = project.schema();
        showImportWarnings(schema == null ? java.util.List.of() : schema.warnings());
        schemaBrowser.selectedModelProperty().set(null);
        schemaBrowser.schemaProperty().set(schema);
        inspector.schemaProperty().set(schema);
        query.schemaProperty().set(schema);
        sampleDatabase = project.database();
        if (project.database() != null) {
            String label = project.database().getFileName() + " — SQLite sample (read-only)";
            run.setTarget(ConnectionTarget.sqlite(project.database(), label));
            connectionLabel.set(label);
        } else {
            run.setTarget(null);
            connectionLabel.set("No database (sample not found)");
        }
        if (schema != null) {
            title.set(APP_NAME + " — " + SampleProject.APP_LABEL + " (SQLite sample)");
            status.set("Loaded " + schema.models().size() + " models from " + project.home().modelsPy());
        } else {
            title.set(APP_NAME + " — sample not found");
            status.set("The sample could not be loaded; see Problems.");
        }
    }

    /**
     * "New query on Model": the QuerySet becomes {@code Model.objects.all()} as one undoable step; inspector and
     * browser follow. Only explicit actions call this (double-click, the browser's menu, a drop on the canvas):
     * selecting a row never replaces the design.
     */
    public void selectModel(String name) {
        startOver(name); // first, so the selection below finds a query and does not start one again
        schemaBrowser.selectedModelProperty().set(name);
    }

    /**
     * Replaces the Django text and parses it at once (what typing does after its pause); false when the text
     * has an error, which is then in Problems and {@code query().editorErrorProperty()}.
     */
    public boolean setDjangoText(String text) {
        return query.applyText(text);
    }

    /**
     * Runs the current QuerySet on the connection, compiled for the connection's dialect. A pending edit is
     * parsed first; a Django text with an error is not run (the last good QuerySet is not what the editor says).
     */
    public void run() {
        if (run.isRunning()) {
            return;
        }
        if (!query.flushEdit()) {
            status.set("Not run: the Django text has an error — " + query.editorError().display());
            return;
        }
        if (!canRun.get()) {
            status.set(query.hasQuery() ? "Nothing to run: no database or the query does not compile."
                    : "Select a model first: there is no QuerySet to run.");
            return;
        }
        QueryPlan plan;
        try {
            plan = runParams.isEmpty() ? query.planFor(run.targetProperty().get().dialect())
                    : studio.queryset.sql.SqlCompiler.planFor(query.schemaProperty().get(),
                    query.querySetProperty().get(), run.targetProperty().get().dialect(), runParams);
        } catch (QueryException e) {
            report(Problem.error(COMPILE, e.kind(), e.kind() + ": " + e.getMessage()));
            return;
        } catch (RuntimeException e) {
            report(Problem.error(COMPILE, "InternalError", "InternalError: " + e));
            return;
        }
        problems.removeIf(p -> p.source().equals(RUN));
        run.run(plan, query.querySetProperty().get(), query.schemaProperty().get());
    }

    public void stop() {
        run.stop();
    }

    /** Values for the query's named Params in later runs (a design's parameters). */
    public void setRunParams(java.util.Map<String, Object> values) {
        runParams = values == null ? java.util.Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(values));
        run.setParams(runParams);
    }

    public java.util.Map<String, Object> runParams() {
        return runParams;
    }

    /** Points runs at another database (a connection chosen in the connection dialog) and names it. */
    public void setConnection(ConnectionTarget target) {
        run.setTarget(target);
        connectionLabel.set(target == null ? "No database" : target.label());
        if (target != null) {
            query.dialectProperty().set(target.dialect());
        }
    }

    /**
     * Lets update() and delete() run on the current database, or makes it read-only again. The bundled sample is
     * never written: allowing writes on it switches runs to a scratch copy of it (one a session, deleted on exit),
     * where the writes go and later reads see them.
     */
    public void allowWrites(boolean on) {
        ConnectionTarget t = run.targetProperty().get();
        if (on && t != null && sampleDatabase != null
                && t.url().equals(ConnectionTarget.sqlite(sampleDatabase, "").url())) {
            try {
                if (sampleScratch == null) {
                    java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("qss-sample-writes-");
                    dir.toFile().deleteOnExit();
                    sampleScratch = dir.resolve(sampleDatabase.getFileName());
                    java.nio.file.Files.copy(sampleDatabase, sampleScratch);
                    sampleScratch.toFile().deleteOnExit();
                }
            } catch (java.io.IOException e) {
                report(Problem.error(RUN, "WritesDisabled", "cannot make a scratch copy of the sample to write to ("
                        + e.getMessage() + "); writes stay off."));
                return;
            }
            setConnection(ConnectionTarget.sqlite(sampleScratch, sampleDatabase.getFileName()
                    + " — scratch copy of the sample (writable)"));
        }
        run.allowWrites(on);
        ConnectionTarget now = run.targetProperty().get();
        if (now != null) {
            status.set(run.writesAllowedProperty().get() ? "Writes allowed on " + now.label()
                    + ": update() and delete() run when you run them" : "Writes are off: " + now.label()
                    + " is read-only");
        }
    }

    /** An error nobody expected (a bug): shown in Problems and the status line, never as a dialog. */
    /** A line for the status bar (what the window just did on its own, e.g. at start). */
    public void say(String line) {
        status.set(line);
    }

    public void reportUnexpected(Throwable error) {
        report(Problem.error("Application", "InternalError", "Unexpected error: " + error));
    }

    public void clearProblems() {
        problems.clear();
    }

    public void dispose() {
        query.dispose();
        run.dispose();
    }

    private void modelSelected(String name) {
        Schema schema = schemaBrowser.schemaProperty().get();
        Model model = name == null || schema == null ? null : schema.findModel(name).orElse(null);
        inspector.modelProperty().set(model);
        if (model != null && !query.hasQuery()) {
            startOver(name); // nothing to replace yet: the first click on a model starts its query
        }
    }

    /** The query starts over as {@code Model.objects.all()}; the design it replaces stays one Ctrl+Z away. */
    private void startOver(String name) {
        Schema schema = schemaBrowser.schemaProperty().get();
        Model model = name == null || schema == null ? null : schema.findModel(name).orElse(null);
        if (model == null) {
            status.set(name == null ? "No model to start a query on." : "No model " + name + " in the schema.");
            return;
        }
        QuerySet fresh = QuerySet.of(model.name());
        // a double-click's first click already started this very query: nothing to replace, nothing to undo
        QuerySet now = document.design().query(); // the panels may not show the last start yet
        boolean replacing = now != null && !fresh.equals(now);
        if (!fresh.equals(now)) {
            document.startOver(fresh);
            document.settle();
        }
        if (!run.isRunning()) {
            startedQuery = fresh;
            status.set("New query: " + model.name() + ".objects.all()"
                    + (replacing ? " — Ctrl+Z brings back the previous one" : " — Ctrl+Enter runs it"));
        }
    }

    /**
     * A QuerySet on another model than before (typed in the editor, opened, a sample): the browser and inspector
     * follow it. Only a change of the query's model moves them: a drag from another model's fields leaves that
     * model's rows where the user scrolled them.
     */
    private void followQuery(QuerySet qs) {
        String model = qs == null ? null : qs.model();
        if (model == null || model.equals(followedModel)) {
            followedModel = model;
            return;
        }
        followedModel = model;
        if (!model.equals(schemaBrowser.selectedModelProperty().get())) {
            schemaBrowser.selectedModelProperty().set(model);
        }
    }

    /**
     * A status line about the query just started ("New query: ... — Ctrl+Z brings back the previous one") stops being
     * true at the next edit; from then on, until something else takes the line, it says what Ctrl+Z undoes now.
     */
    private void staleStatusGoes(QuerySet qs) {
        String line = status.get();
        boolean ours = line != null && (line.equals(editLine) || startedQuery != null && line.startsWith("New query: "));
        if (qs == null || !ours || qs.equals(startedQuery)) {
            return;
        }
        startedQuery = null;
        editLine = document.undoName().map(n -> n + " — Ctrl+Z undoes it, Ctrl+Enter runs the query")
                .orElse("Ctrl+Enter runs the query");
        status.set(editLine);
    }

    /** The QuerySet the last "New query" status line is about, and the last edit line (see {@link #staleStatusGoes}). */
    private QuerySet startedQuery;
    private String editLine;

    /** The query model the browser last followed (see {@link #followQuery}). */
    private String followedModel;

    private void editorErrorChanged(EditorError error) {
        replaceProblem(DJANGO, error == null ? null : error.kind(), error == null ? null : error.display());
        if (error == null && !run.isRunning() && query.hasQuery()) {
            status.set("Django text parsed — Ctrl+Enter runs it");
        }
    }

    private void replaceProblem(String source, String kind, String message) {
        problems.removeIf(p -> p.source().equals(source));
        if (message != null) {
            report(Problem.error(source, kind, message));
        }
    }

    /**
     * What the importer assumed for the schema now in use, one warning line each in Problems (file:line: what and
     * what was assumed); the lines of the schema it replaced go.
     */
    public void showImportWarnings(java.util.List<studio.queryset.schema.ImportWarning> warnings) {
        problems.removeIf(p -> p.source().equals(IMPORT));
        for (studio.queryset.schema.ImportWarning w : warnings) {
            problems.add(Problem.warning(IMPORT, w.toString()));
        }
    }

    /** The canvas's gotchas and lint flags as warning lines in Problems, one per node and warning. */
    private void replaceWarnings(java.util.List<studio.queryset.app.canvas.editor.CanvasWarnings.Warning> warnings) {
        var graph = canvas.graphProperty().get();
        java.util.List<Problem> now = new java.util.ArrayList<>();
        for (var w : warnings) {
            String label = graph == null || graph.node(w.nodeId()) == null ? w.nodeId()
                    : graph.node(w.nodeId()).label();
            now.add(Problem.warning(w.source(), w.line(label)));
        }
        java.util.function.Predicate<Problem> canvasWarning = p -> p.severity() == Problem.Severity.WARNING
                && (p.source().equals("Gotcha") || p.source().equals("Lint"));
        java.util.List<String> shown = problems.stream().filter(canvasWarning).map(Problem::message).toList();
        if (shown.equals(now.stream().map(Problem::message).toList())) {
            return; // unchanged (most edits): the lines keep their time and place
        }
        problems.removeIf(canvasWarning);
        problems.addAll(now);
    }

    private void report(Problem p) {
        problems.add(p);
        if (p.severity() == Problem.Severity.ERROR) {
            status.set(p.message());
        }
    }

    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty connectionLabelProperty() {
        return connectionLabel.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ObservableList<Problem> problems() {
        return readOnlyProblems;
    }

    public BooleanBinding canRunBinding() {
        return canRun;
    }

    public SchemaBrowserViewModel schemaBrowser() {
        return schemaBrowser;
    }

    public InspectorViewModel inspector() {
        return inspector;
    }

    public QueryViewModel query() {
        return query;
    }

    public CanvasViewModel canvas() {
        return canvas;
    }

    public RunViewModel runs() {
        return run;
    }
}
