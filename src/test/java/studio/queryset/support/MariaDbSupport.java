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
 * The MariaDB server tests run against: {@code QSS_MARIADB_URL} (default {@value #DEFAULT_URL}). When no
 * server answers, {@link #connectOrSkip()} aborts the test with the reason (reported as skipped), unless
 * {@code QSS_REQUIRE_MARIADB=1}, when it fails instead (CI with a server). Each test works in a database of its
 * own ({@link #createTempDatabase} / {@link #dropDatabase}, utf8mb4), so suites running at once do not collide.
 */
public final class MariaDbSupport {

    public static final String DEFAULT_URL = "jdbc:mariadb://127.0.0.1:3306/test?user=root";

    private MariaDbSupport() {
    }

    /** The JDBC URL of the test server. */
    public static String url() {
        String env = System.getenv("QSS_MARIADB_URL");
        return env == null || env.isBlank() ? DEFAULT_URL : env.strip();
    }

    /** The test server's URL with {@code database} in place of the URL's own database. */
    public static String url(String database) {
        String u = url();
        int hostStart = u.indexOf("//") + 2;
        int slash = u.indexOf('/', hostStart);
        int query = u.indexOf('?', hostStart);
        String hostPart = u.substring(0, slash >= 0 && (query < 0 || slash < query) ? slash : query >= 0 ? query
                : u.length());
        String params = query >= 0 ? u.substring(query) : "";
        return hostPart + "/" + database + params;
    }

    /** True when a missing server must fail the tests ({@code QSS_REQUIRE_MARIADB=1}). */
    public static boolean required() {
        return "1".equals(System.getenv("QSS_REQUIRE_MARIADB"));
    }

    /** A connection (auto-commit on) to the URL's database, or the test is aborted (or failed, see {@link #required()}). */
    public static Connection connectOrSkip() {
        Properties props = new Properties();
        props.setProperty("connectTimeout", "5000"); // milliseconds; URL parameters win
        try {
            return DriverManager.getConnection(url(), props);
        } catch (SQLException e) {
            String reason = "MariaDB not reachable at " + redact(url()) + ": " + firstLine(e.getMessage());
            if (required()) {
                throw new AssertionError(reason + " (QSS_REQUIRE_MARIADB=1)", e);
            }
            return Assumptions.abort(reason + "; set QSS_REQUIRE_MARIADB=1 to fail instead");
        }
    }

    /**
     * Creates a database with a unique name starting with {@code prefix}, character set utf8mb4 and the given
     * collation (null: utf8mb4_general_ci, the server's default), and returns its name.
     */
    public static String createTempDatabase(Connection conn, String prefix, String collation) throws SQLException {
        String clean = prefix.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        if (clean.isEmpty() || !Character.isLetter(clean.charAt(0))) {
            clean = "t_" + clean;
        }
        if (clean.length() > 40) {
            clean = clean.substring(0, 40);
        }
        String name = clean + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute(conn, "CREATE DATABASE " + quote(name) + " CHARACTER SET utf8mb4 COLLATE "
                + (collation == null ? "utf8mb4_general_ci" : collation));
        return name;
    }

    /** Drops the database and everything in it; no error when it is gone already. */
    public static void dropDatabase(Connection conn, String database) throws SQLException {
        if (database != null) {
            execute(conn, "DROP DATABASE IF EXISTS " + quote(database));
        }
    }

    /** {@code `name`}, for database and table names in tests' SQL. */
    public static String quote(String identifier) {
        return '`' + identifier.replace("`", "``") + '`';
    }

    private static void execute(Connection conn, String sql) throws SQLException {
        try (Statement st = conn.createStatement()) {
            st.execute(sql);
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
