package studio.queryset.app.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import javafx.scene.control.DialogPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;
import studio.queryset.app.shell.Prompts;
import studio.queryset.app.shell.WorkbenchTestBase;
import studio.queryset.design.Design;
import studio.queryset.design.DesignFile;
import studio.queryset.django.DjangoParser;

/** Save and reopen; a failed save leaves the old file; autosave and clean close; recent files; PNG export. */
@ExtendWith(ApplicationExtension.class)
class DocumentsTest extends WorkbenchTestBase {
    @org.testfx.framework.junit5.Start
    void start(javafx.stage.Stage stage) throws IOException {
        startApp(stage);
    }

    @org.testfx.framework.junit5.Stop
    void stop() {
        stopApp();
    }

    private static final String QUERY = "Post.objects.filter(view_count__gt=100).order_by(\"-view_count\")[:7]";

    @Test
    void aStartReopensTheLastDesignWhenThePreferenceIsOn(FxRobot robot, @TempDir Path dir) throws IOException {
        Path file = dir.resolve("last.qsdesign");
        robot.interact(() -> vm.setDjangoText(QUERY));
        robot.interact(() -> assertThat(workbench.saveTo(file)).isTrue());
        robot.interact(workbench::newDocument);

        workbench.settings().put("reopenLast", false);
        robot.interact(workbench::reopenLast);
        assertThat(vm.query().querySetProperty().get()).as("preference off: nothing reopened").isNull();

        workbench.settings().put("reopenLast", true);
        robot.interact(workbench::reopenLast);
        assertThat(vm.query().djangoTextProperty().get()).isEqualTo(QUERY);
        assertThat(workbench.document().fileProperty().get()).isEqualTo(file.toAbsolutePath());
        assertThat(vm.statusProperty().get()).contains("Reopened last.qsdesign");

        robot.interact(workbench::newDocument);
        Files.delete(file);
        robot.interact(workbench::reopenLast);
        assertThat(vm.query().querySetProperty().get()).isNull();
        assertThat(vm.statusProperty().get()).contains("is not there any more");
        workbench.settings().put("reopenLast", false);
    }

    @Test
    void savesAndReopensADesign(FxRobot robot, @TempDir Path dir) {
        Path file = dir.resolve("popular.qsdesign");
        robot.interact(() -> vm.setDjangoText(QUERY));
        assertThat(workbench.document().isDirty()).isTrue();
        assertThat(((Stage) robot.window(0)).getTitle()).startsWith("Untitled *");

        robot.interact(() -> assertThat(workbench.saveTo(file)).isTrue());
        assertThat(file).exists();
        assertThat(workbench.document().isDirty()).isFalse();
        assertThat(((Stage) robot.window(0)).getTitle()).startsWith("popular.qsdesign —");
        assertThat(workbench.settings().recentFiles()).containsExactly(file.toAbsolutePath().normalize());

        robot.interact(workbench::newDocument); // not dirty: no prompt
        assertThat(vm.query().querySetProperty().get()).isNull();
        robot.interact(() -> assertThat(workbench.open(file)).isTrue());
        assertThat(vm.query().querySetProperty().get())
                .isEqualTo(DjangoParser.parse(QUERY, vm.query().schemaProperty().get()));
        assertThat(vm.query().djangoTextProperty().get()).isEqualTo(QUERY);
        assertThat(workbench.document().isDirty()).isFalse();
        assertThat(workbench.document().fileProperty().get()).isEqualTo(file.toAbsolutePath());
    }

    @Test
    void aSaveThatFailsHalfwayLeavesTheOldFileIntact(FxRobot robot, @TempDir Path dir) throws Exception {
        Path file = dir.resolve("keep.qsdesign");
        robot.interact(() -> vm.setDjangoText("Post.objects.all()[:3]"));
        robot.interact(() -> assertThat(workbench.saveTo(file)).isTrue());
        String before = Files.readString(file, StandardCharsets.UTF_8);

        // A parameter value that cannot be written: DesignFile.write has created and opened its temp file
        // when turning the design into JSON fails, so the write stops halfway.
        Object poison = new Object() {
            @Override
            public String toString() {
                throw new IllegalStateException("disk full (simulated)");
            }
        };
        robot.interact(() -> {
            Design d = workbench.document().current();
            workbench.document().show(d.withQuery(DjangoParser.parse("Post.objects.all()[:9]",
                    vm.query().schemaProperty().get())).withParams(Map.of("x", poison)));
        });
        robot.interact(() -> assertThat(workbench.saveTo(file)).isFalse());
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo(before);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).as("no temp file left").containsExactly(file);
        }
        DialogPane error = robot.lookup("#errorDialog").queryAs(DialogPane.class);
        assertThat(error.getContentText()).contains("disk full (simulated)").contains("unchanged")
                .doesNotContain("\tat ");
        robot.interact(() -> error.getScene().getWindow().hide());
    }

    @Test
    void newAsksAboutUnsavedChanges(FxRobot robot) throws Exception {
        robot.interact(() -> vm.setDjangoText(QUERY));
        assertThat(workbench.document().isDirty()).isTrue();

        javafx.application.Platform.runLater(workbench::newDocument);
        DialogPane prompt = waitForDialog(robot, "#unsavedDialog");
        robot.clickOn((javafx.scene.control.Button) prompt.lookupButton(javafx.scene.control.ButtonType.CANCEL));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.query().djangoTextProperty().get()).as("cancelled: nothing lost").isEqualTo(QUERY);

        javafx.application.Platform.runLater(workbench::newDocument);
        prompt = waitForDialog(robot, "#unsavedDialog");
        robot.clickOn((javafx.scene.control.Button) prompt.lookupButton(Prompts.DISCARD));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.query().querySetProperty().get()).isNull();
        assertThat(workbench.document().isDirty()).isFalse();
    }

    private static DialogPane waitForDialog(FxRobot robot, String id) throws Exception {
        WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, java.util.concurrent.TimeUnit.SECONDS,
                () -> robot.lookup(id).tryQuery().isPresent());
        return robot.lookup(id).queryAs(DialogPane.class);
    }

    @Test
    void autosaveWritesTheRecoveryFileAndACleanCloseRemovesIt(FxRobot robot) throws IOException {
        Path recovery = workbench.document().recoveryFile();
        assertThat(recovery.getParent()).as("one autosave per window, in the recovery folder")
                .isEqualTo(configDir.resolve(RecoveryStore.FOLDER));
        robot.interact(() -> vm.selectModel("Tag"));
        robot.interact(() -> vm.setDjangoText("Tag.objects.order_by(\"name\")"));
        robot.interact(() -> assertThat(workbench.document().autosave()).isTrue());
        assertThat(recovery).exists();
        robot.interact(() -> assertThat(workbench.document().autosave()).as("unchanged: not written again").isFalse());

        robot.interact(() -> workbench.document().deleteRecovery());
        assertThat(recovery).doesNotExist();
    }

    @Test
    void exportsTheCanvasAsPngAndTheSqlAsText(FxRobot robot, @TempDir Path dir) throws IOException {
        robot.interact(() -> vm.selectModel("Post"));
        Path png = dir.resolve("canvas.png");
        robot.interact(() -> {
            try {
                Exports.writePng(robot.lookup("#canvas").query(), png);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        byte[] bytes = Files.readAllBytes(png);
        assertThat(bytes.length).isGreaterThan(100);
        assertThat(new String(bytes, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");
        Path sql = dir.resolve("q.sql");
        Exports.writeText(sql, vm.query().sqlTextProperty().get());
        assertThat(Files.readString(sql)).contains("FROM \"blog_post\"");
    }

    @Test
    void aVersion1DesignOpensMigratedAndSavesAsVersion2(FxRobot robot, @TempDir Path dir) throws Exception {
        Path v1 = dir.resolve("old.qsdesign");
        Files.copy(Path.of("src/test/resources/design/v1-popular-since.qsdesign"), v1);
        robot.interact(() -> assertThat(workbench.open(v1)).isTrue());
        assertThat(workbench.document().lastOpened().fileVersion()).isEqualTo(1);
        assertThat(vm.query().djangoTextProperty().get()).startsWith("Post.objects.filter(published_at__date__gte="
                + "Param(\"since\")");
        assertThat(vm.runParams()).containsEntry("views", 100L).containsEntry("since", "2024-01-31");

        robot.interact(() -> {
            vm.query().dialectProperty().set(studio.queryset.sql.Dialect.POSTGRESQL);
            assertThat(workbench.save()).isTrue();
        });
        String saved = Files.readString(v1, StandardCharsets.UTF_8);
        assertThat(saved).contains("\"version\" : 2").contains("\"dialect\" : \"postgresql\"");
        robot.interact(() -> {
            vm.query().dialectProperty().set(studio.queryset.sql.Dialect.SQLITE);
            assertThat(workbench.open(v1)).isTrue();
        });
        assertThat(workbench.document().lastOpened().fileVersion()).isEqualTo(2);
        assertThat(vm.query().dialectProperty().get()).isEqualTo(studio.queryset.sql.Dialect.POSTGRESQL);
    }
}
