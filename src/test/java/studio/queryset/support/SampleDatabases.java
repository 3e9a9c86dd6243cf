package studio.queryset.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.Statement;
import studio.queryset.sample.SampleDbLoader;

/** The sample blog for tests: a writable SQLite copy, or a load into a PostgreSQL schema of the test's own. */
public final class SampleDatabases {
    private SampleDatabases() {
    }

    /** A copy of the committed sample that a test may change. */
    public static Path sqliteCopy(Path dir) throws Exception {
        Path copy = dir.resolve("blog.sqlite3");
        Files.copy(Path.of("sample-db/blog.sqlite3"), copy, StandardCopyOption.REPLACE_EXISTING);
        return copy;
    }

    /** Loads the default sample into {@code schema} (which must exist) and points the session's search_path at it. */
    public static void loadIntoPostgres(Connection pg, String schema) throws Exception {
        SampleDbLoader.load(SampleDbLoader.Options.defaults(PostgresSupport.url()).withSchema(schema).withForce(true),
                message -> { });
        try (Statement st = pg.createStatement()) {
            st.execute("SET search_path TO " + PostgresSupport.quote(schema));
            st.execute("SET TIME ZONE 'UTC'");
        }
    }
}
