package studio.queryset.app.canvas.editor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The inspector as a property grid, through the robot: typing commits without any Apply, a run of typing is one
 * undo step, focus and caret stay in the field, Tab moves between fields, Enter goes back to the canvas, an
 * invalid alias shows Django's message and leaves the query alone, the field picker is searchable and typed.
 */
class InspectorRobotTest extends CanvasRobotTestBase {

    @Start
    void start(Stage stage) throws Exception {
        startApp(stage);
    }

    @Stop
    void stop() {
        stopApp();
    }

    private void design(FxRobot robot, String model, String django) {
        open(robot, model);
        robot.interact(() -> vm.query().applyText(django));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(django()).isEqualTo(django);
    }

    /** Clicks into a field and replaces its text by typing, without Enter or leaving it. */
    private TextInputControl typeInto(FxRobot robot, String id, String text) {
        TextInputControl field = robot.lookup("#" + id).queryAs(TextInputControl.class);
        robot.clickOn(field);
        robot.interact(field::selectAll);
        robot.write(text);
        return field;
    }

    private void awaitDjango(String expected) throws Exception {
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> expected.equals(django()));
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** The suggestion list of a field, in its popup window, while it shows. */
    private static javafx.scene.control.ListView<?> choices(String fieldId) {
        for (javafx.stage.Window w : javafx.stage.Window.getWindows()) {
            if (w.isShowing() && w.getScene() != null
                    && w.getScene().getRoot().lookup("#" + fieldId + "-choices") instanceof javafx.scene.control.ListView<?> l) {
                return l;
            }
        }
        return null;
    }

    private Node focusOwner(FxRobot robot) {
        return robot.lookup("#nodeInspector").query().getScene().getFocusOwner();
    }

    @Test
    void typingCommitsWithoutApplyAndCtrlZTakesTheTypingBackInOneStep(FxRobot robot) throws Exception {
        design(robot, "Post", "Post.objects.filter(author__name=\"Bob\")");
        clickNode(robot, "s0.k0");
        assertThat(robot.lookup(".button").match((Button b) -> b.getText().startsWith("Apply")).tryQuery())
                .as("no Apply button").isEmpty();
        TextInputControl value = typeInto(robot, "lookupValue", "\"Alice\"");
        awaitDjango("Post.objects.filter(author__name=\"Alice\")");
        assertThat(sql()).contains("\"blog_author\".\"name\" = ?");
        assertThat(vm.query().planProperty().get().select().query().params()).containsExactly("Alice");
        // the commit did not rebuild the inspector: same field, still focused, caret at the end
        assertThat((Object) robot.lookup("#lookupValue").query()).isSameAs(value);
        assertThat(focusOwner(robot)).isSameAs(value);
        assertThat(value.getCaretPosition()).isEqualTo(value.getText().length());

        robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(django()).as("seven keystrokes, one undo").isEqualTo("Post.objects.filter(author__name=\"Bob\")");
        assertThat(value.getText()).isEqualTo("\"Bob\"");
        assertThat(focusOwner(robot)).isSameAs(value);
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT).type(KeyCode.Z).release(KeyCode.SHIFT, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(django()).isEqualTo("Post.objects.filter(author__name=\"Alice\")");
    }

    @Test
    void tabMovesBetweenFieldsAndEnterCommitsAndGoesBackToTheCanvas(FxRobot robot) throws Exception {
        design(robot, "Post", "Post.objects.filter(author__name=\"Bob\")");
        clickNode(robot, "s0.k0");
        robot.clickOn("#lookupPath");
        robot.type(KeyCode.TAB);
        assertThat(focusOwner(robot).getId()).isEqualTo("lookupName");
        robot.write("icontains");
        robot.type(KeyCode.TAB);
        assertThat(focusOwner(robot).getId()).isEqualTo("valueKind");
        assertThat(django()).as("leaving the field committed it")
                .isEqualTo("Post.objects.filter(author__name__icontains=\"Bob\")");
        robot.press(KeyCode.SHIFT).type(KeyCode.TAB).release(KeyCode.SHIFT);
        assertThat(focusOwner(robot).getId()).isEqualTo("lookupName");
        robot.type(KeyCode.TAB, KeyCode.TAB);
        assertThat(focusOwner(robot).getId()).isEqualTo("lookupValue");
        robot.interact(() -> ((TextField) focusOwner(robot)).selectAll());
        robot.write("ali").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(django()).isEqualTo("Post.objects.filter(author__name__icontains=\"ali\")");
        assertThat(focusOwner(robot)).as("the canvas has the keyboard").isNotInstanceOf(TextInputControl.class);
        // arrows move between nodes again
        robot.type(KeyCode.LEFT);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(focused()).isNotEqualTo("s0.k0");
    }

    @Test
    void anAliasDjangoRefusesShowsItsMessageAndTheQueryStays(FxRobot robot) throws Exception {
        String start = "Author.objects.annotate(n=Count(\"posts\"))";
        design(robot, "Author", start);
        clickNode(robot, "s0.n.n");
        TextInputControl alias = typeInto(robot, "exprAlias", "name");
        WaitForAsyncUtils.sleep(700, TimeUnit.MILLISECONDS); // longer than the pause: it would have committed
        WaitForAsyncUtils.waitForFxEvents();
        Label error = robot.lookup("#exprAlias-error").queryAs(Label.class);
        assertThat(error.isVisible()).isTrue();
        assertThat(error.getText()).contains("The annotation 'name' conflicts with a field on the model.");
        assertThat(django()).isEqualTo(start);
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(focusOwner(robot)).as("Enter on invalid text stays in the field").isSameAs(alias);
        robot.type(KeyCode.TAB);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(alias.getText()).as("nothing lost when focus leaves").isEqualTo("name");
        assertThat(error.isVisible()).isTrue();
        assertThat(django()).isEqualTo(start);
        robot.clickOn(alias).type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(alias.getText()).isEqualTo("n");
        assertThat(error.isVisible()).isFalse();
        robot.interact(alias::selectAll);
        robot.write("post_count").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(django()).isEqualTo("Author.objects.annotate(post_count=Count(\"posts\"))");
        assertThat(focused()).isEqualTo("s0.n.post_count");
    }

    @Test
    void theFieldPickerFiltersAsOneTypesAndShowsTypesWithoutCycles(FxRobot robot) throws Exception {
        design(robot, "Post", "Post.objects.filter(title=\"x\")");
        clickNode(robot, "s0.k0");
        typeInto(robot, "lookupPath", "author__");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> choices("lookupPath") != null);
        javafx.scene.control.ListView<?> list = choices("lookupPath");
        java.util.List<String> labels = list.getItems().stream()
                .map(c -> ((studio.queryset.app.canvas.inspector.FormField.Choice) c).label()).toList();
        assertThat(labels).contains("author__name  CharField", "author__email  EmailField")
                .allMatch(l -> l.startsWith("author__")).noneMatch(l -> l.startsWith("author__posts"));
        // the first choice that starts with what is typed is highlighted (what Enter would take); Down moves
        // through the list from there (the keyboard stays in the field); Enter picks
        assertThat(list.getSelectionModel().getSelectedIndex()).isZero();
        for (int i = 0; i < labels.indexOf("author__email  EmailField"); i++) {
            robot.type(KeyCode.DOWN);
        }
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(django()).isEqualTo("Post.objects.filter(author__email=\"x\")");
        assertThat(focusOwner(robot).getId()).isEqualTo("lookupPath");
    }
}
