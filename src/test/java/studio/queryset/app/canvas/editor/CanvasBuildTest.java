package studio.queryset.app.canvas.editor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.control.Button;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.util.WaitForAsyncUtils;
import studio.queryset.app.canvas.palette.PaletteItems;
import studio.queryset.design.Point;

/**
 * The tutorial's examples built on the canvas through the robot: palette clicks, node clicks and inspector
 * fields; checked on the Django text, the SQL and the canvas view-model.
 */
class CanvasBuildTest extends CanvasRobotTestBase {

    @Start
    void start(Stage stage) throws Exception {
        startApp(stage);
    }

    @Stop
    void stop() {
        stopApp();
    }

    @Test
    void qOrWithUndoAndRedoRestoringTheExactText(FxRobot robot) {
        open(robot, "Post");
        List<String> texts = new ArrayList<>();
        texts.add(django());
        palette(robot, "filter");
        texts.add(django());
        palette(robot, "q-or");
        texts.add(django());
        assertThat(canvas.focusedProperty().get()).isEqualTo("s0.a0");
        // every inspector field commits as it changes: each one is an undo step of its own
        javafx.beans.value.ChangeListener<String> steps = (o, was, now) -> texts.add(now);
        robot.interact(() -> vm.query().djangoTextProperty().addListener(steps));
        lookup(robot, "s0.a0.c0", "published_at", "isnull", "False");
        lookup(robot, "s0.a0.c1", "author__name", "exact", "\"x\"");
        robot.interact(() -> vm.query().djangoTextProperty().removeListener(steps));
        assertThat(texts).as("the first path; the second path, lookup and value").hasSize(7).doesNotHaveDuplicates();

        assertThat(django()).isEqualTo("Post.objects.filter(Q(published_at__isnull=False) | Q(author__name=\"x\"))");
        assertCompiles();
        assertThat(vm.query().sqlTextProperty().get()).contains("IS NOT NULL OR").contains("\"blog_author\"");
        assertThat(robot.lookup("#djangoEditor").queryAs(org.fxmisc.richtext.CodeArea.class).getText())
                .isEqualTo(django());

        robot.interact(() -> editor.viewport().requestFocus());
        for (int i = texts.size() - 2; i >= 0; i--) {
            robot.press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(django()).isEqualTo(texts.get(i));
        }
        for (int i = 1; i < texts.size(); i++) {
            if (i % 2 == 0) {
                robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.Z).release(KeyCode.Z, KeyCode.SHIFT, KeyCode.CONTROL);
            } else {
                robot.press(KeyCode.CONTROL, KeyCode.Y).release(KeyCode.Y, KeyCode.CONTROL);
            }
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(django()).isEqualTo(texts.get(i));
        }
    }

    @Test
    void filterThenExclude(FxRobot robot) {
        open(robot, "Post");
        palette(robot, "filter");
        palette(robot, "lookup");
        assertThat(canvas.focusedProperty().get()).isEqualTo("s0.k0");
        lookup(robot, "s0.k0", "published_at", "isnull", "False");
        palette(robot, "exclude");
        assertThat(canvas.focusedProperty().get()).isEqualTo("s1");
        palette(robot, "lookup");
        lookup(robot, "s1.k0", "title", "icontains", "\"draft\"");
        assertThat(django()).isEqualTo(
                "Post.objects.filter(published_at__isnull=False).exclude(title__icontains=\"draft\")");
        assertCompiles();
        assertThat(vm.query().sqlTextProperty().get()).contains("NOT");
    }

    @Test
    void annotateCountOfARelation(FxRobot robot) {
        open(robot, "Author");
        palette(robot, "annotate");
        clickNode(robot, "s0.n.n");
        fill(robot, "exprAlias", "post_count");
        fill(robot, "exprField", "posts");
        commit(robot);
        assertThat(django()).isEqualTo("Author.objects.annotate(post_count=Count(\"posts\"))");
        assertCompiles();
        assertThat(vm.query().sqlTextProperty().get()).contains("COUNT(").contains("GROUP BY");
    }

    @Test
    void valuesListFlatAndOrderBy(FxRobot robot) {
        open(robot, "Post");
        palette(robot, "order_by");
        fill(robot, "stageText", ".order_by(\"-published_at\", \"title\")");
        commit(robot);
        palette(robot, "values_list");
        fill(robot, "stageText", ".values_list(\"slug\", flat=True)");
        commit(robot);
        assertThat(django()).isEqualTo(
                "Post.objects.order_by(\"-published_at\", \"title\").values_list(\"slug\", flat=True)");
        assertCompiles();
        assertThat(vm.query().sqlTextProperty().get()).contains("ORDER BY").contains("\"blog_post\".\"slug\"");
    }

    @Test
    void aWrongFieldGetsABadgeAndAProblem(FxRobot robot) {
        open(robot, "Post");
        palette(robot, "filter");
        palette(robot, "lookup");
        // the inspector refuses the field with Django's message and keeps the query ...
        String before = django();
        lookup(robot, "s0.k0", "titel", "exact", "\"x\"");
        assertThat(robot.lookup("#lookupPath-error").queryAs(javafx.scene.control.Label.class).getText())
                .contains("Cannot resolve keyword 'titel' into field. Choices are:");
        assertThat(django()).isEqualTo(before);
        // ... and a design that holds it (an old file, a command) gets the badge
        robot.interact(() -> canvas.replaceCondition("s0.k0", new studio.queryset.query.Q.Lookup("titel",
                studio.queryset.query.Expression.Value.of("x"))));
        try {
            WaitForAsyncUtils.waitFor(10, java.util.concurrent.TimeUnit.SECONDS,
                    () -> canvas.errorsProperty().get().containsKey("s0.k0"));
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("no badge on s0.k0: " + canvas.errorsProperty().get(), e);
        }
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(canvas.errorsProperty().get()).containsKey("s0.k0");
        assertThat(editor.card("s0.k0").error()).contains("titel");
        assertThat(editor.card("s0.k0").getStyleClass()).contains("cn-error");
        assertThat(vm.problems()).anyMatch(p -> p.source().equals("Canvas") && p.message().contains("titel"));
        // fixing it clears both
        lookup(robot, "s0.k0", "title", "exact", "\"x\"");
        assertThat(canvas.errorsProperty().get()).isEmpty();
        assertThat(vm.problems()).noneMatch(p -> p.source().equals("Canvas"));
    }

    @Test
    void copyPasteDuplicateDeleteAndGroupToggle(FxRobot robot) {
        open(robot, "Post");
        palette(robot, "filter");
        palette(robot, "q-and");
        clickNode(robot, "s0.a0");
        click(robot, "connectorToggle");
        assertThat(django()).isEqualTo("Post.objects.filter(Q(title__isnull=False) | Q(title__isnull=False))");
        robot.clickOn("#negateGroup");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(django()).isEqualTo("Post.objects.filter(~(Q(title__isnull=False) | Q(title__isnull=False)))");
        clickNode(robot, "s0.a0.c1");
        robot.press(KeyCode.CONTROL, KeyCode.D).release(KeyCode.D, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(canvas.graphProperty().get().node("s0.a0").children()).hasSize(3);
        robot.press(KeyCode.DELETE).release(KeyCode.DELETE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(canvas.graphProperty().get().node("s0.a0").children()).hasSize(2);
        clickNode(robot, "s0");
        robot.press(KeyCode.CONTROL, KeyCode.C).release(KeyCode.C, KeyCode.CONTROL);
        robot.press(KeyCode.CONTROL, KeyCode.V).release(KeyCode.V, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.query().querySetProperty().get().steps()).hasSize(2);
        robot.press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(canvas.selection()).hasSize(canvas.graphProperty().get().nodes().size());
        robot.press(KeyCode.DELETE).release(KeyCode.DELETE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(django()).isEqualTo("Post.objects.all()");
    }

    @Test
    void draggedNodeKeepsItsPlaceWhenTheDjangoTextChanges(FxRobot robot) {
        open(robot, "Post");
        robot.interact(() -> vm.setDjangoText(
                "Post.objects.filter(title__icontains=\"a\").order_by(\"-published_at\")"));
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(editor::fit);
        Point before = canvas.layout().get("s1");
        int undoDepth = undoDepth();
        robot.drag(editor.card("s1")).moveBy(30, 40).moveBy(30, 40).drop();
        WaitForAsyncUtils.waitForFxEvents();
        Point dragged = canvas.design().positions().get("s1");
        assertThat(dragged).isNotNull().isNotEqualTo(before);
        assertThat(undoDepth()).as("one undo step per drag").isEqualTo(undoDepth + 1);

        // Alt+arrows nudge the selection (plain arrows move it between cards; counting undo steps above dropped
        // it: select again)
        robot.interact(() -> canvas.select("s1"));
        robot.interact(() -> editor.viewport().requestFocus());
        robot.press(KeyCode.ALT, KeyCode.RIGHT).release(KeyCode.RIGHT, KeyCode.ALT);
        WaitForAsyncUtils.waitForFxEvents();
        Point nudged = canvas.design().positions().get("s1");
        assertThat(nudged.x()).isEqualTo(dragged.x() + 10);

        robot.interact(() -> vm.setDjangoText(
                "Post.objects.filter(title__icontains=\"b\").order_by(\"-published_at\")"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(canvas.graphProperty().get().node("s0.k0").text()).isEqualTo("title__icontains=\"b\"");
        assertThat(canvas.layout().get("s1")).isEqualTo(nudged);
        assertThat(editor.card("s1").getLayoutX()).isEqualTo(nudged.x());
        // and the text edit itself is undoable from the canvas
        robot.interact(canvas::undo);
        assertThat(django()).isEqualTo("Post.objects.filter(title__icontains=\"a\").order_by(\"-published_at\")");
    }

    private int undoDepth() {
        int[] n = {0};
        robot().interact(() -> {
            // count by undoing and redoing everything
            while (canvas.canUndo()) {
                canvas.undo();
                n[0]++;
            }
            for (int i = 0; i < n[0]; i++) {
                canvas.redo();
            }
        });
        return n[0];
    }

    private static FxRobot robot() {
        return new FxRobot();
    }

    @Test
    void hoverHelpAndPaletteButtonsExist(FxRobot robot) {
        open(robot, "Post");
        for (String s : PaletteItems.STAGES) {
            assertThat(robot.lookup("#palette-" + s).queryAs(Button.class)).isNotNull();
        }
        palette(robot, "select_related");
        palette(robot, "prefetch_related");
        palette(robot, "count");
        assertThat(django()).isEqualTo("Post.objects.select_related(\"author\").prefetch_related(\"tags\").count()");
        assertCompiles();
        assertThat(editor.card("s2").tooltip().getText()).contains("COUNT(*)");
        assertThat(editor.card("src").tooltip().getText()).contains("FROM");
    }
}
