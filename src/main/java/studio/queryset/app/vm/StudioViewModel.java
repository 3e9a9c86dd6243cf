package studio.queryset.app.vm;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import studio.queryset.app.service.Problem;
import studio.queryset.app.service.ReadOnlyDatabase;
import studio.queryset.app.service.SampleProject;
import studio.queryset.query.QuerySet;
import studio.queryset.schema.Model;
import studio.queryset.schema.Schema;
import studio.queryset.sql.CompiledQuery;
import studio.queryset.sql.Dialect;

/**
 * The main window's state: the open project, the schema browser, inspector, current query and runs,
 * problems and the status line. Commands: {@link #open}, {@link #selectModel}, {@link #run}, {@link #stop}.
 */
public final class StudioViewModel {
    public static final String APP_NAME = "QuerySet Studio";
    private static final String COMPILE = "Compile";

    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(this, "title", APP_NAME);
    private final ReadOnlyStringWrapper connectionLabel = new ReadOnlyStringWrapper(this, "connectionLabel",
            "No database");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "Ready");
    private final ObservableList<Problem> problems = FXCollections.observableArrayList();
    private final ObservableList<Problem> readOnlyProblems = FXCollections.unmodifiableObservableList(problems);
    private final SchemaBrowserViewModel schemaBrowser = new SchemaBrowserViewModel();
    private final InspectorViewModel inspector = new InspectorViewModel();
    private final QueryViewModel query = new QueryViewModel();
    private final RunViewModel run = new RunViewModel(this::report, status::set);
    private final BooleanBinding canRun;

    public StudioViewModel() {
        schemaBrowser.selectedModelProperty().addListener((o, old, name) -> modelSelected(name));
        query.compileErrorProperty().addListener((o, old, error) -> compileErrorChanged(error));
        canRun = Bindings.createBooleanBinding(
                () -> query.compiledProperty().get() != null && run.databaseProperty().get() != null
                        && !run.isRunning(),
                query.compiledProperty(), run.databaseProperty(), run.runningProperty());
    }

    /** Shows a project: its schema in the browser, its database as the connection, its problems. */
    public void open(SampleProject project) {
        problems.removeIf(p -> p.source().equals("Sample"));
        problems.addAll(project.problems());
        Schema schema = project.schema();
        schemaBrowser.selectedModelProperty().set(null);
        schemaBrowser.schemaProperty().set(schema);
        inspector.schemaProperty().set(schema);
        query.schemaProperty().set(schema);
        if (project.database() != null) {
            run.setDatabase(new ReadOnlyDatabase(project.database()));
            connectionLabel.set(project.database().getFileName() + " — SQLite sample (read-only)");
        } else {
            run.setDatabase(null);
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

    /** Makes a model the current one: QuerySet.of(model), inspector, browser selection. */
    public void selectModel(String name) {
        schemaBrowser.selectedModelProperty().set(name);
    }

    /** Runs the current QuerySet on the connection, compiled for the connection's dialect. */
    public void run() {
        if (!canRun.get()) {
            if (!run.isRunning()) {
                status.set(query.hasQuery() ? "Nothing to run: no database or the query does not compile."
                        : "Select a model first: there is no QuerySet to run.");
            }
            return;
        }
        Dialect dialect = run.databaseProperty().get().dialect();
        CompiledQuery compiled;
        try {
            compiled = query.compileFor(dialect);
        } catch (RuntimeException e) {
            report(Problem.error(COMPILE, String.valueOf(e.getMessage())));
            return;
        }
        problems.removeIf(p -> p.source().equals("Run"));
        run.run(compiled);
    }

    public void stop() {
        run.stop();
    }

    /** An error nobody expected (a bug): shown in Problems and the status line, never as a dialog. */
    public void reportUnexpected(Throwable error) {
        report(Problem.error("Application", "Unexpected error: " + error));
    }

    public void clearProblems() {
        problems.clear();
    }

    public void dispose() {
        run.dispose();
    }

    private void modelSelected(String name) {
        Schema schema = schemaBrowser.schemaProperty().get();
        Model model = name == null || schema == null ? null : schema.findModel(name).orElse(null);
        inspector.modelProperty().set(model);
        query.querySetProperty().set(model == null ? null : QuerySet.of(model.name()));
        if (model != null && !run.isRunning()) {
            status.set(model.name() + ".objects.all() — press Ctrl+Enter to run");
        }
    }

    private void compileErrorChanged(String error) {
        problems.removeIf(p -> p.source().equals(COMPILE));
        if (error != null) {
            report(Problem.error(COMPILE, error));
        }
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

    public RunViewModel runs() {
        return run;
    }
}
