package studio.queryset.app.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.fxmisc.richtext.CodeArea;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;
import studio.queryset.app.shell.WorkbenchTestBase;
import studio.queryset.codegen.ExportOptions;
import studio.queryset.codegen.GeneratedCode;
import studio.queryset.design.DesignFile;
import studio.queryset.sample.SampleGallery;

/**
 * File > Export > Java… in the real window: the dialog previews what the Java tab shows, saves
 * {@code ClassName.java} (asking before replacing it) that compiles, says why it cannot export, and the names
 * chosen stay with the design, through a save and a reopen.
 */
@ExtendWith(ApplicationExtension.class)
class CodeExportTest extends WorkbenchTestBase {
    @org.testfx.framework.junit5.Start
    void start(Stage stage) throws IOException {
        startApp(stage);
    }

    @org.testfx.framework.junit5.Stop
    void stop() {
        stopApp();
    }

    private DialogPane openDialog(FxRobot robot) throws Exception {
        Platform.runLater(workbench::exportCode);
        return waitFor(robot, "#exportDialog");
    }

    /** Polls on the FX thread: a lookup from the test thread races the dialog being built (scene graph changes). */
    private static DialogPane waitFor(FxRobot robot, String id) throws Exception {
        WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS,
                () -> WaitForAsyncUtils.asyncFx(() -> robot.lookup(id).tryQuery().isPresent()).get());
        return WaitForAsyncUtils.asyncFx(() -> robot.lookup(id).queryAs(DialogPane.class)).get();
    }

    private void showSample(FxRobot robot, String id) {
        robot.interact(() -> {
            SampleGallery.Sample s = SampleGallery.load(workbench.document().schema()).stream()
                    .filter(x -> x.id().equals(id)).findFirst().orElseThrow();
            workbench.document().showSample(s.design());
        });
    }

    @Test
    void savesACompilingClassAndRemembersTheNamesWithTheDesign(FxRobot robot, @TempDir Path dir) throws Exception {
        showSample(robot, "q-or");
        String javaTab = vm.query().javaTextProperty().get();
        DialogPane pane = openDialog(robot);
        CodeArea preview = robot.lookup("#exportPreview").queryAs(CodeArea.class);
        assertThat(preview.getText()).as("the dialog shows what the Java tab shows").isEqualTo(javaTab);
        assertThat(robot.lookup("#exportClass").queryAs(TextField.class).getText()).isEqualTo("QObjectsOR");

        robot.interact(() -> {
            robot.lookup("#exportPackage").queryAs(TextField.class).setText("com.example.blog");
            robot.lookup("#exportClass").queryAs(TextField.class).setText("PostSearch");
            robot.lookup("#exportFolder").queryAs(TextField.class).setText(dir.toString());
        });
        robot.clickOn("#exportSave");
        WaitForAsyncUtils.waitForFxEvents();
        Path saved = dir.resolve("PostSearch.java");
        assertThat(saved).exists();
        assertThat(Files.readString(saved)).isEqualTo(preview.getText()).startsWith("package com.example.blog;");
        GeneratedCode.compile(Map.of("com.example.blog.PostSearch", Files.readString(saved)), dir.resolve("out"));

        // a second save asks first; Cancel keeps the file
        Files.writeString(saved, "// mine\n");
        Platform.runLater(() -> ((Button) robot.lookup("#exportSave").query()).fire());
        DialogPane replace = waitFor(robot, "#replaceDialog");
        assertThat(replace.getHeaderText()).isEqualTo("Replace PostSearch.java?");
        robot.interact(() -> ((Button) replace.lookupButton(ButtonType.CANCEL)).fire());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(Files.readString(saved)).isEqualTo("// mine\n");
        assertThat(robot.lookup("#exportStatus").queryAs(Label.class).getText()).contains("Not saved");

        robot.interact(() -> close(pane));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(workbench.document().exportOptions())
                .isEqualTo(new ExportOptions(null, "com.example.blog", "PostSearch", null));
        assertThat(vm.query().javaTextProperty().get()).contains("public final class PostSearch {");
        assertThat(workbench.document().isDirty()).as("the design changed: its export names").isTrue();

        Path design = dir.resolve("search.qsdesign");
        robot.interact(() -> assertThat(workbench.saveTo(design)).isTrue());
        assertThat(Files.readString(design)).contains("\"export\"", "\"class\" : \"PostSearch\"");
        robot.interact(workbench::newDocument);
        assertThat(vm.query().javaTextProperty().get()).doesNotContain("PostSearch");
        robot.interact(() -> assertThat(workbench.open(design)).isTrue());
        assertThat(workbench.document().isDirty()).isFalse();
        assertThat(vm.query().javaTextProperty().get()).contains("public final class PostSearch {");
        assertThat(DesignFile.load(design, workbench.document().schema()).design().exportOptions().packageName())
                .isEqualTo("com.example.blog");
    }

    @Test
    void whatCannotBeExportedIsSaidInTheDialog(FxRobot robot) throws Exception {
        showSample(robot, "raw-sql");
        DialogPane pane = openDialog(robot);
        robot.interact(() -> {
            robot.lookup("#exportFlavour").queryAs(javafx.scene.control.ChoiceBox.class)
                    .setValue(ExportOptions.Flavour.JAVA_API);
            robot.lookup("#exportClass").queryAs(TextField.class).setText("BlogSchema");
        });
        Label error = robot.lookup("#exportError").queryAs(Label.class);
        assertThat(error.isVisible()).isTrue();
        assertThat(error.getText()).isEqualTo("Cannot export: 'BlogSchema' is the name of the schema class the "
                + "export uses; give the class another name");
        assertThat(robot.lookup("#exportSave").queryAs(Button.class).isDisabled()).isTrue();

        robot.interact(() -> {
            robot.lookup("#exportFlavour").queryAs(javafx.scene.control.ChoiceBox.class)
                    .setValue(ExportOptions.Flavour.JAVA_JDBC);
            robot.lookup("#exportClass").queryAs(TextField.class).setText("class");
        });
        assertThat(error.getText()).isEqualTo("Cannot export: 'class' is not a Java class name");
        robot.interact(() -> robot.lookup("#exportClass").queryAs(TextField.class).setText("RawPosts"));
        assertThat(error.isVisible()).isFalse();
        assertThat(robot.lookup("#exportSave").queryAs(Button.class).isDisabled()).isFalse();
        robot.interact(() -> close(pane));
    }

    @Test
    void theDatetimeTypeIsChosenInTheDialogForTheJavaExports(FxRobot robot) throws Exception {
        showSample(robot, "q-or");
        DialogPane pane = openDialog(robot);
        CodeArea preview = robot.lookup("#exportPreview").queryAs(CodeArea.class);
        javafx.scene.control.ChoiceBox<?> dateTimes = robot.lookup("#exportDateTimes")
                .queryAs(javafx.scene.control.ChoiceBox.class);
        assertThat(dateTimes.getValue()).isEqualTo(ExportOptions.DateTimes.LOCAL);
        assertThat(preview.getText()).contains("LocalDateTime publishedAt");
        robot.interact(() -> robot.lookup("#exportDateTimes").queryAs(javafx.scene.control.ChoiceBox.class)
                .setValue(ExportOptions.DateTimes.OFFSET));
        assertThat(preview.getText()).contains("OffsetDateTime publishedAt").doesNotContain("LocalDateTime publishedAt");
        robot.interact(() -> robot.lookup("#exportFlavour").queryAs(javafx.scene.control.ChoiceBox.class)
                .setValue(ExportOptions.Flavour.PYTHON));
        assertThat(dateTimes.isDisabled()).as("Python has Django's own datetimes").isTrue();
        assertThat(robot.lookup("#exportError").queryAs(Label.class).isVisible()).isFalse();
        robot.interact(() -> close(pane));
    }

    private static void close(DialogPane pane) {
        ButtonType close = pane.getButtonTypes().stream().filter(b -> b.getText().equals("Close")).findFirst()
                .orElseThrow();
        ((Button) pane.lookupButton(close)).fire();
    }
}
