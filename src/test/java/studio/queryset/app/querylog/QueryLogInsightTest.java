package studio.queryset.app.querylog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;
import studio.queryset.app.shell.WorkbenchTestBase;
import studio.queryset.run.NPlusOneComparison;

/** The Query log tab: N+1 counter, naive-vs-optimized comparison, EXPLAIN on SQLite, errors as messages. */
@ExtendWith(ApplicationExtension.class)
class QueryLogInsightTest extends WorkbenchTestBase {
    @org.testfx.framework.junit5.Start
    void start(javafx.stage.Stage stage) throws IOException {
        startApp(stage);
    }

    @org.testfx.framework.junit5.Stop
    void stop() {
        stopApp();
    }

    private NPlusOneComparison compare(FxRobot robot, String query, String touches) throws Exception {
        robot.interact(() -> {
            vm.setDjangoText(query);
            workbench.insight().touchesProperty().set(touches);
        });
        robot.clickOn("Query log");
        NPlusOneComparison before = workbench.insight().comparisonProperty().get();
        robot.clickOn("#compareButton");
        WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS,
                () -> workbench.insight().comparisonProperty().get() != before
                        || !workbench.insight().errorProperty().get().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(workbench.insight().errorProperty().get()).isEmpty();
        return workbench.insight().comparisonProperty().get();
    }

    @Test
    void naiveAccessToAuthorCosts51StatementsAgainstOneJoin(FxRobot robot) throws Exception {
        NPlusOneComparison c = compare(robot, "Post.objects.all()[:50]", "author");

        assertThat(c.naiveStatements()).isEqualTo(51);
        assertThat(c.optimizedStatements()).isEqualTo(1);
        assertThat(c.naive().log().get(1).cause()).isEqualTo("lazy load of post.author");
        assertThat(c.optimized().log().get(0).sql()).contains("JOIN").contains("\"blog_author\"");

        // the counter flags the naive run in the log: 50 statements of one shape
        RepeatedStatements counter = workbench.insightView().counter();
        assertThat(counter.statements()).isEqualTo(51);
        assertThat(counter.repeated()).isEqualTo(50);
        assertThat(counter.isNPlusOne()).isTrue();
        Label label = robot.lookup("#nPlusOneCounter").queryAs(Label.class);
        assertThat(label.getText()).contains("51 statements").contains("N+1: 50 ×")
                .contains("naive: lazy load of post.author");
        List<QueryLogEntry> log = vm.runs().logSnapshot();
        assertThat(log.stream().filter(e -> e.cause().equals("naive: lazy load of post.author"))).hasSize(50);
        assertThat(log.stream().filter(e -> e.cause().startsWith("optimized: "))).hasSize(1);

        // side by side: statement counts and the grouped statements
        assertThat(robot.lookup("#comparisonHeadline").queryAs(Label.class).getText())
                .contains("50 extra statements").contains("51 vs 1");
        assertThat(robot.lookup("#naiveStatements").queryAs(Label.class).getText()).isEqualTo("51");
        assertThat(robot.lookup("#optimizedStatements").queryAs(Label.class).getText()).isEqualTo("1");
        assertThat(robot.lookup("#naiveRows").queryAs(Label.class).getText()).isEqualTo("100");
        assertThat(robot.lookup("#optimizedRows").queryAs(Label.class).getText()).isEqualTo("50");
        ListView<String> naive = robot.lookup("#naiveStatementsList").queryListView();
        assertThat(naive.getItems()).hasSize(2);
        assertThat(naive.getItems().get(1)).startsWith("50 × lazy load of post.author — SELECT");
        assertThat(robot.lookup("#comparisonQuery").queryAs(Label.class).getText())
                .isEqualTo("Optimized: Post.objects.select_related(\"author\")[:50]");
    }

    @Test
    void aQueryWithItsOwnPrefetchComparesWithoutTouches(FxRobot robot) throws Exception {
        NPlusOneComparison c = compare(robot, "Post.objects.prefetch_related(\"tags\")[:10]", "");
        assertThat(c.naiveStatements()).isEqualTo(11);
        assertThat(c.optimizedStatements()).isEqualTo(2);
        assertThat(c.naive().log().get(1).cause()).isEqualTo("post.tags.all()");
    }

    @Test
    void anUnknownRelationIsAMessage(FxRobot robot) {
        robot.interact(() -> {
            vm.setDjangoText("Post.objects.all()[:5]");
            workbench.insight().touchesProperty().set("autor");
        });
        robot.clickOn("Query log").clickOn("#compareButton");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#insightError").queryAs(Label.class).getText())
                .startsWith("FieldError: 'autor' in \"autor\" is not a relation of Post")
                .contains("author").contains("tags");
    }

    @Test
    void explainShowsSqlitesQueryPlanForTheCurrentQueryAndASelectedRow(FxRobot robot) throws Exception {
        robot.interact(() -> vm.setDjangoText("Post.objects.filter(author__name=\"alice\").order_by(\"title\")"));
        robot.clickOn("Query log").clickOn("#explainButton");
        WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS,
                () -> !workbench.insight().planProperty().get().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        List<String> plan = workbench.insight().planProperty().get();
        assertThat(plan.get(0)).isEqualTo("QUERY PLAN");
        assertThat(String.join("\n", plan)).contains("blog_post").contains("blog_author");
        assertThat(robot.lookup("#explainText").queryAs(TextArea.class).getText()).startsWith("QUERY PLAN\n");
        assertThat(workbench.insight().planTitleProperty().get()).startsWith("EXPLAIN of the current query");
        javafx.scene.control.TreeView<String> tree = robot.lookup("#explainTree").query();
        assertThat(tree.getRoot().getChildren()).hasSize(1);
        javafx.scene.control.TreeItem<String> top = tree.getRoot().getChildren().get(0);
        assertThat(top.getValue()).isEqualTo("QUERY PLAN");
        assertThat(top.getChildren()).hasSize(plan.size() - 1 - (int) plan.stream()
                .filter(l -> l.startsWith("|  ") || l.startsWith("   ")).count());
        assertThat(top.getChildren()).allMatch(i -> i.getValue().matches("(SCAN|SEARCH|USE TEMP).*"));

        // a run's statement, selected in the log, with ANALYZE ticked: SQLite says it has none
        robot.interact(vm::run);
        WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS, () -> !vm.runs().log().isEmpty()
                && !vm.runs().isRunning());
        robot.clickOn("Query log");
        TableView<QueryLogEntry> table = robot.lookup("#queryLog").queryTableView();
        robot.interact(() -> {
            table.getSelectionModel().select(table.getItems().size() - 1);
            workbench.insight().analyzeProperty().set(true);
        });
        robot.clickOn("#explainButton");
        WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS,
                () -> workbench.insight().planTitleProperty().get().contains("log row"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(workbench.insight().planProperty().get()).last().asString().contains("no EXPLAIN ANALYZE");
    }

    @Test
    void explainAnalyzeOnPostgresqlOnlyWhenTicked(FxRobot robot) throws Exception {
        try (java.sql.Connection probe = studio.queryset.support.PostgresSupport.connectOrSkip()) {
            assertThat(probe.isValid(5)).isTrue();
        }
        studio.queryset.app.connection.ConnectionTarget pg = new studio.queryset.app.connection.ConnectionTarget(
                studio.queryset.support.PostgresSupport.url(), studio.queryset.sql.Dialect.POSTGRESQL, "test (PG)");
        studio.queryset.sql.CompiledQuery series = new studio.queryset.sql.CompiledQuery(
                "SELECT n FROM generate_series(1, ?) AS n WHERE n > 1", List.of(3L));
        robot.interact(() -> workbench.insight().explain(pg, series, "series", java.util.Map.of()));
        WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS,
                () -> workbench.insight().planTitleProperty().get().startsWith("EXPLAIN of series"));
        String plain = String.join("\n", workbench.insight().planProperty().get());
        assertThat(plain).contains("Function Scan on generate_series").doesNotContain("actual time");

        robot.interact(() -> {
            workbench.insight().analyzeProperty().set(true);
            workbench.insight().explain(pg, series, "series", java.util.Map.of());
        });
        WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS,
                () -> workbench.insight().planTitleProperty().get().startsWith("EXPLAIN ANALYZE of series"));
        String analyzed = String.join("\n", workbench.insight().planProperty().get());
        assertThat(analyzed).contains("actual time").contains("rows=2").contains("Execution Time");
    }
}
