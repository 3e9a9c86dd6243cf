package studio.queryset.app.canvas;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ListCell;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;
import studio.queryset.app.StudioApp;
import studio.queryset.app.service.ResultTable;
import studio.queryset.app.service.ResultValues;
import studio.queryset.app.vm.StudioViewModel;
import studio.queryset.django.DjangoParser;
import studio.queryset.run.Connections;
import studio.queryset.run.Executor;
import studio.queryset.run.QueryLog;
import studio.queryset.sql.Dialect;
import studio.queryset.sql.QueryPlan;
import studio.queryset.sql.SqlCompiler;

/**
 * The real app on the sample blog, driven through the canvas by the robot: palette clicks, node clicks, typing
 * into inspector fields, picking from inspector choices; plus running the built query and running the same
 * Django text straight through the engine to compare.
 */
abstract class CanvasRobotBase {
    static final long TIMEOUT_SECONDS = 30;
    StudioApp app;
    StudioViewModel vm;
    CanvasViewModel canvas;
    CanvasEditorView editor;
    private Stage primary;

    /** Subclasses call this from their {@code @Start} method (TestFX looks for it on the test class itself). */
    void startApp(Stage stage) {
        primary = stage;
        app = new StudioApp();
        app.start(stage);
        vm = app.viewModel();
        canvas = vm.canvas();
    }

    void stopApp() {
        // a popup a test left open (a choice list, a tooltip) must not take the next test's first click
        Runnable hide = () -> {
            for (javafx.stage.Window w : new java.util.ArrayList<>(javafx.stage.Window.getWindows())) {
                if (w != primary) {
                    w.hide();
                }
            }
        };
        if (javafx.application.Platform.isFxApplicationThread()) {
            hide.run();
        } else {
            javafx.application.Platform.runLater(hide);
            WaitForAsyncUtils.waitForFxEvents();
        }
        app.stop();
    }

    void open(FxRobot robot, String model) {
        robot.interact(() -> vm.selectModel(model));
        editor = robot.lookup("#canvasEditor").queryAs(CanvasEditorView.class);
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> primary.toFront());
        WaitForAsyncUtils.waitForFxEvents();
    }

    String django() {
        return vm.query().djangoTextProperty().get();
    }

    String sql() {
        return vm.query().sqlTextProperty().get();
    }

    void palette(FxRobot robot, String name) {
        robot.clickOn("#palette-" + name);
        WaitForAsyncUtils.waitForFxEvents();
    }

    void clickNode(FxRobot robot, String id) {
        robot.interact(editor::fit);
        NodeCard card = editor.card(id);
        assertThat(card).as("card " + id + " in " + canvas.graphProperty().get().nodes().stream()
                .map(n -> n.id()).toList()).isNotNull();
        robot.clickOn(card);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(canvas.focusedProperty().get()).isEqualTo(id);
    }

    /** Types into a text field or an editable choice of the inspector (replacing what it held). */
    void fill(FxRobot robot, String id, String text) {
        Object n = robot.lookup("#" + id).query();
        assertThat(n).as("#" + id).isNotNull();
        TextField field = n instanceof ComboBox<?> c ? c.getEditor() : (TextField) n;
        robot.clickOn(field);
        robot.interact(field::selectAll);
        if (text.isEmpty()) {
            robot.press(javafx.scene.input.KeyCode.BACK_SPACE).release(javafx.scene.input.KeyCode.BACK_SPACE);
        } else {
            robot.write(text);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Opens a choice box of the inspector and clicks the item {@code value} in its list. */
    void choose(FxRobot robot, String id, String value) {
        ComboBox<?> combo = robot.lookup("#" + id).queryAs(ComboBox.class);
        assertThat(combo).as("#" + id).isNotNull();
        robot.clickOn(combo);
        WaitForAsyncUtils.waitForFxEvents();
        Node cell = robot.lookup(".list-cell").match((Node c) -> c instanceof ListCell<?> lc
                && value.equals(lc.getText()) && c.isVisible() && c.getScene() != combo.getScene()).query();
        assertThat(cell).as("item " + value + " of #" + id).isNotNull();
        robot.clickOn(cell);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(combo.getValue()).isEqualTo(value);
    }

    void apply(FxRobot robot, String id) {
        robot.clickOn("#" + id);
        WaitForAsyncUtils.waitForFxEvents();
    }

    void assertCompiles() {
        assertThat(vm.query().planProperty().get()).as(vm.query().compileErrorProperty().get()).isNotNull();
        assertThat(canvas.errorsProperty().get()).isEmpty();
    }

    void lookup(FxRobot robot, String node, String path, String lookup, String kind, String value) {
        clickNode(robot, node);
        fill(robot, "lookupPath", path);
        fill(robot, "lookupName", lookup);
        choose(robot, "valueKind", kind);
        fill(robot, "lookupValue", value);
        apply(robot, "applyLookup");
    }

    /** Runs the current query in the app (with these Params) and returns its result table. */
    ResultTable runInApp(FxRobot robot, Map<String, Object> params) throws Exception {
        int before = vm.runs().runCount();
        robot.interact(() -> {
            vm.setRunParams(params);
            vm.run();
        });
        WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS,
                () -> vm.runs().runCount() > before && !vm.runs().isRunning());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.runs().result()).as(String.valueOf(vm.problems())).isNotNull();
        return vm.runs().result();
    }

    /** The same Django text parsed and run straight through the engine on the app's database. */
    ResultTable runDirectly(String text, Map<String, Object> params) throws Exception {
        QueryPlan plan = SqlCompiler.planFor(vm.query().schemaProperty().get(),
                DjangoParser.parse(text, vm.query().schemaProperty().get()), Dialect.SQLITE, params);
        try (Connection c = Connections.open(vm.runs().targetProperty().get().url(), true)) {
            QueryLog log = new QueryLog();
            Object result = new Executor(c, Dialect.SQLITE, log).withParams(params).execute(plan, Executor.WriteMode.DENY);
            return ResultValues.table(result, plan, 1.0, log.entries().size(), 10_000);
        }
    }

    /** Runs in the app and directly; both give the same columns and rows, and some rows. */
    ResultTable assertSameResults(FxRobot robot, String text, Map<String, Object> params) throws Exception {
        ResultTable app = runInApp(robot, params);
        ResultTable direct = runDirectly(text, params);
        assertThat(app.columns()).isEqualTo(direct.columns());
        assertThat(app.rows()).isEqualTo(direct.rows());
        assertThat(app.rows()).isNotEmpty();
        return app;
    }
}
