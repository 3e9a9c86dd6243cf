package studio.queryset.app.canvas.editor;

import static org.assertj.core.api.Assertions.assertThat;

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
import studio.queryset.app.results.ResultTable;
import studio.queryset.app.schema.SchemaNode;

/**
 * The four builds of the canvas issue done as a user would, by drag and keyboard only (no view-model calls):
 * each user action (a double-click, a drag, a click, a key, typing a word) is counted, and the result is
 * checked on the Django text, the SQL and the rows against the same text parsed and run directly.
 */
class CanvasTasksRobotTest extends CanvasRobotTestBase {
    private int actions;

    @Start
    void start(Stage stage) throws Exception {
        startApp(stage);
    }

    @Stop
    void stop() {
        stopApp();
    }

    @SuppressWarnings("unchecked")
    private Node schemaRow(FxRobot robot, String model, String member) {
        TreeView<SchemaNode> tree = robot.lookup("#schemaTree").queryAs(TreeView.class);
        // scrolling the browser to a row is not counted: the row is on screen at a usual window size
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

    private void startOn(FxRobot robot, String model) {
        robot.doubleClickOn(schemaRow(robot, model, null));
        WaitForAsyncUtils.waitForFxEvents();
        actions++;
        editor = robot.lookup("#canvasEditor").queryAs(CanvasEditorView.class);
        assertThat(django()).isEqualTo(model + ".objects.all()");
    }

    private Node card(String id) {
        NodeCard c = editor.card(id);
        assertThat(c).as("card " + id + " of " + django()).isNotNull();
        return c;
    }

    private void dragField(FxRobot robot, String model, String field, String onto) {
        Node row = schemaRow(robot, model, field);
        robot.drag(row).dropTo(card(onto));
        WaitForAsyncUtils.waitForFxEvents();
        actions++;
    }

    private void dragChip(FxRobot robot, String chip, String onto) {
        robot.drag("#palette-" + chip).dropTo(card(onto));
        WaitForAsyncUtils.waitForFxEvents();
        actions++;
    }

    private void clickChip(FxRobot robot, String chip) {
        robot.clickOn("#palette-" + chip);
        WaitForAsyncUtils.waitForFxEvents();
        actions++;
    }

    private void key(FxRobot robot, KeyCode k) {
        robot.type(k);
        WaitForAsyncUtils.waitForFxEvents();
        actions++;
    }

    private void typeText(FxRobot robot, String text) {
        robot.write(text);
        WaitForAsyncUtils.waitForFxEvents();
        actions++;
    }

    /** Waits (no user action) for typing to commit on its pause: the Django text contains {@code part}. */
    private void committed(String part) throws java.util.concurrent.TimeoutException {
        WaitForAsyncUtils.waitFor(10, java.util.concurrent.TimeUnit.SECONDS, () -> django().contains(part));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void report(String task) {
        System.out.println("[canvas-task] " + task + ": " + actions + " user actions");
    }

    @Test
    void qOrFilterByDrag(FxRobot robot) throws Exception {
        startOn(robot, "Post");
        dragChip(robot, "q-or", "src");
        dragField(robot, "Post", "published_at", "s0.a0.c0");
        dragField(robot, "Author", "name", "s0.a0.c1");
        assertThat(django()).isEqualTo("Post.objects.filter(Q(published_at__isnull=False) | Q(author__name=\"\"))");
        // the lookup still compares with "": its value field has the keyboard, the text selected
        typeText(robot, "\"Alice\"");

        String expected = "Post.objects.filter(Q(published_at__isnull=False) | Q(author__name=\"Alice\"))";
        committed(expected); // typing commits on a pause: no Enter, no Apply
        assertThat(django()).isEqualTo(expected);
        assertThat(sql()).contains("IS NOT NULL OR").contains("INNER JOIN \"blog_author\"");
        assertRunsLikeParsed(robot, expected);
        report("Q OR filter");
        assertThat(actions).isEqualTo(5);
    }

    @Test
    void annotateCountAndMaxByDrag(FxRobot robot) throws Exception {
        startOn(robot, "Author");
        dragChip(robot, "x-Count", "src");
        // a new annotation's made-up alias has the keyboard
        typeText(robot, "post_count");
        committed("Author.objects.annotate(post_count=Count(\"pk\"))");
        dragField(robot, "Author", "posts", "s0.n.post_count");
        assertThat(django()).isEqualTo("Author.objects.annotate(post_count=Count(\"posts\"))");
        dragField(robot, "Post", "published_at", "s0");
        typeText(robot, "latest_post");

        String expected = "Author.objects.annotate(post_count=Count(\"posts\"), latest_post=Max(\"posts__published_at\"))";
        committed(expected);
        assertThat(django()).isEqualTo(expected);
        assertThat(sql()).contains("COUNT(\"blog_post\".\"id\") AS \"post_count\"")
                .contains("MAX(\"blog_post\".\"published_at\") AS \"latest_post\"");
        ResultTable rows = assertRunsLikeParsed(robot, expected);
        assertThat(rows.columns()).contains("post_count", "latest_post");
        report("annotate Count + Max");
        assertThat(actions).isEqualTo(6);
    }

    @Test
    void latestPostSubqueryWithOuterRefByDragAndSearch(FxRobot robot) throws Exception {
        startOn(robot, "Author");
        clickChip(robot, "nested-subquery");
        typeText(robot, "latest_title");
        committed("Author.objects.annotate(latest_title=Subquery(Post.objects.all()))");
        String frame = "s0.n.latest_title";
        assertThat(django()).isEqualTo("Author.objects.annotate(latest_title=Subquery(Post.objects.all()))");
        dragField(robot, "Post", "author", frame);
        assertThat(django()).isEqualTo(
                "Author.objects.annotate(latest_title=Subquery(Post.objects.filter(author=OuterRef(\"pk\"))))");
        key(robot, KeyCode.TAB);
        typeText(robot, "-pub");
        key(robot, KeyCode.ENTER);
        dragField(robot, "Post", "title", frame);

        String expected = "Author.objects.annotate(latest_title=Subquery(Post.objects.filter(author=OuterRef(\"pk\"))"
                + ".order_by(\"-published_at\").values(\"title\")[:1]))";
        assertThat(django()).isEqualTo(expected);
        assertThat(sql()).contains("(SELECT \"U0\".\"title\" FROM \"blog_post\" \"U0\" WHERE \"U0\".\"author_id\" = "
                + "\"blog_author\".\"id\"").contains("LIMIT 1) AS \"latest_title\"");
        ResultTable rows = assertRunsLikeParsed(robot, expected);
        assertThat(rows.column("latest_title")).anyMatch(v -> v != null);
        report("latest-post Subquery with OuterRef");
        assertThat(actions).isEqualTo(8);
    }

    @Test
    void prefetchWithAQuerysetByDragAndSearch(FxRobot robot) throws Exception {
        startOn(robot, "Author");
        clickChip(robot, "nested-prefetch");
        typeText(robot, "published_posts");
        committed("to_attr=\"published_posts\"");
        dragField(robot, "Post", "published_at", "s0.f0");
        key(robot, KeyCode.TAB);
        typeText(robot, "-pub");
        key(robot, KeyCode.ENTER);

        String expected = "Author.objects.prefetch_related(Prefetch(\"posts\", queryset=Post.objects.filter("
                + "published_at__isnull=False).order_by(\"-published_at\"), to_attr=\"published_posts\"))";
        assertThat(django()).isEqualTo(expected);
        ResultTable rows = assertRunsLikeParsed(robot, expected);
        assertThat(rows.statements()).isEqualTo(2);
        assertThat(vm.runs().logSnapshot().get(1).sql()).contains("\"published_at\" IS NOT NULL").contains("ORDER BY");
        report("Prefetch with queryset");
        assertThat(actions).isEqualTo(7);
    }

    private void clickButton(FxRobot robot, String id) {
        robot.clickOn("#" + id);
        WaitForAsyncUtils.waitForFxEvents();
        actions++;
    }

    @Test
    void selectRelatedSwitchedToPrefetchRelatedChangesTheQueryCount(FxRobot robot) throws Exception {
        startOn(robot, "Post");
        dragChip(robot, "select_related", "src");
        assertThat(django()).isEqualTo("Post.objects.select_related(\"author\")");
        ResultTable joined = assertRunsLikeParsed(robot, "Post.objects.select_related(\"author\")");
        actions++; // Ctrl+Enter
        assertThat(joined.statements()).isEqualTo(1);
        clickButton(robot, "switchRelatedLoading"); // the stage is selected: its inspector has the switch
        assertThat(django()).isEqualTo("Post.objects.prefetch_related(\"author\")");
        ResultTable prefetched = assertRunsLikeParsed(robot, "Post.objects.prefetch_related(\"author\")");
        actions++;
        assertThat(prefetched.statements()).isEqualTo(2);
        assertThat(vm.runs().logSnapshot().get(vm.runs().logSnapshot().size() - 1).sql())
                .contains("FROM \"blog_author\"").contains("IN (");
        report("select_related switched to prefetch_related");
        assertThat(actions).isEqualTo(5);
        // and back, one undo step each way
        clickButton(robot, "switchRelatedLoading");
        assertThat(django()).isEqualTo("Post.objects.select_related(\"author\")");
        robot.interact(canvas::undo);
        assertThat(django()).isEqualTo("Post.objects.prefetch_related(\"author\")");
    }

    @Test
    void anUpdateOfOnePostByDragAndTypingThenAllowedAndRun(FxRobot robot) throws Exception {
        startOn(robot, "Post");
        clickChip(robot, "update");
        dragField(robot, "Post", "id", "src");
        assertThat(django()).isEqualTo("Post.objects.filter(id=0).update(view_count=F(\"view_count\") + 1)");
        typeText(robot, "1"); // the number the drop left to fill has the keyboard
        String expected = "Post.objects.filter(id=1).update(view_count=F(\"view_count\") + 1)";
        committed("id=1");
        assertThat(django()).isEqualTo(expected);
        assertThat(sqlText()).contains("UPDATE \"blog_post\" SET \"view_count\" = (\"blog_post\".\"view_count\" + ?)")
                .contains("WHERE \"blog_post\".\"id\" = ?");
        report("update(view_count=F(...) + 1) of pk=1, shown");
        assertThat(actions).isEqualTo(4);
    }

    @Test
    void postsPerAuthorByValuesAnnotateAndOrderingByTheCount(FxRobot robot) throws Exception {
        startOn(robot, "Post");
        dragChip(robot, "values", "src");
        dragField(robot, "Author", "name", "s0");
        assertThat(django()).isEqualTo("Post.objects.values(\"author__name\")");
        // the picked path has a tick of its own in the values inspector, ticked
        assertThat(robot.lookup("#pick-author__name").queryAs(javafx.scene.control.CheckBox.class).isSelected())
                .isTrue();
        dragChip(robot, "x-Count", "s0");
        typeText(robot, "n");
        committed("annotate(n=Count(");
        key(robot, KeyCode.ENTER); // back to the canvas
        key(robot, KeyCode.TAB);
        typeText(robot, "-n"); // the annotation is offered to order by, as fields are
        key(robot, KeyCode.ENTER);

        String expected = "Post.objects.values(\"author__name\").annotate(n=Count(\"pk\")).order_by(\"-n\")";
        assertThat(django()).isEqualTo(expected);
        assertThat(sql()).contains("GROUP BY \"blog_author\".\"name\"").contains("ORDER BY \"n\" DESC");
        ResultTable rows = assertRunsLikeParsed(robot, expected);
        assertThat(rows.columns()).containsExactly("author__name", "n");
        report("values + annotate(Count) + order_by(-n)");
        assertThat(actions).isEqualTo(9);
    }

    @Test
    void rawSqlFromThePaletteIsWrittenStraightAway(FxRobot robot) throws Exception {
        startOn(robot, "Author");
        clickChip(robot, "nested-raw");
        // the SQL area has the keyboard, the example selected: typing replaces it
        typeText(robot, "SELECT * FROM blog_author WHERE name = %s");
        committed("WHERE name = %s");
        key(robot, KeyCode.TAB);
        typeText(robot, "\"Chloe Carter\"");
        String expected = "Author.objects.raw(\"SELECT * FROM blog_author WHERE name = %s\", [\"Chloe Carter\"])";
        committed("[\"Chloe Carter\"]");
        assertThat(django()).isEqualTo(expected);
        ResultTable rows = runInApp(robot, java.util.Map.of());
        assertThat(rows.column("name")).containsExactly("Chloe Carter");
        report("raw SQL with a parameter");
        assertThat(actions).isEqualTo(5);
    }
}
