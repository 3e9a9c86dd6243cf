package studio.queryset.app;

import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.stage.Screen;
import javafx.stage.Stage;
import studio.queryset.app.document.DesignArgument;
import studio.queryset.app.shell.ProjectHome;
import studio.queryset.app.shell.SampleProject;
import studio.queryset.app.shell.MainView;
import studio.queryset.app.shell.StudioViewModel;

/**
 * The JavaFX application: opens the main window on the bundled sample (see {@link ProjectHome} for where it
 * is looked for). For screenshots and demos: {@code -Dqss.demo=Post} selects that model and runs it once the
 * window shows; {@code -Dqss.demo.query='Author.objects.annotate(n=Count("posts"))'} puts that Django text in the
 * editor and runs it instead; {@code -Dqss.demo.tab=SQL} then brings that tab forward. A {@code .qsdesign} path
 * among the arguments opens that design once the window shows (the desktop's file association passes it).
 */
public class StudioApp extends Application {
    public static final String STYLESHEET = "studio.css";
    /** The window icon's sizes, rendered from assets/icons/queryset-studio.svg (classpath: icons/). */
    public static final List<Integer> ICON_SIZES = List.of(16, 32, 48, 64, 128, 256, 512);

    private StudioViewModel vm;
    private MainView view;
    private studio.queryset.app.shell.Workbench workbench;
    private List<String> arguments = List.of();

    public static void launchApp(String[] args) {
        // JavaFX's warning that it runs from the class path is expected (see Launcher)
        java.util.logging.Logger.getLogger("javafx").setLevel(java.util.logging.Level.SEVERE);
        try {
            Application.launch(StudioApp.class, args);
        } catch (RuntimeException | Error e) {
            String why = GuiStartFailure.describe(e);
            if (why == null) {
                throw e;
            }
            System.err.println(why); // a machine without GTK or a display: one line, not a stack trace
            System.exit(2);
        }
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
        stage.getIcons().setAll(icons());
        workbench = studio.queryset.app.shell.Workbench.install(stage, vm, view);
        stage.show();
        view.schemaBrowser().tree().requestFocus();
        java.util.Optional<DesignArgument> argument = DesignArgument.find(arguments());
        if (argument.isPresent()) {
            Platform.runLater(() -> openDesign(argument.get()));
        } else {
            Platform.runLater(workbench::reopenLast);
        }

        String demo = System.getProperty("qss.demo");
        String demoQuery = System.getProperty("qss.demo.query");
        if (notBlank(demo) || notBlank(demoQuery)) {
            Platform.runLater(() -> demo(demo, demoQuery, System.getProperty("qss.demo.tab")));
        }
    }

    /**
     * Selects the model, puts the Django text in the editor (when given) and runs it; then brings the given
     * tab forward (for screenshots and demos).
     */
    private void demo(String model, String query, String tab) {
        if (notBlank(tab)) {
            vm.runs().runningProperty().addListener((o, was, running) -> {
                if (!running) {
                    Platform.runLater(() -> view.bottomTabs().select(tab.trim()));
                }
            });
        }
        if (notBlank(model)) {
            vm.selectModel(model.trim());
        }
        if (notBlank(query)) {
            vm.setDjangoText(query.trim());
        }
        vm.run();
        view.bottomTabs().djangoEditor().area().requestFocus();
        String select = System.getProperty("qss.demo.select");
        if (notBlank(select)) {
            vm.canvas().select(select.trim());
            // the demo query replaced the model's design after the first fit: fit the new one
            if (view.lookup("#canvasEditor") instanceof studio.queryset.app.canvas.editor.CanvasEditorView canvas) {
                Platform.runLater(() -> Platform.runLater(canvas::fit));
            }
        }
        // -Dqss.demo.canvasShare=0.62: the canvas row takes that share of the height (for screenshots)
        String share = System.getProperty("qss.demo.canvasShare");
        if (notBlank(share) && view.lookup("#mainSplit") instanceof javafx.scene.control.SplitPane split) {
            split.setDividerPositions(Double.parseDouble(share.trim()));
        }
    }

    /**
     * For tests and embedding: the command-line arguments {@link #start} reads when the app was not started
     * through {@link #launchApp} (which hands them over as the application's parameters).
     */
    public StudioApp withArguments(List<String> args) {
        arguments = List.copyOf(args);
        return this;
    }

    private List<String> arguments() {
        Parameters launched = getParameters();
        return launched != null ? launched.getRaw() : arguments;
    }

    /** The window icon in every size the jar holds (the desktop picks the nearest); a missing size is skipped. */
    public static List<Image> icons() {
        List<Image> images = new ArrayList<>();
        for (int size : ICON_SIZES) {
            URL url = StudioApp.class.getResource("icons/queryset-studio-" + size + ".png");
            if (url != null) {
                images.add(new Image(url.toExternalForm()));
            }
        }
        return images;
    }

    /** Opens the design named on the command line, or says why it cannot (the sample stays open). */
    private void openDesign(DesignArgument d) {
        if (d.openable()) {
            workbench.open(d.path());
        } else {
            studio.queryset.app.shell.Prompts.error(view.getScene().getWindow(), "Cannot open " + d.given(),
                    d.problem());
        }
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }

    @Override
    public void stop() {
        if (workbench != null) {
            workbench.dispose();
        }
        if (vm != null) {
            vm.dispose();
        }
    }

    /** The window's view-model (for tests and embedding). */
    public StudioViewModel viewModel() {
        return vm;
    }

    /** Menus, documents, samples, connections, streaming grid (see the workbench package). */
    public studio.queryset.app.shell.Workbench workbench() {
        return workbench;
    }

    public MainView view() {
        return view;
    }
}
