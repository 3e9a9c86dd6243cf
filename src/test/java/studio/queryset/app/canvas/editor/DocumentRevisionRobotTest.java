package studio.queryset.app.canvas.editor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.application.Platform;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.fxmisc.richtext.CodeArea;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.util.WaitForAsyncUtils;
import studio.queryset.design.Point;
import studio.queryset.design.Revision;
import studio.queryset.sql.Dialect;

/**
 * The window as projections of one document: every revision a canvas command, typing, undo, a dialect change or
 * a card move shows was built off the FX thread (a thread check, not a timing), and Ctrl+Z in the Django editor
 * walks back through canvas commands and typed edits alike.
 */
class DocumentRevisionRobotTest extends CanvasRobotTestBase {

    @Start
    void start(Stage stage) throws Exception {
        startApp(stage);
    }

    @Stop
    void stop() {
        stopApp();
    }

    private CodeArea djangoEditor(FxRobot robot) {
        return robot.lookup("#djangoEditor").queryAs(CodeArea.class);
    }

    /** Replaces the editor's text by typing it, then waits for the pause and the parse. */
    private void type(FxRobot robot, String text) throws TimeoutException {
        CodeArea area = djangoEditor(robot);
        robot.clickOn(area);
        robot.interact(area::selectAll);
        robot.write(text);
        WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS,
                () -> text.equals(vm.query().editorTextProperty().get()) && !vm.query().editPendingProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void keys(FxRobot robot, KeyCode... combo) {
        robot.press(combo);
        for (int i = combo.length - 1; i >= 0; i--) {
            robot.release(combo[i]);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void theFxThreadBuildsNoRevision(FxRobot robot) throws Exception {
        List<String> builtOn = new CopyOnWriteArrayList<>();
        List<Boolean> shownOnFx = new CopyOnWriteArrayList<>();
        robot.interact(() -> vm.query().revisionProperty().addListener((o, old, r) -> {
            builtOn.add(r.computedOn());
            shownOnFx.add(Platform.isFxApplicationThread());
        }));
        String fxThread = fxThreadName(robot);

        open(robot, "Post");                                   // a command: New query on Post
        palette(robot, "filter");                              // canvas commands
        palette(robot, "lookup");
        type(robot, "Post.objects.filter(slug=\"a\").order_by(\"id\")"); // typed, parsed after the pause
        type(robot, "Post.objects.filter(slg=\"a\")");         // typed, fails to parse
        robot.interact(() -> canvas.undo());                   // takes the failed typing back
        robot.interact(() -> canvas.undo());                   // and the typed edit
        robot.interact(() -> canvas.redo());
        robot.interact(() -> vm.query().dialectProperty().set(Dialect.POSTGRESQL)); // settings
        robot.interact(() -> canvas.moveNodes(Map.of("s0", new Point(40, 40)), "drag")); // a move: reused parts
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(builtOn).hasSizeGreaterThanOrEqualTo(9);
        assertThat(builtOn).doesNotContain(fxThread).containsOnly("qss-document");
        assertThat(shownOnFx).containsOnly(true);
        assertThat(vm.query().revisionProperty().get().cause()).isEqualTo(Revision.Cause.MOVE);
        assertThat(vm.query().paramsTextProperty().get()).startsWith("PostgreSQL");
    }

    private static String fxThreadName(FxRobot robot) {
        String[] name = new String[1];
        robot.interact(() -> name[0] = Thread.currentThread().getName());
        return name[0];
    }

    @Test
    void ctrlZInTheEditorUndoesCanvasCommandsAndTypingAlike(FxRobot robot) throws Exception {
        open(robot, "Post");
        palette(robot, "filter");
        assertThat(django()).isEqualTo("Post.objects.filter()");
        type(robot, "Post.objects.filter(slug=\"a\")");
        palette(robot, "exclude");
        assertThat(django()).isEqualTo("Post.objects.filter(slug=\"a\").exclude()");
        assertThat(djangoEditor(robot).getText()).isEqualTo(django());

        robot.clickOn(djangoEditor(robot));
        keys(robot, KeyCode.CONTROL, KeyCode.Z);
        assertThat(django()).isEqualTo("Post.objects.filter(slug=\"a\")");
        assertThat(djangoEditor(robot).getText()).isEqualTo("Post.objects.filter(slug=\"a\")");
        keys(robot, KeyCode.CONTROL, KeyCode.Z);
        assertThat(django()).isEqualTo("Post.objects.filter()");
        assertThat(djangoEditor(robot).getText()).isEqualTo("Post.objects.filter()");
        keys(robot, KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.Z);
        assertThat(django()).isEqualTo("Post.objects.filter(slug=\"a\")");
        keys(robot, KeyCode.CONTROL, KeyCode.Y);
        assertThat(django()).isEqualTo("Post.objects.filter(slug=\"a\").exclude()");

        // a text that does not parse is typing not yet in the history: Ctrl+Z takes it back, the design stays
        type(robot, "Post.objects.filter(slg=\"a\")");
        assertThat(vm.query().editorError()).isNotNull();
        robot.clickOn(djangoEditor(robot));
        keys(robot, KeyCode.CONTROL, KeyCode.Z);
        assertThat(vm.query().editorError()).isNull();
        assertThat(djangoEditor(robot).getText()).isEqualTo("Post.objects.filter(slug=\"a\").exclude()");
        assertThat(django()).isEqualTo("Post.objects.filter(slug=\"a\").exclude()");
        assertThat(canvas.undoName()).isEqualTo("Add exclude");
    }
}
