package studio.queryset.app.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.control.DialogPane;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;
import studio.queryset.app.shell.ProjectHome;
import studio.queryset.app.shell.Prompts;
import studio.queryset.app.shell.SampleProject;
import studio.queryset.app.shell.WorkbenchTestBase;
import studio.queryset.design.Design;
import studio.queryset.design.DesignFile;
import studio.queryset.django.DjangoParser;

/** A crash left a recovery file: the next start offers it, and Recover brings the design back unsaved. */
@ExtendWith(ApplicationExtension.class)
class RecoveryTest extends WorkbenchTestBase {
    @org.testfx.framework.junit5.Start
    void start(javafx.stage.Stage stage) throws IOException {
        startApp(stage);
    }

    @org.testfx.framework.junit5.Stop
    void stop() {
        stopApp();
    }

    static final String LOST = "Author.objects.annotate(n=Count(\"posts\")).filter(n__gt=Param(\"min\"))";

    @Override
    protected void beforeStart(Path config) throws IOException {
        var schema = SampleProject.open(ProjectHome.locate()).schema();
        Design d = Design.of("lost work", DjangoParser.parse(LOST, schema)).withParams(Map.of("min", 3L));
        DesignFile.write(config.resolve(DocumentModel.RECOVERY), d); // as autosave would have, before the crash
    }

    @Test
    void offersTheRecoveryFileOnStartAndRecoversIt(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS,
                () -> robot.lookup("#recoveryDialog").tryQuery().isPresent());
        DialogPane dialog = robot.lookup("#recoveryDialog").queryAs(DialogPane.class);
        assertThat(dialog.getContentText()).contains("lost work");
        robot.clickOn((Button) dialog.lookupButton(Prompts.RECOVER));
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(vm.query().querySetProperty().get())
                .isEqualTo(DjangoParser.parse(LOST, vm.query().schemaProperty().get()));
        assertThat(vm.runParams()).containsEntry("min", 3L);
        assertThat(workbench.document().isDirty()).as("recovered work is not saved anywhere yet").isTrue();
        assertThat(workbench.document().fileProperty().get()).isNull();

        // and it runs with its parameter
        robot.interact(vm::run);
        WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS,
                () -> vm.runs().lastOutcomeProperty().get() != null && !vm.runs().isRunning());
        assertThat(vm.runs().lastOutcomeProperty().get().name()).isEqualTo("OK");
        assertThat(vm.runs().logSnapshot().get(0).params()).extracting(String::valueOf).containsExactly(":min");
        assertThat(vm.runs().result().column("n")).allSatisfy(n -> assertThat(((Number) n).longValue()).isGreaterThan(3));
    }
}
