package studio.queryset.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import studio.queryset.api.QuerySet;
import studio.queryset.api.Row;
import studio.queryset.run.Connections;
import studio.queryset.schema.ModelsPyImporter;
import studio.queryset.schema.Schema;
import studio.queryset.sql.CompiledQuery;
import studio.queryset.sql.Dialect;

/**
 * The Runner's cost against hand-written JDBC: streaming 1,000,000 rows through {@code iterator()} versus a
 * plain ResultSet loop over the same SQL (goal ≤ 1.1×), and prefetch_related("tags") on the 5,000 sample posts
 * versus a hand-written two-query stitch (goal ≤ 1.2×). SQLite always; PostgreSQL when QSS_PG_URL answers.
 * Run alone: {@code mvn -B -Pbench -DskipTests package exec:exec -Dbench.args="--jmh RunnerBenchmark"}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 4, time = 2)
@Fork(1)
public class RunnerBenchmark {
    static final String ITEMS_MODELS = "from django.db import models\n\nclass Item(models.Model):\n"
            + "    name = models.CharField(max_length=100)\n    n = models.IntegerField()\n";

    @Param({"SQLITE", "POSTGRESQL"})
    public Dialect dialect;

    private Connection items;
    private Connection blog;
    private Schema itemSchema;
    private Schema blogSchema;
    private Path dir;
    private String pgSchema;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        dir = Files.createTempDirectory("qss-bench");
        Path models = dir.resolve("bench").resolve("models.py");
        Files.createDirectories(models.getParent());
        Files.writeString(models, ITEMS_MODELS);
        itemSchema = ModelsPyImporter.importFile(models, null);
        blogSchema = ModelsPyImporter.importFile(Path.of("sample-db/blog/models.py"), null);
        String fill = "SELECT x, 'item number ' || x || ' with some text to make it longer', x % 97 FROM ";
        if (dialect == Dialect.SQLITE) {
            Path db = dir.resolve("items.sqlite3");
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement()) {
                st.execute("CREATE TABLE bench_item (id integer PRIMARY KEY, name varchar(100) NOT NULL, "
                        + "n integer NOT NULL)");
                st.execute("INSERT INTO bench_item WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c "
                        + "WHERE x < 1000000) " + fill + "c");
            }
            items = Connections.open("jdbc:sqlite:" + db, false);
            blog = Connections.open("jdbc:sqlite:sample-db/blog.sqlite3", false);
        } else {
            String url = System.getenv().getOrDefault("QSS_PG_URL",
                    "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
            pgSchema = "qss_bench_" + ProcessHandle.current().pid();
            try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
                st.execute("CREATE SCHEMA " + pgSchema);
                st.execute("CREATE TABLE " + pgSchema + ".bench_item (id integer PRIMARY KEY, name varchar(100) "
                        + "NOT NULL, n integer NOT NULL)");
                st.execute("INSERT INTO " + pgSchema + ".bench_item " + fill + "generate_series(1, 1000000) x");
            }
            studio.queryset.sample.SampleDbLoader.load(studio.queryset.sample.SampleDbLoader.Options
                    .defaults(url).withSchema(pgSchema).withForce(true), m -> { });
            items = Connections.open(url + "&currentSchema=" + pgSchema, false);
            blog = Connections.open(url + "&currentSchema=" + pgSchema, false);
            try (Statement st = items.createStatement()) {
                st.execute("ANALYZE");
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        items.close();
        blog.close();
        if (pgSchema != null) {
            String url = System.getenv().getOrDefault("QSS_PG_URL",
                    "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
            try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
                st.execute("DROP SCHEMA " + pgSchema + " CASCADE");
            }
        }
    }

    private QuerySet allItems() {
        return QuerySet.of(itemSchema, "Item").orderBy("id");
    }

    @Benchmark
    public long streamMillionRowsThroughRunner() {
        long sum = 0;
        try (Stream<Row> rows = allItems().iterator(items, 2000)) {
            for (Row r : (Iterable<Row>) rows::iterator) {
                sum += r.getLong("n") + r.getString("name").length();
            }
        }
        return sum;
    }

    @Benchmark
    public long streamMillionRowsHandWritten() throws Exception {
        CompiledQuery q = allItems().sql(dialect);
        long sum = 0;
        boolean auto = items.getAutoCommit();
        items.setAutoCommit(false);
        try (PreparedStatement ps = items.prepareStatement(q.sql())) {
            ps.setFetchSize(2000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long id = rs.getLong(1);
                    String name = rs.getString(2);
                    long n = rs.getLong(3);
                    sum += n + name.length() + (id & 0);
                }
            }
        } finally {
            items.rollback();
            items.setAutoCommit(auto);
        }
        return sum;
    }

    @Benchmark
    public int prefetchTagsThroughRunner() {
        int tags = 0;
        for (Row post : QuerySet.of(blogSchema, "Post").prefetchRelated("tags").list(blog)) {
            tags += post.getRows("tags").size();
        }
        return tags;
    }

    @Benchmark
    public int prefetchTagsHandWritten() throws Exception {
        List<Map<String, Object>> posts = new ArrayList<>();
        Map<Long, List<Map<String, Object>>> tagsByPost = new HashMap<>();
        try (Statement st = blog.createStatement();
             ResultSet rs = st.executeQuery("SELECT id, title, slug, body, author_id, published_at, updated_at, "
                     + "view_count, word_count FROM blog_post")) {
            while (rs.next()) {
                Map<String, Object> p = new LinkedHashMap<>();
                p.put("id", rs.getLong(1));
                p.put("title", rs.getString(2));
                p.put("slug", rs.getString(3));
                p.put("body", rs.getString(4));
                p.put("author_id", rs.getLong(5));
                p.put("published_at", rs.getString(6));
                p.put("updated_at", rs.getString(7));
                p.put("view_count", rs.getLong(8));
                p.put("word_count", rs.getLong(9));
                posts.add(p);
            }
        }
        StringBuilder in = new StringBuilder();
        for (int i = 0; i < posts.size(); i++) {
            in.append(i == 0 ? "?" : ", ?");
        }
        try (PreparedStatement ps = blog.prepareStatement("SELECT t.id, t.name, pt.post_id FROM blog_tag t "
                + "JOIN blog_post_tags pt ON t.id = pt.tag_id WHERE pt.post_id IN (" + in + ")")) {
            for (int i = 0; i < posts.size(); i++) {
                ps.setLong(i + 1, (Long) posts.get(i).get("id"));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> t = new LinkedHashMap<>();
                    t.put("id", rs.getLong(1));
                    t.put("name", rs.getString(2));
                    tagsByPost.computeIfAbsent(rs.getLong(3), k -> new ArrayList<>()).add(t);
                }
            }
        }
        int tags = 0;
        for (Map<String, Object> p : posts) {
            List<Map<String, Object>> list = tagsByPost.getOrDefault((Long) p.get("id"), List.of());
            p.put("tags", list);
            tags += list.size();
        }
        return tags;
    }
}
