package studio.queryset.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Types;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import studio.queryset.api.QuerySet;
import studio.queryset.api.Row;
import studio.queryset.schema.ModelsPyImporter;
import studio.queryset.schema.Schema;
import studio.queryset.sql.Dialect;

/**
 * Fetching the large sample's 1,000,000 posts through the runner ({@code iterator(2000)}, every field of every
 * row read) against a hand-written JDBC loop over the same SQL that reads the same columns into the same Java
 * types (datetimes as LocalDateTime, which SQLite keeps as text). Then the heap while streaming.
 */
final class StreamSection {
    static final int CHUNK = 2000;
    private final BenchReport report;
    private final BenchSuite.Options options;
    private final Schema schema;

    StreamSection(BenchReport report, BenchSuite.Options options) throws Exception {
        this.report = report;
        this.options = options;
        this.schema = ModelsPyImporter.importFile(Path.of("sample-db", "blog", "models.py"), null);
    }

    void run() throws Exception {
        heap(BenchDatabases.largeSqliteUrl());
        evalInASmallHeap(BenchDatabases.largeSqliteUrl(), 256);
        evalInASmallHeap(BenchDatabases.largeSqliteUrl(), 128);
        compare("SQLite", BenchDatabases.largeSqliteUrl(), Dialect.SQLITE);
        String pgDown = BenchDatabases.pgUnavailableReason();
        if (pgDown == null) {
            compare("PostgreSQL", BenchDatabases.pgLargeUrl(), Dialect.POSTGRESQL);
        } else {
            report.skip("1M-row fetch", "PostgreSQL", pgDown);
        }
        String mariadbDown = BenchDatabases.mariadbUnavailableReason();
        if (mariadbDown == null) {
            compare("MariaDB", BenchDatabases.mariadbLargeUrl(), Dialect.MARIADB);
        } else {
            report.skip("1M-row fetch", "MariaDB", mariadbDown);
        }
    }

    private QuerySet allPosts() {
        return QuerySet.of(schema, "Post").orderBy("id");
    }

    private void compare(String database, String url, Dialect dialect) throws Exception {
        try (Connection conn = BenchDatabases.open(url)) {
            String sql = allPosts().sql(dialect).sql();
            Interleaved.Result r = Interleaved.measure(1, options.rounds(), () -> throughRunner(conn),
                    () -> handWritten(conn, sql, dialect));
            report.add("1M-row fetch", database + ": 1,000,000 posts, runner vs hand-written JDBC",
                    BenchReport.ms(r.oursMs()), BenchReport.ms(r.referenceMs()), r.ratio(),
                    BenchReport.Goal.atMost(1.10, "≤ 1.10×"), "");
        }
    }

    private long throughRunner(Connection conn) {
        long sum = 0;
        try (Stream<Row> rows = allPosts().iterator(conn, CHUNK)) {
            for (Row row : (Iterable<Row>) rows::iterator) {
                for (String key : row.keys()) {
                    Object value = row.get(key);
                    sum += value == null ? 0 : 1;
                }
            }
        }
        return sum;
    }

    /** What one writes by hand: a forward-only cursor, the natural getter per column, text dates parsed. */
    static long handWritten(Connection conn, String sql, Dialect dialect) throws Exception {
        long sum = 0;
        boolean auto = conn.getAutoCommit();
        conn.setAutoCommit(false);
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            ps.setFetchSize(CHUNK);
            try (ResultSet rs = ps.executeQuery()) {
                ResultSetMetaData meta = rs.getMetaData();
                int columns = meta.getColumnCount();
                boolean[] dateTime = new boolean[columns + 1];
                boolean[] withZone = new boolean[columns + 1];
                boolean[] integer = new boolean[columns + 1];
                for (int i = 1; i <= columns; i++) {
                    String name = meta.getColumnName(i);
                    dateTime[i] = name.endsWith("_at");
                    withZone[i] = meta.getColumnTypeName(i).equalsIgnoreCase("timestamptz");
                    int type = meta.getColumnType(i);
                    integer[i] = type == Types.INTEGER || type == Types.BIGINT;
                }
                while (rs.next()) {
                    for (int i = 1; i <= columns; i++) {
                        Object value;
                        if (dateTime[i]) {
                            value = dialect == Dialect.SQLITE ? parseSqliteDateTime(rs.getString(i))
                                    : withZone[i] ? rs.getObject(i, java.time.OffsetDateTime.class)
                                    : rs.getObject(i, LocalDateTime.class);
                        } else if (integer[i]) {
                            long v = rs.getLong(i);
                            value = rs.wasNull() ? null : v;
                        } else {
                            value = rs.getString(i);
                        }
                        sum += value == null ? 0 : 1;
                    }
                }
            }
        } finally {
            conn.rollback();
            conn.setAutoCommit(auto);
        }
        return sum;
    }

    private static LocalDateTime parseSqliteDateTime(String text) {
        return text == null ? null : LocalDateTime.parse(text.replace(' ', 'T'));
    }

    /** Used heap after a full GC at each quarter of the stream: flat means it does not grow with the rows. */
    private void heap(String url) throws Exception {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        List<Long> used = new ArrayList<>();
        try (Connection conn = BenchDatabases.open(url);
             Stream<Row> rows = allPosts().iterator(conn, CHUNK)) {
            long n = 0;
            for (Row row : (Iterable<Row>) rows::iterator) {
                n++;
                if (n % 250_000 == 0) {
                    System.gc();
                    used.add(memory.getHeapMemoryUsage().getUsed());
                }
                row.get("id");
            }
        }
        List<String> figures = new ArrayList<>();
        for (long bytes : used) {
            figures.add(BenchReport.mb(bytes));
        }
        double growth = used.get(used.size() - 1) / (double) used.get(0);
        report.add("1M-row fetch", "SQLite: heap after GC at 250k / 500k / 750k / 1M rows streamed",
                String.join(" / ", figures), "first quarter", growth, BenchReport.Goal.atMost(1.2, "flat (≤ 1.2×)"),
                "");
    }

    /**
     * {@code eval} of all 1,000,000 posts in a child JVM with a small heap, its output read and dropped: time to
     * the first row on stdout (JVM start included), total time, and the peak resident set (VmHWM, polled). The
     * resident set is what G1 lets the young generation fill plus the JVM's own ~60-90 MB (GC structures,
     * metaspace, code); eval gives back the start-up heap first, so the heap stays well below either limit.
     */
    private void evalInASmallHeap(String url, int heapMb) throws Exception {
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heapMb + "m",
                "-cp", System.getProperty("java.class.path"), "studio.queryset.Launcher", "eval", "--db", url,
                "--models", Path.of("sample-db", "blog", "models.py").toString(), "Post.objects.all()");
        long start = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        long[] peakKb = {0};
        Thread poll = new Thread(() -> {
            Path status = Path.of("/proc", String.valueOf(p.pid()), "status");
            while (p.isAlive()) {
                try {
                    for (String line : java.nio.file.Files.readAllLines(status)) {
                        if (line.startsWith("VmHWM:")) {
                            peakKb[0] = Math.max(peakKb[0], Long.parseLong(line.replaceAll("[^0-9]", "")));
                        }
                    }
                    Thread.sleep(50);
                } catch (Exception gone) {
                    return;
                }
            }
        });
        poll.setDaemon(true);
        poll.start();
        long firstRowNanos = -1;
        long bytes = 0;
        byte[] buf = new byte[1 << 16];
        byte[] marker = "\"result\":[{".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        try (var in = p.getInputStream()) {
            int n;
            while ((n = in.read(buf)) > 0) {
                if (firstRowNanos < 0 && new String(buf, 0, n, java.nio.charset.StandardCharsets.UTF_8)
                        .contains(new String(marker, java.nio.charset.StandardCharsets.UTF_8))) {
                    firstRowNanos = System.nanoTime() - start;
                }
                bytes += n;
            }
        }
        p.waitFor();
        double totalMs = (System.nanoTime() - start) / 1e6;
        poll.join(1000);
        double peakMb = peakKb[0] / 1024.0;
        report.add("eval", "1,000,000 posts, child JVM -Xmx" + heapMb + "m: peak RSS (first row / total)",
                String.format("%.0f MB (%s / %s)", peakMb, BenchReport.ms(firstRowNanos / 1e6),
                        BenchReport.ms(totalMs)), "256 MB", peakMb / 256.0,
                BenchReport.Goal.atMost(1.0, "≤ 256 MB, first row ≤ 1 s"),
                String.format("%,d bytes of JSON, exit %d", bytes, p.exitValue()));
    }
}
