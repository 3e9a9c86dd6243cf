package studio.queryset.run;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import studio.queryset.sql.Dialect;

/**
 * Runs user-written SQL on PostgreSQL inside {@code BEGIN; SET TRANSACTION READ ONLY; ... ROLLBACK}, or, inside a
 * transaction the caller already has open, between a savepoint and a rollback to it. Whatever the statement did to
 * data or to session settings ({@code set_config}, {@code SET}) is undone before the connection is used again, so
 * one statement cannot make the rest of a session writable. SQLite needs none of this: its connection is opened
 * read-only by the engine and cannot change.
 */
final class ReadOnlyTransaction {
    private ReadOnlyTransaction() {
    }

    interface Body<T> {
        T run() throws SQLException;
    }

    static <T> T run(Connection conn, Dialect dialect, Body<T> body) throws SQLException {
        if (!dialect.ops().readOnlyTransactions()) {
            return body.run(); // SQLite: the read-only connection is the wall
        }
        boolean auto = conn.getAutoCommit();
        Savepoint savepoint = null;
        if (auto) {
            conn.setAutoCommit(false);
            try (Statement st = conn.createStatement()) {
                st.execute("SET TRANSACTION READ ONLY");
            }
        } else {
            savepoint = conn.setSavepoint();
        }
        try {
            return body.run();
        } finally {
            if (savepoint != null) {
                conn.rollback(savepoint);
            } else {
                conn.rollback();
                conn.setAutoCommit(true);
            }
        }
    }
}
