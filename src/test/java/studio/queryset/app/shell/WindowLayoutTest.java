package studio.queryset.app.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import javafx.application.Application;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TabPane;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/** AtlantaFX Primer themes under the app's stylesheets; divider positions and tabs remembered. */
@ExtendWith(ApplicationExtension.class)
class WindowLayoutTest extends WorkbenchTestBase {
    @org.testfx.framework.junit5.Start
    void start(javafx.stage.Stage stage) throws IOException {
        startApp(stage);
    }

    @org.testfx.framework.junit5.Stop
    void stop() {
        stopApp();
    }

    @Test
    void primerLightAndDarkAreTheBaseUnderTheAppsStylesheet(FxRobot robot) {
        assertThat(Application.getUserAgentStylesheet()).contains("primer-light");
        assertThat(robot.lookup("#mainView").query().getScene().getStylesheets())
                .anyMatch(s -> s.endsWith("studio.css"));
        robot.clickOn("View").clickOn("#menuDark");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(Application.getUserAgentStylesheet()).contains("primer-dark");
        assertThat(robot.lookup("#mainView").query().getScene().getStylesheets()).contains(Workbench.DARK_CSS);
        robot.clickOn("View").clickOn("#menuDark");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(Application.getUserAgentStylesheet()).contains("primer-light");

        robot.interact(() -> workbench.settings().put("themeBase", "modena"));
        assertThat(workbench.userAgentStylesheet(false)).isNull();
    }

    @Test
    void dividersAndSelectedTabsAreRememberedBetweenRuns(FxRobot robot) {
        SplitPane main = robot.lookup("#mainSplit").query();
        SplitPane work = robot.lookup("#workSplit").query();
        TabPane output = robot.lookup("#outputTabs").query();
        robot.interact(() -> {
            main.setDividerPositions(0.3);
            work.setDividerPositions(0.2, 0.8);
            workbench.insightView().split().setDividerPositions(0.35);
            output.getSelectionModel().select(3); // Query log
            workbench.insightView().details().getSelectionModel().select(1); // EXPLAIN
            workbench.saveLayout();
        });
        WorkbenchSettings onDisk = new WorkbenchSettings(configDir);
        assertThat(Double.parseDouble(onDisk.get("layout.mainSplit", ""))).isCloseTo(0.3, within(0.01));
        assertThat(onDisk.get("layout.outputTabs", "")).isEqualTo("queryLogTab");
        assertThat(onDisk.get("layout.insightTabs", "")).isEqualTo("explainTab");

        // the next start: everything moved, then the remembered layout comes back
        robot.interact(() -> {
            main.setDividerPositions(0.6);
            work.setDividerPositions(0.4, 0.6);
            workbench.insightView().split().setDividerPositions(0.7);
            output.getSelectionModel().select(0);
            workbench.insightView().details().getSelectionModel().select(0);
            workbench.restoreLayout();
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(main.getDividerPositions()[0]).isCloseTo(0.3, within(0.01));
        assertThat(work.getDividerPositions()[0]).isCloseTo(0.2, within(0.01));
        assertThat(work.getDividerPositions()[1]).isCloseTo(0.8, within(0.01));
        assertThat(workbench.insightView().split().getDividerPositions()[0]).isCloseTo(0.35, within(0.01));
        assertThat(output.getSelectionModel().getSelectedItem().getId()).isEqualTo("queryLogTab");
        assertThat(workbench.insightView().details().getSelectionModel().getSelectedItem().getId())
                .isEqualTo("explainTab");

        // a broken value is ignored, not an error
        robot.interact(() -> {
            workbench.settings().put("layout.mainSplit", "abc");
            workbench.restoreLayout();
        });
        assertThat(main.getDividerPositions()[0]).isCloseTo(0.3, within(0.01));
    }
}
