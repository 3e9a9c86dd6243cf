package studio.queryset.app.canvas.editor;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.util.WaitForAsyncUtils;
import studio.queryset.app.StudioApp;
import studio.queryset.app.shell.StudioViewModel;

/** Pan, zoom, the selection band, and what the schema browser drops on the canvas. */
@ExtendWith(ApplicationExtension.class)
@Tag("gui") // robot tests: left out of the fast loop (mvn -B test -DexcludedGroups=gui)
class CanvasNavigationTest {
    private StudioApp app;
    private StudioViewModel vm;
    private CanvasViewModel canvas;
    private CanvasEditorView editor;

    @Start
    void start(Stage stage) {
        app = new StudioApp();
        app.start(stage);
        vm = app.viewModel();
        canvas = vm.canvas();
    }

    @Stop
    void stop() {
        app.stop();
    }

    @Test
    void ctrlWheelZoomsAndShiftDragSelectsWithABand(FxRobot robot) {
        robot.interact(() -> vm.setDjangoText("Post.objects.filter(title__icontains=\"a\", body__icontains=\"b\")"
                + ".order_by(\"-published_at\")"));
        editor = robot.lookup("#canvasEditor").queryAs(CanvasEditorView.class);
        robot.interact(editor::fit);
        double z = editor.zoomFactor();
        Bounds vp = editor.viewport().localToScreen(editor.viewport().getBoundsInLocal());
        robot.moveTo(new Point2D(vp.getMaxX() - 20, vp.getMaxY() - 40));
        robot.press(KeyCode.CONTROL);
        robot.scroll(3, javafx.geometry.VerticalDirection.UP);
        robot.release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(editor.zoomFactor()).isNotEqualTo(z);
        robot.interact(editor::fit);
        robot.type(KeyCode.F);

        // a band around both lookups selects just them
        Bounds a = editor.cardBoundsInScene("s0.k0");
        Bounds b = editor.cardBoundsInScene("s0.k1");
        Point2D from = editor.viewport().localToScreen(editor.viewport().sceneToLocal(
                Math.min(a.getMinX(), b.getMinX()) - 8, Math.min(a.getMinY(), b.getMinY()) - 8));
        Point2D to = editor.viewport().localToScreen(editor.viewport().sceneToLocal(
                Math.max(a.getMaxX(), b.getMaxX()) + 8, Math.max(a.getMaxY(), b.getMaxY()) + 8));
        robot.moveTo(from).press(KeyCode.SHIFT).press(MouseButton.PRIMARY).moveTo(to)
                .release(MouseButton.PRIMARY).release(KeyCode.SHIFT);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(canvas.selection()).containsExactlyInAnyOrder("s0.k0", "s0.k1");

        // dragging empty space pans: nothing moves in the design
        String before = vm.query().djangoTextProperty().get();
        robot.moveTo(new Point2D(vp.getMaxX() - 20, vp.getMaxY() - 40)).press(MouseButton.PRIMARY)
                .moveBy(-60, -30).release(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.query().djangoTextProperty().get()).isEqualTo(before);
        assertThat(canvas.design().positions()).isEmpty();
    }

    @Test
    void droppedFieldsBecomeLookupsAndADroppedModelStartsAPipeline(FxRobot robot) {
        robot.interact(() -> vm.setDjangoText("Post.objects.filter(Q(title__icontains=\"a\") | Q(slug=\"b\"))"));
        editor = robot.lookup("#canvasEditor").queryAs(CanvasEditorView.class);
        robot.interact(() -> assertThat(editor.dropFieldOn("s0", "Author.name")).isTrue());
        assertThat(vm.query().djangoTextProperty().get()).isEqualTo(
                "Post.objects.filter(Q(title__icontains=\"a\") | Q(slug=\"b\"), author__name=\"\")");
        robot.interact(() -> assertThat(editor.dropFieldOn("s0.a0", "Post.view_count")).isTrue());
        assertThat(vm.query().djangoTextProperty().get()).contains("| Q(view_count=0)");
        assertThat(vm.query().planProperty().get()).isNotNull();
        robot.interact(() -> assertThat(canvas.startPipeline("Author")).isTrue());
        assertThat(vm.query().djangoTextProperty().get()).isEqualTo("Author.objects.all()");
        assertThat(vm.schemaBrowser().selectedModelProperty().get()).isEqualTo("Author");
        assertThat(canvas.graphProperty().get().nodes()).hasSize(1);
    }
}
