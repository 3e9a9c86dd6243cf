package studio.queryset.app.canvas.editor;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.util.LinkedHashMap;
import java.util.Map;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.util.WaitForAsyncUtils;
import studio.queryset.app.results.ResultTable;
import studio.queryset.design.NodeKind;
import studio.queryset.django.DjangoParser;
import studio.queryset.run.Connections;

/**
 * The tutorial's F / annotation / aggregation / dynamic-search examples built from an empty pipeline with the
 * expression palette and inspector, checked on the Django text, the SQLite SQL and the rows (against the same
 * text run straight through the engine).
 */
class CanvasExpressionTest extends CanvasRobotTestBase {

    @Start
    void start(Stage stage) throws Exception {
        startApp(stage);
    }

    @Stop
    void stop() {
        stopApp();
    }

    @Test
    void fCompareTwoColumns(FxRobot robot) throws Exception {
        open(robot, "Post");
        palette(robot, "filter");
        palette(robot, "lookup");
        lookup(robot, "s0.k0", "updated_at", "gt", "F", "published_at");
        String expected = "Post.objects.filter(updated_at__gt=F(\"published_at\"))";
        assertThat(django()).isEqualTo(expected);
        assertCompiles();
        assertThat(sqlText()).contains("\"blog_post\".\"updated_at\" > \"blog_post\".\"published_at\"");
        assertSameResults(robot, expected, Map.of());
    }

    @Test
    void lookupValueBuiltAsArithmeticOnItsOwnNode(FxRobot robot) throws Exception {
        open(robot, "Post");
        palette(robot, "filter");
        palette(robot, "lookup");
        clickNode(robot, "s0.k0");
        fill(robot, "lookupPath", "word_count");
        fill(robot, "lookupName", "gt");
        palette(robot, "x-Fplus");
        assertThat(canvas.focusedProperty().get()).isEqualTo("s0.k0.e");
        assertThat(canvas.graphProperty().get().node("s0.k0.e").kind()).isEqualTo(NodeKind.EXPRESSION);
        fill(robot, "exprLeftText", "view_count");
        choose(robot, "exprOperator", "*");
        fill(robot, "exprRightText", "2");
        commit(robot);
        clickNode(robot, "s0.k0");
        fill(robot, "lookupPath", "word_count");
        fill(robot, "lookupName", "gt");
        commit(robot);
        String expected = "Post.objects.filter(word_count__gt=F(\"view_count\") * 2)";
        assertThat(django()).isEqualTo(expected);
        assertCompiles();
        assertThat(sqlText()).contains("\"blog_post\".\"word_count\" > (\"blog_post\".\"view_count\" * ?)");
        assertSameResults(robot, expected, Map.of());
    }

    @Test
    void fArithmeticAnnotationOrderedByIt(FxRobot robot) throws Exception {
        open(robot, "Post");
        palette(robot, "annotate");
        clickNode(robot, "s0.n.n");
        palette(robot, "x-Fplus");
        assertThat(django()).isEqualTo("Post.objects.annotate(n=F(\"view_count\") + 1)");
        fill(robot, "exprAlias", "score");
        choose(robot, "exprRightKind", "expression");
        fill(robot, "exprRightText", "");
        commit(robot);
        // the right operand is now an expression of its own: a node to edit
        clickNode(robot, "s0.n.score.r");
        fill(robot, "exprLeftText", "word_count");
        choose(robot, "exprOperator", "*");
        fill(robot, "exprRightText", "2");
        commit(robot);
        palette(robot, "order_by");
        fill(robot, "stageText", ".order_by(\"-score\", \"id\")");
        commit(robot);
        // the tutorial's text parses to the same query; the printer brackets nested arithmetic
        String expected = "Post.objects.annotate(score=F(\"view_count\") + F(\"word_count\") * 2)"
                + ".order_by(\"-score\", \"id\")";
        assertThat(vm.query().querySetProperty().get())
                .isEqualTo(DjangoParser.parse(expected, vm.query().schemaProperty().get()));
        assertThat(django()).isEqualTo("Post.objects.annotate(score=F(\"view_count\") + (F(\"word_count\") * 2))"
                + ".order_by(\"-score\", \"id\")");
        assertCompiles();
        assertThat(sqlText()).contains("(\"blog_post\".\"view_count\" + (\"blog_post\".\"word_count\" * ?)) AS \"score\"")
                .contains("ORDER BY \"score\" DESC");
        ResultTable rows = assertSameResults(robot, expected, Map.of());
        assertThat(rows.columns()).contains("score");
        // Ctrl+D on the annotation copies it into the same stage; Ctrl+C / Ctrl+V puts its right part on a lookup
        clickNode(robot, "s0.n.score");
        robot.press(KeyCode.CONTROL, KeyCode.D).release(KeyCode.D, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(canvas.focusedProperty().get()).isEqualTo("s0.n.score2");
        assertThat(django()).startsWith("Post.objects.annotate(score=F(\"view_count\") + (F(\"word_count\") * 2), "
                + "score2=F(\"view_count\") + (F(\"word_count\") * 2))");
        clickNode(robot, "s0.n.score2.r");
        robot.press(KeyCode.CONTROL, KeyCode.C).release(KeyCode.C, KeyCode.CONTROL);
        palette(robot, "filter");
        palette(robot, "lookup");
        clickNode(robot, "s1.k0");
        robot.press(KeyCode.CONTROL, KeyCode.V).release(KeyCode.V, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(canvas.focusedProperty().get()).isEqualTo("s1.k0.e");
        assertThat(canvas.graphProperty().get().node("s1.k0").text()).isEqualTo(
                "title__isnull=F(\"word_count\") * 2");
        // every step is undoable back to the plain pipeline
        robot.interact(() -> {
            while (canvas.canUndo()) {
                canvas.undo();
            }
        });
        assertThat(django()).isEqualTo("Post.objects.all()");
    }

    @Test
    void annotateCountAndMax(FxRobot robot) throws Exception {
        open(robot, "Author");
        palette(robot, "annotate");
        clickNode(robot, "s0.n.n");
        fill(robot, "exprAlias", "post_count");
        fill(robot, "exprField", "posts");
        commit(robot);
        clickNode(robot, "s0");
        palette(robot, "x-Max");
        assertThat(canvas.focusedProperty().get()).isEqualTo("s0.n.max");
        fill(robot, "exprAlias", "latest_post");
        fill(robot, "exprField", "posts__published_at");
        commit(robot);
        String expected = "Author.objects.annotate(post_count=Count(\"posts\"), latest_post=Max(\"posts__published_at\"))";
        assertThat(django()).isEqualTo(expected);
        assertCompiles();
        assertThat(sqlText()).contains("COUNT(\"blog_post\".\"id\") AS \"post_count\"")
                .contains("MAX(\"blog_post\".\"published_at\") AS \"latest_post\"").contains("GROUP BY");
        assertThat(editor.card("s0.n.latest_post").tooltip().getText()).contains("MAX");
        assertSameResults(robot, expected, Map.of());
    }

    @Test
    void conditionalAggregationWithFilterAndWithCaseWhen(FxRobot robot) throws Exception {
        open(robot, "Author");
        palette(robot, "annotate");
        clickNode(robot, "s0.n.n");
        fill(robot, "exprAlias", "published_count");
        fill(robot, "exprField", "posts");
        robot.clickOn("#exprFilter");
        commit(robot);
        assertThat(canvas.graphProperty().get().node("s0.n.published_count.filter").kind())
                .isEqualTo(NodeKind.Q_GROUP);
        lookup(robot, "s0.n.published_count.filter.c0", "posts__published_at", "isnull", "value", "False");
        assertThat(django()).isEqualTo("Author.objects.annotate(published_count=Count(\"posts\", "
                + "filter=Q(posts__published_at__isnull=False)))");

        // Sum(Case(When(...), default=0)): a Sum, its argument made an expression node, replaced by a Case
        clickNode(robot, "s0");
        palette(robot, "x-Sum");
        fill(robot, "exprAlias", "published_sum");
        choose(robot, "exprArgKind", "expression");
        commit(robot);
        clickNode(robot, "s0.n.published_sum.arg");
        palette(robot, "x-Case");
        assertThat(editor.card("s0.n.published_sum.arg").tooltip().getText()).contains("CASE WHEN");
        // a second branch comes and goes
        click(robot, "exprAddWhen");
        assertThat(canvas.graphProperty().get().node("s0.n.published_sum.arg.w1")).isNotNull();
        clickNode(robot, "s0.n.published_sum.arg.w1");
        click(robot, "exprRemoveWhen");
        assertThat(canvas.graphProperty().get().node("s0.n.published_sum.arg.w1")).isNull();
        lookup(robot, "s0.n.published_sum.arg.w0.cond.c0", "posts__published_at", "isnull", "value", "False");
        String expected = "Author.objects.annotate(published_count=Count(\"posts\", "
                + "filter=Q(posts__published_at__isnull=False)), published_sum=Sum(Case(When("
                + "posts__published_at__isnull=False, then=Value(1)), default=Value(0))))";
        assertThat(django()).isEqualTo(expected);
        assertCompiles();
        assertThat(sqlText()).contains("COUNT(\"blog_post\".\"id\") FILTER (WHERE \"blog_post\".\"published_at\" IS NOT NULL)")
                .contains("SUM(CASE WHEN \"blog_post\".\"published_at\" IS NOT NULL THEN ? ELSE ? END)");
        ResultTable t = assertSameResults(robot, expected, Map.of());
        assertThat(t.column("published_count")).isEqualTo(t.column("published_sum"));
    }

    @Test
    void aggregateAvgOfAFunction(FxRobot robot) throws Exception {
        open(robot, "Post");
        palette(robot, "aggregate");
        clickNode(robot, "s0");
        palette(robot, "x-Avg");
        fill(robot, "exprAlias", "avg_length");
        choose(robot, "exprArgKind", "expression");
        commit(robot);
        clickNode(robot, "s0.n.avg_length.arg");
        palette(robot, "x-Length");
        fill(robot, "exprArg0Text", "body");
        commit(robot);
        // the palette's placeholder n=Count("pk") goes with Delete
        clickNode(robot, "s0.n.n");
        robot.press(KeyCode.DELETE).release(KeyCode.DELETE);
        WaitForAsyncUtils.waitForFxEvents();
        String expected = "Post.objects.aggregate(avg_length=Avg(Length(\"body\")))";
        assertThat(django()).isEqualTo(expected);
        assertCompiles();
        assertThat(sqlText()).contains("AVG(LENGTH(\"blog_post\".\"body\")) AS \"avg_length\"");
        ResultTable t = assertSameResults(robot, expected, Map.of());
        assertThat(t.columns()).containsExactly("avg_length");
    }

    @Test
    void dynamicSearchWithAnOptionalParam(FxRobot robot) throws Exception {
        open(robot, "Post");
        palette(robot, "filter");
        palette(robot, "q-or");
        lookup(robot, "s0.a0.c0", "title", "icontains", "Param", "query");
        lookup(robot, "s0.a0.c1", "body", "icontains", "Param", "query");
        clickNode(robot, "s0");
        palette(robot, "lookup");
        lookup(robot, "s0.k0", "author__name", "exact", "optional Param", "author");
        String expected = "Post.objects.filter(Q(title__icontains=Param(\"query\")) | Q(body__icontains="
                + "Param(\"query\")), author__name=Param(\"author\", optional=True))";
        assertThat(django()).isEqualTo(expected);
        assertCompiles();
        assertThat(sqlText()).contains("LIKE").contains("\"blog_author\".\"name\"");

        String author;
        try (Connection c = Connections.open(vm.runs().targetProperty().get().url(), true);
             ResultSet rs = c.createStatement().executeQuery("SELECT a.name FROM blog_author a JOIN blog_post p ON p.author_id = a.id "
                     + "WHERE p.title LIKE '%a%' ORDER BY p.id LIMIT 1")) {
            rs.next();
            author = rs.getString(1);
        }
        ResultTable without = assertSameResults(robot, expected, Map.of("query", "a"));
        Map<String, Object> both = new LinkedHashMap<>();
        both.put("query", "a");
        both.put("author", author);
        ResultTable with = assertSameResults(robot, expected, both);
        assertThat(with.rows().size()).isLessThan(without.rows().size());
    }

    @Test
    void badInputIsExplainedAndChangesNothing(FxRobot robot) {
        open(robot, "Post");
        // nothing selected: a click is a new annotate() after the last stage, as a drop there is
        palette(robot, "x-Count");
        assertThat(django()).isEqualTo("Post.objects.annotate(count=Count(\"pk\"))");
        robot.interact(() -> canvas.undo());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(django()).isEqualTo("Post.objects.all()");
        palette(robot, "annotate");
        clickNode(robot, "s0.n.n");
        String before = django();
        fill(robot, "exprAlias", "two words");
        commit(robot);
        assertThat(robot.lookup("#exprAlias-error").queryLabeled().getText())
                .contains("'two words' cannot name an annotation").contains("must be a Python name");
        assertThat(django()).isEqualTo(before);
        fill(robot, "exprText", "Count(\"posts\"");
        commit(robot);
        assertThat(robot.lookup("#exprText-error").queryLabeled().getText()).contains("SyntaxError");
        assertThat(django()).isEqualTo(before);
        // arithmetic keeps both operands: deleting one is refused with the reason
        palette(robot, "x-Fplus");
        choose(robot, "exprRightKind", "expression");
        commit(robot);
        clickNode(robot, "s0.n.n.r");
        robot.press(KeyCode.DELETE).release(KeyCode.DELETE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(canvas.messageProperty().get()).contains("arithmetic needs both operands");
        assertThat(django()).isEqualTo("Post.objects.annotate(n=F(\"view_count\") + (1 + 1))");
    }

    @Test
    void functionDroppedOnAnAliasStageThenFilteredOn(FxRobot robot) throws Exception {
        open(robot, "Post");
        palette(robot, "alias");
        robot.interact(editor::fit);
        // a palette expression dragged onto the alias stage becomes a new named entry of it
        robot.drag("#palette-x-Lower").dropTo(editor.card("s0"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(canvas.focusedProperty().get()).isEqualTo("s0.n.lower");
        assertThat(editor.card("s0.n.lower").tooltip().getText()).contains("LOWER(text)");
        clickNode(robot, "s0.n.n");
        robot.press(KeyCode.DELETE).release(KeyCode.DELETE);
        WaitForAsyncUtils.waitForFxEvents();
        clickNode(robot, "s0");
        palette(robot, "filter");
        palette(robot, "lookup");
        lookup(robot, "s1.k0", "lower", "startswith", "value", "\"a\"");
        String expected = "Post.objects.alias(lower=Lower(\"title\")).filter(lower__startswith=\"a\")";
        assertThat(django()).isEqualTo(expected);
        assertCompiles();
        assertThat(sqlText()).contains("LOWER(\"blog_post\".\"title\") LIKE");
        assertSameResults(robot, expected, Map.of());
    }
}
