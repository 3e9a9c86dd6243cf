package studio.queryset.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import studio.queryset.sample.SampleDbLoader;
import studio.queryset.run.Connections;

/**
 * The databases the benchmarks run on: the bundled sample (5,000 posts) and the large variant (1,000,000 posts,
 * 4,000,000 comments), each on SQLite, PostgreSQL and MariaDB (databases qss_bench_sample / qss_bench_large). The large ones take about a minute (SQLite) and a few
 * minutes (PostgreSQL) to generate, so they are kept between runs — in {@code ~/.cache/queryset-studio/bench}
 * and in the PostgreSQL schema {@code qss_bench_large} — and rebuilt only when their post count is wrong.
 */
final class BenchDatabases {
    static final int LARGE_POSTS = 1_000_000;
    static final String SAMPLE_SQLITE = "jdbc:sqlite:sample-db/blog.sqlite3";
    static final String PG_SAMPLE_SCHEMA = "qss_bench_sample";
    static final String PG_LARGE_SCHEMA = "qss_bench_large";

    private BenchDatabases() {
    }

    static String pgUrl() {
        return System.getenv().getOrDefault("QSS_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
    }

    /** Null when PostgreSQL does not answer (the sections then print "skipped" with the reason). */
    static String pgUnavailableReason() {
        try (Connection c = DriverManager.getConnection(pgUrl())) {
            return null;
        } catch (SQLException e) {
            return "PostgreSQL at " + SampleDbLoader.redact(pgUrl()) + " does not answer: " + e.getMessage();
        }
    }

    static String largeSqliteUrl() throws Exception {
        Path dir = Path.of(System.getProperty("user.home"), ".cache", "queryset-studio", "bench");
        Path file = dir.resolve("blog-large-" + LARGE_POSTS + ".sqlite3");
        String url = "jdbc:sqlite:" + file;
        if (!Files.exists(file) || postCount(url) != LARGE_POSTS) {
            Files.createDirectories(dir);
            System.out.println("bench: generating the large SQLite sample (" + LARGE_POSTS + " posts) into " + file);
            SampleDbLoader.load(SampleDbLoader.Options.defaults(url).withPosts(LARGE_POSTS).withForce(true),
                    BenchDatabases::progress);
        }
        return url;
    }

    static String pgSampleUrl() throws Exception {
        return pgSchema(PG_SAMPLE_SCHEMA, 5_000);
    }

    static String pgLargeUrl() throws Exception {
        return pgSchema(PG_LARGE_SCHEMA, LARGE_POSTS);
    }

    private static String pgSchema(String schema, int posts) throws Exception {
        String url = pgUrl() + (pgUrl().contains("?") ? "&" : "?") + "currentSchema=" + schema;
        if (postCount(url) != posts) {
            System.out.println("bench: loading the sample (" + posts + " posts) into PostgreSQL schema " + schema);
            SampleDbLoader.load(SampleDbLoader.Options.defaults(pgUrl()).withSchema(schema).withPosts(posts)
                    .withForce(true), BenchDatabases::progress);
            try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
                st.execute("ANALYZE");
            }
        }
        return url;
    }

    static final String MARIADB_SAMPLE_DB = "qss_bench_sample";
    static final String MARIADB_LARGE_DB = "qss_bench_large";

    static String mariadbUrl() {
        return System.getenv().getOrDefault("QSS_MARIADB_URL", "jdbc:mariadb://127.0.0.1:3306/test?user=root");
    }

    /** The MariaDB server's URL with {@code database} in place of its own. */
    static String mariadbUrl(String database) {
        java.net.URI uri = java.net.URI.create(mariadbUrl().substring("jdbc:".length()));
        return "jdbc:mariadb://" + uri.getHost() + ":" + (uri.getPort() < 0 ? 3306 : uri.getPort()) + "/" + database
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    /** Null when MariaDB does not answer (the sections then print "skipped" with the reason). */
    static String mariadbUnavailableReason() {
        try (Connection c = DriverManager.getConnection(mariadbUrl())) {
            return null;
        } catch (SQLException e) {
            return "MariaDB at " + SampleDbLoader.redact(mariadbUrl()) + " does not answer: " + e.getMessage();
        }
    }

    static String mariadbSampleUrl() throws Exception {
        return mariadbDatabase(MARIADB_SAMPLE_DB, 5_000);
    }

    static String mariadbLargeUrl() throws Exception {
        return mariadbDatabase(MARIADB_LARGE_DB, LARGE_POSTS);
    }

    /** A database of its own (utf8mb4), kept between runs and reloaded only when its post count is wrong. */
    private static String mariadbDatabase(String database, int posts) throws Exception {
        String url = mariadbUrl(database);
        if (postCount(url) != posts) {
            try (Connection c = DriverManager.getConnection(mariadbUrl()); Statement st = c.createStatement()) {
                st.execute("CREATE DATABASE IF NOT EXISTS `" + database + "` CHARACTER SET utf8mb4");
            }
            System.out.println("bench: loading the sample (" + posts + " posts) into MariaDB database " + database);
            SampleDbLoader.load(SampleDbLoader.Options.defaults(url).withPosts(posts).withForce(true),
                    BenchDatabases::progress);
            try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
                st.execute("ANALYZE TABLE blog_author, blog_post, blog_tag, blog_post_tags, blog_comment");
            }
        }
        return url;
    }

    private static long lastProgress;

    /** The loader reports every 100,000 rows; one line every ten seconds is enough for a benchmark log. */
    private static void progress(String message) {
        long now = System.nanoTime();
        if (now - lastProgress > 10_000_000_000L || !message.contains(" of ")) {
            lastProgress = now;
            System.out.println("bench: " + message);
        }
    }

    private static long postCount(String url) {
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM blog_post")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            return -1;
        }
    }

    /** A read-only connection as the app opens one. */
    static Connection open(String url) throws SQLException {
        return Connections.open(url, false);
    }
}
