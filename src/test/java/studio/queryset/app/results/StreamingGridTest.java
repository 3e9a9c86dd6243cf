package studio.queryset.app.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javafx.application.Platform;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;
import studio.queryset.app.shell.ProjectHome;
import studio.queryset.app.shell.SampleProject;
import studio.queryset.app.shell.WorkbenchTestBase;
import studio.queryset.schema.ModelsPyImporter;
import studio.queryset.schema.Schema;

/**
 * The streaming grid: a million-row table streams into the grid with the window responsive, Stop ends it
 * (rows stop growing), the whole stream is timed; nested and prefetched columns; CSV export line by line.
 */
@ExtendWith(ApplicationExtension.class)
class StreamingGridTest extends WorkbenchTestBase {
    static final String MODELS = "from django.db import models\n\n"
            + "class Item(models.Model):\n"
            + "    name = models.CharField(max_length=100)\n"
            + "    n = models.IntegerField()\n";
    static final int MILLION = 1_000_000;

    @org.testfx.framework.junit5.Start
    void start(javafx.stage.Stage stage) throws IOException {
        startApp(stage);
    }

    @org.testfx.framework.junit5.Stop
    void stop() {
        stopApp();
    }

    /** A 1M-row SQLite table as StreamingMemoryTest builds it, opened in the window as the project. */
    private void openMillionRows(FxRobot robot, Path dir) throws Exception {
        Path db = dir.resolve("items.sqlite3");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE \"bench_item\" (\"id\" integer NOT NULL PRIMARY KEY, \"name\" varchar(100) "
                    + "NOT NULL, \"n\" integer NOT NULL)");
            st.execute("INSERT INTO \"bench_item\" WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c "
                    + "WHERE x < " + MILLION + ") SELECT x, 'item number ' || x || ' with some text to make it longer', "
                    + "x % 97 FROM c");
        }
        Path models = dir.resolve("bench").resolve("models.py");
        Files.createDirectories(models.getParent());
        Files.writeString(models, MODELS);
        Schema schema = ModelsPyImporter.importFile(models, null);
        robot.interact(() -> vm.open(new SampleProject(ProjectHome.locate(), schema, db, List.of())));
        robot.interact(() -> vm.setDjangoText("Item.objects.order_by(\"id\")"));
    }

    @Test
    void aMillionRowStreamIsStoppedMidwayAndTheWindowStaysResponsive(FxRobot robot, @TempDir Path dir)
            throws Exception {
        openMillionRows(robot, dir);
        StreamingRunModel stream = workbench.stream();
        robot.clickOn("#toolbarStreamButton");
        WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS, () -> stream.rowCountProperty().get() >= 50_000);
        // responsive while streaming: an FX round trip is quick
        long t0 = System.nanoTime();
        robot.interact(() -> { });
        long roundTripMs = (System.nanoTime() - t0) / 1_000_000;
        assertThat(roundTripMs).as("FX thread round trip while streaming").isLessThan(1000);

        robot.clickOn("#streamStopButton");
        WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS, () -> !stream.isRunning());
        assertThat(stream.outcomeProperty().get()).isEqualTo(StreamingRunModel.Outcome.STOPPED);
        long stoppedAt = stream.rows().size();
        assertThat(stoppedAt).isGreaterThanOrEqualTo(50_000).isLessThan(MILLION);
        Thread.sleep(500);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(stream.rows()).as("rows stop growing after Stop").hasSize((int) stoppedAt);
        assertThat(robot.lookup("#streamSummary").queryLabeled().getText()).startsWith("Stopped after");
        System.out.printf("Stopped stream: %,d rows when Stop was pressed, FX round trip %d ms%n", stoppedAt,
                roundTripMs);

        // the Run button still works afterwards
        robot.interact(() -> vm.setDjangoText("Item.objects.count()"));
        robot.interact(vm::run);
        WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS,
                () -> vm.runs().result() != null && !vm.runs().isRunning());
        assertThat(vm.runs().result().rows().get(0).get(0)).isEqualTo((long) MILLION);
    }

    @Test
    void aMillionRowsStreamIntoTheGridAndScroll(FxRobot robot, @TempDir Path dir) throws Exception {
        openMillionRows(robot, dir);
        StreamingRunModel stream = workbench.stream();
        long start = System.nanoTime();
        robot.interact(workbench::streamRows);
        AtomicLong maxGap = new AtomicLong();
        long[] last = {System.nanoTime()};
        // measure FX responsiveness while streaming: a pulse every 16 ms, the longest gap between them
        javafx.animation.AnimationTimer timer = new javafx.animation.AnimationTimer() {
            @Override
            public void handle(long now) {
                maxGap.accumulateAndGet(now - last[0], Math::max);
                last[0] = now;
            }
        };
        robot.interact(timer::start);
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> !stream.isRunning());
        robot.interact(timer::stop);
        long totalMs = (System.nanoTime() - start) / 1_000_000;
        assertThat(stream.outcomeProperty().get()).isEqualTo(StreamingRunModel.Outcome.DONE);
        assertThat(stream.rows()).hasSize(MILLION);
        TableView<Object[]> table = robot.lookup("#streamTable").queryAs(TableView.class);
        assertThat(table.getItems()).hasSize(MILLION);
        assertThat(table.getFixedCellSize()).isPositive();

        // scrolling: jump through the million rows, each jump laid out in one pulse
        long[] worstJumpNanos = {0};
        for (int row : new int[] {250_000, 500_000, 750_000, MILLION - 1, 0, MILLION / 2}) {
            robot.interact(() -> {
                long s0 = System.nanoTime();
                table.scrollTo(row);
                table.layout();
                worstJumpNanos[0] = Math.max(worstJumpNanos[0], System.nanoTime() - s0);
            });
        }
        long scrollMs = worstJumpNanos[0] / 1_000_000;
        // what a user does: drag the scroll bar (the flow's position) and turn the wheel (pixels)
        javafx.scene.control.skin.VirtualFlow<?> flow = (javafx.scene.control.skin.VirtualFlow<?>)
                table.lookup(".virtual-flow");
        long[] worstDragNanos = {0};
        long[] worstWheelNanos = {0};
        for (double pos : new double[] {0.1, 0.35, 0.6, 0.85, 1.0, 0.5}) {
            robot.interact(() -> {
                long s0 = System.nanoTime();
                flow.setPosition(pos);
                table.layout();
                worstDragNanos[0] = Math.max(worstDragNanos[0], System.nanoTime() - s0);
                s0 = System.nanoTime();
                for (int i = 0; i < 10; i++) {
                    flow.scrollPixels(studio.queryset.app.results.StreamingResultsView.ROW_HEIGHT * 3);
                    table.layout();
                }
                worstWheelNanos[0] = Math.max(worstWheelNanos[0], (System.nanoTime() - s0) / 10);
            });
        }
        long dragMs = worstDragNanos[0] / 1_000_000;
        long wheelMs = worstWheelNanos[0] / 1_000_000;
        assertThat(dragMs).as("a scroll-bar drag step laid out").isLessThan(300);
        assertThat(wheelMs).as("a wheel step laid out").isLessThan(300);
        robot.interact(() -> table.scrollTo(MILLION - 1));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(stream.rows().get(MILLION - 1)[0]).isEqualTo((long) MILLION);
        String numbers = String.format("1M-row stream into the grid: first rows after %d ms, all %,d rows in %d ms "
                        + "(model says %d ms); longest FX pulse gap while streaming %d ms; slowest scroll-bar position change %d ms, slowest wheel step %d ms, slowest scrollTo(index) jump %d ms",
                stream.firstRowsMillisProperty().get(), stream.rows().size(), totalMs,
                stream.elapsedMillisProperty().get(), maxGap.get() / 1_000_000, dragMs, wheelMs, scrollMs);
        System.out.println(numbers);
        Files.writeString(Path.of("target", "streaming-numbers.txt"), numbers + "\n");
    }

    @Test
    void nestedColumnsPrefetchCellsAndCsvExportLineByLine(FxRobot robot, @TempDir Path dir) throws Exception {
        StreamingRunModel stream = workbench.stream();
        robot.interact(() -> vm.selectModel("Post"));
        robot.interact(() -> vm.setDjangoText(
                "Post.objects.select_related(\"author\").prefetch_related(\"tags\").order_by(\"id\")[:12]"));
        robot.interact(workbench::streamRows);
        WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS, () -> stream.outcomeProperty().get() != null);
        assertThat(stream.outcomeProperty().get()).as(stream.messageProperty().get())
                .isEqualTo(StreamingRunModel.Outcome.DONE);
        List<String> cols = stream.columnsProperty().get();
        assertThat(cols).contains("id", "title", "author.name", "tags");
        assertThat(stream.rows()).hasSize(12);
        assertThat(stream.rows().get(0)[cols.indexOf("tags")]).isInstanceOf(RelatedObjects.class);
        assertThat(stream.rows().get(0)[cols.indexOf("author.name")]).isInstanceOf(String.class);

        TableView<Object[]> table = robot.lookup("#streamTable").queryAs(TableView.class);
        // copy: a cell, then whole rows
        String[] holder = new String[2];
        robot.interact(() -> {
            workbench.streamView().focusCell(0, 2);
            holder[0] = workbench.streamView().copy(false);
            table.getSelectionModel().selectRange(0, 2);
            holder[1] = workbench.streamView().copy(true);
        });
        assertThat(holder[0]).isEqualTo(String.valueOf(stream.rows().get(0)[1]));
        assertThat(holder[1].split("\n")).hasSize(2);
        assertThat(holder[1]).startsWith(stream.rows().get(0)[0] + "\t" + stream.rows().get(0)[1] + "\t");

        // CSV of a small values() query, checked line by line against the database
        robot.interact(() -> vm.selectModel("Author"));
        robot.interact(() -> vm.setDjangoText("Author.objects.order_by(\"id\").values(\"id\", \"name\", \"email\")"));
        robot.interact(workbench::streamRows);
        WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS,
                () -> !stream.isRunning() && stream.outcomeProperty().get() == StreamingRunModel.Outcome.DONE);
        Path csv = dir.resolve("authors.csv");
        boolean[] done = {false};
        robot.interact(() -> workbench.streamView().export(ResultExporter.Format.CSV, csv, () -> done[0] = true));
        WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS, () -> done[0]);
        assertThat(workbench.streamView().exportLabel().getText()).startsWith("Exported");

        List<String> expected = new ArrayList<>();
        expected.add("id,name,email");
        try (Connection c = DriverManager.getConnection(vm.runs().targetProperty().get().url());
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT id, name, email FROM blog_author ORDER BY id")) {
            while (rs.next()) {
                expected.add(rs.getLong(1) + "," + csv(rs.getString(2)) + "," + csv(rs.getString(3)));
            }
        }
        String text = Files.readString(csv, StandardCharsets.UTF_8);
        assertThat(text).endsWith("\r\n");
        List<String> lines = List.of(text.split("\r\n"));
        assertThat(lines).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(lines.get(i)).as("line " + (i + 1)).isEqualTo(expected.get(i));
        }

        Path json = dir.resolve("authors.json");
        boolean[] jsonDone = {false};
        robot.interact(() -> workbench.streamView().export(ResultExporter.Format.JSON, json, () -> jsonDone[0] = true));
        WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS, () -> jsonDone[0]);
        var tree = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.toFile());
        assertThat(tree.size()).isEqualTo(expected.size() - 1);
        assertThat(tree.get(0).get("id").asLong()).isEqualTo(Long.parseLong(expected.get(1).split(",")[0]));
    }

    private static String csv(String s) {
        if (s == null) {
            return "";
        }
        return s.isEmpty() || s.contains(",") || s.contains("\"") || s.contains("\n")
                ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }

    static void fx(Runnable r) {
        Platform.runLater(r);
    }
}
