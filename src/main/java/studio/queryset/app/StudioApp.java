package studio.queryset.app;

import javafx.application.Application;
import javafx.application.Platform;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.stage.Screen;
import javafx.stage.Stage;
import studio.queryset.app.service.ProjectHome;
import studio.queryset.app.service.SampleProject;
import studio.queryset.app.view.MainView;
import studio.queryset.app.vm.StudioViewModel;

/**
 * The JavaFX application: opens the main window on the bundled sample (see {@link ProjectHome} for where it
 * is looked for). {@code -Dqss.demo=Post} selects that model and runs it once the window shows;
 * {@code -Dqss.demo.tab=SQL} then brings that bottom tab forward (both for screenshots and demos).
 */
public class StudioApp extends Application {
    public static final String STYLESHEET = "studio.css";

    private StudioViewModel vm;
    private MainView view;

    public static void launchApp(String[] args) {
        Application.launch(StudioApp.class, args);
    }

    @Override
    public void start(Stage stage) {
        vm = new StudioViewModel();
        Thread.currentThread().setUncaughtExceptionHandler((t, e) -> vm.reportUnexpected(e));
        vm.open(SampleProject.open(ProjectHome.locate()));
        view = new MainView(vm);

        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        double width = Math.min(1440, screen.getWidth());
        double height = Math.min(900, screen.getHeight());
        Scene scene = new Scene(view, width, height);
        scene.getStylesheets().add(StudioApp.class.getResource(STYLESHEET).toExternalForm());
        view.installShortcuts(scene);

        stage.titleProperty().bind(vm.titleProperty());
        stage.setMinWidth(900);
        stage.setMinHeight(600);
        stage.setScene(scene);
        stage.show();
        view.schemaBrowser().tree().requestFocus();

        String demo = System.getProperty("qss.demo");
        if (demo != null && !demo.isBlank()) {
            Platform.runLater(() -> demo(demo.trim(), System.getProperty("qss.demo.tab")));
        }
    }

    /** Selects the model and runs it; then shows the given bottom tab (for screenshots). */
    private void demo(String model, String tab) {
        if (tab != null && !tab.isBlank()) {
            vm.runs().lastOutcomeProperty().addListener((o, old, now) ->
                    Platform.runLater(() -> view.bottomTabs().select(tab.trim())));
        }
        vm.selectModel(model);
        vm.run();
    }

    @Override
    public void stop() {
        if (vm != null) {
            vm.dispose();
        }
    }

    /** The window's view-model (for tests and embedding). */
    public StudioViewModel viewModel() {
        return vm;
    }

    public MainView view() {
        return view;
    }
}
