package studio.queryset.app.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;
import studio.queryset.app.querylog.QueryLogEntry;
import studio.queryset.app.shell.WorkbenchTestBase;
import studio.queryset.sample.SampleGallery;
import studio.queryset.query.Step;
import studio.queryset.run.Connections;
import studio.queryset.run.WritePreview;
import studio.queryset.sql.Dialect;

/** The gallery lists every sample by category; each SQLite one opens into the window and runs there. */
@ExtendWith(ApplicationExtension.class)
class SamplesGalleryTest extends WorkbenchTestBase {
    @org.testfx.framework.junit5.Start
    void start(javafx.stage.Stage stage) throws IOException {
        startApp(stage);
    }

    @org.testfx.framework.junit5.Stop
    void stop() {
        stopApp();
    }

    @Test
    void galleryListsSamplesByCategoryAndDisablesPostgresOnlyOnesOnSqlite(FxRobot robot) {
        robot.interact(workbench::showGallery);
        TreeView<Object> tree = robot.lookup("#samplesTree").queryAs(TreeView.class);
        List<SampleGallery.Sample> all = SampleGallery.load(vm.query().schemaProperty().get());
        assertThat(tree.getRoot().getChildren().stream().mapToInt(c -> c.getChildren().size()).sum())
                .isEqualTo(all.size());
        assertThat(tree.getRoot().getChildren()).extracting(TreeItem::getValue).contains("Q");

        TreeItem<Object> pgOnly = null;
        TreeItem<Object> plain = null;
        for (TreeItem<Object> category : tree.getRoot().getChildren()) {
            for (TreeItem<Object> item : category.getChildren()) {
                SampleGallery.Sample s = (SampleGallery.Sample) item.getValue();
                if (s.requires() == Dialect.POSTGRESQL && pgOnly == null) {
                    pgOnly = item;
                } else if (s.requires() == null && s.id().equals("select-related") && plain == null) {
                    plain = item;
                }
            }
        }
        assertThat(pgOnly).isNotNull();
        TreeItem<Object> pg = pgOnly;
        robot.interact(() -> tree.getSelectionModel().select(pg));
        Button open = robot.lookup("#openSampleButton").queryAs(Button.class);
        assertThat(open.isDisabled()).isTrue();
        assertThat(robot.lookup("#sampleRequirement").queryLabeled().getText()).contains("PostgreSQL");

        TreeItem<Object> sr = plain != null ? plain : tree.getRoot().getChildren().get(0).getChildren().get(0);
        robot.interact(() -> tree.getSelectionModel().select(sr));
        SampleGallery.Sample chosen = (SampleGallery.Sample) sr.getValue();
        assertThat(robot.lookup("#sampleExplanation").queryTextInputControl().getText())
                .isEqualTo(chosen.design().notes()).isNotBlank();
        assertThat(open.isDisabled()).isFalse();
        robot.clickOn(open);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#samplesGallery").tryQuery()).isEmpty();
        assertThat(vm.query().querySetProperty().get()).isEqualTo(chosen.design().query());
        assertThat(workbench.document().isDirty()).isFalse();
    }

    @Test
    void everySqliteSampleOpensAndRuns(FxRobot robot) throws Exception {
        List<SampleGallery.Sample> all = SampleGallery.load(vm.query().schemaProperty().get());
        List<String> ran = new ArrayList<>();
        for (SampleGallery.Sample s : all) {
            if (!s.runsOn(Dialect.SQLITE)) {
                continue;
            }
            robot.interact(() -> workbench.openSample(s));
            assertThat(vm.query().querySetProperty().get()).as(s.id()).isEqualTo(s.design().query());
            assertThat(vm.runParams()).as(s.id()).isEqualTo(s.design().params());
            Step terminal = s.design().query().terminal();
            if (terminal instanceof Step.Update) {
                // writes never run from the window: they run as a preview, rolled back
                try (Connection c = Connections.open(vm.runs().targetProperty().get().url(), true)) {
                    WritePreview.Result r = WritePreview.preview(c, vm.query().schemaProperty().get(), Dialect.SQLITE,
                            s.design().query(), s.design().params());
                    assertThat(r.rowsAffected()).as(s.id()).isGreaterThanOrEqualTo(0);
                }
                ran.add(s.id() + " (preview)");
                continue;
            }
            int before = vm.runs().runCount();
            robot.interact(vm::run);
            WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS,
                    () -> vm.runs().runCount() > before && !vm.runs().isRunning());
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(vm.runs().lastOutcomeProperty().get()).as(s.id() + ": " + vm.problems())
                    .isEqualTo(QueryLogEntry.Outcome.OK);
            assertThat(vm.runs().result()).as(s.id()).isNotNull();
            ran.add(s.id());
        }
        assertThat(ran).hasSize((int) all.stream().filter(s -> s.runsOn(Dialect.SQLITE)).count());
        System.out.println("Samples run on SQLite: " + ran.size() + " " + ran);
    }
}
