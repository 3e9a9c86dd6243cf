package studio.queryset.run;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import studio.queryset.query.QueryException;
import studio.queryset.sql.CompiledQuery;
import studio.queryset.sql.Dialect;
import studio.queryset.sql.PrefetchPlan;
import studio.queryset.sql.RawStatement;

/**
 * The database's plan for one compiled statement, as text lines for the query log.
 * <ul>
 *   <li>SQLite: {@code EXPLAIN QUERY PLAN}, drawn as the sqlite3 shell draws it (a tree built from the
 *       id / parent / detail columns). SQLite has no EXPLAIN ANALYZE: {@code analyze} adds a note, nothing runs.</li>
 *   <li>PostgreSQL: {@code EXPLAIN}, or {@code EXPLAIN ANALYZE} when {@code analyze} is true. ANALYZE executes
 *       the statement, so it always runs inside a transaction (or, when the caller has one open, a savepoint)
 *       that is rolled back: an UPDATE or DELETE explained this way changes nothing.</li>
 *   <li>MariaDB: {@code EXPLAIN FORMAT=JSON}, or {@code ANALYZE FORMAT=JSON} (MariaDB's EXPLAIN ANALYZE, which
 *       runs the statement, likewise rolled back), drawn as a tree of its JSON objects.</li>
 * </ul>
 * Parameters are bound as for execution; values are never spliced into the SQL.
 */
public final class Explain {
    private Explain() {
    }

    public static List<String> explain(Connection conn, Dialect dialect, CompiledQuery query, boolean analyze) {
        return explain(conn, dialect, query, analyze, Map.of());
    }

    /** As {@link #explain(Connection, Dialect, CompiledQuery, boolean)}, with values for named {@code Param}s. */
    public static List<String> explain(Connection conn, Dialect dialect, CompiledQuery query, boolean analyze,
                                       Map<String, Object> params) {
        if (query.sql().contains(PrefetchPlan.KEYS_MARKER)) {
            throw new IllegalArgumentException("A prefetch template has no keys yet; explain it with its IN list "
                    + "filled (Executor.withKeys)");
        }
        if (analyze && dialect != Dialect.SQLITE && Connections.isReadOnly(conn)) {
            // ANALYZE runs the statement, and a read-only transaction does not stop every write (MariaDB's
            // SELECT ... INTO OUTFILE writes a file in one): with writes off only a read is analyzed
            StatementGuard.requireRead(query.sql(), dialect, "EXPLAIN ANALYZE");
        } else {
            StatementGuard.requireNoSideEffects(query.sql(), dialect); // a rollback cannot undo those
        }
        Executor binder = new Executor(conn, dialect, new QueryLog()).withParams(params);
        try {
            return switch (dialect) {
                case SQLITE -> sqlite(conn, binder, query, analyze);
                case POSTGRESQL -> postgres(conn, binder, query, analyze);
                case MARIADB -> mariadb(conn, binder, query, analyze);
            };
        } catch (SQLException e) {
            QueryException translated = Connections.translate(e);
            if (translated.kind().equals("WritesDisabled")) {
                throw translated;
            }
            String state = e.getSQLState() == null ? "" : e.getSQLState();
            throw new QueryException(state.startsWith("42") ? "ProgrammingError" : "DatabaseError",
                    Connections.firstLine(e.getMessage()));
        }
    }

    // ---------------------------------------------------------------- SQLite

    private record Node(int id, int parent, String detail, List<Node> children) { }

    private static List<String> sqlite(Connection conn, Executor binder, CompiledQuery q, boolean analyze)
            throws SQLException {
        Map<Integer, Node> byId = new LinkedHashMap<>();
        List<Node> roots = new ArrayList<>();
        try (PreparedStatement ps = conn.prepareStatement("EXPLAIN QUERY PLAN "
                + RawStatement.withoutTerminator(q.sql(), Dialect.SQLITE))) {
            binder.bind(ps, q.params());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Node n = new Node(rs.getInt("id"), rs.getInt("parent"), rs.getString("detail"), new ArrayList<>());
                    byId.put(n.id(), n);
                    Node parent = byId.get(n.parent());
                    if (parent != null && n.parent() != n.id()) {
                        parent.children().add(n);
                    } else {
                        roots.add(n);
                    }
                }
            }
        }
        List<String> lines = new ArrayList<>();
        lines.add("QUERY PLAN");
        draw(roots, "", lines);
        if (analyze) {
            lines.add("(SQLite has no EXPLAIN ANALYZE: this is the plan, the statement did not run)");
        }
        return lines;
    }

    /** The sqlite3 shell's drawing: {@code |--} for a node with siblings after it, {@code `--} for the last. */
    private static void draw(List<Node> nodes, String indent, List<String> lines) {
        for (int i = 0; i < nodes.size(); i++) {
            boolean last = i == nodes.size() - 1;
            Node n = nodes.get(i);
            lines.add(indent + (last ? "`--" : "|--") + n.detail());
            draw(n.children(), indent + (last ? "   " : "|  "), lines);
        }
    }

    // ---------------------------------------------------------------- PostgreSQL

    // ---------------------------------------------------------------- MariaDB

    private static List<String> mariadb(Connection conn, Executor binder, CompiledQuery q, boolean analyze)
            throws SQLException {
        String sql = (analyze ? "ANALYZE FORMAT=JSON " : "EXPLAIN FORMAT=JSON ") + RawStatement.withoutTerminator(
                q.sql(), Dialect.MARIADB);
        List<String> json = analyze ? ReadOnlyTransaction.rolledBack(conn, Dialect.MARIADB, false,
                () -> run(conn, binder, sql, q)) : run(conn, binder, sql, q);
        List<String> lines = new ArrayList<>();
        lines.add("QUERY PLAN");
        JsonTree.draw(String.join("\n", json), lines);
        return lines;
    }

    // ---------------------------------------------------------------- PostgreSQL

    private static List<String> postgres(Connection conn, Executor binder, CompiledQuery q, boolean analyze)
            throws SQLException {
        String sql = (analyze ? "EXPLAIN ANALYZE " : "EXPLAIN ") + RawStatement.withoutTerminator(q.sql(),
                Dialect.POSTGRESQL);
        if (!analyze) {
            return run(conn, binder, sql, q);
        }
        return ReadOnlyTransaction.rolledBack(conn, Dialect.POSTGRESQL, false, () -> run(conn, binder, sql, q));
    }

    private static List<String> run(Connection conn, Executor binder, String sql, CompiledQuery q)
            throws SQLException {
        List<String> lines = new ArrayList<>();
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            binder.bind(ps, q.params());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    lines.add(rs.getString(1));
                }
            }
        }
        return lines;
    }
}
