package studio.queryset.app.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;
import studio.queryset.app.lessons.LessonPanel;
import studio.queryset.lessons.Lessons;
import studio.queryset.lessons.NPlusOneReport;

/**
 * A learner's path through a lesson, with real clicks: a sample opened from the gallery docks its lesson beside
 * the canvas, "Show me" runs the comparison (two clicks from the gallery), steps point at the SQL, the panel
 * stays until closed; Help → Lessons reaches a lesson without a sample; prefetched cells open as a sub-grid.
 */
@ExtendWith(ApplicationExtension.class)
class LessonPanelRobotTest extends WorkbenchTestBase {
    @org.testfx.framework.junit5.Start
    void start(javafx.stage.Stage stage) throws IOException {
        startApp(stage);
    }

    @org.testfx.framework.junit5.Stop
    void stop() {
        stopApp();
    }

    /** Scrolls the lesson panel to the node, as a learner scrolls to the step, then clicks it. */
    private void clickInPanel(FxRobot robot, String query) {
        Node n = robot.lookup(query).query();
        robot.interact(() -> workbench.lessons().panel().reveal(n));
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn(n);
    }

    private boolean docked(FxRobot robot) {
        SplitPane work = robot.lookup("#workSplit").queryAs(SplitPane.class);
        return work.getItems().stream().anyMatch(n -> n instanceof LessonPanel);
    }

    @Test
    void aSampleOpensWithItsLessonAndShowMeRunsTheComparisonInTwoClicks(FxRobot robot) throws Exception {
        robot.interact(workbench::showGallery);
        // click 1: double-click the sample in the gallery; click 2: the step's Show me
        robot.doubleClickOn("N+1: post.author without select_related");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#samplesGallery").tryQuery()).isEmpty();
        assertThat(docked(robot)).isTrue();
        assertThat(robot.lookup("#lessonTitle").queryAs(Label.class).getText())
                .isEqualTo("N+1: post.author without select_related");
        assertThat(robot.lookup("#lessonStep-0").query().getStyleClass()).contains("lesson-step-active");

        NPlusOneReport before = workbench.insight().reportProperty().get();
        clickInPanel(robot, "#showMe-1");
        WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS,
                () -> workbench.insight().reportProperty().get() != before);
        WaitForAsyncUtils.waitForFxEvents();
        NPlusOneReport r = workbench.insight().reportProperty().get();
        assertThat(r.comparison().naiveStatements()).isEqualTo(21);
        assertThat(r.comparison().optimizedStatements()).isEqualTo(1);
        assertThat(robot.lookup("#optimizedHeading").queryAs(Label.class).getText())
                .isEqualTo("Optimized: select_related(\"author\") added");
        assertThat(robot.lookup("#comparisonTimes").queryAs(Label.class).getText()).contains("round trips");
        assertThat(robot.lookup("#touch-author").queryAs(javafx.scene.control.CheckBox.class).isSelected()).isTrue();
        assertThat(robot.lookup("#touch-tags").queryAs(javafx.scene.control.CheckBox.class).isSelected()).isFalse();

        // the next step changes the query; the panel stays and points at the new JOIN, on the canvas too
        clickInPanel(robot, "#showMe-2");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.query().sqlTextProperty().get()).contains("INNER JOIN \"blog_author\"");
        assertThat(docked(robot)).isTrue();
        assertThat(vm.canvas().focusedProperty().get()).isNotNull();

        robot.clickOn("#lessonClose");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(docked(robot)).isFalse();
    }

    @Test
    void theQOrLessonsClaimsHoldOnTheConnectedDatabase(FxRobot robot) throws Exception {
        robot.interact(() -> workbench.openLesson(Lessons.forSample("q-or").orElseThrow()));
        clickInPanel(robot, "#showMe-2");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.query().sqlTextProperty().get()).contains("LEFT OUTER JOIN \"blog_profile\"");
        clickInPanel(robot, "#checkClaims");
        try {
            WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS,
                    () -> workbench.lessons().model().statusProperty().get().contains("claims hold"));
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("status: " + workbench.lessons().model().statusProperty().get(), e);
        }
        assertThat(workbench.lessons().model().statusProperty().get()).isEqualTo("4 of 4 claims hold on SQLite");
        assertThat(workbench.lessons().model().claimsProperty().get())
                .allMatch(c -> c.verdict() != null && c.verdict().holds());
    }

    @Test
    void helpLessonsOpensALessonWithoutASample(FxRobot robot) {
        robot.interact(() -> workbench.openLesson(Lessons.all().stream().filter(l -> l.id().equals("async-twins"))
                .findFirst().orElseThrow()));
        assertThat(docked(robot)).isTrue();
        assertThat(vm.query().djangoTextProperty().get()).contains(".count()");
        assertThat(robot.lookup("#menuLessons").tryQuery()).isEmpty(); // a menu, not a node: reached via Help
        robot.clickOn("Help");
        assertThat(robot.lookup("Lessons").tryQuery()).isPresent();
        robot.type(javafx.scene.input.KeyCode.ESCAPE);
    }

    @Test
    void aPrefetchedCellOpensItsRowsAndOldRowsAreMarked(FxRobot robot) throws Exception {
        robot.interact(() -> workbench.openLesson(Lessons.forSample("prefetch-related").orElseThrow()));
        int runs = vm.runs().runCount();
        robot.interact(vm::run);
        WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS,
                () -> vm.runs().runCount() > runs && !vm.runs().isRunning());
        robot.interact(() -> selectTab(robot, "resultsTab"));
        WaitForAsyncUtils.waitForFxEvents();
        javafx.scene.control.TableView<?> grid = robot.lookup("#resultsTable").queryAs(
                javafx.scene.control.TableView.class);
        robot.interact(() -> grid.getColumns().stream().filter(c -> c.getText().equals("tags")).findFirst()
                .ifPresent(c -> grid.scrollToColumn((javafx.scene.control.TableColumn) c)));
        WaitForAsyncUtils.waitForFxEvents();
        Node cell = robot.lookup("#resultsTable .related-value").query();
        robot.clickOn(cell);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#relatedRows").tryQuery()).isPresent();
        assertThat(robot.lookup("#relatedRowsTitle").queryAs(Label.class).getText()).startsWith("row ")
                .contains(".tags");
        javafx.scene.control.TableView<?> sub = robot.lookup("#relatedRowsTable").queryAs(
                javafx.scene.control.TableView.class);
        assertThat(sub.getColumns()).extracting(c -> c.getText()).contains("id", "name");

        robot.interact(() -> vm.setDjangoText("Post.objects.all()[:3]"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#resultsSummary").queryAs(Label.class).getText())
                .startsWith("From the previous query");
        assertThat(robot.lookup("#resultsTable").query().getStyleClass()).contains("stale-results");
    }

    @Test
    void aSelectRelatedObjectOpensTheSameWay(FxRobot robot) throws Exception {
        robot.interact(() -> workbench.openLesson(Lessons.forSample("select-related").orElseThrow()));
        int runs = vm.runs().runCount();
        robot.interact(vm::run);
        WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS,
                () -> vm.runs().runCount() > runs && !vm.runs().isRunning());
        robot.interact(() -> selectTab(robot, "resultsTab"));
        javafx.scene.control.TableView<?> grid = robot.lookup("#resultsTable").queryAs(
                javafx.scene.control.TableView.class);
        robot.interact(() -> grid.getColumns().stream().filter(c -> c.getText().equals("author.name")).findFirst()
                .ifPresent(c -> grid.scrollToColumn((javafx.scene.control.TableColumn) c)));
        WaitForAsyncUtils.waitForFxEvents();
        Node cell = robot.lookup("#resultsTable .table-cell").match(n -> n instanceof javafx.scene.control.TableCell<?, ?>
                c && c.getTableColumn() != null && "author.name".equals(c.getTableColumn().getText())
                && c.getIndex() == 0).query();
        robot.doubleClickOn(cell);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#relatedRowsTitle").queryAs(Label.class).getText())
                .isEqualTo("row 1.author (select_related)");
        javafx.scene.control.TableView<?> sub = robot.lookup("#relatedRowsTable").queryAs(
                javafx.scene.control.TableView.class);
        assertThat(sub.getColumns()).extracting(c -> c.getText()).containsExactly("id", "name", "email");
        assertThat(sub.getItems()).hasSize(1);
    }

    private static void selectTab(FxRobot robot, String id) {
        for (Node n : robot.lookup(".tab-pane").queryAll()) {
            TabPane p = (TabPane) n;
            for (Tab t : p.getTabs()) {
                if (id.equals(t.getId())) {
                    p.getSelectionModel().select(t);
                }
            }
        }
    }
}
