package studio.queryset.app.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.fxmisc.richtext.CodeArea;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.util.WaitForAsyncUtils;
import studio.queryset.app.StudioApp;
import studio.queryset.app.querylog.QueryLogEntry;
import studio.queryset.app.schema.SchemaNode;
import studio.queryset.query.QuerySet;
import studio.queryset.sql.CompiledQuery;
import studio.queryset.schema.ValueType;
import studio.queryset.sql.Dialect;
import studio.queryset.sql.OutColumn;
import studio.queryset.sql.QueryPlan;
import studio.queryset.sql.RowShape;
import studio.queryset.sql.SelectPlan;

/** The app shell on the bundled sample, driven like a user would and checked on view-model and node state. */
@ExtendWith(ApplicationExtension.class)
@Tag("gui") // robot tests: left out of the fast loop (mvn -B test -DexcludedGroups=gui)
class StudioAppShellTest {
    private static final long TIMEOUT_SECONDS = 20;

    private StudioApp app;
    private StudioViewModel vm;

    @Start
    void start(Stage stage) {
        app = new StudioApp();
        app.start(stage);
        vm = app.viewModel();
    }

    @Stop
    void stop() {
        app.stop();
    }

    @Test
    void opensOnTheSampleSelectsPostShowsItsSqlAndRunsItWithCtrlEnter(FxRobot robot) throws Exception {
        for (String id : List.of("#toolbar", "#schemaBrowser", "#canvas", "#inspector", "#bottomTabs")) {
            assertThat(robot.lookup(id).tryQuery()).as(id).isPresent();
        }
        TabPane editorTabs = robot.lookup("#editorTabs").queryAs(TabPane.class);
        assertThat(editorTabs.getTabs()).extracting(Tab::getText).containsExactly("Django");
        TabPane tabs = robot.lookup("#outputTabs").queryAs(TabPane.class);
        assertThat(tabs.getTabs()).extracting(Tab::getText)
                .containsExactly("SQL", "Java", "Results", "Query log", "Problems");
        assertThat(vm.problems()).as("problems on the sample").isEmpty();
        assertThat(vm.titleProperty().get()).isEqualTo("QuerySet Studio — blog (SQLite sample)");

        TreeView<SchemaNode> tree = robot.lookup("#schemaTree").queryAs(TreeView.class);
        assertThat(tree.getRoot().getChildren()).extracting(i -> i.getValue().name())
                .contains("Author", "Profile", "Tag", "Post", "Comment");
        TreeItem<SchemaNode> author = tree.getRoot().getChildren().stream()
                .filter(i -> i.getValue().name().equals("Author")).findFirst().orElseThrow();
        assertThat(author.getChildren()).extracting(i -> i.getValue().toString())
                .contains("posts (reverse FK from Post.author)");

        robot.clickOn(modelCell(robot, "Post"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.schemaBrowser().selectedModelProperty().get()).isEqualTo("Post");
        assertThat(vm.query().querySetProperty().get()).isEqualTo(QuerySet.of("Post"));
        assertThat(vm.inspector().sections()).isNotEmpty();
        assertThat(robot.lookup("#sqlCode").queryAs(CodeArea.class).getText()).contains("FROM \"blog_post\"");
        assertThat(vm.query().sqlTextProperty().get()).contains("FROM \"blog_post\"");
        assertThat(robot.lookup("#djangoEditor").queryAs(CodeArea.class).getText()).isEqualTo("Post.objects.all()");
        robot.interact(() -> app.view().bottomTabs().select("Java")); // the Java tab's code area is made when first shown
        assertThat(robot.lookup("#javaCode").queryAs(CodeArea.class).getText())
                .contains("public final class", "FROM \"blog_post\"").doesNotContain("DjangoParser");
        assertThat(robot.lookup("#pipelineExpression").queryLabeled().getText()).isEqualTo("Post.objects.all()");
        assertThat(robot.lookup("#stopButton").queryAs(Button.class).isDisabled()).isTrue();

        robot.press(KeyCode.CONTROL, KeyCode.ENTER).release(KeyCode.ENTER, KeyCode.CONTROL);
        WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS,
                () -> vm.runs().lastOutcomeProperty().get() != null && !vm.runs().isRunning());
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(vm.runs().lastOutcomeProperty().get()).isEqualTo(QueryLogEntry.Outcome.OK);
        assertThat(vm.runs().result().rows()).isNotEmpty();
        assertThat(vm.runs().result().columns()).contains("id", "title", "author_id");
        TableView<?> results = robot.lookup("#resultsTable").queryAs(TableView.class);
        assertThat(results.getItems()).hasSize(vm.runs().result().rows().size());
        assertThat(results.getColumns()).hasSize(vm.runs().result().columns().size() + 1);
        assertThat(tabs.getSelectionModel().getSelectedItem().getText()).isEqualTo("Results");

        List<QueryLogEntry> log = vm.runs().logSnapshot();
        assertThat(log).hasSize(1);
        assertThat(log.get(0).sql()).contains("FROM \"blog_post\"");
        assertThat(log.get(0).rows()).isEqualTo(results.getItems().size());
        assertThat(log.get(0).outcome()).isEqualTo(QueryLogEntry.Outcome.OK);
        assertThat(log.get(0).cause()).isEqualTo("main");
        assertThat(robot.lookup("#queryLog").queryAs(TableView.class).getItems()).hasSize(1);
        assertThat(vm.statusProperty().get()).contains("objects in");
    }

    @Test
    void dialectToggleRecompilesTheSql(FxRobot robot) {
        robot.interact(() -> vm.selectModel("Post"));
        robot.clickOn("#dialectPostgresql");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.query().dialectProperty().get()).isEqualTo(Dialect.POSTGRESQL);
        assertThat(robot.lookup("#sqlCode").queryAs(CodeArea.class).getText()).contains("FROM \"blog_post\"");
        robot.clickOn("#dialectSqlite");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.query().dialectProperty().get()).isEqualTo(Dialect.SQLITE);
    }

    @Test
    void escapeCancelsARunningQueryAndTheRunnerStaysUsable(FxRobot robot) throws Exception {
        SelectPlan select = new SelectPlan(new CompiledQuery(
                "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c", List.of()),
                "Post", List.of(new OutColumn(List.of(), "n", ValueType.INTEGER, false)), RowShape.FLAT, List.of(),
                false, 0);
        QueryPlan endless = new QueryPlan(QueryPlan.Kind.COUNT, select, List.of(), "Post");
        robot.interact(() -> vm.runs().run(endless));
        WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS, () -> vm.runs().isRunning());
        assertThat(robot.lookup("#stopButton").queryAs(Button.class).isDisabled()).isFalse();
        Thread.sleep(300);

        robot.press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS, () -> !vm.runs().isRunning());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.runs().lastOutcomeProperty().get()).isEqualTo(QueryLogEntry.Outcome.CANCELLED);
        assertThat(vm.statusProperty().get()).contains("cancelled");
        assertThat(vm.runs().logSnapshot()).last().extracting(QueryLogEntry::outcome)
                .isEqualTo(QueryLogEntry.Outcome.CANCELLED);

        // The JDBC statement was really cancelled: the single runner thread takes the next query.
        robot.interact(() -> {
            vm.selectModel("Tag");
            vm.run();
        });
        WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS,
                () -> vm.runs().lastOutcomeProperty().get() == QueryLogEntry.Outcome.OK);
        assertThat(vm.runs().result().columns()).contains("name");
    }

    private static Node modelCell(FxRobot robot, String model) {
        return robot.lookup(".tree-cell").match((TreeCell<SchemaNode> c) -> c.getItem() != null
                && c.getItem().kind() == SchemaNode.Kind.MODEL && c.getItem().name().equals(model)).query();
    }
}
