package studio.queryset.app.canvas.editor;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.geometry.Bounds;
import javafx.scene.Node;
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

/** A long design opens readable with a minimap to find the rest; the palette collapses into a row of sections. */
@ExtendWith(ApplicationExtension.class)
@Tag("gui") // robot tests: left out of the fast loop (mvn -B test -DexcludedGroups=gui)
class CanvasReadabilityTest {
    private static final String LONG = "Post.objects.filter(title__icontains=\"a\").exclude(slug=\"b\")"
            + ".select_related(\"author\").annotate(n=Count(\"comments\")).filter(n__gt=0).order_by(\"-n\")"
            + ".defer(\"body\").distinct()[:10]";

    /** The toolbar's narrow layout starts below this width (ToolbarView.NARROW). */
    private static final double NARROW_LIMIT = 1100;

    private StudioApp app;
    private StudioViewModel vm;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        app = new StudioApp();
        app.start(stage);
        vm = app.viewModel();
    }

    @Stop
    void stop() {
        app.stop();
    }

    @Test
    void aLongDesignOpensReadableAndTheMinimapPansToTheRest(FxRobot robot) {
        robot.interact(() -> vm.setDjangoText(LONG));
        WaitForAsyncUtils.waitForFxEvents();
        CanvasEditorView editor = robot.lookup("#canvasEditor").queryAs(CanvasEditorView.class);
        assertThat(editor.zoomFactor()).isGreaterThanOrEqualTo(0.75);
        Node minimap = robot.lookup("#canvasMinimap").query();
        assertThat(minimap.isVisible()).as("the design is wider than the view").isTrue();

        // a press on the minimap's right end brings the last stage into view
        Bounds before = editor.cardBoundsInScene("s0");
        Bounds map = minimap.localToScreen(minimap.getBoundsInLocal());
        robot.clickOn(new javafx.geometry.Point2D(map.getMaxX() - 8, map.getMinY() + map.getHeight() / 2));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(editor.cardBoundsInScene("s0").getMinX()).isLessThan(before.getMinX());

        // the whole design still fits on request (F / the Fit button), below the readable zoom
        robot.interact(editor::fit);
        assertThat(editor.zoomFactor()).isLessThan(0.75);
        assertThat(minimap.isVisible()).isFalse();
    }

    @Test
    void aCollapsedPaletteOpensASectionInADrawerAndItsChipsStillWork(FxRobot robot) {
        robot.interact(() -> vm.setDjangoText("Post.objects.all()"));
        CanvasEditorView editor = robot.lookup("#canvasEditor").queryAs(CanvasEditorView.class);
        robot.interact(() -> editor.paletteCollapsedProperty().set(false));
        robot.clickOn("#paletteToggle");
        assertThat(editor.paletteCollapsedProperty().get()).isTrue();
        assertThat(editor.paletteChosen()).isTrue();
        assertThat(robot.lookup("#palette-filter").tryQuery()).isEmpty();

        robot.clickOn("#palette-section-stages");
        Node drawer = robot.lookup("#paletteDrawer").query();
        assertThat(drawer.isVisible()).isTrue();
        robot.clickOn("#palette-order_by");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.query().djangoTextProperty().get()).startsWith("Post.objects.order_by(");
        assertThat(drawer.isVisible()).as("a chip's click closes the drawer").isFalse();

        // a second press on the section's button closes what the first opened
        robot.clickOn("#palette-section-conditions");
        assertThat(drawer.isVisible()).isTrue();
        robot.clickOn("#palette-section-conditions");
        assertThat(drawer.isVisible()).isFalse();

        robot.clickOn("#paletteToggle");
        assertThat(robot.lookup("#palette-filter").tryQuery()).isPresent();
    }

    @Test
    void aNarrowWindowKeepsRunAndStopWholeAndMovesTheDialectIntoTheOverflowMenu(FxRobot robot) {
        // the robot's stage is shared by every test class: leave it as wide as it was
        double wide = stage.getWidth();
        robot.interact(() -> stage.setWidth(1000));
        WaitForAsyncUtils.waitForFxEvents();
        javafx.scene.control.Button run = robot.lookup("#runButton").queryButton();
        assertThat(run.getWidth()).isGreaterThanOrEqualTo(run.prefWidth(-1) - 0.5);
        assertThat(robot.lookup("#dialectToggle").query().isVisible()).isFalse();
        robot.clickOn("#toolbarOverflow");
        robot.clickOn("SQL dialect: PostgreSQL");
        assertThat(vm.query().dialectProperty().get()).isEqualTo(studio.queryset.sql.Dialect.POSTGRESQL);

        robot.interact(() -> stage.setWidth(Math.max(wide, NARROW_LIMIT + 100)));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#dialectToggle").query().isVisible()).isTrue();
        assertThat(robot.lookup("#toolbarOverflow").query().isVisible()).isFalse();
        robot.interact(() -> stage.setWidth(wide));
    }
}
