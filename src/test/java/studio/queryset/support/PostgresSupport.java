package studio.queryset.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * The PostgreSQL server tests run against: {@code QSS_PG_URL} (default
 * {@value #DEFAULT_URL}). When no server answers, {@link #connectOrSkip()} aborts the test with the reason
 * (reported as skipped), unless {@code QSS_REQUIRE_PG=1}, when it fails instead (CI with a server).
 * Each test works in its own schema: {@link #createTempSchema} / {@link #dropSchema}.
 */
public final class PostgresSupport {

    public static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";

    private PostgresSupport() {
    }

    /** The JDBC URL of the test server. */
    public static String url() {
        String env = System.getenv("QSS_PG_URL");
        return env == null || env.isBlank() ? DEFAULT_URL : env.strip();
    }

    /** True when a missing server must fail the tests ({@code QSS_REQUIRE_PG=1}). */
    public static boolean required() {
        return "1".equals(System.getenv("QSS_REQUIRE_PG"));
    }

    /** A connection (auto-commit on), or the test is aborted (or failed, see {@link #required()}). */
    public static Connection connectOrSkip() {
        Properties props = new Properties();
        props.setProperty("connectTimeout", "5"); // URL parameters win
        try {
            return DriverManager.getConnection(url(), props);
        } catch (SQLException e) {
            String reason = "PostgreSQL not reachable at " + redact(url()) + ": " + firstLine(e.getMessage());
            if (required()) {
                throw new AssertionError(reason + " (QSS_REQUIRE_PG=1)", e);
            }
            return Assumptions.abort(reason + "; set QSS_REQUIRE_PG=1 to fail instead");
        }
    }

    /** Creates a schema with a unique name starting with {@code prefix} and returns its name. */
    public static String createTempSchema(Connection conn, String prefix) throws SQLException {
        String clean = prefix.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        if (clean.isEmpty() || !Character.isLetter(clean.charAt(0))) {
            clean = "t_" + clean;
        }
        if (clean.length() > 40) {
            clean = clean.substring(0, 40);
        }
        String name = clean + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute(conn, "CREATE SCHEMA " + quote(name));
        return name;
    }

    /** Drops the schema and everything in it; no error when it is gone already. */
    public static void dropSchema(Connection conn, String schema) throws SQLException {
        if (schema != null) {
            execute(conn, "DROP SCHEMA IF EXISTS " + quote(schema) + " CASCADE");
        }
    }

    /** {@code "name"}, for schema and table names in tests' SQL. */
    public static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    private static void execute(Connection conn, String sql) throws SQLException {
        try (Statement st = conn.createStatement()) {
            st.execute(sql);
        }
        if (!conn.getAutoCommit()) {
            conn.commit();
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "(no message)";
        }
        String s = message.strip();
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }
}
