package studio.queryset.app.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;
import studio.queryset.app.shell.WorkbenchTestBase;
import studio.queryset.sql.Dialect;

/** Failing connections say why in one line; switching connection recompiles; remembered passwords are 600. */
@ExtendWith(ApplicationExtension.class)
class ConnectionDialogTest extends WorkbenchTestBase {
    @org.testfx.framework.junit5.Start
    void start(javafx.stage.Stage stage) throws IOException {
        startApp(stage);
    }

    @org.testfx.framework.junit5.Stop
    void stop() {
        stopApp();
    }

    @Test
    void aFailingPostgresConnectionShowsItsMessage(FxRobot robot) throws Exception {
        robot.interact(workbench::showConnections);
        robot.clickOn("#kindPostgres");
        robot.interact(() -> {
            robot.lookup("#pgHost").queryTextInputControl().setText("127.0.0.1");
            robot.lookup("#pgPort").queryTextInputControl().setText("1"); // nothing listens there
            robot.lookup("#pgDatabase").queryTextInputControl().setText("nowhere");
        });
        robot.clickOn("#testConnectionButton");
        Label message = robot.lookup("#connectionMessage").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS,
                () -> message.getText().startsWith("Could not connect"));
        assertThat(message.getText()).doesNotContain("\n").doesNotContain("Exception").doesNotContain("\tat ");
        System.out.println("PostgreSQL failure shown as: " + message.getText());
        assertThat(vm.runs().targetProperty().get().dialect()).isEqualTo(Dialect.SQLITE);

        robot.clickOn("#kindSqlite");
        robot.interact(() -> robot.lookup("#sqliteFile").queryTextInputControl().setText("/no/such/file.sqlite3"));
        robot.clickOn("#connectButton");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(message.getText()).isEqualTo("Could not connect: no such file: /no/such/file.sqlite3");
        assertThat(robot.lookup("#connectionDialog").tryQuery()).as("the dialog stays open").isPresent();
    }

    @Test
    void connectingToMariaDbSwitchesTheDialect(FxRobot robot) throws Exception {
        try (java.sql.Connection probe = studio.queryset.support.MariaDbSupport.connectOrSkip()) {
            assertThat(probe.isValid(2)).isTrue();
        }
        robot.interact(workbench::showConnections);
        robot.clickOn("#kindMariadb");
        assertThat(robot.lookup("#pgPort").queryTextInputControl().getText()).as("MariaDB's port").isEqualTo("3306");
        assertThat(robot.lookup("#copySampleButton").queryButton().getText()).contains("MariaDB");
        assertThat(robot.lookup("#readOnlyRoleSql").queryTextInputControl().getText())
                .as("the read-only login for MariaDB").contains("GRANT SELECT ON").doesNotContain("pg_read_all_data");
        robot.interact(() -> {
            robot.lookup("#pgHost").queryTextInputControl().setText("127.0.0.1");
            robot.lookup("#pgDatabase").queryTextInputControl().setText("test");
            robot.lookup("#pgUser").queryTextInputControl().setText("root");
        });
        robot.clickOn("#connectButton");
        WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS,
                () -> vm.runs().targetProperty().get().dialect() == Dialect.MARIADB);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.runs().targetProperty().get().url()).startsWith("jdbc:mariadb://127.0.0.1:3306/test?user=root");
        assertThat(vm.query().dialectProperty().get()).isEqualTo(Dialect.MARIADB);
        assertThat(vm.connectionLabelProperty().get()).isEqualTo("test on 127.0.0.1:3306 — MariaDB (read-only)");
        javafx.scene.control.ToggleButton maria = robot.lookup("#dialectMariadb").queryAs(
                javafx.scene.control.ToggleButton.class);
        assertThat(maria.isSelected()).as("the toolbar's dialect switch follows").isTrue();
        robot.clickOn("#dialectSqlite");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.query().dialectProperty().get()).isEqualTo(Dialect.SQLITE);
        robot.clickOn("#dialectMariadb");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.query().dialectProperty().get()).isEqualTo(Dialect.MARIADB);
    }

    @Test
    void aRunOnADatabaseThatFailsIsAProblemNotAStackTrace(FxRobot robot) throws Exception {
        robot.interact(() -> vm.selectModel("Post"));
        robot.interact(() -> workbench.connect(new ConnectionTarget(
                "jdbc:postgresql://127.0.0.1:1/nowhere?user=x&connectTimeout=2", Dialect.POSTGRESQL, "nowhere")));
        assertThat(vm.query().dialectProperty().get()).as("recompiled for PostgreSQL").isEqualTo(Dialect.POSTGRESQL);
        assertThat(vm.connectionLabelProperty().get()).isEqualTo("nowhere");
        int before = vm.runs().runCount();
        robot.interact(vm::run);
        WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS,
                () -> vm.runs().runCount() > before && !vm.runs().isRunning());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.problems()).anySatisfy(p -> {
            assertThat(p.kind()).isEqualTo("ConnectionError");
            assertThat(p.message()).doesNotContain("\tat ");
        });
    }
}
