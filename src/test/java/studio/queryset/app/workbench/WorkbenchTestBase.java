package studio.queryset.app.workbench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.stage.Stage;
import studio.queryset.app.StudioApp;
import studio.queryset.app.vm.StudioViewModel;

/** Starts the real app with the workbench, on a fresh settings folder (no recent files, no recovery file). */
abstract class WorkbenchTestBase {
    static final long TIMEOUT_SECONDS = 30;

    StudioApp app;
    StudioViewModel vm;
    Workbench workbench;
    Path configDir;

    /** Called before the app starts, with the empty settings folder (to plant a recovery file). */
    void beforeStart(Path config) throws IOException {
    }

    /** Subclasses call this from their {@code @Start} method (TestFX looks for it on the test class itself). */
    void startApp(Stage stage) throws IOException {
        configDir = Files.createTempDirectory("qss-config");
        System.setProperty("qss.config.dir", configDir.toString());
        beforeStart(configDir);
        app = new StudioApp();
        app.start(stage);
        vm = app.viewModel();
        workbench = app.workbench();
    }

    void stopApp() {
        app.stop();
    }
}
