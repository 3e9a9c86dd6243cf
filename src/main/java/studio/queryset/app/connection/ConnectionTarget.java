package studio.queryset.app.connection;

import studio.queryset.sql.Dialect;

/**
 * The database queries run on: its JDBC URL, dialect and how the window names it. Opened through
 * {@code run.Connections} (read-only: the studio never allows writes).
 */
public record ConnectionTarget(String url, Dialect dialect, String label) {

    public static ConnectionTarget sqlite(java.nio.file.Path file, String label) {
        return new ConnectionTarget("jdbc:sqlite:" + file.toAbsolutePath(), Dialect.SQLITE, label);
    }
}
