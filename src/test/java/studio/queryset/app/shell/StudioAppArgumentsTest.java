package studio.queryset.app.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.control.DialogPane;
import javafx.scene.image.Image;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;
import studio.queryset.app.StudioApp;
import studio.queryset.design.Design;
import studio.queryset.design.DesignFile;
import studio.queryset.django.DjangoParser;
import studio.queryset.schema.Schema;

/**
 * What the installed app relies on: a {@code .qsdesign} argument (the desktop's file association) opens that
 * design in the window, a bad one is explained in a dialog while the sample stays open, and the window carries
 * the app icon in every rendered size.
 */
@ExtendWith(ApplicationExtension.class)
@Tag("gui") // robot tests: left out of the fast loop (mvn -B test -DexcludedGroups=gui)
class StudioAppArgumentsTest {
    private static final String QUERY = "Author.objects.filter(name__icontains=\"a\").order_by(\"name\")";

    private StudioApp app;
    private Stage stage;
    private Path configDir;
    private String previousConfigDir;

    private void start(FxRobot robot, List<String> args) throws IOException {
        previousConfigDir = System.getProperty("qss.config.dir");
        configDir = Files.createTempDirectory("qss-config");
        System.setProperty("qss.config.dir", configDir.toString());
        robot.interact(() -> {
            stage = new Stage();
            app = new StudioApp().withArguments(args);
            app.start(stage);
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    @AfterEach
    void stop() {
        if (app != null) {
            WaitForAsyncUtils.asyncFx(() -> {
                for (javafx.stage.Window w : new java.util.ArrayList<>(javafx.stage.Window.getWindows())) {
                    w.hide();
                }
                app.stop();
            });
            WaitForAsyncUtils.waitForFxEvents();
        }
        if (previousConfigDir == null) {
            System.clearProperty("qss.config.dir");
        } else {
            System.setProperty("qss.config.dir", previousConfigDir);
        }
    }

    @Test
    void aDesignPathArgumentOpensThatDesign(FxRobot robot, @org.junit.jupiter.api.io.TempDir Path dir)
            throws IOException {
        Schema schema = SampleProject.open(ProjectHome.locate()).schema();
        Path file = dir.resolve("authors.qsdesign");
        DesignFile.write(file, Design.of("authors", DjangoParser.parse(QUERY, schema)));

        start(robot, List.of(file.toString()));

        assertThat(app.viewModel().query().querySetProperty().get()).isEqualTo(DjangoParser.parse(QUERY, schema));
        assertThat(app.viewModel().query().djangoTextProperty().get()).isEqualTo(QUERY);
        assertThat(app.workbench().document().fileProperty().get()).isEqualTo(file.toAbsolutePath());
        assertThat(stage.getTitle()).startsWith("authors.qsdesign —");
    }

    @Test
    void aMissingDesignIsExplainedAndTheSampleStays(FxRobot robot, @org.junit.jupiter.api.io.TempDir Path dir)
            throws IOException {
        Path missing = dir.resolve("nowhere.qsdesign");

        start(robot, List.of(missing.toString()));

        DialogPane error = robot.lookup("#errorDialog").queryAs(DialogPane.class);
        assertThat(error.getHeaderText()).isEqualTo("Cannot open " + missing);
        assertThat(error.getContentText()).contains(missing.toString(), "does not exist");
        assertThat(app.workbench().document().fileProperty().get()).isNull();
        assertThat(app.viewModel().query().schemaProperty().get().models()).isNotEmpty();
    }

    @Test
    void theWindowCarriesTheAppIconInEveryRenderedSize(FxRobot robot) throws IOException {
        start(robot, List.of());

        assertThat(stage.getIcons()).extracting(Image::getWidth)
                .containsExactly(16.0, 32.0, 48.0, 64.0, 128.0, 256.0, 512.0);
        assertThat(stage.getIcons()).allSatisfy(i -> assertThat(i.isError()).as("icon decoded").isFalse());
        assertThat(StudioApp.class.getResource(StudioApp.STYLESHEET)).as("stylesheet from assets/styles").isNotNull();
    }
}
