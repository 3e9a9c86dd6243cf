package studio.queryset.app.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;
import studio.queryset.app.connection.ConnectionTarget;
import studio.queryset.app.querylog.QueryLogEntry;
import studio.queryset.sample.SampleGallery;
import studio.queryset.query.Step;
import studio.queryset.sql.Dialect;
import studio.queryset.support.PostgresSupport;
import studio.queryset.support.SampleDatabases;

/** Connected to a PostgreSQL copy of the sample, every sample that reads opens and runs there, PostgreSQL-only ones too. */
@ExtendWith(ApplicationExtension.class)
class PostgresSamplesTest extends WorkbenchTestBase {
    @org.testfx.framework.junit5.Start
    void start(javafx.stage.Stage stage) throws IOException {
        startApp(stage);
    }

    @org.testfx.framework.junit5.Stop
    void stop() {
        stopApp();
    }

    @Test
    void everyReadingSampleRunsOnPostgres(FxRobot robot) throws Exception {
        try (Connection pg = PostgresSupport.connectOrSkip()) {
            String schema = PostgresSupport.createTempSchema(pg, "qss_wb_samples");
            try {
                SampleDatabases.loadIntoPostgres(pg, schema);
                runAll(robot, schema);
            } finally {
                robot.interact(() -> workbench.connect(null));
                PostgresSupport.dropSchema(pg, schema);
            }
        }
    }

    private void runAll(FxRobot robot, String schema) throws Exception {
        String url = PostgresSupport.url() + (PostgresSupport.url().contains("?") ? "&" : "?") + "currentSchema="
                + schema;
        robot.interact(() -> workbench.connect(new ConnectionTarget(url, Dialect.POSTGRESQL, "sample on PostgreSQL")));
        assertThat(vm.query().dialectProperty().get()).isEqualTo(Dialect.POSTGRESQL);
        List<String> ran = new ArrayList<>();
        for (SampleGallery.Sample s : SampleGallery.load(vm.query().schemaProperty().get())) {
            if (!s.runsOn(Dialect.POSTGRESQL) || s.design().query().terminal() instanceof Step.Update) {
                continue;
            }
            robot.interact(() -> workbench.openSample(s));
            int before = vm.runs().runCount();
            robot.interact(vm::run);
            WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS,
                    () -> vm.runs().runCount() > before && !vm.runs().isRunning());
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(vm.runs().lastOutcomeProperty().get()).as(s.id() + ": " + vm.problems())
                    .isEqualTo(QueryLogEntry.Outcome.OK);
            ran.add(s.id());
        }
        assertThat(ran).contains("full-text-search");
        System.out.println("Samples run on PostgreSQL: " + ran.size() + " " + ran);
    }
}
