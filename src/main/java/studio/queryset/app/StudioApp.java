package studio.queryset.app;

import javafx.application.Application;
import javafx.stage.Stage;

/** The JavaFX application (placeholder until the shell lands). */
public class StudioApp extends Application {
    public static void launchApp(String[] args) {
        Application.launch(StudioApp.class, args);
    }

    @Override
    public void start(Stage stage) {
        stage.setTitle("QuerySet Studio");
        stage.show();
    }
}
