package studio.queryset.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import studio.queryset.sample.SampleDbLoader;
import studio.queryset.django.DjangoParser;
import studio.queryset.query.QueryException;
import studio.queryset.query.QuerySet;
import studio.queryset.schema.Schema;
import studio.queryset.sql.Dialect;
import studio.queryset.sql.QueryPlan;
import studio.queryset.sql.SqlCompiler;
import studio.queryset.support.MariaDbSupport;
import studio.queryset.support.PostgresSupport;

/**
 * The read-only promise attacked by every route user SQL takes with writes off: eval (raw() and update()/delete()/
 * create()), the stream (the GUI's Stream and export) and EXPLAIN ANALYZE (which runs the statement), on SQLite,
 * PostgreSQL (schema qss_attack_ro) and MariaDB (database qss_attack_ro), all through one read-only connection per
 * route, as a batch or the GUI's session reuses it. Each attack is either refused before anything runs, refused by
 * the database, or runs harmlessly; afterwards the data, sequences, schema objects, files, locks and the session's
 * read-only state are as they were. Legitimate reads keep working on every route.
 */
class ReadOnlyAttackTest {
    private static final Schema BLOG = WriteGuardSqliteTest.blog();

    /** What an attack must end in. */
    enum Outcome {
        /** refused by the app before anything ran: WritesDisabled or ProgrammingError, nothing in the log */
        REFUSED,
        /** refused, by the app or the database, with WritesDisabled and how to allow writes */
        WRITE_REFUSED,
        /** may run or fail: what proves it harmless is the fingerprint afterwards */
        HARMLESS,
        /** a legitimate read: runs on every route */
        READ
    }

    record Attack(String sql, Outcome outcome) { }

    static Attack refused(String sql) {
        return new Attack(sql, Outcome.REFUSED);
    }

    static Attack writeRefused(String sql) {
        return new Attack(sql, Outcome.WRITE_REFUSED);
    }

    static Attack harmless(String sql) {
        return new Attack(sql, Outcome.HARMLESS);
    }

    static Attack read(String sql) {
        return new Attack(sql, Outcome.READ);
    }

    /** Attacks common to every database. */
    static List<Attack> common() {
        return List.of(
                refused("INSERT INTO blog_tag (name) VALUES ('x')"),
                refused("UPDATE blog_comment SET body = 'x'"),
                refused("DELETE FROM blog_comment"),
                refused("delete from blog_comment"),
                refused("DeLeTe FROM blog_comment"),
                refused("  \n\t ( DELETE FROM blog_comment )"),
                refused("/* a read */ DELETE FROM blog_comment"),
                refused("-- a read\nDELETE FROM blog_comment"),
                refused("REPLACE INTO blog_tag (id, name) VALUES (1, 'x')"),
                refused("WITH x AS (SELECT 1 AS id) DELETE FROM blog_comment"),
                refused("WITH x AS (SELECT 1 AS id) INSERT INTO blog_tag (name) SELECT 'x' FROM x"),
                refused("SELECT id FROM blog_post FOR UPDATE"),
                refused("SELECT id FROM blog_post WHERE id IN (SELECT post_id FROM blog_comment FOR UPDATE)"),
                refused("SELECT 1 AS id; DELETE FROM blog_comment"),
                refused("SELECT 1 AS id;DELETE FROM blog_comment;"),
                refused("(SELECT 1 AS id);\nDROP TABLE blog_comment"),
                refused("SELECT 1 AS id; SELECT 2 AS id"),
                refused("DROP TABLE blog_comment"),
                refused("CREATE TABLE made (id int)"),
                refused("ALTER TABLE blog_comment ADD COLUMN made int"),
                refused("CREATE TEMP TABLE made (id int)"),
                refused("SELECT 1 AS id, 'x' /* ; */ ; DELETE FROM blog_comment"),
                read("SELECT id, title FROM blog_post WHERE title <> 'x; DELETE FROM blog_comment' ORDER BY id"),
                read("SELECT id FROM blog_post /* ; DELETE FROM blog_comment */ ORDER BY id"),
                read("SELECT id FROM blog_post -- ; DELETE FROM blog_comment\nORDER BY id"),
                read("WITH t AS (SELECT id FROM blog_post) SELECT id FROM t ORDER BY id"),
                read("SELECT id, row_number() OVER (ORDER BY id) AS rn, count(*) OVER () AS n FROM blog_post"),
                read("SELECT p.id, replace(p.title, 'a', 'b') AS t, upper(p.slug) AS u FROM blog_post p"),
                read("SELECT id FROM blog_post WHERE id IN (SELECT post_id FROM blog_comment) ORDER BY id;"));
    }

    /** One connection per route, reused across every attack, and the checks afterwards. */
    abstract static class Target {
        final Dialect dialect;
        final List<String> counted = new ArrayList<>();

        Target(Dialect dialect) {
            this.dialect = dialect;
        }

        abstract String url();

        /** What must not change: data, sequences, objects, files, locks (read from an admin connection). */
        abstract Map<String, Object> fingerprint() throws Exception;

        /** The attacked session's own state: read-only, settings. */
        abstract Map<String, Object> session(Connection attacked) throws Exception;

        static QuerySet raw(String sql) {
            String text = "Post.objects.raw(\"" + sql.replace("\\", "\\\\").replace("\"", "\\\"")
                    .replace("\n", "\\n") + "\")";
            return DjangoParser.parse(text, BLOG);
        }

        /** Runs every attack by every route and checks each outcome and the fingerprints after each. */
        void attack(List<Attack> attacks) throws Exception {
            Map<String, Object> before = fingerprint();
            try (Connection evalConn = Connections.open(url(), false);
                 Connection streamConn = Connections.open(url(), false);
                 Connection explainConn = Connections.open(url(), false)) {
                Map<String, Object> session = session(evalConn);
                List<String> failures = new ArrayList<>();
                for (Attack a : attacks) {
                    check(a, "eval", evaluate(evalConn, a.sql()), failures);
                    check(a, "stream", stream(streamConn, a.sql()), failures);
                    check(a, "explain analyze", explain(explainConn, a.sql()), failures);
                    Map<String, Object> now = fingerprint();
                    if (!now.equals(before)) {
                        failures.add(a.sql() + ": changed " + diff(before, now));
                        before = now;
                    }
                    for (Connection c : List.of(evalConn, streamConn, explainConn)) {
                        Map<String, Object> s = session(c);
                        if (!s.equals(session)) {
                            failures.add(a.sql() + ": the session changed " + diff(session, s));
                        }
                        if (!c.getAutoCommit()) {
                            failures.add(a.sql() + ": left a transaction open");
                        }
                    }
                }
                assertThat(failures).isEmpty();
            }
        }

        /** An answer by one route: the error (kind, message), whether statements ran, rows. */
        record Answer(String kind, String message, boolean ran) { }

        Answer evaluate(Connection conn, String sql) {
            QuerySet qs;
            try {
                qs = raw(sql);
            } catch (QueryException e) {
                return new Answer(e.kind(), e.getMessage(), false);
            }
            Evaluation ev = new Engine(BLOG, conn, dialect).evaluate(sql, qs, false);
            return new Answer(ev.errorKind(), ev.errorMessage(), !ev.statements().isEmpty());
        }

        Answer stream(Connection conn, String sql) {
            try {
                QueryPlan plan = SqlCompiler.plan(BLOG, raw(sql), dialect);
                try (RowStream s = RowStream.open(conn, dialect, plan.select(), 10, Map.of(), new QueryLog())) {
                    while (s.hasNext()) {
                        s.next();
                    }
                }
                return new Answer(null, null, true);
            } catch (QueryException e) {
                return new Answer(e.kind(), e.getMessage(), false);
            }
        }

        Answer explain(Connection conn, String sql) {
            try {
                QueryPlan plan = SqlCompiler.plan(BLOG, raw(sql), dialect);
                Explain.explain(conn, dialect, plan.select().query(), true);
                return new Answer(null, null, true);
            } catch (QueryException e) {
                return new Answer(e.kind(), e.getMessage(), false);
            }
        }

        void check(Attack a, String route, Answer answer, List<String> failures) {
            String where = route + " of " + a.sql() + " -> " + answer.kind() + ": " + answer.message();
            boolean writesDisabled = "WritesDisabled".equals(answer.kind());
            if (writesDisabled && !answer.message().contains("--allow-writes")) {
                failures.add(where + " (the refusal must say how to allow writes)");
            }
            // SQLite has no EXPLAIN ANALYZE: its EXPLAIN QUERY PLAN never runs the statement, and may plan a write
            Outcome outcome = route.equals("explain analyze") && dialect == Dialect.SQLITE
                    && a.outcome() != Outcome.READ ? Outcome.HARMLESS : a.outcome();
            switch (outcome) {
                case REFUSED -> {
                    if (!writesDisabled && !"ProgrammingError".equals(answer.kind())) {
                        failures.add(where + " (must be refused)");
                    } else if (answer.ran()) {
                        failures.add(where + " (refused after it ran)");
                    }
                }
                case WRITE_REFUSED -> {
                    if (!writesDisabled) {
                        failures.add(where + " (must be refused as a write)");
                    }
                }
                case READ -> {
                    // a stream of a raw() with other columns than the model's fails on shape, never on the guard
                    boolean shapeOnly = route.equals("stream") && answer.kind() != null && !writesDisabled
                            && !"ProgrammingError".equals(answer.kind());
                    if (answer.kind() != null && !shapeOnly) {
                        failures.add(where + " (a read must run)");
                    }
                }
                case HARMLESS -> {
                    // the fingerprint decides
                }
            }
            counted.add(route + ": " + a.sql());
        }

        static String diff(Map<String, Object> a, Map<String, Object> b) {
            Map<String, String> d = new TreeMap<>();
            for (String k : a.keySet()) {
                if (!java.util.Objects.equals(a.get(k), b.get(k))) {
                    d.put(k, a.get(k) + " -> " + b.get(k));
                }
            }
            for (String k : b.keySet()) {
                if (!a.containsKey(k)) {
                    d.put(k, "(none) -> " + b.get(k));
                }
            }
            return d.toString();
        }

        static void rows(Connection c, String sql, Map<String, Object> into, String prefix) throws SQLException {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
                int width = rs.getMetaData().getColumnCount();
                int n = 0;
                while (rs.next()) {
                    StringBuilder v = new StringBuilder();
                    for (int i = 2; i <= width; i++) {
                        v.append(i > 2 ? "|" : "").append(rs.getString(i));
                    }
                    into.put(prefix + (width == 1 ? String.valueOf(n++) : rs.getString(1)),
                            width == 1 ? rs.getString(1) : v.toString());
                }
            }
        }

        static void counts(Connection c, Map<String, Object> into) throws SQLException {
            for (String t : SampleDbLoader.TABLES) {
                rows(c, "SELECT count(*) FROM " + t, into, "rows " + t + " ");
            }
        }

        static void files(Path dir, Map<String, Object> into) throws java.io.IOException {
            try (var list = Files.list(dir)) {
                list.forEach(p -> into.put("file " + p.getFileName(), p.toFile().length()));
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ SQLite

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Sqlite {
        @TempDir
        Path dir;

        Target target() throws Exception {
            Path db = dir.resolve("blog.sqlite3");
            if (!Files.exists(db)) {
                SampleDbLoader.load(SampleDbLoader.Options.defaults("jdbc:sqlite:" + db).withPosts(50), null);
            }
            return new Target(Dialect.SQLITE) {
                @Override
                String url() {
                    return "jdbc:sqlite:" + db;
                }

                @Override
                Map<String, Object> fingerprint() throws Exception {
                    Map<String, Object> f = new TreeMap<>();
                    try (Connection c = Connections.open(url(), false)) {
                        counts(c, f);
                        rows(c, "PRAGMA user_version", f, "user_version ");
                        rows(c, "PRAGMA journal_mode", f, "journal_mode ");
                        rows(c, "PRAGMA schema_version", f, "schema_version ");
                        rows(c, "SELECT type || ' ' || name, sql FROM sqlite_master", f, "object ");
                    }
                    files(dir, f);
                    f.put("sha256", java.util.HexFormat.of().formatHex(java.security.MessageDigest
                            .getInstance("SHA-256").digest(Files.readAllBytes(db))));
                    return f;
                }

                @Override
                Map<String, Object> session(Connection attacked) throws Exception {
                    Map<String, Object> s = new TreeMap<>();
                    rows(attacked, "PRAGMA query_only", s, "query_only ");
                    rows(attacked, "SELECT name FROM pragma_database_list", s, "database ");
                    s.put("readOnly", attacked.isReadOnly());
                    return s;
                }
            };
        }

        @Test
        void everyAttackIsRefusedOrHarmlessAndReadsRun() throws Exception {
            String out = dir.resolve("made.db").toString();
            List<Attack> attacks = new ArrayList<>(common());
            attacks.addAll(List.of(
                    refused("ATTACH DATABASE '" + out + "' AS made"),
                    refused("attach '" + out + "' as made"),
                    refused("VACUUM INTO '" + out + "'"),
                    refused("VACUUM"),
                    refused("PRAGMA journal_mode = WAL"),
                    refused("PRAGMA user_version = 7"),
                    refused("PRAGMA writable_schema = ON"),
                    refused("pragma query_only = 0"),
                    refused("SELECT load_extension('/tmp/evil') AS id"),
                    refused("SELECT \"load_extension\"('/tmp/evil') AS id"),
                    refused("REINDEX"),
                    refused("ANALYZE"),
                    refused("SELECT 1 AS id ; DROP TABLE blog_comment"),
                    refused("INSERT OR REPLACE INTO blog_tag (id, name) VALUES (1, 'x')"),
                    refused("SELECT 1 AS id, [x] FROM (SELECT 1 AS [x]); DELETE FROM blog_comment"),
                    refused("BEGIN IMMEDIATE"),
                    refused("SAVEPOINT s"),
                    harmless("SELECT 1 AS id FROM pragma_optimize"),
                    harmless("SELECT 1 AS id, writefile('" + out + "', 'x')"),
                    read("SELECT 1 AS id, [delete] FROM (SELECT 1 AS [delete])"),
                    read("SELECT id, date('now') AS d, strftime('%Y', 'now') AS y FROM blog_post"),
                    read("SELECT id, name FROM pragma_table_info('blog_post') JOIN blog_post ON 1 = 0")));
            Target t = target();
            t.attack(attacks);
            assertThat(t.counted).hasSize(attacks.size() * 3);
            assertThat(dir.resolve("made.db")).doesNotExist();
        }

        @Test
        void writesThroughTheQuerySetApiAreRefusedOnEveryRoute() throws Exception {
            writeTerminalsAreRefused(target());
        }
    }

    /**
     * update()/delete()/create()/bulk_create() via eval, and EXPLAIN ANALYZE of their statements, with writes off;
     * RawSQL(), extra() and Func(function=...) are no way in: the text is refused before any SQL exists.
     */
    static void writeTerminalsAreRefused(Target t) throws Exception {
        for (String text : List.of("Post.objects.annotate(x=RawSQL(\"nextval('s')\", []))",
                "Post.objects.extra(select={\"x\": \"pg_advisory_lock(1)\"})",
                "Post.objects.annotate(x=Func(F(\"title\"), function=\"load_extension\"))")) {
            QueryException e = org.assertj.core.api.Assertions.catchThrowableOfType(() ->
                    DjangoParser.parse(text, BLOG), QueryException.class);
            assertThat(e).as(text).isNotNull();
            assertThat(e.kind()).as(text).isIn("NameError", "AttributeError");
        }
        Map<String, Object> before = t.fingerprint();
        try (Connection conn = Connections.open(t.url(), false)) {
            for (String text : List.of("Comment.objects.all().delete()", "Comment.objects.update(body=\"x\")",
                    "Post.objects.filter(pk=1).update(view_count=F(\"view_count\") + 1)",
                    "Tag.objects.create(name=\"x\")",
                    "Tag.objects.bulk_create([Tag(name=\"x\")])")) {
                QuerySet qs = DjangoParser.parse(text, BLOG);
                Evaluation ev = new Engine(BLOG, conn, t.dialect).evaluate(text, qs, false);
                assertThat(ev.errorKind()).as(text).isEqualTo("WritesDisabled");
                assertThat(ev.errorMessage()).as(text).contains("--allow-writes");
                assertThat(ev.statements()).as(text).isEmpty();
                QueryPlan plan = SqlCompiler.planFor(BLOG, qs, t.dialect, Map.of());
                if (t.dialect != Dialect.SQLITE) {
                    for (var w : plan.write()) {
                        QueryException e = org.assertj.core.api.Assertions.catchThrowableOfType(() ->
                                Explain.explain(conn, t.dialect, w.query(), true), QueryException.class);
                        assertThat(e).as("EXPLAIN ANALYZE of " + w.query().sql()).isNotNull();
                        assertThat(e.kind()).isEqualTo("WritesDisabled");
                        assertThat(e.getMessage()).contains("--allow-writes");
                    }
                }
            }
        }
        assertThat(t.fingerprint()).isEqualTo(before);
    }

    // ------------------------------------------------------------------------------------------------ PostgreSQL

    static final String PG_SCHEMA = "qss_attack_ro";

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Postgres {
        Connection admin;
        Path files;

        @BeforeAll
        void load() throws Exception {
            admin = PostgresSupport.connectOrSkip();
            SampleDbLoader.load(SampleDbLoader.Options.defaults(PostgresSupport.url()).withSchema(PG_SCHEMA)
                    .withPosts(50).withForce(true), null);
            files = Files.createTempDirectory("qss-attack-pg");
            files.toFile().setWritable(true, false); // the server writes as its own user
            try (Statement st = admin.createStatement()) {
                st.execute("SET search_path TO " + PG_SCHEMA);
                st.execute("DROP SEQUENCE IF EXISTS attack_seq");
                st.execute("CREATE SEQUENCE attack_seq");
                st.execute("CREATE OR REPLACE FUNCTION attack_write() RETURNS int VOLATILE LANGUAGE plpgsql AS "
                        + "$$BEGIN DELETE FROM blog_comment; RETURN 1; END$$");
                st.execute("CREATE OR REPLACE FUNCTION attack_lock() RETURNS int VOLATILE LANGUAGE sql AS "
                        + "'SELECT 1 FROM (SELECT pg_try_advisory_lock(4711)) x'");
                st.execute("CREATE OR REPLACE FUNCTION attack_setting() RETURNS int VOLATILE LANGUAGE sql AS "
                        + "$$SELECT 1 FROM (SELECT set_config('statement_timeout', '4711', false)) x$$");
                st.execute("CREATE OR REPLACE FUNCTION attack_nextval() RETURNS bigint VOLATILE LANGUAGE sql AS "
                        + "$$SELECT nextval('" + PG_SCHEMA + ".attack_seq')$$");
                st.execute("CREATE OR REPLACE PROCEDURE attack_proc() LANGUAGE sql AS 'DELETE FROM blog_comment'");
                st.execute("DROP MATERIALIZED VIEW IF EXISTS attack_mv");
                st.execute("CREATE MATERIALIZED VIEW attack_mv AS SELECT count(*) AS n FROM blog_comment");
            }
        }

        @AfterAll
        void close() throws Exception {
            if (admin != null) {
                admin.close();
            }
            if (files != null) {
                try (var l = Files.list(files)) {
                    l.forEach(p -> p.toFile().delete());
                }
                Files.deleteIfExists(files);
            }
        }

        Target target() {
            return new Target(Dialect.POSTGRESQL) {
                @Override
                String url() {
                    String u = PostgresSupport.url();
                    return u + (u.contains("?") ? "&" : "?") + "currentSchema=" + PG_SCHEMA;
                }

                @Override
                Map<String, Object> fingerprint() throws Exception {
                    Map<String, Object> f = new TreeMap<>();
                    try (Statement st = admin.createStatement()) {
                        st.execute("SET search_path TO " + PG_SCHEMA);
                    }
                    counts(admin, f);
                    rows(admin, "SELECT last_value || ' ' || is_called FROM attack_seq", f, "attack_seq ");
                    rows(admin, "SELECT n FROM attack_mv", f, "attack_mv ");
                    rows(admin, "SELECT c.relkind::text || ' ' || c.relname FROM pg_class c JOIN pg_namespace n "
                            + "ON n.oid = c.relnamespace WHERE n.nspname = '" + PG_SCHEMA + "' ORDER BY 1", f,
                            "object ");
                    rows(admin, "SELECT count(*) FROM pg_largeobject_metadata", f, "large objects ");
                    rows(admin, "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND objid IN (1, 4711)",
                            f, "advisory locks ");
                    rows(admin, "SELECT count(*) FROM pg_prepared_xacts", f, "prepared xacts ");
                    files(files, f);
                    return f;
                }

                @Override
                Map<String, Object> session(Connection attacked) throws Exception {
                    Map<String, Object> s = new TreeMap<>();
                    for (String setting : List.of("transaction_read_only", "default_transaction_read_only",
                            "statement_timeout", "search_path", "TimeZone", "standard_conforming_strings")) {
                        rows(attacked, "SHOW " + setting, s, setting + " ");
                    }
                    // the driver's own server-side statements are named S_n; a user's PREPARE would have another name
                    rows(attacked, "SELECT count(*) FROM pg_prepared_statements WHERE name NOT LIKE 'S\\_%'", s,
                            "prepared ");
                    rows(attacked, "SELECT count(*) FROM pg_listening_channels()", s, "listening ");
                    rows(attacked, "SELECT count(*) FROM pg_cursors", s, "cursors ");
                    return s;
                }
            };
        }

        @Test
        void everyAttackIsRefusedOrHarmlessAndReadsRun() throws Exception {
            String out = files.resolve("out").toString();
            List<Attack> attacks = new ArrayList<>(common());
            attacks.addAll(List.of(
                    refused("MERGE INTO blog_tag t USING blog_tag s ON t.id = s.id WHEN MATCHED THEN DELETE"),
                    refused("WITH x AS (DELETE FROM blog_comment RETURNING id) SELECT id FROM x"),
                    refused("WITH x AS (UPDATE blog_comment SET body = '' RETURNING id) SELECT id FROM x"),
                    refused("SELECT id INTO made FROM blog_post"),
                    refused("SELECT id INTO TEMP made FROM blog_post"),
                    refused("SELECT id FROM blog_post FOR NO KEY UPDATE"),
                    refused("SELECT id FROM blog_post FOR SHARE"),
                    refused("SELECT id FROM blog_post FOR KEY SHARE"),
                    refused("SELECT nextval('attack_seq') AS id"),
                    refused("SELECT pg_catalog.nextval('attack_seq') AS id"),
                    refused("SELECT NEXTVAL /* x */ ('attack_seq') AS id"),
                    refused("SELECT U&\"nextva\\006C\"('attack_seq') AS id"),
                    refused("SELECT U&\"pg_advisory_lo!0063k\" UESCAPE '!' (4711) AS id"),
                    refused("SELECT setval('attack_seq', 99) AS id"),
                    refused("SELECT 1 AS id, set_config('default_transaction_read_only', 'off', false)"),
                    refused("SELECT 1 AS id, set_config('statement_timeout', '1', false)"),
                    refused("SELECT pg_advisory_lock(4711) AS id"),
                    refused("SELECT pg_try_advisory_lock_shared(4711)::int AS id"),
                    refused("SELECT pg_advisory_xact_lock(4711) AS id"),
                    refused("SELECT 1 AS id FROM pg_stat_activity WHERE pg_terminate_backend(pid) AND false"),
                    refused("SELECT 1 AS id, pg_cancel_backend(0)"),
                    refused("SELECT lo_import('/etc/hostname') AS id"),
                    refused("SELECT lo_unlink(0) AS id"),
                    refused("SELECT lo_export(0, '" + out + "') AS id"),
                    refused("SELECT lo_from_bytea(0, 'x') AS id"),
                    refused("SELECT 1 AS id FROM dblink('dbname=test', 'DELETE FROM blog_comment') AS t(x int)"),
                    refused("SELECT txid_current() AS id"),
                    refused("SELECT pg_current_xact_id()::text::int AS id"),
                    refused("SELECT 1 AS id, pg_notify('qss', 'x')"),
                    refused("SELECT 1 AS id, query_to_xml('DELETE FROM blog_comment', true, false, '')"),
                    refused("SELECT 1 AS id, pg_logical_emit_message(false, 'qss', 'x')"),
                    refused("SELECT 1 AS id, pg_wal_replay_pause()"),
                    refused("SELECT 1 AS id FROM pg_logical_slot_get_changes('qss', NULL, NULL)"),
                    refused("COPY blog_comment TO '" + out + "'"),
                    refused("COPY blog_comment FROM '/etc/hostname'"),
                    refused("COPY blog_comment TO PROGRAM 'touch " + out + "'"),
                    refused("COPY (SELECT 1) TO STDOUT"),
                    refused("LISTEN qss"),
                    refused("NOTIFY qss"),
                    refused("UNLISTEN *"),
                    refused("SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE"),
                    refused("SET default_transaction_read_only = off"),
                    refused("SET transaction_read_only = off"),
                    refused("BEGIN READ WRITE"),
                    refused("START TRANSACTION READ WRITE"),
                    refused("COMMIT; DELETE FROM blog_comment"),
                    refused("COMMIT"),
                    refused("ROLLBACK; DELETE FROM blog_comment"),
                    refused("END; BEGIN; DELETE FROM blog_comment; COMMIT"),
                    refused("RESET ALL"),
                    refused("DISCARD ALL"),
                    refused("PREPARE attack AS DELETE FROM blog_comment"),
                    refused("EXECUTE attack"),
                    refused("DEALLOCATE ALL"),
                    refused("DO $$BEGIN DELETE FROM blog_comment; END$$"),
                    refused("DO $x$BEGIN PERFORM pg_advisory_lock(1); END$x$"),
                    refused("CALL attack_proc()"),
                    refused("REFRESH MATERIALIZED VIEW attack_mv"),
                    refused("VACUUM blog_comment"),
                    refused("ANALYZE blog_comment"),
                    refused("CLUSTER blog_comment"),
                    refused("CHECKPOINT"),
                    refused("EXPLAIN ANALYZE DELETE FROM blog_comment"),
                    refused("DECLARE c CURSOR WITH HOLD FOR SELECT 1"),
                    refused("LOCK TABLE blog_comment"),
                    refused("TRUNCATE blog_comment"),
                    refused("GRANT ALL ON blog_comment TO PUBLIC"),
                    refused("SELECT 1 AS id, $$;$$ AS x; DELETE FROM blog_comment"),
                    refused("SELECT 1 AS id, E'\\\\'; DELETE FROM blog_comment"),
                    refused("SELECT 'a\\' AS id; DELETE FROM blog_comment; --'"),
                    refused("SELECT 1 AS id /* /* nested */ ; */ ; DELETE FROM blog_comment"),
                    writeRefused("SELECT attack_write() AS id"),
                    writeRefused("SELECT * FROM attack_write() AS id"),
                    writeRefused("SELECT attack_nextval() AS id"),
                    harmless("SELECT attack_lock() AS id"),
                    harmless("SELECT attack_setting() AS id"),
                    harmless("SELECT 1 AS id, pg_sleep(0.01)"),
                    harmless("SELECT 1 AS id, pg_read_file('/etc/hostname')"),
                    read("SELECT id, $$;DELETE FROM blog_comment$$ AS x FROM blog_post ORDER BY id"),
                    read("SELECT id, E'\\\\' AS x FROM blog_post WHERE title <> E'\\'; DELETE' ORDER BY id"),
                    read("SELECT id FROM blog_post /* /* ; */ DELETE */ ORDER BY id"),
                    read("SELECT id, now() AS t, current_setting('transaction_read_only') AS ro FROM blog_post"),
                    read("SELECT id, \"title\" AS \"delete\" FROM blog_post"),
                    read("SELECT id, to_char(published_at, 'YYYY') AS y, date_trunc('day', published_at) AS d "
                            + "FROM blog_post"),
                    read("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3) "
                            + "SELECT i AS id FROM n"),
                    read("TABLE blog_post"),
                    read("  ( SELECT id, lower(title) AS low FROM blog_post ORDER BY id )"),
                    read("SELECT 1 AS id;"),
                    read("SELECT 1 AS id; -- trailing comment")));
            Target t = target();
            t.attack(attacks);
            assertThat(t.counted).hasSize(attacks.size() * 3);
        }

        @Test
        void writesThroughTheQuerySetApiAreRefusedOnEveryRoute() throws Exception {
            writeTerminalsAreRefused(target());
        }

        @Test
        void aUrlThatLetsOneTextRunSeveralStatementsIsRefusedWhenReadOnly() {
            String url = target().url() + "&preferQueryMode=simple";
            QueryException e = org.assertj.core.api.Assertions.catchThrowableOfType(() ->
                    Connections.open(url, false).close(), QueryException.class);
            assertThat(e).isNotNull();
            assertThat(e.getMessage()).contains("preferQueryMode=simple").contains("--allow-writes");
        }

        @Test
        void aLockAHiddenFunctionTakesInsideTheCallersTransactionIsReleased() throws Exception {
            try (Connection conn = Connections.open(target().url(), false)) {
                conn.setAutoCommit(false);
                Evaluation ev = new Engine(BLOG, conn, Dialect.POSTGRESQL).evaluate("raw",
                        Target.raw("SELECT attack_lock() AS id"), false);
                assertThat(ev.errorKind()).as(String.valueOf(ev.errorMessage())).isNull();
                Map<String, Object> locks = new TreeMap<>();
                Target.rows(admin, "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND objid = 4711",
                        locks, "");
                assertThat(locks).containsValue("0");
                assertThat(conn.getAutoCommit()).isFalse(); // the caller's transaction stays the caller's
                conn.rollback();
            }
        }

        @Test
        void aQueryThatOverrunsTheTimeLimitIsCancelledAndTheSessionStaysUsable() throws Exception {
            try (Connection conn = Connections.open(target().url(), false)) {
                QueryPlan plan = SqlCompiler.plan(BLOG, Target.raw("SELECT 1 AS id, pg_sleep(30)"),
                        Dialect.POSTGRESQL);
                Executor ex = new Executor(conn, Dialect.POSTGRESQL, new QueryLog())
                        .withTimeLimit(java.time.Duration.ofMillis(300));
                long start = System.nanoTime();
                QueryException e = org.assertj.core.api.Assertions.catchThrowableOfType(() ->
                        ex.execute(plan, Executor.WriteMode.DENY), QueryException.class);
                assertThat(e.kind()).isEqualTo("TimedOut");
                assertThat(System.nanoTime() - start).isLessThan(10_000_000_000L);
                assertThat(conn.getAutoCommit()).isTrue();
                Map<String, Object> s = new TreeMap<>();
                Target.rows(conn, "SHOW transaction_read_only", s, "");
                assertThat(s).containsValue("on");
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ MariaDB

    static final String MARIADB_DATABASE = "qss_attack_ro";

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class MariaDb {
        Connection admin;
        Path files;

        @BeforeAll
        void load() throws Exception {
            admin = MariaDbSupport.connectOrSkip();
            try (Statement st = admin.createStatement()) {
                st.execute("CREATE DATABASE IF NOT EXISTS " + MARIADB_DATABASE);
            }
            SampleDbLoader.load(SampleDbLoader.Options.defaults(MariaDbSupport.url(MARIADB_DATABASE)).withPosts(50)
                    .withForce(true), null);
            files = Files.createTempDirectory("qss-attack-mariadb");
            files.toFile().setWritable(true, false); // the server writes as its own user
            try (Statement st = admin.createStatement()) {
                st.execute("USE " + MARIADB_DATABASE);
                st.execute("DROP SEQUENCE IF EXISTS attack_seq");
                st.execute("CREATE SEQUENCE attack_seq");
                for (String f : List.of("attack_write", "attack_lock", "attack_rw", "attack_nextval")) {
                    st.execute("DROP FUNCTION IF EXISTS " + f);
                }
                st.execute("DROP PROCEDURE IF EXISTS attack_proc");
                st.execute("CREATE FUNCTION attack_write() RETURNS INT MODIFIES SQL DATA BEGIN "
                        + "DELETE FROM blog_comment; RETURN 1; END");
                st.execute("CREATE FUNCTION attack_lock() RETURNS INT NO SQL RETURN GET_LOCK('qss_attack', 0)");
                st.execute("CREATE FUNCTION attack_rw() RETURNS INT NO SQL BEGIN SET @@session.tx_read_only = 0; "
                        + "RETURN 1; END");
                st.execute("CREATE FUNCTION attack_nextval() RETURNS BIGINT MODIFIES SQL DATA "
                        + "RETURN NEXTVAL(attack_seq)");
                st.execute("CREATE PROCEDURE attack_proc() MODIFIES SQL DATA DELETE FROM blog_comment");
            }
        }

        @AfterAll
        void close() throws Exception {
            if (admin != null) {
                admin.close();
            }
            if (files != null) {
                try (var l = Files.list(files)) {
                    l.forEach(p -> p.toFile().delete());
                }
                Files.deleteIfExists(files);
            }
        }

        Target target() {
            return new Target(Dialect.MARIADB) {
                @Override
                String url() {
                    return MariaDbSupport.url(MARIADB_DATABASE);
                }

                @Override
                Map<String, Object> fingerprint() throws Exception {
                    Map<String, Object> f = new TreeMap<>();
                    counts(admin, f);
                    rows(admin, "SELECT next_not_cached_value FROM attack_seq", f, "attack_seq ");
                    rows(admin, "SELECT concat(table_type, ' ', table_name) FROM information_schema.tables "
                            + "WHERE table_schema = '" + MARIADB_DATABASE + "' ORDER BY 1", f, "object ");
                    rows(admin, "SELECT concat(routine_type, ' ', routine_name), routine_definition FROM "
                            + "information_schema.routines WHERE routine_schema = '" + MARIADB_DATABASE + "'", f,
                            "routine ");
                    rows(admin, "SELECT coalesce(IS_USED_LOCK('qss_attack'), 0) <> 0, IS_USED_LOCK('x') IS NOT NULL",
                            f, "named locks ");
                    files(files, f);
                    return f;
                }

                @Override
                Map<String, Object> session(Connection attacked) throws Exception {
                    Map<String, Object> s = new TreeMap<>();
                    rows(attacked, "SELECT 'tx_read_only', @@session.tx_read_only", s, "");
                    rows(attacked, "SELECT 'sql_mode', @@session.sql_mode", s, "");
                    rows(attacked, "SELECT 'time_zone', @@session.time_zone", s, "");
                    rows(attacked, "SELECT 'autocommit', @@session.autocommit", s, "");
                    return s;
                }
            };
        }

        @Test
        void everyAttackIsRefusedOrHarmlessAndReadsRun() throws Exception {
            String out = files.resolve("out").toString();
            List<Attack> attacks = new ArrayList<>(common());
            attacks.addAll(List.of(
                    refused("SELECT 1 AS id INTO OUTFILE '" + out + "'"),
                    refused("SELECT 1 AS id INTO DUMPFILE '" + out + "'"),
                    refused("SELECT 1 AS id FROM blog_post INTO OUTFILE '" + out + "'"),
                    refused("SELECT 1 AS id INTO @v"),
                    refused("SELECT GET_LOCK('qss_attack', 0) AS id"),
                    refused("SELECT `get_lock`('qss_attack', 0) AS id"),
                    refused("SELECT 1 AS id, RELEASE_ALL_LOCKS()"),
                    refused("SELECT NEXTVAL(attack_seq) AS id"),
                    refused("SELECT SETVAL(attack_seq, 99) AS id"),
                    refused("SELECT 1 AS id, SLEEP(5)"),
                    refused("SELECT 1 AS id, BENCHMARK(100000000, md5('x'))"),
                    refused("SELECT LOAD_FILE('/etc/hostname') AS id"),
                    refused("SELECT sys_exec('touch " + out + "') AS id"),
                    refused("SET @@session.tx_read_only = 0"),
                    refused("SET SESSION TRANSACTION READ WRITE"),
                    refused("SET TRANSACTION READ WRITE"),
                    refused("SET STATEMENT tx_read_only = 0 FOR DELETE FROM blog_comment"),
                    refused("CALL attack_proc()"),
                    refused("DO GET_LOCK('qss_attack', 0)"),
                    refused("DO 1"),
                    refused("LOAD DATA INFILE '/etc/hostname' INTO TABLE blog_tag"),
                    refused("LOAD DATA LOCAL INFILE '/etc/hostname' INTO TABLE blog_tag"),
                    refused("HANDLER blog_tag OPEN"),
                    refused("LOCK TABLES blog_tag WRITE"),
                    refused("SELECT id FROM blog_post LOCK IN SHARE MODE"),
                    refused("CREATE TEMPORARY TABLE made (id int)"),
                    refused("FLUSH TABLES"),
                    refused("KILL 1"),
                    refused("KILL QUERY 1"),
                    refused("XA START 'x'"),
                    refused("INSTALL SONAME 'x'"),
                    refused("SELECT 1 AS id /*! ; DELETE FROM blog_comment */"),
                    refused("SELECT 1 AS id /*!50000 , GET_LOCK('qss_attack', 0) */"),
                    refused("SELECT 1 AS id /*M! , GET_LOCK('qss_attack', 0) */"),
                    refused("/*!DELETE FROM blog_comment*/"),
                    refused("SELECT 1 AS id --; DELETE FROM blog_comment"),
                    refused("SELECT 1 AS id, '\\'; DELETE FROM blog_comment; -- ' AS x"),
                    refused("SELECT 1 AS id, '\\' INTO OUTFILE '" + out + "' -- ' AS x"),
                    refused("SELECT 1 AS id, \"\\\"; DELETE FROM blog_comment; -- \" AS x"),
                    refused("SELECT 1 AS id, '\\', GET_LOCK('qss_attack', 0) AS l, '' AS x"),
                    refused("SELECT 1 AS id; DELETE FROM blog_comment # ;"),
                    refused("WITH x AS (SELECT 1 AS id) SELECT id FROM x INTO OUTFILE '" + out + "'"),
                    writeRefused("SELECT attack_write() AS id"),
                    writeRefused("SELECT attack_nextval() AS id"),
                    writeRefused("SELECT NEXT VALUE FOR attack_seq AS id"),
                    harmless("SELECT attack_lock() AS id"),
                    harmless("SELECT attack_rw() AS id"),
                    harmless("SELECT attack_rw() + attack_write() AS id"),
                    harmless("SELECT @v := 1 AS id"),
                    read("SELECT id FROM blog_post # ; DELETE FROM blog_comment\nORDER BY id"),
                    read("SELECT id, \"a;DELETE\" AS x FROM blog_post ORDER BY id"),
                    read("SELECT id, `title` AS `delete` FROM blog_post"),
                    read("SELECT id, PREVIOUS VALUE FOR attack_seq AS p FROM blog_post"),
                    read("SELECT id, now() AS t, date_format(published_at, '%Y') AS y FROM blog_post"),
                    read("SELECT id FROM blog_post WHERE title LIKE '%a%' ORDER BY id"),
                    read("  ( SELECT id, lower(title) AS low FROM blog_post ORDER BY id )")));
            Target t = target();
            t.attack(attacks);
            assertThat(t.counted).hasSize(attacks.size() * 3);
        }

        @Test
        void writesThroughTheQuerySetApiAreRefusedOnEveryRoute() throws Exception {
            writeTerminalsAreRefused(target());
        }

        @Test
        void aUrlThatLetsOneTextRunSeveralStatementsIsRefusedWhenReadOnly() {
            String url = target().url() + (target().url().contains("?") ? "&" : "?") + "allowMultiQueries=true";
            QueryException e = org.assertj.core.api.Assertions.catchThrowableOfType(() ->
                    Connections.open(url, false).close(), QueryException.class);
            assertThat(e).isNotNull();
            assertThat(e.getMessage()).contains("allowMultiQueries=true").contains("--allow-writes");
        }
    }
}
