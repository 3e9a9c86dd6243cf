package studio.queryset.run;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import studio.queryset.sql.Dialect;

/**
 * Runs user-written SQL on PostgreSQL and MariaDB inside {@code BEGIN; SET TRANSACTION READ ONLY; ... ROLLBACK}, or,
 * inside a transaction the caller already has open, between a savepoint and a rollback to it. Whatever the statement
 * did to data or to transactional session settings ({@code set_config}, {@code SET} on PostgreSQL) is undone before
 * the connection is used again. What a rollback does not undo, a function the statement calls (a stored routine can
 * hide anything) may still have left on a session the app opened read-only: session advisory or named locks, and on
 * MariaDB a session made writable ({@code SET @@session.tx_read_only = 0} is not transactional). Those are reset
 * afterwards, on the server ({@link #resetSession}). SQLite needs none of this: its connection is opened read-only by
 * the engine and cannot change.
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
        return rolledBack(conn, dialect, true, body);
    }

    /**
     * Runs {@code body} in a transaction (or savepoint) that is rolled back whatever happens, {@code READ ONLY}
     * when asked (and when it opens the transaction itself), then resets what may outlive the rollback.
     */
    static <T> T rolledBack(Connection conn, Dialect dialect, boolean readOnly, Body<T> body) throws SQLException {
        boolean auto = conn.getAutoCommit();
        Savepoint savepoint = null;
        if (auto) {
            conn.setAutoCommit(false);
            if (readOnly) {
                try (Statement st = conn.createStatement()) {
                    st.execute("SET TRANSACTION READ ONLY");
                }
            }
        } else {
            savepoint = conn.setSavepoint();
        }
        try {
            return body.run();
        } finally {
            try {
                if (savepoint != null) {
                    conn.rollback(savepoint);
                } else {
                    conn.rollback();
                    conn.setAutoCommit(true);
                }
            } finally {
                resetSession(conn, dialect);
            }
        }
    }

    /**
     * On a connection {@link Connections} opened read-only: releases every session-level lock user SQL may have
     * taken and makes the session read-only again, on the server. A connection the caller opened is the caller's:
     * its locks and settings are left alone.
     */
    static void resetSession(Connection conn, Dialect dialect) throws SQLException {
        if (!Connections.isReadOnly(conn) || conn.isClosed()) {
            return;
        }
        try (Statement st = conn.createStatement()) {
            switch (dialect) {
                case POSTGRESQL -> {
                    st.execute("SELECT pg_advisory_unlock_all()"); // session locks outlive any transaction
                    if (conn.getAutoCommit()) {
                        // pgjdbc's own setting for auto-commit; inside a transaction it begins READ ONLY itself
                        st.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY");
                    }
                }
                case MARIADB -> {
                    st.execute("SELECT RELEASE_ALL_LOCKS()");
                    st.execute("SET SESSION TRANSACTION READ ONLY");
                }
                case SQLITE -> {
                    // the engine opened the file read-only; nothing in SQL can change that
                }
            }
        }
    }
}
