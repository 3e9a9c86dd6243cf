package studio.queryset.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import studio.queryset.django.DjangoParser;
import studio.queryset.schema.Schema;
import studio.queryset.sql.Dialect;
import studio.queryset.support.PostgresSupport;

/**
 * raw() on PostgreSQL with writes off: the attacks of a shared design file (a COMMIT to leave the read-only
 * transaction, set_config to make the session writable, data-modifying CTEs, SELECT INTO, large objects, locks)
 * are refused before they run, and whatever a statement does to the session is rolled back after it. The table,
 * the large objects, the locks and the session settings are checked afterwards.
 */
class WriteGuardPostgresTest {
    private static final Schema BLOG = WriteGuardSqliteTest.blog();

    private Connection admin;
    private String schema;
    private String table;

    @BeforeEach
    void createTable() throws SQLException {
        admin = PostgresSupport.connectOrSkip();
        schema = PostgresSupport.createTempSchema(admin, "qss_guard");
        table = PostgresSupport.quote(schema) + ".items";
        try (Statement st = admin.createStatement()) {
            st.execute("CREATE TABLE " + table + " (id int PRIMARY KEY, name text)");
            st.execute("INSERT INTO " + table + " VALUES (1, 'a'), (2, 'b'), (3, 'c')");
        }
    }

    @AfterEach
    void drop() throws SQLException {
        if (admin != null) {
            PostgresSupport.dropSchema(admin, schema);
            admin.close();
        }
    }

    private long scalar(String sql) throws SQLException {
        try (Statement st = admin.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Evaluation eval(Connection conn, String sql) {
        String text = "Post.objects.raw(\"" + sql.replace("\"", "\\\"") + "\")";
        return new Engine(BLOG, conn, Dialect.POSTGRESQL).evaluate(text, DjangoParser.parse(text, BLOG), false);
    }

    private static String show(Connection conn, String setting) throws SQLException {
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("SHOW " + setting)) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void everyAttackIsRefusedAndTheDataAndSessionStayAsTheyWere() throws SQLException {
        long objects = scalar("SELECT count(*) FROM pg_largeobject_metadata");
        String[][] attacks = {
            {"COMMIT; BEGIN READ WRITE; DELETE FROM " + table + "; COMMIT; SELECT 1 AS id", "ProgrammingError"},
            {"SELECT 1 AS id, set_config('default_transaction_read_only', 'off', false)", "WritesDisabled"},
            {"SELECT 1 AS id, pg_catalog.set_config('statement_timeout', '1', false)", "WritesDisabled"},
            {"WITH d AS (DELETE FROM " + table + " RETURNING id) SELECT id FROM d", "WritesDisabled"},
            {"SELECT id INTO " + PostgresSupport.quote(schema) + ".copy FROM " + table, "WritesDisabled"},
            {"SELECT lo_import('/etc/hostname') AS id", "WritesDisabled"},
            {"SELECT \"lo_export\"(0, '/tmp/qss_guard_out') AS id", "WritesDisabled"},
            {"SELECT pg_advisory_lock(4242) AS id", "WritesDisabled"},
            {"SELECT id FROM " + table + " FOR UPDATE", "WritesDisabled"},
            {"SELECT 1 AS id, query_to_xml('DELETE FROM " + table.replace("\"", "\"\"") + "', true, true, '')",
                "WritesDisabled"},
            {"CREATE TABLE " + PostgresSupport.quote(schema) + ".made (id int)", "WritesDisabled"},
            {"TRUNCATE " + table, "WritesDisabled"},
        };
        try (Connection conn = Connections.open(PostgresSupport.url(), false)) {
            String readOnly = show(conn, "default_transaction_read_only");
            String timeout = show(conn, "statement_timeout");
            for (String[] attack : attacks) {
                Evaluation ev = eval(conn, attack[0]);
                assertThat(ev.errorKind()).as(attack[0]).isEqualTo(attack[1]);
                assertThat(ev.statements()).as("nothing ran: " + attack[0]).isEmpty();
            }
            assertThat(show(conn, "default_transaction_read_only")).isEqualTo(readOnly);
            assertThat(show(conn, "statement_timeout")).isEqualTo(timeout);
            assertThat(show(conn, "TimeZone")).isEqualTo("UTC");
            Evaluation after = eval(conn, "SELECT id, name AS title FROM " + table + " ORDER BY id");
            assertThat(after.errorKind()).isNull();
            assertThat((List<?>) after.result()).hasSize(3);
        }
        assertThat(scalar("SELECT count(*) FROM " + table)).isEqualTo(3);
        assertThat(scalar("SELECT count(*) FROM pg_largeobject_metadata")).isEqualTo(objects);
        assertThat(scalar("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND objid = 4242")).isZero();
        assertThat(scalar("SELECT count(*) FROM information_schema.tables WHERE table_schema = '" + schema
                + "'")).as("no table created").isEqualTo(1);
        assertThat(java.nio.file.Path.of("/tmp/qss_guard_out")).doesNotExist();
    }

    @Test
    void readsWithQuotedSeparatorsRunAndLeaveNoTransactionOpen() throws SQLException {
        try (Connection conn = Connections.open(PostgresSupport.url(), false)) {
            Evaluation ev = eval(conn, "SELECT id, $$;DELETE FROM x$$ AS title FROM " + table
                    + " WHERE name <> E'\\\\'; DROP' ORDER BY id");
            assertThat(ev.errorKind()).as(String.valueOf(ev.errorMessage())).isNull();
            assertThat((List<?>) ev.result()).hasSize(3);
            assertThat(conn.getAutoCommit()).isTrue();
        }
        assertThat(scalar("SELECT count(*) FROM " + table)).isEqualTo(3);
    }

    @Test
    void whatAStatementDoesToTheSessionIsRolledBack() throws SQLException {
        // the second wall alone: even a statement the guard would refuse cannot change the session for later ones
        try (Connection conn = Connections.open(PostgresSupport.url(), false)) {
            String timeout = show(conn, "statement_timeout");
            ReadOnlyTransaction.run(conn, Dialect.POSTGRESQL, () -> {
                try (Statement st = conn.createStatement()) {
                    st.execute("SELECT set_config('statement_timeout', '4321', false)");
                    st.execute("SELECT set_config('default_transaction_read_only', 'off', false)");
                }
                return null;
            });
            assertThat(show(conn, "statement_timeout")).isEqualTo(timeout);
            assertThatThrownBy(() -> ReadOnlyTransaction.run(conn, Dialect.POSTGRESQL, () -> {
                try (Statement st = conn.createStatement()) {
                    return st.executeUpdate("DELETE FROM " + table);
                }
            })).hasMessageContaining("read-only transaction");
            assertThat(conn.getAutoCommit()).isTrue();
        }
        assertThat(scalar("SELECT count(*) FROM " + table)).isEqualTo(3);
    }
}
