package studio.queryset.app.service;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.sqlite.SQLiteConfig;
import studio.queryset.sql.Dialect;

/**
 * A SQLite database file opened read-only (SQLITE_OPEN_READONLY), lazily, on the thread that first asks
 * for it. Nothing run through it can change the file.
 */
public final class ReadOnlyDatabase implements AutoCloseable {
    private final Path file;
    private Connection connection;

    public ReadOnlyDatabase(Path file) {
        this.file = file.toAbsolutePath();
    }

    public Path file() {
        return file;
    }

    public Dialect dialect() {
        return Dialect.SQLITE;
    }

    public String url() {
        return "jdbc:sqlite:" + file;
    }

    public synchronized Connection connection() throws SQLException {
        if (connection == null || connection.isClosed()) {
            SQLiteConfig config = new SQLiteConfig();
            config.setReadOnly(true);
            connection = config.createConnection(url());
        }
        return connection;
    }

    @Override
    public synchronized void close() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // closing a read-only connection loses nothing
            }
            connection = null;
        }
    }
}
