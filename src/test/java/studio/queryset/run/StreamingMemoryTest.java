package studio.queryset.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.queryset.api.QuerySet;
import studio.queryset.schema.ModelsPyImporter;
import studio.queryset.schema.Schema;
import studio.queryset.support.MariaDbSupport;

/**
 * Streaming keeps memory flat: a child JVM with a 40 MB heap reads 1,000,000 rows (about 150 MB if held)
 * through {@code QuerySet.iterator()}. Holding the rows would end in OutOfMemoryError.
 */
class StreamingMemoryTest {
    static final String MODELS = "from django.db import models\n\n"
            + "class Item(models.Model):\n"
            + "    name = models.CharField(max_length=100)\n"
            + "    n = models.IntegerField()\n";

    @Test
    void millionRowsStreamInABoundedHeap(@TempDir Path dir) throws Exception {
        Path db = dir.resolve("items.sqlite3");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE \"bench_item\" (\"id\" integer NOT NULL PRIMARY KEY, \"name\" varchar(100) "
                    + "NOT NULL, \"n\" integer NOT NULL)");
            st.execute("INSERT INTO \"bench_item\" WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c "
                    + "WHERE x < 1000000) SELECT x, 'item number ' || x || ' with some text to make it longer', "
                    + "x % 97 FROM c");
        }
        Path models = dir.resolve("bench").resolve("models.py");
        Files.createDirectories(models.getParent());
        Files.writeString(models, MODELS);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(java, "-Xmx40m", "-cp", System.getProperty("java.class.path"),
                Probe.class.getName(), models.toString(), db.toString()))
                .redirectErrorStream(true).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("probe finished").isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("rows=1000000");
    }

    /** The same on MariaDB: Connector/J streams a result read with a fetch size instead of buffering it. */
    @Test
    void millionRowsStreamInABoundedHeapOnMariaDb(@TempDir Path dir) throws Exception {
        try (Connection admin = MariaDbSupport.connectOrSkip()) {
            String db = MariaDbSupport.createTempDatabase(admin, "qss_stream", null);
            try {
                String url = MariaDbSupport.url(db);
                try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
                    st.execute("CREATE TABLE `bench_item` (`id` integer NOT NULL PRIMARY KEY, `name` varchar(100) "
                            + "NOT NULL, `n` integer NOT NULL)");
                    st.execute("INSERT INTO `bench_item` SELECT seq, CONCAT('item number ', seq, ' with some text "
                            + "to make it longer'), seq % 97 FROM seq_1_to_1000000");
                }
                Path models = dir.resolve("bench").resolve("models.py");
                Files.createDirectories(models.getParent());
                Files.writeString(models, MODELS);
                String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
                Process p = new ProcessBuilder(List.of(java, "-Xmx40m", "-cp", System.getProperty("java.class.path"),
                        Probe.class.getName(), models.toString(), url)).redirectErrorStream(true).start();
                assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("probe finished").isTrue();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(p.exitValue()).as(out).isZero();
                assertThat(out).contains("rows=1000000");
            } finally {
                MariaDbSupport.dropDatabase(admin, db);
            }
        }
    }

    /** Runs in the child JVM; its second argument is a SQLite file or a JDBC URL. */
    public static final class Probe {
        public static void main(String[] args) throws Exception {
            Schema schema = ModelsPyImporter.importFile(Path.of(args[0]), null);
            String url = args[1].startsWith("jdbc:") ? args[1] : "jdbc:sqlite:" + new File(args[1]).getPath();
            try (Connection conn = Connections.open(url, false)) {
                long rows;
                long sum;
                try (var stream = QuerySet.of(schema, "Item").orderBy("id").iterator(conn, 2000)) {
                    long[] acc = new long[2];
                    stream.forEach(r -> {
                        acc[0]++;
                        acc[1] += r.getLong("n");
                    });
                    rows = acc[0];
                    sum = acc[1];
                }
                System.out.println("rows=" + rows + " sum=" + sum + " maxHeapMB="
                        + Runtime.getRuntime().maxMemory() / (1024 * 1024));
            }
        }
    }
}
