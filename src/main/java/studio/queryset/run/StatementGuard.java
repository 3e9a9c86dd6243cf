package studio.queryset.run;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import studio.queryset.query.QueryException;
import studio.queryset.sql.Dialect;
import studio.queryset.sql.RawStatement;
import studio.queryset.sql.SqlTokens;
import studio.queryset.sql.SqlTokens.Kind;
import studio.queryset.sql.SqlTokens.Token;

/**
 * Decides, before anything runs, whether user-written SQL (raw()) is a read. It is the first of two walls: the
 * connection itself is read-only, and on PostgreSQL the statement also runs in a {@code READ ONLY} transaction that
 * is rolled back ({@link ReadOnlyTransaction}). This wall catches what those two cannot: statements that write
 * files or outlive a rollback (SQLite's {@code VACUUM INTO} and {@code ATTACH}, PostgreSQL's {@code lo_export},
 * advisory locks, {@code dblink}), and gives a clear refusal instead of a database error.
 */
public final class StatementGuard {
    private StatementGuard() {
    }

    /** Statement kinds that only read. */
    private static final Set<String> READ_STARTS = Set.of("SELECT", "VALUES", "WITH", "TABLE");

    /**
     * Words that, inside a statement starting as a read, make it a write: data-modifying CTEs and a write after
     * WITH (both databases allow them), PostgreSQL's SELECT INTO (creates a table), FOR UPDATE / FOR SHARE (row
     * locks); the rest never belong in a read and cost nothing to refuse. Words of function calls do not count.
     */
    private static final Set<String> WRITE_WORDS = Set.of(
            "INSERT", "UPDATE", "DELETE", "MERGE", "REPLACE", "INTO", "SHARE", "TRUNCATE", "DROP", "CREATE",
            "ALTER", "GRANT", "REVOKE", "COPY", "CALL", "VACUUM", "ATTACH", "DETACH", "PRAGMA", "REINDEX", "COMMIT",
            "ROLLBACK", "BEGIN", "SAVEPOINT", "RELEASE", "LOCK", "HANDLER", "LOAD", "OUTFILE", "DUMPFILE");

    /** Functions with effects a read-only, rolled-back transaction does not undo, by what they do. */
    private static final Map<String, String> POSTGRES_FUNCTIONS = Map.ofEntries(
            Map.entry("set_config", "changes a session setting"),
            Map.entry("lo_import", "reads a server file into a large object"),
            Map.entry("lo_export", "writes a server file"),
            Map.entry("lo_create", "creates a large object"),
            Map.entry("lo_creat", "creates a large object"),
            Map.entry("lo_unlink", "deletes a large object"),
            Map.entry("lo_put", "writes a large object"),
            Map.entry("lo_from_bytea", "creates a large object"),
            Map.entry("lo_truncate", "writes a large object"),
            Map.entry("lowrite", "writes a large object"),
            Map.entry("pg_file_write", "writes a server file"),
            Map.entry("pg_file_rename", "renames a server file"),
            Map.entry("pg_file_unlink", "deletes a server file"),
            Map.entry("pg_terminate_backend", "ends another session"),
            Map.entry("pg_cancel_backend", "cancels another session's query"),
            Map.entry("pg_reload_conf", "reloads the server configuration"),
            Map.entry("pg_rotate_logfile", "rotates the server log"),
            Map.entry("pg_switch_wal", "switches the write-ahead log"),
            Map.entry("pg_create_restore_point", "writes a restore point"),
            Map.entry("pg_promote", "promotes a standby server"),
            Map.entry("pg_notify", "sends a notification to other sessions"),
            Map.entry("nextval", "advances a sequence"),
            Map.entry("setval", "sets a sequence"),
            Map.entry("txid_current", "assigns a transaction id"),
            Map.entry("pg_current_xact_id", "assigns a transaction id"),
            Map.entry("query_to_xml", "runs SQL text of its own"),
            Map.entry("query_to_xmlschema", "runs SQL text of its own"),
            Map.entry("query_to_xml_and_xmlschema", "runs SQL text of its own"),
            Map.entry("cursor_to_xml", "reads a cursor"),
            Map.entry("ts_stat", "runs SQL text of its own"),
            Map.entry("ts_rewrite", "runs SQL text of its own"),
            Map.entry("pg_logical_emit_message", "writes a message to the write-ahead log"),
            Map.entry("pg_replication_slot_advance", "moves a replication slot"),
            Map.entry("pg_import_system_collations", "adds collations to the catalog"),
            Map.entry("pg_start_backup", "starts a backup"),
            Map.entry("pg_stop_backup", "ends a backup"),
            Map.entry("pg_log_backend_memory_contexts", "writes to the server log"));

    /** Function-name prefixes of the same kind (families of locks, replication, dblink, statistics resets). */
    private static final Map<String, String> POSTGRES_PREFIXES = Map.ofEntries(
            Map.entry("pg_advisory", "takes an advisory lock that outlives the transaction"),
            Map.entry("pg_try_advisory", "takes an advisory lock that outlives the transaction"),
            Map.entry("dblink", "runs SQL on another connection, outside this read-only transaction"),
            Map.entry("pg_create_", "creates a replication slot"),
            Map.entry("pg_drop_replication", "drops a replication slot"),
            Map.entry("pg_replication_origin", "changes replication state"),
            Map.entry("pg_stat_reset", "resets statistics"),
            Map.entry("pg_logical_slot_get", "consumes a replication slot's changes"),
            Map.entry("pg_backup_", "starts or ends a backup"),
            Map.entry("pg_wal_replay_", "pauses or resumes recovery"),
            Map.entry("pg_stat_statements_reset", "resets statistics"));

    /** MariaDB/MySQL functions whose effect outlives a rolled-back read-only transaction, or that read files. */
    private static final Map<String, String> MARIADB_FUNCTIONS = Map.ofEntries(
            Map.entry("get_lock", "takes a named lock that outlives the transaction"),
            Map.entry("release_lock", "releases a named lock"),
            Map.entry("release_all_locks", "releases named locks"),
            Map.entry("load_file", "reads a server file"),
            Map.entry("nextval", "advances a sequence"),
            Map.entry("setval", "sets a sequence"),
            Map.entry("master_pos_wait", "waits for replication"),
            Map.entry("master_gtid_wait", "waits for replication"),
            Map.entry("sleep", "holds the connection without reading"),
            Map.entry("benchmark", "runs an expression many times"),
            Map.entry("sys_exec", "runs a shell command (a user-defined function)"),
            Map.entry("sys_eval", "runs a shell command (a user-defined function)"));

    private static final Map<String, String> SQLITE_FUNCTIONS = Map.of(
            "load_extension", "loads native code into the database engine",
            "writefile", "writes a file",
            "readfile", "reads a file",
            "edit", "starts an editor",
            "fts3_tokenizer", "registers native code");

    /** The end of every refusal: nothing ran, and how to let it run. */
    public static final String HOW_TO_ALLOW = "To run statements that change data, allow writes (--allow-writes on "
            + "the command line; the studio's windows open databases read-only and never write).";

    /**
     * Refuses (WritesDisabled, with the word and its position) a raw() text that is not exactly one read.
     * Nothing has run when this throws.
     */
    public static void requireRead(String sql, Dialect dialect) {
        requireRead(sql, dialect, "raw()");
    }

    /** As {@link #requireRead(String, Dialect)}; {@code route} names what would run it ("EXPLAIN ANALYZE"). */
    public static void requireRead(String sql, Dialect dialect, String route) {
        for (List<Token> tokens : statement(sql, dialect)) {
            int k = 0;
            while (k < tokens.size() - 1 && tokens.get(k).kind() == Kind.OPEN) {
                k++; // (SELECT ...) UNION (SELECT ...)
            }
            Token start = tokens.get(k);
            if (start.kind() != Kind.WORD || !READ_STARTS.contains(upper(start))) {
                throw refused(start, route + " runs only a read (SELECT, VALUES or WITH ... SELECT) while writes "
                        + "are off; this statement starts with " + describe(start));
            }
            checkWords(tokens, dialect, true, route);
        }
    }

    /**
     * Refuses one statement that calls a function whose effect outlives a rollback; writes the database itself
     * would refuse or roll back are left to it (EXPLAIN ANALYZE of an update() runs in a rolled-back transaction).
     */
    public static void requireNoSideEffects(String sql, Dialect dialect) {
        for (List<Token> tokens : statement(sql, dialect)) {
            checkWords(tokens, dialect, false, "SQL");
        }
    }

    /**
     * The one statement under each reading of the database. On PostgreSQL the driver splits the text into the
     * statements it sends, with its own parser: that split is asked too, so that no difference between two
     * parsers can let a second statement through.
     */
    private static List<List<Token>> statement(String sql, Dialect dialect) {
        List<List<Token>> readings = RawStatement.readings(sql, dialect);
        if (dialect == Dialect.POSTGRESQL) {
            for (boolean standardStrings : new boolean[] {true, false}) {
                long sent;
                try {
                    // a piece with no tokens (a comment after the last ';') is nothing the server runs
                    sent = org.postgresql.core.Parser.parseJdbcSql(sql, standardStrings, true, true, false, false)
                            .stream().filter(q -> !SqlTokens.of(q.nativeSql, dialect).isEmpty()).count();
                } catch (java.sql.SQLException e) {
                    throw new QueryException("ProgrammingError", "the PostgreSQL driver cannot read this SQL: "
                            + Connections.firstLine(e.getMessage()));
                }
                if (sent > 1) {
                    throw new QueryException("ProgrammingError", "You can only execute one statement at a time: "
                            + "the PostgreSQL driver reads " + sent + " statements in this text"
                            + (standardStrings ? "" : " when standard_conforming_strings is off")
                            + ". Run each on its own.");
                }
            }
        }
        return readings;
    }

    private static void checkWords(List<Token> tokens, Dialect dialect, boolean readsOnly, String route) {
        for (int t = 0; t < tokens.size(); t++) {
            Token token = tokens.get(t);
            if (token.kind() != Kind.WORD && token.kind() != Kind.NAME) {
                continue;
            }
            boolean call = t + 1 < tokens.size() && tokens.get(t + 1).kind() == Kind.OPEN;
            boolean qualifiedName = t > 0 && tokens.get(t - 1).kind() == Kind.DOT;
            if (call) {
                String effect = sideEffect(token.text().toLowerCase(Locale.ROOT), dialect);
                if (effect != null) {
                    throw refused(token, "SQL may not call " + token.text() + "() while writes are off: it "
                            + effect);
                }
            } else if (readsOnly && token.kind() == Kind.WORD && !qualifiedName
                    && WRITE_WORDS.contains(upper(token))) {
                throw refused(token, route + " runs only reads while writes are off; " + upper(token)
                        + " makes this statement a write (if it is a column or table name, quote it: "
                        + dialect.quote(token.text()) + ")");
            }
        }
    }

    private static String sideEffect(String function, Dialect dialect) {
        switch (dialect) {
            case SQLITE:
                return SQLITE_FUNCTIONS.get(function);
            case MARIADB:
                return MARIADB_FUNCTIONS.get(function);
            default:
                break;
        }
        String effect = POSTGRES_FUNCTIONS.get(function);
        if (effect != null) {
            return effect;
        }
        for (Map.Entry<String, String> p : POSTGRES_PREFIXES.entrySet()) {
            if (function.startsWith(p.getKey())) {
                return p.getValue();
            }
        }
        return null;
    }

    private static String upper(Token t) {
        return t.text().toUpperCase(Locale.ROOT);
    }

    private static String describe(Token t) {
        return switch (t.kind()) {
            case WORD -> upper(t);
            case STRING -> "a string";
            default -> "'" + t.text() + "'";
        };
    }

    private static QueryException refused(Token at, String message) {
        return new QueryException("WritesDisabled", message + " (at character " + (at.start() + 1) + "). Nothing "
                + "ran. " + HOW_TO_ALLOW, at.start());
    }
}
