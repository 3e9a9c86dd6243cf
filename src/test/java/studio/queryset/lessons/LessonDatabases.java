package studio.queryset.lessons;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import studio.queryset.sample.BlogDataGenerator;
import studio.queryset.sample.SampleDbLoader;
import studio.queryset.schema.ModelsPyImporter;
import studio.queryset.schema.Schema;
import studio.queryset.support.PostgresSupport;
import studio.queryset.support.SampleDatabases;

/**
 * The benches the lesson tests check claims on: a copy of the bundled SQLite sample (plus a second copy for the
 * race to write to), and the same data loaded into a PostgreSQL schema of the test's own (dropped at JVM exit).
 */
final class LessonDatabases {
    private static Schema schema;
    private static String postgresUrl;

    private LessonDatabases() {
    }

    static synchronized Schema schema() throws Exception {
        if (schema == null) {
            schema = ModelsPyImporter.importFile(Path.of("sample-db/blog/models.py"), null);
        }
        return schema;
    }

    static LessonBench sqlite(Path dir) throws Exception {
        Path read = SampleDatabases.sqliteCopy(Files.createDirectories(dir.resolve("read")));
        Path race = SampleDatabases.sqliteCopy(Files.createDirectories(dir.resolve("race")));
        return new LessonBench(schema(), "jdbc:sqlite:" + read, "jdbc:sqlite:" + race, java.util.Map.of());
    }

    /** The PostgreSQL bench (its schema is scratch, so the race may write there); skips when no server answers. */
    static synchronized LessonBench postgres() throws Exception {
        if (postgresUrl == null) {
            try (Connection c = PostgresSupport.connectOrSkip()) {
                String name = PostgresSupport.createTempSchema(c, "qss_lesson_claims");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> drop(name), "drop-" + name));
                SampleDbLoader.load(new SampleDbLoader.Options(PostgresSupport.url(), name,
                        BlogDataGenerator.DEFAULT_POSTS, false, BlogDataGenerator.DEFAULT_SEED), null);
                String base = PostgresSupport.url();
                postgresUrl = base + (base.contains("?") ? "&" : "?") + "currentSchema=" + name;
            }
        }
        return new LessonBench(schema(), postgresUrl, postgresUrl, java.util.Map.of());
    }

    private static void drop(String name) {
        try (Connection c = DriverManager.getConnection(PostgresSupport.url())) {
            PostgresSupport.dropSchema(c, name);
        } catch (SQLException e) {
            System.err.println("could not drop the test schema " + name + ": " + e.getMessage());
        }
    }
}
