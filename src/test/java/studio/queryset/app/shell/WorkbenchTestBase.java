package studio.queryset.app.shell;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.stage.Stage;
import org.junit.jupiter.api.Tag;
import studio.queryset.app.StudioApp;

/** Starts the real app with the workbench, on a fresh settings folder (no recent files, no recovery file). */
@Tag("gui") // robot tests: left out of the fast loop (mvn -B test -DexcludedGroups=gui)
public abstract class WorkbenchTestBase {
    public static final long TIMEOUT_SECONDS = 30;

    protected StudioApp app;
    protected StudioViewModel vm;
    protected Workbench workbench;
    protected Path configDir;
    protected Stage primary;
    private String previousConfigDir;

    /** Called before the app starts, with the empty settings folder (to plant a recovery file). */
    protected void beforeStart(Path config) throws IOException {
    }

    /** Subclasses call this from their {@code @Start} method (TestFX looks for it on the test class itself). */
    protected void startApp(Stage stage) throws IOException {
        primary = stage;
        previousConfigDir = System.getProperty("qss.config.dir");
        configDir = Files.createTempDirectory("qss-config");
        System.setProperty("qss.config.dir", configDir.toString());
        beforeStart(configDir);
        app = new StudioApp();
        app.start(stage);
        vm = app.viewModel();
        workbench = app.workbench();
    }

    protected void stopApp() {
        if (previousConfigDir == null) {
            System.clearProperty("qss.config.dir");
        } else {
            System.setProperty("qss.config.dir", previousConfigDir);
        }
        // dialogs a test left open (a connection dialog, an error) must not cover the next test's window
        Runnable hide = () -> {
            for (javafx.stage.Window w : new java.util.ArrayList<>(javafx.stage.Window.getWindows())) {
                if (w != primary) {
                    w.hide();
                }
            }
        };
        if (javafx.application.Platform.isFxApplicationThread()) {
            hide.run();
        } else {
            javafx.application.Platform.runLater(hide);
            org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        }
        app.stop();
    }
}
