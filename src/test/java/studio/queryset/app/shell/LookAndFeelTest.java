package studio.queryset.app.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Spinner;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/** Preferences (theme, limits) are applied and kept; F1 lists the shortcuts. */
@ExtendWith(ApplicationExtension.class)
class LookAndFeelTest extends WorkbenchTestBase {
    @org.testfx.framework.junit5.Start
    void start(javafx.stage.Stage stage) throws IOException {
        startApp(stage);
    }

    @org.testfx.framework.junit5.Stop
    void stop() {
        stopApp();
    }

    @Test
    void preferencesSwitchToTheDarkThemeAndKeepTheLimits(FxRobot robot) throws Exception {
        assertThat(robot.lookup("#mainView").query().getScene().getStylesheets()).doesNotContain(Workbench.DARK_CSS);
        Platform.runLater(() -> PreferencesDialog.show(robot.lookup("#mainView").query().getScene().getWindow(),
                workbench.settings(), () -> robot.lookup("#menuBar").query().getScene().getStylesheets()));
        WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS,
                () -> robot.lookup("#preferencesDialog").tryQuery().isPresent());
        DialogPane prefs = robot.lookup("#preferencesDialog").queryAs(DialogPane.class);
        robot.interact(() -> {
            ((ChoiceBox<String>) prefs.lookup("#prefTheme")).setValue("dark");
            ((Spinner<Integer>) prefs.lookup("#prefRowLimit")).getValueFactory().setValue(5000);
            ((Spinner<Integer>) prefs.lookup("#prefTimeLimit")).getValueFactory().setValue(30);
        });
        robot.clickOn((Button) prefs.lookupButton(ButtonType.OK));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(workbench.settings().theme()).isEqualTo("dark");
        assertThat(workbench.settings().rowLimit()).isEqualTo(5000);
        assertThat(workbench.settings().timeLimitSeconds()).isEqualTo(30);
        assertThat(new WorkbenchSettings(configDir).rowLimit()).as("kept on disk").isEqualTo(5000);

        // the View menu's toggle switches the stylesheet
        robot.interact(() -> workbench.settings().put("theme", "light"));
        robot.clickOn("View").clickOn("#menuDark");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#mainView").query().getScene().getStylesheets()).contains(Workbench.DARK_CSS);
    }

    @Test
    void f1ListsTheShortcuts(FxRobot robot) throws Exception {
        robot.clickOn("#schemaTree");
        robot.press(KeyCode.F1).release(KeyCode.F1);
        WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS,
                () -> robot.lookup("#shortcutsTable").tryQuery().isPresent());
        javafx.scene.control.TableView<String[]> table = robot.lookup("#shortcutsTable").queryAs(
                javafx.scene.control.TableView.class);
        assertThat(table.getItems()).extracting(r -> r[0]).contains("Ctrl+Enter", "Ctrl+S", "Esc", "F1");
    }
}
