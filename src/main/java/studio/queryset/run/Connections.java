package studio.queryset.run;

import java.net.ConnectException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.sqlite.SQLiteConfig;
import studio.queryset.query.QueryException;
import studio.queryset.sql.Dialect;

/**
 * Opens JDBC connections the way the product needs them: read-only unless writes are switched on, SQLite with
 * Django's helper functions registered, and failures turned into one short, specific message.
 */
public final class Connections {
    private Connections() {
    }

    /** Connections {@link #open} opened with writes off (weakly held: a closed, dropped connection leaves). */
    private static final java.util.Set<Connection> READ_ONLY = java.util.Collections.synchronizedSet(
            java.util.Collections.newSetFromMap(new java.util.WeakHashMap<>()));

    /** Whether this connection was opened by {@link #open} with writes off. */
    static boolean isReadOnly(Connection conn) {
        return READ_ONLY.contains(conn);
    }

    public static Connection open(String url, boolean allowWrites) {
        Connection conn = openConnection(url, allowWrites);
        if (!allowWrites) {
            READ_ONLY.add(conn);
        }
        return conn;
    }

    /**
     * A read-only connection must send one statement per text, so that the server itself refuses a second one
     * hidden from the guard: URL options that let one text run several statements are refused, since URL options
     * win over the ones set here.
     */
    private static void refuseMultiStatementOptions(String url, Dialect dialect) {
        String query = url.indexOf('?') < 0 ? "" : url.substring(url.indexOf('?') + 1).toLowerCase(java.util.Locale.ROOT);
        String option = switch (dialect) {
            case MARIADB -> "allowMultiQueries=true";
            case POSTGRESQL -> "preferQueryMode=simple";
            case SQLITE -> null;
        };
        if (option != null && java.util.Arrays.asList(query.split("[&;]"))
                .contains(option.toLowerCase(java.util.Locale.ROOT))) {
            throw new QueryException("ConnectionError", "the URL sets " + option + ", which lets one SQL text run "
                    + "several statements; a read-only connection sends one statement at a time, so that the "
                    + "server refuses a second one. Remove the option from the URL, or allow writes "
                    + "(--allow-writes).");
        }
    }

    private static Connection openConnection(String url, boolean allowWrites) {
        Dialect dialect;
        try {
            dialect = Dialect.fromJdbcUrl(url);
        } catch (IllegalArgumentException e) {
            throw new QueryException("ConnectionError", e.getMessage());
        }
        if (!allowWrites) {
            refuseMultiStatementOptions(url, dialect);
        }
        try {
            switch (dialect) {
                case SQLITE:
                    return openSqlite(url, allowWrites);
                case MARIADB:
                    return openMariaDb(url, allowWrites);
                default:
                    break;
            }
            Properties props = new Properties();
            if (!allowWrites) {
                props.setProperty("readOnly", "true");
                props.setProperty("readOnlyMode", "always");
            }
            // a server that accepts the connection but never answers must not hang the app: the login has 10 s
            // (URL parameters win over these)
            props.setProperty("connectTimeout", "5");
            props.setProperty("loginTimeout", "10");
            boolean pgpassIgnored = ignoreOpenPgpass();
            Connection conn;
            try {
                conn = DriverManager.getConnection(url, props);
            } catch (SQLException e) {
                String why = describe(url, e);
                throw new QueryException("ConnectionError", pgpassIgnored && why.startsWith("The database refused")
                        ? why + " (" + pgpassFile() + " was not read: others may read it; chmod 600 it, as libpq "
                        + "demands)" : why);
            }
            try (var st = conn.createStatement()) {
                // naive datetimes, as Django with USE_TZ=False sees them: timestamptz values read in UTC
                st.execute("SET TIME ZONE 'UTC'");
            }
            return conn;
        } catch (SQLException e) {
            throw new QueryException("ConnectionError", describe(url, e));
        }
    }

    private static Path pgpassFile() {
        String env = System.getenv("PGPASSFILE");
        return env != null && !env.isBlank() ? Path.of(env) : Path.of(System.getProperty("user.home"), ".pgpass");
    }

    /**
     * libpq ignores a password file that its group or others may read; the JDBC driver would read it anyway.
     * True when it is such a file and the driver has been told not to read it.
     */
    private static boolean ignoreOpenPgpass() {
        Path f = pgpassFile();
        try {
            if (Files.isRegularFile(f) && Files.getPosixFilePermissions(f).stream().anyMatch(p ->
                    p.name().startsWith("GROUP") || p.name().startsWith("OTHERS"))) {
                System.setProperty("org.postgresql.pgpassfile", f + ".ignored-because-readable-by-others");
                return true;
            }
        } catch (java.io.IOException | UnsupportedOperationException e) {
            // no POSIX permissions here: the driver's own rules apply
        }
        if (String.valueOf(System.getProperty("org.postgresql.pgpassfile")).endsWith(".ignored-because-readable-by-others")) {
            System.clearProperty("org.postgresql.pgpassfile"); // fixed meanwhile: read it again
        }
        return false;
    }

    /**
     * MariaDB/MySQL through Connector/J: the session is read-only on the server when writes are off (every
     * transaction, autocommit ones included, refuses writes with error 1792), its time zone is UTC as with
     * Django's TIME_ZONE='UTC', and the driver's defaults stay as Django's MySQLdb has them: text protocol
     * (no server-side prepared statements), affected rows counted as rows matched (useAffectedRows=false).
     */
    private static Connection openMariaDb(String url, boolean allowWrites) throws SQLException {
        if (url.startsWith("jdbc:mysql:")) {
            url = "jdbc:mariadb:" + url.substring("jdbc:mysql:".length()); // Connector/J 3 takes only its own scheme
        }
        Properties props = new Properties();
        // Connector/J's connectTimeout is in milliseconds; socketTimeout stays 0 (a long query is not a dead server)
        props.setProperty("connectTimeout", "5000");
        Connection conn;
        try {
            conn = DriverManager.getConnection(url, props);
        } catch (SQLException e) {
            throw new QueryException("ConnectionError", describe(url, e));
        }
        try (var st = conn.createStatement()) {
            st.execute("SET time_zone = '+00:00'");
            if (!allowWrites) {
                st.execute("SET SESSION TRANSACTION READ ONLY");
            }
        } catch (SQLException e) {
            conn.close();
            throw e;
        }
        return conn;
    }

    private static Connection openSqlite(String url, boolean allowWrites) throws SQLException {
        String file = url.substring("jdbc:sqlite:".length());
        int q = file.indexOf('?');
        String path = q >= 0 ? file.substring(0, q) : file;
        if (path.startsWith("file:")) {
            path = path.substring(5);
        }
        if (!path.isEmpty() && !path.equals(":memory:") && !Files.exists(Path.of(path))) {
            throw new QueryException("ConnectionError", "SQLite database file not found: " + Path.of(path)
                    .toAbsolutePath() + (allowWrites ? "" : " (read-only: it is never created)"));
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(!allowWrites);
        config.enforceForeignKeys(true);
        Connection conn = DriverManager.getConnection(url, config.toProperties());
        if (!allowWrites && !path.isEmpty() && !path.equals(":memory:") && cannotReadInPlace(conn)) {
            // a WAL database in a directory we may not write: SQLite cannot create the -shm/-wal files a reader
            // needs, and refuses even a count as "attempt to write a readonly database". Nothing can write it
            // there without those files either, so it is read as an immutable file.
            conn.close();
            String uri = "jdbc:sqlite:file:" + Path.of(path).toAbsolutePath() + "?immutable=1"
                    + (q >= 0 ? "&" + file.substring(q + 1) : "");
            conn = DriverManager.getConnection(uri, config.toProperties());
        }
        SqliteFunctions.register(conn);
        return conn;
    }

    /** The first read fails because SQLite would have to create its WAL files in a read-only directory. */
    private static boolean cannotReadInPlace(Connection conn) {
        try (var st = conn.createStatement(); var rs = st.executeQuery("SELECT count(*) FROM sqlite_master")) {
            return false;
        } catch (SQLException e) {
            String m = String.valueOf(e.getMessage());
            return m.contains("SQLITE_READONLY_DIRECTORY") || m.contains("SQLITE_CANTOPEN")
                    || m.contains("SQLITE_READONLY_CANTINIT");
        }
    }

    private static final java.util.Map<Connection, Boolean> PREPARED =
            java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

    /** The dialect of an open connection, from its JDBC URL. */
    public static Dialect dialectOf(Connection conn) {
        try {
            return Dialect.fromJdbcUrl(conn.getMetaData().getURL());
        } catch (SQLException | IllegalArgumentException e) {
            throw new QueryException("ConnectionError", "cannot tell the database of this connection: "
                    + e.getMessage());
        }
    }

    /**
     * Readies a connection the caller opened: SQLite gets Django's REGEXP and STDDEV/VARIANCE functions (once
     * per connection).
     */
    public static Dialect prepare(Connection conn) {
        Dialect d = dialectOf(conn);
        if (d == Dialect.SQLITE && PREPARED.putIfAbsent(conn, Boolean.TRUE) == null) {
            try {
                SqliteFunctions.register(conn);
            } catch (SQLException e) {
                throw new QueryException("ConnectionError", "cannot register SQLite functions: " + e.getMessage());
            }
        }
        return d;
    }

    /**
     * A failed statement as Django names it: IntegrityError for constraints, ProgrammingError for statements
     * the database rejects, OperationalError otherwise; a missing table says the schema and database disagree.
     */
    private static final java.util.Set<Integer> MYSQL_INTEGRITY_CODES = java.util.Set.of(1048, 1690, 3819, 4025);

    public static QueryException translate(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String msg = firstLine(e.getMessage());
        boolean missingTable = state.equals("42P01") || msg.contains("no such table") || e.getErrorCode() == 1146;
        if (missingTable) {
            return new QueryException("ProgrammingError", msg + " (the models and the database disagree: is this "
                    + "the right database, and were its tables created?)");
        }
        if (state.startsWith("23") || msg.contains("constraint failed")) {
            return new QueryException("IntegrityError", msg);
        }
        if (MYSQL_INTEGRITY_CODES.contains(e.getErrorCode()) && !(e instanceof org.sqlite.SQLiteException)) {
            // Django's mysql CursorWrapper.codes_for_integrityerror: NULL into NOT NULL, BIGINT UNSIGNED out of
            // range, a CHECK violated
            return new QueryException("IntegrityError", msg);
        }
        if (e.getErrorCode() == 1235 && msg.contains("LIMIT & IN/ALL/ANY/SOME subquery")) {
            // MySQL/MariaDB refuse IN (SELECT ... LIMIT n); Django lets the database say so and reports it as
            // NotSupportedError (its mysql backend maps error 1235 so)
            return new QueryException("NotSupportedError", msg);
        }
        if (msg.contains("attempt to write a readonly database") || state.equals("25006")
                || e.getErrorCode() == 1792) {
            return new QueryException("WritesDisabled", "the connection is read-only: " + msg + ". The database "
                    + "refused the write; nothing changed. " + StatementGuard.HOW_TO_ALLOW);
        }
        return new QueryException(state.startsWith("42") ? "ProgrammingError" : "OperationalError", msg);
    }

    /** One line that says what failed: unreachable server, refused password, unknown database... */
    static String describe(String url, SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String where = url.replaceAll("password=[^&]*", "password=***");
        Throwable cause = e.getCause();
        if (String.valueOf(e.getMessage()).contains("timed out") || cause instanceof java.net.SocketTimeoutException) {
            return "The database server at " + where + " accepted the connection but did not answer within the "
                    + "login timeout (10 s unless the URL sets loginTimeout): is it a database server of that kind, and is "
                    + "it overloaded? "
                    + firstLine(e.getMessage());
        }
        if (cause instanceof ConnectException || state.equals("08001") || state.equals("08004")
                && e.getMessage().contains("refused")) {
            return "Cannot reach the database server at " + where + ": " + firstLine(e.getMessage());
        }
        if (state.equals("28P01") || state.equals("28000") || e.getErrorCode() == 1045) {
            return "The database refused the login for " + where + ": " + firstLine(e.getMessage());
        }
        if (state.equals("3D000") || e.getErrorCode() == 1049) {
            return "The database does not exist: " + firstLine(e.getMessage());
        }
        return "Cannot open " + where + ": " + firstLine(e.getMessage());
    }

    static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        s = s.replaceFirst("^\\(conn=\\d+\\) ", ""); // Connector/J's connection id says nothing to the user
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
