package studio.queryset.app.canvas.editor;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import org.junit.jupiter.api.Test;
import javafx.stage.Stage;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.util.WaitForAsyncUtils;
import studio.queryset.app.results.RelatedObjects;
import studio.queryset.app.results.ResultTable;
import studio.queryset.design.NodeKind;

/**
 * The tutorial's nested examples built on the canvas by the robot — Subquery with OuterRef, Exists,
 * select_related chains, Prefetch with a queryset and to_attr, only/defer, values_list, raw SQL — checked on
 * the Django text, the SQLite SQL, and the rows the window returns against the engine's for the same text.
 */
class CanvasNestedBuildTest extends CanvasRobotTestBase {

    @Start
    void start(Stage stage) throws Exception {
        startApp(stage);
    }

    @Stop
    void stop() {
        stopApp();
    }

    @Test
    void latestPostSubqueryWithOuterRef(FxRobot robot) throws Exception {
        open(robot, "Author");
        palette(robot, "nested-subquery");
        String frame = focused();
        assertThat(frame).isEqualTo("s0.n.post_value");
        assertThat(canvas.graphProperty().get().node(frame).kind()).isEqualTo(NodeKind.SUBQUERY);
        assertThat(editor.card(frame).tooltip().getText()).contains(".values(\"x\")[:1]");
        fill(robot, "frameAlias", "latest_title");
        choose(robot, "frameModel", "Post");
        frame = "s0.n.latest_title";
        assertThat(focused()).isEqualTo(frame);
        assertThat(django()).isEqualTo("Author.objects.annotate(latest_title=Subquery(Post.objects.all()))");

        palette(robot, "filter");
        assertThat(focused()).isEqualTo(frame + ".s0");
        palette(robot, "lookup");
        assertThat(focused()).isEqualTo(frame + ".s0.k0");
        outerRefLookup(robot, frame + ".s0.k0", "author", "pk");
        assertThat(django()).isEqualTo(
                "Author.objects.annotate(latest_title=Subquery(Post.objects.filter(author=OuterRef(\"pk\"))))");
        clickNode(robot, frame + ".s0");
        palette(robot, "order_by");
        assertThat(focused()).isEqualTo(frame + ".s1");
        fill(robot, "stageText", ".order_by(\"-published_at\")");
        commit(robot);
        clickNode(robot, frame);
        fill(robot, "frameValuesField", "title");
        commit(robot);

        String expected = "Author.objects.annotate(latest_title=Subquery(Post.objects.filter(author=OuterRef(\"pk\"))"
                + ".order_by(\"-published_at\").values(\"title\")[:1]))";
        assertThat(django()).isEqualTo(expected);
        assertCompiles();
        assertThat(sql()).contains("(SELECT \"U0\".\"title\" FROM \"blog_post\" \"U0\" WHERE \"U0\".\"author_id\" = "
                + "\"blog_author\".\"id\"").contains("LIMIT 1) AS \"latest_title\"");
        ResultTable rows = assertRunsLikeParsed(robot, expected);
        assertThat(rows.columns()).contains("latest_title");
        assertThat(rows.column("latest_title")).anyMatch(v -> v != null);

        // every step was a command: undo goes back to the bare model
        robot.interact(() -> {
            while (canvas.canUndo() && !django().equals("Author.objects.all()")) {
                canvas.undo();
            }
        });
        assertThat(django()).isEqualTo("Author.objects.all()");
        robot.interact(() -> {
            while (canvas.canRedo()) {
                canvas.redo();
            }
        });
        assertThat(django()).isEqualTo(expected);
    }

    @Test
    void existsAsAFilterCondition(FxRobot robot) throws Exception {
        open(robot, "Author");
        palette(robot, "filter");
        palette(robot, "nested-exists");
        assertThat(focused()).isEqualTo("s0.a0");
        assertThat(editor.card("s0.a0").tooltip().getText()).contains("EXISTS");
        palette(robot, "filter");
        assertThat(focused()).isEqualTo("s0.a0.s0");
        palette(robot, "lookup");
        outerRefLookup(robot, "s0.a0.s0.k0", "author", "pk");
        palette(robot, "lookup");
        assertThat(focused()).isEqualTo("s0.a0.s0.k1");
        lookup(robot, "s0.a0.s0.k1", "published_at", "isnull", "False");

        String expected = "Author.objects.filter(Exists(Post.objects.filter(author=OuterRef(\"pk\"), "
                + "published_at__isnull=False)))";
        assertThat(django()).isEqualTo(expected);
        assertCompiles();
        assertThat(sql()).contains("WHERE EXISTS(SELECT 1 AS \"a\" FROM \"blog_post\" \"U0\" WHERE \"U0\".\"author_id\" "
                + "= \"blog_author\".\"id\" AND \"U0\".\"published_at\" IS NOT NULL LIMIT 1)");
        assertRunsLikeParsed(robot, expected);

        // NOT EXISTS: wrap the frame in NOT from its inspector
        clickNode(robot, "s0.a0");
        click(robot, "negateFrame");
        // the printer's form of ~Exists(...) (both parse to the same negated condition)
        assertThat(django()).isEqualTo("Author.objects.filter(~Q(Exists(Post.objects.filter(author=OuterRef(\"pk\"), "
                + "published_at__isnull=False))))");
        assertCompiles();
        assertThat(sql()).contains("WHERE NOT (EXISTS(SELECT 1");
        assertRunsLikeParsed(robot, "Author.objects.filter(~Exists(Post.objects.filter(author=OuterRef(\"pk\"), "
                + "published_at__isnull=False)))");
    }

    @Test
    void selectRelatedChainPicked(FxRobot robot) throws Exception {
        open(robot, "Comment");
        palette(robot, "select_related");
        assertThat(django()).isEqualTo("Comment.objects.select_related(\"post\")");
        assertThat(robot.lookup("#pick-post__author__profile").queryAs(CheckBox.class)).isNotNull();
        click(robot, "pick-post");
        click(robot, "pick-post__author");
        String expected = "Comment.objects.select_related(\"post__author\")";
        assertThat(django()).isEqualTo(expected);
        assertCompiles();
        assertThat(sql()).contains("INNER JOIN \"blog_post\"").contains("INNER JOIN \"blog_author\"");
        ResultTable rows = assertRunsLikeParsed(robot, expected);
        assertThat(rows.columns()).anyMatch(c -> c.startsWith("post.author."));
    }

    @Test
    void prefetchWithAQuerysetFrameAndToAttr(FxRobot robot) throws Exception {
        open(robot, "Author");
        palette(robot, "nested-prefetch");
        assertThat(focused()).isEqualTo("s0.f0");
        assertThat(django()).isEqualTo("Author.objects.prefetch_related(Prefetch(\"posts\", queryset=Post.objects.all()))");
        assertThat(robot.lookup("#nodeInspector").queryAs(studio.queryset.app.canvas.inspector.NodeInspectorView.class)
                .form().field("prefetchLookup").choices()).extracting(c -> c.value())
                .contains("posts", "posts__tags", "posts__comments");
        fill(robot, "prefetchToAttr", "published_posts");
        commit(robot);
        assertThat(focused()).isEqualTo("s0.f0");
        palette(robot, "filter");
        assertThat(focused()).isEqualTo("s0.f0.s0");
        palette(robot, "lookup");
        lookup(robot, "s0.f0.s0.k0", "published_at", "isnull", "False");
        clickNode(robot, "s0.f0.s0");
        palette(robot, "order_by");
        fill(robot, "stageText", ".order_by(\"-published_at\")");
        commit(robot);

        String expected = "Author.objects.prefetch_related(Prefetch(\"posts\", queryset=Post.objects.filter("
                + "published_at__isnull=False).order_by(\"-published_at\"), to_attr=\"published_posts\"))";
        assertThat(django()).isEqualTo(expected);
        assertCompiles();
        ResultTable rows = assertRunsLikeParsed(robot, expected);
        assertThat(rows.statements()).isEqualTo(2);
        assertThat(rows.column("published_posts")).allMatch(v -> v instanceof RelatedObjects)
                .anyMatch(v -> ((RelatedObjects) v).size() > 0);
        assertThat(vm.runs().logSnapshot().get(1).sql()).contains("\"published_at\" IS NOT NULL")
                .contains("ORDER BY").contains("IN (");

        // a nested lookup path, and back to a plain string
        clickNode(robot, "s0.f0");
        fill(robot, "prefetchLookup", "posts__tags");
        click(robot, "prefetchWithQueryset");
        fill(robot, "prefetchToAttr", "");
        commit(robot);
        assertThat(django()).isEqualTo("Author.objects.prefetch_related(\"posts__tags\")");
        assertCompiles();
        assertRunsLikeParsed(robot, "Author.objects.prefetch_related(\"posts__tags\")");
    }

    @Test
    void onlyAndDeferFieldsPicked(FxRobot robot) throws Exception {
        open(robot, "Post");
        palette(robot, "only");
        assertThat(django()).isEqualTo("Post.objects.only(\"title\")");
        click(robot, "pick-published_at");
        String only = "Post.objects.only(\"title\", \"published_at\")";
        assertThat(django()).isEqualTo(only);
        assertCompiles();
        assertThat(sql()).startsWith("SELECT \"blog_post\".\"id\", \"blog_post\".\"title\", \"blog_post\".\"published_at\" FROM");
        ResultTable rows = assertRunsLikeParsed(robot, only);
        assertThat(rows.columns()).doesNotContain("body");

        clickNode(robot, "s0");
        robot.interact(() -> canvas.deleteSelection());
        palette(robot, "defer");
        assertThat(django()).isEqualTo("Post.objects.defer(\"title\")");
        click(robot, "pick-title");
        click(robot, "pick-body");
        String defer = "Post.objects.defer(\"body\")";
        assertThat(django()).isEqualTo(defer);
        assertCompiles();
        assertThat(sql()).doesNotContain("\"blog_post\".\"body\"");
        assertRunsLikeParsed(robot, defer);

        // an empty only() is refused with a reason, the query unchanged
        clickNode(robot, "s0");
        click(robot, "pick-body");
        robot.interact(() -> canvas.replaceStep("s0", new studio.queryset.query.Step.Only(java.util.List.of("title"),
                false)));
        click(robot, "pick-title");
        assertThat(robot.lookup("#pick-title-error").queryAs(Label.class).getText()).contains("at least one field");
        assertThat(django()).isEqualTo("Post.objects.only(\"title\")");
    }

    @Test
    void valuesListFlatFromThePalette(FxRobot robot) throws Exception {
        open(robot, "Post");
        palette(robot, "values_list");
        String expected = "Post.objects.values_list(\"title\", flat=True)";
        assertThat(django()).isEqualTo(expected);
        assertCompiles();
        assertThat(sql()).isEqualTo("SELECT \"blog_post\".\"title\" FROM \"blog_post\"");
        assertRunsLikeParsed(robot, expected);
        // flat=True takes one field: picking a second is refused, swapping works
        click(robot, "pick-slug");
        assertThat(robot.lookup("#pick-slug-error").queryAs(Label.class).getText())
                .contains("'flat' is not valid when values_list is called with more than one field");
        assertThat(django()).isEqualTo(expected);
        click(robot, "pick-title");
        assertThat(django()).isEqualTo("Post.objects.values_list(\"slug\", flat=True)");
        assertRunsLikeParsed(robot, "Post.objects.values_list(\"slug\", flat=True)");
    }

    @Test
    void rawSqlWithAParameter(FxRobot robot) throws Exception {
        open(robot, "Post");
        palette(robot, "filter");
        palette(robot, "nested-raw");
        assertThat(focused()).isEqualTo("s0");
        assertThat(django()).isEqualTo("Post.objects.raw(\"SELECT * FROM blog_post WHERE id > %s\", [0])");
        assertThat(editor.card("s0").tooltip().getText()).contains("%s");
        fill(robot, "rawSql", "SELECT id, title, view_count FROM blog_post WHERE view_count > %s ORDER BY id");
        fill(robot, "rawParams", "100");
        commit(robot);
        String expected = "Post.objects.raw(\"SELECT id, title, view_count FROM blog_post WHERE view_count > %s "
                + "ORDER BY id\", [100])";
        assertThat(django()).isEqualTo(expected);
        assertCompiles();
        assertThat(sql()).contains("view_count > ?");
        assertThat(vm.query().planProperty().get().select().query().params()).containsExactly(100L);
        ResultTable rows = assertRunsLikeParsed(robot, expected);
        assertThat(rows.column("view_count")).allMatch(v -> ((Number) v).longValue() > 100);

        // a second parameter with one placeholder: refused, with the reason, nothing changed
        fill(robot, "rawParams", "100, 5");
        commit(robot);
        assertThat(robot.lookup("#rawParams-error").queryAs(Label.class).getText())
                .contains("1 %s placeholder but 2 parameters");
        assertThat(django()).isEqualTo(expected);
        // undo brings the pipeline back: the parameters, the SQL (each field is a step), raw() itself
        robot.interact(() -> {
            canvas.undo();
            canvas.undo();
            canvas.undo();
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(django()).isEqualTo("Post.objects.filter()");
    }

    @Test
    void subqueryAsALookupValue(FxRobot robot) throws Exception {
        open(robot, "Post");
        palette(robot, "filter");
        palette(robot, "lookup");
        lookup(robot, "s0.k0", "author", "exact", "1");
        palette(robot, "nested-subquery");
        assertThat(focused()).isEqualTo("s0.k0.v");
        assertThat(django()).isEqualTo("Post.objects.filter(author=Subquery(Author.objects.all()))");
        palette(robot, "filter");
        assertThat(focused()).isEqualTo("s0.k0.v.s0");
        palette(robot, "lookup");
        lookup(robot, "s0.k0.v.s0.k0", "name", "startswith", "\"A\"");
        clickNode(robot, "s0.k0.v");
        fill(robot, "frameValuesField", "pk");
        commit(robot);
        String expected = "Post.objects.filter(author=Subquery(Author.objects.filter(name__startswith=\"A\")"
                + ".values(\"pk\")[:1]))";
        assertThat(django()).isEqualTo(expected);
        assertCompiles();
        assertThat(sql()).contains("\"blog_post\".\"author_id\" = (SELECT \"U0\".\"id\" FROM \"blog_author\" \"U0\"");
        assertRunsLikeParsed(robot, expected);
    }

    @Test
    void existsAsAnAnnotationAndNoTerminalInsideAFrame(FxRobot robot) throws Exception {
        open(robot, "Author");
        palette(robot, "nested-exists");
        assertThat(focused()).isEqualTo("s0.n.has_post");
        palette(robot, "filter");
        palette(robot, "lookup");
        outerRefLookup(robot, "s0.n.has_post.s0.k0", "author", "pk");
        String expected = "Author.objects.annotate(has_post=Exists(Post.objects.filter(author=OuterRef(\"pk\"))))";
        assertThat(django()).isEqualTo(expected);
        assertCompiles();
        assertThat(sql()).contains("EXISTS(SELECT 1 AS \"a\" FROM \"blog_post\" \"U0\" WHERE \"U0\".\"author_id\" = "
                + "\"blog_author\".\"id\" LIMIT 1) AS \"has_post\"");
        assertRunsLikeParsed(robot, expected);

        // count() evaluates: it cannot go inside a nested queryset; the reason is shown, nothing changes
        clickNode(robot, "s0.n.has_post.s0");
        palette(robot, "count");
        assertThat(canvas.messageProperty().get()).contains("nested queryset must stay a QuerySet");
        assertThat(django()).isEqualTo(expected);
        // Delete removes the frame's annotation
        clickNode(robot, "s0.n.has_post");
        robot.type(javafx.scene.input.KeyCode.DELETE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(django()).isEqualTo("Author.objects.annotate()");
    }
}
