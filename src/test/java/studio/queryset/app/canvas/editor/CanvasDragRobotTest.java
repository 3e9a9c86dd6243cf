package studio.queryset.app.canvas.editor;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.util.WaitForAsyncUtils;
import studio.queryset.app.schema.SchemaNode;

/**
 * Real drags through the robot (press, move, release on the window): palette chips onto cards and wires, schema
 * fields onto lookups, groups and stages, cards onto cards; each checked on the Django text and SQL, with the
 * drop-target highlight shown while hovering and one undo step per drop. Keyboard: arrows, Enter, Delete, the
 * add-node search.
 */
class CanvasDragRobotTest extends CanvasRobotTestBase {

    @Start
    void start(Stage stage) throws Exception {
        startApp(stage);
    }

    @Stop
    void stop() {
        stopApp();
    }

    private Node card(String id) {
        NodeCard c = editor.card(id);
        assertThat(c).as("card " + id).isNotNull();
        return c;
    }

    /** The screen point in the middle of the pipeline wire between two cards. */
    private Point2D wire(String from, String to) {
        Bounds a = card(from).localToScreen(card(from).getBoundsInLocal());
        Bounds b = card(to).localToScreen(card(to).getBoundsInLocal());
        return new Point2D((a.getMaxX() + b.getMinX()) / 2, (a.getCenterY() + b.getCenterY()) / 2);
    }

    @SuppressWarnings("unchecked")
    private Node schemaRow(FxRobot robot, String model, String member) {
        TreeView<SchemaNode> tree = robot.lookup("#schemaTree").queryAs(TreeView.class);
        robot.interact(() -> {
            for (TreeItem<SchemaNode> m : tree.getRoot().getChildren()) {
                if (m.getValue().name().equals(model)) {
                    m.setExpanded(true);
                    TreeItem<SchemaNode> target = member == null ? m : m.getChildren().stream()
                            .filter(i -> i.getValue().name().equals(member)).findFirst().orElseThrow();
                    tree.scrollTo(Math.max(0, tree.getRow(target) - 2));
                }
            }
        });
        WaitForAsyncUtils.waitForFxEvents();
        Node cell = robot.lookup(".tree-cell").match((TreeCell<SchemaNode> c) -> c.getItem() != null
                && c.getItem().name().equals(member == null ? model : member)
                && (member == null ? c.getItem().kind() == SchemaNode.Kind.MODEL
                : c.getItem().kind() != SchemaNode.Kind.MODEL && model.equals(c.getItem().model()))).query();
        assertThat(cell).as(model + "." + member).isNotNull();
        return cell;
    }

    private void fitted(FxRobot robot) {
        robot.interact(editor::fit);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void aStageChipDraggedOntoACardOrAWireInsertsThereWithAHighlight(FxRobot robot) {
        open(robot, "Post");
        fitted(robot);
        robot.drag("#palette-filter").moveTo(card("src"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(card("src").getStyleClass()).as("drop-target highlight").contains("cn-drop-target");
        robot.drop();
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(card("src").getStyleClass()).doesNotContain("cn-drop-target");
        assertThat(django()).isEqualTo("Post.objects.filter()");

        fitted(robot);
        robot.drag("#palette-order_by").dropTo(robot.point(wire("src", "s0")));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(django()).isEqualTo("Post.objects.order_by(\"-pk\").filter()");
        assertThat(sql()).contains("ORDER BY \"blog_post\".\"id\" DESC");
        assertThat(focused()).isEqualTo("s0");

        robot.interact(() -> editor.viewport().requestFocus());
        robot.press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(django()).as("one drop, one undo step").isEqualTo("Post.objects.filter()");
    }

    @Test
    void aConditionChipOnAFilterAndAFieldOnALookupOrOrderBy(FxRobot robot) {
        open(robot, "Post");
        robot.interact(() -> vm.setDjangoText("Post.objects.filter(view_count__gt=1).order_by(\"id\")"));
        fitted(robot);
        robot.drag("#palette-q-or").dropTo(card("s0"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(django()).startsWith("Post.objects.filter(Q(title__isnull=False) | Q(title__isnull=False), ");

        fitted(robot);
        robot.drag(schemaRow(robot, "Post", "published_at")).dropTo(card("s0.a0.c0"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(django()).startsWith("Post.objects.filter(Q(published_at__isnull=False) | Q(title__isnull=False)");

        fitted(robot);
        robot.drag(schemaRow(robot, "Post", "title")).dropTo(card("s1"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(django()).endsWith(".order_by(\"id\", \"title\")");
        assertThat(sql()).contains("ORDER BY \"blog_post\".\"id\" ASC, \"blog_post\".\"title\" ASC");

        // an expression chip where no expression goes (a Q group): no highlight; dropped, nothing changes
        String before = django();
        fitted(robot);
        robot.drag("#palette-x-Max").moveTo(card("s0.a0"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(card("s0.a0").getStyleClass()).doesNotContain("cn-drop-target");
        robot.drop();
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(django()).isEqualTo(before);
    }

    @Test
    void aLookupDraggedIntoAnotherGroupMovesAndWithCtrlCopies(FxRobot robot) {
        open(robot, "Post");
        robot.interact(() -> vm.setDjangoText(
                "Post.objects.filter(Q(title__icontains=\"a\") | Q(slug=\"b\"), view_count__gt=1)"));
        fitted(robot);
        robot.drag(card("s0.k0")).moveTo(card("s0.a0"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(card("s0.a0").getStyleClass()).contains("cn-drop-target");
        robot.drop();
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(django()).isEqualTo("Post.objects.filter(Q(title__icontains=\"a\") | Q(slug=\"b\") | "
                + "Q(view_count__gt=1))");
        assertThat(sql()).contains(" OR \"blog_post\".\"view_count\" > ?");
        assertThat(canvas.design().positions()).as("the card went back; the query changed").isEmpty();

        fitted(robot);
        robot.press(KeyCode.CONTROL);
        robot.drag(card("s0.a0.c1")).dropTo(card("s0"));
        robot.release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(django()).isEqualTo("Post.objects.filter(Q(title__icontains=\"a\") | Q(slug=\"b\") | "
                + "Q(view_count__gt=1), slug=\"b\")");
        robot.interact(canvas::undo);
        robot.interact(canvas::undo);
        assertThat(django()).isEqualTo("Post.objects.filter(Q(title__icontains=\"a\") | Q(slug=\"b\"), "
                + "view_count__gt=1)");
    }

    @Test
    void stagesReorderByDraggingAlongThePipelineAndForbiddenOrdersAreRefused(FxRobot robot) {
        open(robot, "Post");
        robot.interact(() -> vm.setDjangoText("Post.objects.filter(view_count__gt=1).order_by(\"id\")[:3]"));
        fitted(robot);
        robot.drag(card("s1")).dropTo(card("src"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(django()).isEqualTo("Post.objects.order_by(\"id\").filter(view_count__gt=1)[:3]");
        assertThat(canvas.undoName()).isEqualTo("Move order_by");

        fitted(robot);
        String before = django();
        robot.drag(card("s1")).moveTo(card("s2"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(card("s2").getStyleClass()).as("a move Django refuses shows red").contains("cn-drop-refused");
        assertThat(((javafx.scene.control.Label) editor.lookup("#canvasStatus")).getText())
                .as("the reason, before letting go").contains("Cannot filter a query once a slice has been taken.");
        robot.drop();
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(django()).isEqualTo(before);
        assertThat(canvas.messageProperty().get()).contains("Cannot filter a query once a slice has been taken.");
        assertThat(canvas.design().positions()).as("the refused card went back").isEmpty();
    }

    @Test
    void keyboardMovesBetweenCardsEditsDeletesAndSearchesToAdd(FxRobot robot) {
        open(robot, "Post");
        robot.interact(() -> vm.setDjangoText("Post.objects.filter(view_count__gt=1).order_by(\"id\")"));
        fitted(robot);
        robot.clickOn(card("src"));
        robot.type(KeyCode.RIGHT);
        assertThat(focused()).isEqualTo("s0");
        robot.type(KeyCode.RIGHT);
        assertThat(focused()).isEqualTo("s1");
        robot.type(KeyCode.LEFT, KeyCode.DOWN);
        assertThat(focused()).isEqualTo("s0.k0");
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#lookupValue").query().isFocused()).as("Enter edits the value in the inspector").isTrue();

        robot.interact(() -> canvas.select("s1"));
        robot.interact(() -> editor.viewport().requestFocus());
        robot.type(KeyCode.DELETE);
        assertThat(django()).isEqualTo("Post.objects.filter(view_count__gt=1)");

        robot.interact(() -> canvas.select("s0"));
        robot.interact(() -> editor.viewport().requestFocus());
        robot.type(KeyCode.TAB);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(editor.search().isShowing()).isTrue();
        robot.write("cou");
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(editor.search().isShowing()).isFalse();
        assertThat(django()).isEqualTo("Post.objects.filter(view_count__gt=1).annotate(count=Count(\"pk\"))");
        assertThat(sql()).contains("COUNT(\"blog_post\".\"id\") AS \"count\"");
    }

    @Test
    void theSearchFindsALookupByItsWordsAndItsValueTakesTheTyping(FxRobot robot) {
        open(robot, "Post");
        fitted(robot);
        robot.clickOn(card("src"));
        robot.type(KeyCode.TAB);
        WaitForAsyncUtils.waitForFxEvents();
        robot.write("title ico");
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(django()).isEqualTo("Post.objects.filter(title__icontains=\"\")");
        assertThat(robot.lookup("#lookupValue").query().isFocused()).as("the new lookup's value has the keyboard")
                .isTrue();
        robot.write("\"django\"");
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(django()).isEqualTo("Post.objects.filter(title__icontains=\"django\")");
        assertThat(sql()).contains("LIKE");

        robot.interact(() -> canvas.select("s0"));
        robot.interact(() -> editor.viewport().requestFocus());
        robot.type(KeyCode.TAB);
        WaitForAsyncUtils.waitForFxEvents();
        robot.write("author name exact");
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(django()).as("a lookup one relation away goes into the selected filter")
                .isEqualTo("Post.objects.filter(title__icontains=\"django\", author__name__exact=\"\")");
    }
}
