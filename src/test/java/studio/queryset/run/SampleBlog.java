package studio.queryset.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import studio.queryset.sample.BlogDataGenerator;
import studio.queryset.sample.SampleDbLoader;
import studio.queryset.schema.ModelsPyImporter;
import studio.queryset.schema.Schema;
import studio.queryset.support.MariaDbSupport;
import studio.queryset.support.PostgresSupport;

/**
 * The sample blog for the lesson tests: its schema from sample-db/blog/models.py, a temporary copy of the
 * committed sample-db/blog.sqlite3, and the same data on PostgreSQL in a schema of its own. The PostgreSQL copy
 * is loaded once per test JVM (about 4 s) and dropped when the JVM exits.
 */
public final class SampleBlog {
    private static Schema schema;
    private static String postgresUrl;
    private static String postgresSchema;

    private SampleBlog() {
    }

    static Path projectDir() {
        return Path.of(System.getenv().getOrDefault("QSS_PROJECT_DIR", ".")).toAbsolutePath();
    }

    public static synchronized Schema schema() throws IOException {
        if (schema == null) {
            schema = ModelsPyImporter.importFile(projectDir().resolve("sample-db/blog/models.py"), null);
        }
        return schema;
    }

    /** A copy of the committed sample database in {@code dir}; its JDBC URL. */
    static String sqliteCopy(Path dir) throws IOException {
        Path copy = dir.resolve("blog.sqlite3");
        Files.copy(projectDir().resolve("sample-db/blog.sqlite3"), copy, StandardCopyOption.REPLACE_EXISTING);
        return "jdbc:sqlite:" + copy;
    }

    /**
     * The JDBC URL of the sample on PostgreSQL ({@code currentSchema} set); the test is skipped when no server
     * answers (see {@link PostgresSupport#connectOrSkip()}).
     */
    static synchronized String postgresUrl() throws Exception {
        if (postgresUrl != null) {
            return postgresUrl;
        }
        try (Connection c = PostgresSupport.connectOrSkip()) {
            String name = PostgresSupport.createTempSchema(c, "qss_lessons");
            postgresSchema = name;
            Runtime.getRuntime().addShutdownHook(new Thread(SampleBlog::dropPostgres, "drop-" + name));
            SampleDbLoader.load(new SampleDbLoader.Options(PostgresSupport.url(), name,
                    BlogDataGenerator.DEFAULT_POSTS, false, BlogDataGenerator.DEFAULT_SEED), null);
        }
        String base = PostgresSupport.url();
        postgresUrl = base + (base.contains("?") ? "&" : "?") + "currentSchema=" + postgresSchema;
        return postgresUrl;
    }

    private static String mariadbUrl;
    private static String mariadbDatabase;

    /**
     * The JDBC URL of the sample on MariaDB, in a database of its own (utf8mb4, dropped when the JVM ends); the
     * test is skipped when no server answers (see {@link MariaDbSupport#connectOrSkip()}).
     */
    static synchronized String mariadbUrl() throws Exception {
        if (mariadbUrl != null) {
            return mariadbUrl;
        }
        try (Connection c = MariaDbSupport.connectOrSkip()) {
            mariadbDatabase = MariaDbSupport.createTempDatabase(c, "qss_run", null);
            Runtime.getRuntime().addShutdownHook(new Thread(SampleBlog::dropMariaDb, "drop-" + mariadbDatabase));
            mariadbUrl = MariaDbSupport.url(mariadbDatabase);
            SampleDbLoader.load(SampleDbLoader.Options.defaults(mariadbUrl), null);
        }
        return mariadbUrl;
    }

    private static synchronized void dropMariaDb() {
        if (mariadbDatabase == null) {
            return;
        }
        try (Connection c = java.sql.DriverManager.getConnection(MariaDbSupport.url())) {
            MariaDbSupport.dropDatabase(c, mariadbDatabase);
        } catch (SQLException e) {
            System.err.println("could not drop the test database " + mariadbDatabase + ": " + e.getMessage());
        }
    }

    private static synchronized void dropPostgres() {
        if (postgresSchema == null) {
            return;
        }
        try (Connection c = java.sql.DriverManager.getConnection(PostgresSupport.url())) {
            PostgresSupport.dropSchema(c, postgresSchema);
        } catch (SQLException e) {
            System.err.println("could not drop the test schema " + postgresSchema + ": " + e.getMessage());
        }
    }
}
