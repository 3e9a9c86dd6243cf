package studio.queryset.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import studio.queryset.api.QuerySet;
import studio.queryset.api.Row;
import studio.queryset.schema.ModelsPyImporter;
import studio.queryset.schema.Schema;
import studio.queryset.sql.Dialect;

/**
 * {@code Post.objects.prefetch_related("tags")} on the sample's 5,000 posts (11,778 tag links): the runner's
 * two queries and in-memory stitch against a hand-written two-query JDBC stitch, and against Django 3.2's own
 * prefetch_related on the same database (timed by bench/django_prefetch_time.py in the same run).
 */
final class PrefetchSection {
    private final BenchReport report;
    private final BenchSuite.Options options;
    private final Schema schema;

    PrefetchSection(BenchReport report, BenchSuite.Options options) throws Exception {
        this.report = report;
        this.options = options;
        this.schema = ModelsPyImporter.importFile(Path.of("sample-db", "blog", "models.py"), null);
    }

    void run() throws Exception {
        compare("SQLite", BenchDatabases.SAMPLE_SQLITE, Dialect.SQLITE, "sqlite:sample-db/blog.sqlite3");
        String pgDown = BenchDatabases.pgUnavailableReason();
        if (pgDown == null) {
            compare("PostgreSQL", BenchDatabases.pgSampleUrl(), Dialect.POSTGRESQL,
                    djangoPostgres(BenchDatabases.pgUrl(), BenchDatabases.PG_SAMPLE_SCHEMA));
        } else {
            report.skip("prefetch", "PostgreSQL", pgDown);
        }
        String mariadbDown = BenchDatabases.mariadbUnavailableReason();
        if (mariadbDown == null) {
            compare("MariaDB", BenchDatabases.mariadbSampleUrl(), Dialect.MARIADB,
                    djangoMariaDb(BenchDatabases.mariadbUrl(), BenchDatabases.MARIADB_SAMPLE_DB));
        } else {
            report.skip("prefetch", "MariaDB", mariadbDown);
        }
    }

    /** mariadb:HOST:PORT:DB:USER for bench/django_setup.py, from the JDBC URL. */
    static String djangoMariaDb(String jdbcUrl, String database) {
        URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
        String user = "root";
        if (uri.getQuery() != null) {
            for (String part : uri.getQuery().split("&")) {
                if (part.startsWith("user=")) {
                    user = part.substring(5);
                }
            }
        }
        return "mariadb:" + uri.getHost() + ":" + (uri.getPort() < 0 ? 3306 : uri.getPort()) + ":" + database + ":"
                + user;
    }

    private void compare(String database, String url, Dialect dialect, String djangoDatabase) throws Exception {
        try (Connection conn = BenchDatabases.open(url)) {
            String postsSql = QuerySet.of(schema, "Post").sql(dialect).sql();
            Interleaved.Result r = Interleaved.measure(3, options.rounds() * 3, () -> throughRunner(conn),
                    () -> handWritten(conn, postsSql, dialect));
            report.add("prefetch", database + ": 5,000 posts prefetch_related(\"tags\"), runner vs hand-written",
                    BenchReport.ms(r.oursMs()), BenchReport.ms(r.referenceMs()), r.ratio(),
                    BenchReport.Goal.atMost(1.20, "≤ 1.20×"), "");
            DjangoRun django = DjangoRun.prefetch(djangoDatabase, options.rounds());
            if (django.skipped() != null) {
                report.skip("prefetch", database + ": vs Django 3.2 prefetch_related", django.skipped());
            } else {
                report.add("prefetch", database + ": Django 3.2 prefetch_related / runner (× faster)",
                        BenchReport.ms(r.oursMs()), BenchReport.ms(django.ms()), django.ms() / r.oursMs(),
                        BenchReport.Goal.atLeast(5, "≥ 5× faster"), "");
            }
        }
    }

    private long throughRunner(Connection conn) {
        long tags = 0;
        for (Row post : QuerySet.of(schema, "Post").prefetchRelated("tags").list(conn)) {
            tags += post.getRows("tags").size();
        }
        return tags;
    }

    /** Posts read as the 1M-row loop reads them, then one IN query for their tags, grouped by post id. */
    private static long handWritten(Connection conn, String postsSql, Dialect dialect) throws Exception {
        List<Object[]> posts = new ArrayList<>();
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(postsSql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                Object[] row = new Object[columns];
                for (int i = 1; i <= columns; i++) {
                    String name = rs.getMetaData().getColumnName(i);
                    row[i - 1] = name.endsWith("_at") && dialect == Dialect.SQLITE && rs.getString(i) != null
                            ? java.time.LocalDateTime.parse(rs.getString(i).replace(' ', 'T')) : rs.getObject(i);
                }
                posts.add(row);
            }
        }
        StringBuilder in = new StringBuilder();
        for (int i = 0; i < posts.size(); i++) {
            in.append(i == 0 ? "?" : ", ?");
        }
        Map<Long, List<Object[]>> tagsByPost = new HashMap<>();
        try (PreparedStatement ps = conn.prepareStatement("SELECT pt.post_id, t.id, t.name FROM blog_tag t "
                + "JOIN blog_post_tags pt ON t.id = pt.tag_id WHERE pt.post_id IN (" + in + ")")) {
            for (int i = 0; i < posts.size(); i++) {
                ps.setLong(i + 1, ((Number) posts.get(i)[0]).longValue());
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    tagsByPost.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                            .add(new Object[] {rs.getLong(2), rs.getString(3)});
                }
            }
        }
        long tags = 0;
        for (Object[] post : posts) {
            tags += tagsByPost.getOrDefault(((Number) post[0]).longValue(), List.of()).size();
        }
        return tags;
    }

    /** postgresql:HOST:PORT:DB:USER:SCHEMA for bench/django_setup.py, from the JDBC URL. */
    static String djangoPostgres(String jdbcUrl, String schema) {
        URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
        String user = "postgres";
        if (uri.getQuery() != null) {
            for (String part : uri.getQuery().split("&")) {
                if (part.startsWith("user=")) {
                    user = part.substring(5);
                }
            }
        }
        return "postgresql:" + uri.getHost() + ":" + (uri.getPort() < 0 ? 5432 : uri.getPort()) + ":"
                + uri.getPath().substring(1) + ":" + user + ":" + schema;
    }

    /** One run of a Django timing script; {@code skipped} says why when Django is not available. */
    record DjangoRun(double ms, String skipped) {
        static DjangoRun prefetch(String database, int repeat) {
            try {
                List<String> out = Python.run(List.of("bench/django_prefetch_time.py", database,
                        String.valueOf(repeat)), null);
                JsonNode json = new ObjectMapper().readTree(out.get(out.size() - 1));
                return new DjangoRun(json.get("ms").asDouble(), null);
            } catch (Python.Unavailable e) {
                return new DjangoRun(Double.NaN, e.getMessage());
            } catch (Exception e) {
                return new DjangoRun(Double.NaN, "the Django script failed: " + e.getMessage());
            }
        }
    }
}
