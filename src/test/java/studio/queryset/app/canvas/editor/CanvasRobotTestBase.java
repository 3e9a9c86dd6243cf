package studio.queryset.app.canvas.editor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ListCell;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;
import studio.queryset.app.StudioApp;
import studio.queryset.app.querylog.QueryLogEntry;
import studio.queryset.app.results.ResultTable;
import studio.queryset.app.results.ResultValues;
import studio.queryset.app.session.RunViewModel;
import studio.queryset.app.shell.StudioViewModel;
import studio.queryset.django.DjangoParser;
import studio.queryset.query.QuerySet;
import studio.queryset.run.Connections;
import studio.queryset.run.Executor;
import studio.queryset.run.QueryLog;
import studio.queryset.schema.Schema;
import studio.queryset.sql.Dialect;
import studio.queryset.sql.QueryPlan;
import studio.queryset.sql.SqlCompiler;

/**
 * The whole app on the sample blog, driven through the canvas by the robot: palette clicks, node clicks,
 * inspector fields and choices (each commits as it changes, no Apply); plus checks that what the window runs equals what the engine returns for the
 * same Django text parsed directly.
 */
@ExtendWith(ApplicationExtension.class)
@Tag("gui") // robot tests: left out of the fast loop (mvn -B test -DexcludedGroups=gui)
abstract class CanvasRobotTestBase {
    static final long TIMEOUT_SECONDS = 30;

    protected StudioApp app;
    protected StudioViewModel vm;
    protected CanvasViewModel canvas;
    protected CanvasEditorView editor;

    private Stage primary;
    private String previousConfigDir;

    /**
     * Subclasses call this from their {@code @Start} method (TestFX looks for it on the test class itself). The
     * app gets a fresh settings folder, so no recovery prompt or autosave of the user's own leaks in or out.
     */
    protected void startApp(Stage stage) throws IOException {
        primary = stage;
        previousConfigDir = System.getProperty("qss.config.dir");
        System.setProperty("qss.config.dir", Files.createTempDirectory("qss-config").toString());
        app = new StudioApp();
        app.start(stage);
        vm = app.viewModel();
        canvas = vm.canvas();
    }

    /** ... and this from their {@code @Stop} method. */
    protected void stopApp() {
        if (previousConfigDir == null) {
            System.clearProperty("qss.config.dir");
        } else {
            System.setProperty("qss.config.dir", previousConfigDir);
        }
        // a popup or dialog a test left open (a choice list, a tooltip) must not take the next test's first click
        Runnable hide = () -> {
            for (Window w : new ArrayList<>(Window.getWindows())) {
                if (w != primary) {
                    w.hide();
                }
            }
        };
        if (Platform.isFxApplicationThread()) {
            hide.run();
        } else {
            Platform.runLater(hide);
            WaitForAsyncUtils.waitForFxEvents();
        }
        app.stop();
    }

    protected void open(FxRobot robot, String model) {
        robot.interact(() -> vm.selectModel(model));
        editor = robot.lookup("#canvasEditor").queryAs(CanvasEditorView.class);
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> primary.toFront());
        WaitForAsyncUtils.waitForFxEvents();
    }

    protected String django() {
        return vm.query().djangoTextProperty().get();
    }

    /** The SQL panel's text on one line (the panel lays clauses out on lines of their own). */
    protected String sql() {
        return sqlText().replaceAll("\\s+", " ");
    }

    /** The SQL panel's text exactly as shown, line breaks included. */
    protected String sqlText() {
        return vm.query().sqlTextProperty().get();
    }

    protected String focused() {
        return canvas.focusedProperty().get();
    }

    /** Clicks a palette button: a stage name, "q-or", "lookup", or "nested-subquery" / "nested-exists" / .... */
    protected void palette(FxRobot robot, String name) {
        robot.clickOn("#palette-" + name);
        WaitForAsyncUtils.waitForFxEvents();
    }

    protected void clickNode(FxRobot robot, String id) {
        robot.interact(editor::fit);
        NodeCard card = editor.card(id);
        assertThat(card).as("card " + id + " in " + canvas.graphProperty().get().nodes().stream()
                .map(n -> n.id()).toList()).isNotNull();
        robot.clickOn(card);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(focused()).isEqualTo(id);
    }

    /** Types into a text field, text area or editable combo box of the inspector, replacing its text. */
    protected void fill(FxRobot robot, String id, String text) {
        Object n = robot.lookup("#" + id).query();
        assertThat(n).as("#" + id).isNotNull();
        TextInputControl field = n instanceof ComboBox<?> c ? c.getEditor() : (TextInputControl) n;
        robot.clickOn(field);
        robot.interact(field::selectAll);
        if (text.isEmpty()) {
            robot.type(KeyCode.BACK_SPACE);
        } else {
            robot.write(text);
        }
        WaitForAsyncUtils.waitForFxEvents();
        // a field with suggestions shows them as one types; close the list before clicking elsewhere
        if (suggestionsShowing()) {
            robot.type(KeyCode.ESCAPE);
            WaitForAsyncUtils.waitForFxEvents();
        }
    }

    /** A field's list of suggestions is open (it lives in a popup window of its own). */
    protected static boolean suggestionsShowing() {
        for (Window w : new ArrayList<>(Window.getWindows())) {
            if (w.isShowing() && w.getScene() != null && w.getScene().getRoot().lookup(".cn-suggest") != null) {
                return true;
            }
        }
        return false;
    }

    /** Enter in the inspector field being edited: it commits what was typed and the keyboard goes to the canvas. */
    protected void commit(FxRobot robot) {
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Clicks a button (or check box) of the inspector by its id. */
    protected void click(FxRobot robot, String id) {
        robot.clickOn("#" + id);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Opens a choice box of the inspector and clicks the item {@code item} in its popup list. */
    protected void choose(FxRobot robot, String comboId, String item) {
        ComboBox<?> combo = robot.lookup("#" + comboId).queryAs(ComboBox.class);
        assertThat(combo).as("#" + comboId).isNotNull();
        robot.clickOn(combo);
        WaitForAsyncUtils.waitForFxEvents();
        // the list lives in the popup's own scene; cells of the main window must not match
        Node cell = robot.lookup(".list-cell").match((Node c) -> c instanceof ListCell<?> lc
                && item.equals(lc.getText()) && c.isVisible() && c.getScene() != combo.getScene()).query();
        assertThat(cell).as("item " + item + " of #" + comboId).isNotNull();
        robot.clickOn(cell);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(combo.getValue()).isEqualTo(item);
    }

    /** Sets a lookup through the inspector: field path, lookup and a literal value (the default value kind). */
    protected void lookup(FxRobot robot, String node, String path, String lookup, String value) {
        clickNode(robot, node);
        fill(robot, "lookupPath", path);
        fill(robot, "lookupName", lookup);
        fill(robot, "lookupValue", value);
        commit(robot);
    }

    /** Sets a lookup whose value is of the given kind ("value", "F", "Param", "optional Param", ...). */
    protected void lookup(FxRobot robot, String node, String path, String lookup, String kind, String value) {
        clickNode(robot, node);
        fill(robot, "lookupPath", path);
        fill(robot, "lookupName", lookup);
        choose(robot, "valueKind", kind);
        fill(robot, "lookupValue", value);
        commit(robot);
    }

    /** A lookup inside a frame whose value is OuterRef(outerField), picked from the outer model's fields. */
    protected void outerRefLookup(FxRobot robot, String node, String path, String outerField) {
        clickNode(robot, node);
        fill(robot, "lookupPath", path);
        fill(robot, "lookupName", "exact");
        choose(robot, "valueKind", "OuterRef");
        fill(robot, "outerRefField", outerField);
        commit(robot);
        assertThat(robot.lookup("#lookupValue").queryAs(TextField.class).getText()).isEqualTo(outerField);
    }

    protected void assertCompiles() {
        assertThat(vm.query().planProperty().get()).as(vm.query().compileErrorProperty().get()).isNotNull();
        assertThat(canvas.errorsProperty().get()).isEmpty();
    }

    /** Runs the current query in the app (with these Params) and returns its result table. */
    protected ResultTable runInApp(FxRobot robot, Map<String, Object> params) throws Exception {
        int before = vm.runs().runCount();
        robot.interact(() -> {
            vm.setRunParams(params);
            vm.run();
        });
        awaitRun(before);
        assertThat(vm.runs().result()).as(String.valueOf(vm.problems())).isNotNull();
        return vm.runs().result();
    }

    /** The same Django text parsed and run straight through the engine on the app's database (SQLite). */
    protected ResultTable runDirectly(String text, Map<String, Object> params) throws Exception {
        QueryPlan plan = SqlCompiler.planFor(vm.query().schemaProperty().get(),
                DjangoParser.parse(text, vm.query().schemaProperty().get()), Dialect.SQLITE, params);
        try (Connection c = Connections.open(vm.runs().targetProperty().get().url(), true)) {
            QueryLog log = new QueryLog();
            Object result = new Executor(c, Dialect.SQLITE, log).withParams(params).execute(plan, Executor.WriteMode.DENY);
            return ResultValues.table(result, plan, 1.0, log.entries().size(), 10_000);
        }
    }

    /** Runs in the app (with Params) and directly; both give the same columns and rows, and some rows. */
    protected ResultTable assertSameResults(FxRobot robot, String text, Map<String, Object> params) throws Exception {
        ResultTable app = runInApp(robot, params);
        ResultTable direct = runDirectly(text, params);
        assertThat(app.columns()).isEqualTo(direct.columns());
        assertThat(app.rows()).isEqualTo(direct.rows());
        assertThat(app.rows()).isNotEmpty();
        return app;
    }

    /**
     * Runs the query in the window (Run) and compares its grid with the engine's result for {@code text} parsed
     * directly, on the same database: the canvas built the parsed query, same columns, same rows, same number of
     * statements. Returns the window's result.
     */
    protected ResultTable assertRunsLikeParsed(FxRobot robot, String text) throws Exception {
        Schema schema = vm.query().schemaProperty().get();
        QuerySet parsed = DjangoParser.parse(text, schema);
        assertThat(vm.query().querySetProperty().get()).as("the canvas built the parsed query").isEqualTo(parsed);
        int before = vm.runs().runCount();
        robot.interact(vm::run);
        awaitRun(before);
        assertThat(vm.runs().lastOutcomeProperty().get()).as(String.valueOf(vm.problems()))
                .isEqualTo(QueryLogEntry.Outcome.OK);
        ResultTable got = vm.runs().result();
        try (Connection c = Connections.open(vm.runs().targetProperty().get().url(), false)) {
            QueryPlan plan = SqlCompiler.plan(schema, parsed, vm.runs().targetProperty().get().dialect());
            QueryLog log = new QueryLog();
            Object result = new Executor(c, vm.runs().targetProperty().get().dialect(), log)
                    .execute(plan, Executor.WriteMode.DENY);
            ResultTable expected = ResultValues.table(result, plan, 0, log.entries().size(), RunViewModel.MAX_ROWS);
            assertThat(got.columns()).isEqualTo(expected.columns());
            assertThat(got.rows()).isEqualTo(expected.rows());
            assertThat(got.totalRows()).isEqualTo(expected.totalRows()).isPositive();
            assertThat(got.statements()).isEqualTo(log.entries().size());
        }
        return got;
    }

    private void awaitRun(int runsBefore) throws Exception {
        WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS,
                () -> vm.runs().runCount() > runsBefore && !vm.runs().isRunning());
        WaitForAsyncUtils.waitForFxEvents();
    }
}
