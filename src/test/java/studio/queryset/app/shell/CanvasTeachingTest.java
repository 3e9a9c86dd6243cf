package studio.queryset.app.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import org.fxmisc.richtext.CodeArea;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;
import studio.queryset.app.canvas.editor.CanvasEditorView;
import studio.queryset.app.sqlpanel.SqlPanelView;
import studio.queryset.sample.SampleGallery;
import studio.queryset.analysis.Gotcha;
import studio.queryset.analysis.Gotchas;

/**
 * The canvas teaches: the SQL of the selected node is highlighted in the SQL panel and a click in the SQL
 * selects its node; a gotcha sample shows a yellow warning badge on the offending node and a Problems line.
 */
@ExtendWith(ApplicationExtension.class)
class CanvasTeachingTest extends WorkbenchTestBase {
    private static final String OR_QUERY =
            "Post.objects.filter(Q(title__icontains=\"django\") | Q(view_count__gt=10))";

    @org.testfx.framework.junit5.Start
    void start(javafx.stage.Stage stage) throws IOException {
        startApp(stage);
    }

    @org.testfx.framework.junit5.Stop
    void stop() {
        stopApp();
    }

    private static Node byId(FxRobot robot, String id) {
        return robot.lookup(n -> id.equals(n.getId())).query();
    }

    private void clickCard(FxRobot robot, String nodeId) {
        CanvasEditorView editor = robot.lookup("#canvasEditor").queryAs(CanvasEditorView.class);
        robot.interact(editor::fit);
        robot.clickOn(byId(robot, "node-" + nodeId));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.canvas().focusedProperty().get()).isEqualTo(nodeId);
    }

    /** The runs of text the SQL panel's code view draws as marked (the selection shapes it put on the area). */
    private static List<String> highlighted(SqlPanelView panel) {
        return panel.code().markedText();
    }

    private void showSqlTab(FxRobot robot) {
        TabPane tabs = robot.lookup("#outputTabs").queryAs(TabPane.class);
        Tab sql = tabs.getTabs().stream().filter(t -> "sqlTab".equals(t.getId())).findFirst().orElseThrow();
        robot.interact(() -> tabs.getSelectionModel().select(sql));
    }

    @Test
    void selectingALookupHighlightsItsSqlAndClickingTheSqlSelectsTheNode(FxRobot robot) throws Exception {
        robot.interact(() -> vm.query().applyText(OR_QUERY));
        showSqlTab(robot);
        WaitForAsyncUtils.waitForFxEvents();
        SqlPanelView panel = robot.lookup("#sqlPanel").queryAs(SqlPanelView.class);
        CodeArea area = panel.code().area();

        clickCard(robot, "s0.a0.c0");
        assertThat(panel.highlightedSql()).containsExactly("\"blog_post\".\"title\" LIKE ? ESCAPE '\\'");
        int start = area.getText().indexOf("\"blog_post\".\"title\" LIKE");
        assertThat(area.getCaretPosition()).isEqualTo(start);
        assertThat(highlighted(panel)).containsExactly("\"blog_post\".\"title\" LIKE ? ESCAPE '\\'");
        // drawn: a shape with the mark's style class on the marked line
        assertThat(robot.from(area).lookup(".node-sql").queryAllAs(javafx.scene.shape.Path.class))
                .anyMatch(p -> !p.getElements().isEmpty() && p.isVisible());

        // with the values inlined the highlight follows the literal written in place of ?
        robot.clickOn("#inlineValues");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(area.getText()).contains("'%django%'");
        assertThat(highlighted(panel)).containsExactly("\"blog_post\".\"title\" LIKE '%django%' ESCAPE '\\'");

        // the OR group: both lookups and the connector
        clickCard(robot, "s0.a0");
        assertThat(highlighted(panel)).containsExactly("\"blog_post\".\"title\" LIKE '%django%' ESCAPE '\\'"
                + " OR \"blog_post\".\"view_count\" > 10");

        // a click on the second lookup's column in the SQL selects that lookup's node
        String lookup = "\"blog_post\".\"view_count\" > 10";
        int at = area.getText().lastIndexOf(lookup) + 3;
        robot.interact(() -> {
            // the caret after the lookup scrolls all of it into view (the line is wider than the panel)
            area.moveTo(at - 3 + lookup.length());
            area.requestFollowCaret();
        });
        WaitForAsyncUtils.waitForFxEvents();
        Bounds b = org.testfx.util.WaitForAsyncUtils.asyncFx(() -> area.getCharacterBoundsOnScreen(at, at + 1))
                .get().orElseThrow();
        robot.clickOn(new Point2D(b.getMinX() + b.getWidth() / 2, b.getMinY() + b.getHeight() / 2));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.canvas().focusedProperty().get()).isEqualTo("s0.a0.c1");
        assertThat(panel.highlightedSql()).containsExactly("\"blog_post\".\"view_count\" > 10");
        assertThat(highlighted(panel)).containsExactly("\"blog_post\".\"view_count\" > 10");
    }

    @Test
    void aGotchaSampleShowsAWarningBadgeOnTheOffendingNodeAndInProblems(FxRobot robot) {
        SampleGallery.Sample sample = SampleGallery.load(vm.query().schemaProperty().get()).stream()
                .filter(s -> s.id().equals("gotcha-join-multiplication")).findFirst().orElseThrow();
        robot.interact(() -> workbench.openSample(sample));
        WaitForAsyncUtils.waitForFxEvents();
        List<Gotcha> gotchas = Gotchas.analyze(vm.query().schemaProperty().get(), vm.canvas().design().query());
        assertThat(gotchas).extracting(Gotcha::code).contains(Gotcha.Code.JOIN_MULTIPLICATION);
        Gotcha g = gotchas.stream().filter(x -> x.code() == Gotcha.Code.JOIN_MULTIPLICATION).findFirst()
                .orElseThrow();
        assertThat(g.step()).isZero(); // the annotate with the two counts
        String id = "s0";

        Node card = byId(robot, "node-" + id);
        assertThat(card.getStyleClass()).contains("cn-warning").doesNotContain("cn-error");
        Label badge = (Label) card.lookup(".cn-warning-badge");
        assertThat(badge.isVisible()).isTrue();
        // other nodes carry no warning badge
        assertThat(((Label) byId(robot, "node-s1").lookup(".cn-warning-badge")).isVisible()).isFalse();
        assertThat(vm.canvas().warnings().textFor(id)).contains("Gotcha: " + g.title())
                .contains("Why: " + g.why()).contains("Fix: " + g.fix());
        assertThat(vm.problems()).filteredOn(p -> p.severity() == Problem.Severity.WARNING)
                .extracting(Problem::message)
                .anySatisfy(m -> assertThat(m).startsWith("Node annotate (s0): " + g.title()));

        // clicking the warning line in Problems selects the node it is about
        robot.interact(() -> vm.canvas().select("s1"));
        TabPane tabs = robot.lookup("#outputTabs").queryAs(TabPane.class);
        Tab problemsTab = tabs.getTabs().stream().filter(t -> "problemsTab".equals(t.getId())).findFirst()
                .orElseThrow();
        robot.interact(() -> tabs.getSelectionModel().select(problemsTab));
        WaitForAsyncUtils.waitForFxEvents();
        Node line = robot.lookup(".list-cell").match((javafx.scene.control.ListCell<?> c) -> c.getItem()
                instanceof Problem p && p.message().startsWith("Node annotate (s0)")).query();
        robot.clickOn(line);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.canvas().focusedProperty().get()).isEqualTo("s0");
    }
}
