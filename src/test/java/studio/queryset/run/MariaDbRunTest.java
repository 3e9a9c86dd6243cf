package studio.queryset.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import studio.queryset.django.DjangoParser;
import studio.queryset.query.QueryException;
import studio.queryset.schema.JdbcIntrospector;
import studio.queryset.schema.Model;
import studio.queryset.schema.Schema;
import studio.queryset.schema.ValueType;
import studio.queryset.sql.CompiledQuery;
import studio.queryset.sql.Dialect;
import studio.queryset.sql.OutColumn;
import studio.queryset.sql.QueryPlan;
import studio.queryset.sql.RowShape;
import studio.queryset.sql.SelectPlan;
import studio.queryset.sql.SqlCompiler;

/**
 * Running on MariaDB, on the sample blog in a database of its own: the write guard (MariaDB's comments,
 * executable comments, backslash escapes, functions with lasting effects) and the read-only session behind it,
 * EXPLAIN FORMAT=JSON and ANALYZE rolled back, cancel (Connector/J sends KILL QUERY) and time limits,
 * introspection from information_schema, and the server's errors reported as Django reports them.
 */
class MariaDbRunTest {
    private static Schema blog;
    private static String url;

    @BeforeAll
    static void load() throws Exception {
        blog = SampleBlog.schema();
        url = SampleBlog.mariadbUrl();
    }

    private static Evaluation eval(Connection conn, String text, boolean writes) {
        return new Engine(blog, conn, Dialect.MARIADB).evaluate(text, DjangoParser.parse(text, blog), writes);
    }

    private static Evaluation raw(Connection conn, String sql) {
        return eval(conn, "Post.objects.raw(\"" + sql.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n")
                + "\")", false);
    }

    private static long scalar(Connection conn, String sql) throws SQLException {
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void rawAttacksAreRefusedBeforeAnythingRunsAndTheDataStays() throws SQLException {
        String[][] attacks = {
            {"SELECT id FROM blog_post WHERE id = 1 /*! ; DELETE FROM blog_post */", "ProgrammingError"},
            {"SELECT id FROM blog_post /*M!100000 WHERE id IN (SELECT id FROM blog_post FOR UPDATE) */",
                "WritesDisabled"},
            {"SELECT id FROM blog_post WHERE title = 'it\\'s; DELETE FROM blog_post' OR 1 = 1; DELETE FROM blog_post",
                "ProgrammingError"},
            {"SELECT id FROM blog_post WHERE id = 1 --x\n; DELETE FROM blog_post", "ProgrammingError"},
            {"SELECT id FROM blog_post FOR UPDATE", "WritesDisabled"},
            {"SELECT id FROM blog_post LOCK IN SHARE MODE", "WritesDisabled"},
            {"SELECT id FROM blog_post INTO OUTFILE '/tmp/qss_mariadb_out'", "WritesDisabled"},
            {"SELECT GET_LOCK('qss', 1) AS id", "WritesDisabled"},
            {"SELECT LOAD_FILE('/etc/hostname') AS id", "WritesDisabled"},
            {"DELETE FROM blog_post", "WritesDisabled"},
            {"SET SESSION TRANSACTION READ WRITE", "WritesDisabled"},
        };
        try (Connection conn = Connections.open(url, false)) {
            for (String[] attack : attacks) {
                Evaluation ev = raw(conn, attack[0]);
                assertThat(ev.errorKind()).as(attack[0] + ": " + ev.errorMessage()).isEqualTo(attack[1]);
                assertThat(ev.statements()).as("nothing ran: " + attack[0]).isEmpty();
            }
            // a backslash before a quote ends the string or not by the session's sql_mode (NO_BACKSLASH_ESCAPES):
            // such a text is refused, since a session may read a second statement in it
            Evaluation ambiguous = raw(conn, "SELECT id FROM blog_post WHERE title <> 'a\\'; DROP'");
            assertThat(ambiguous.errorKind()).isEqualTo("ProgrammingError");
            assertThat(ambiguous.errorMessage()).contains("NO_BACKSLASH_ESCAPES");
            // what the guard lets through as comments and strings is what MariaDB takes for them
            Evaluation ok = raw(conn, "SELECT id, title FROM blog_post WHERE title <> 'a''; DROP' # ; DELETE\n"
                    + "AND id < 4 -- ; DELETE\nORDER BY id");
            assertThat(ok.errorKind()).as(String.valueOf(ok.errorMessage())).isNull();
            assertThat((List<?>) ok.result()).hasSize(3);
            assertThat(conn.getAutoCommit()).isTrue();
        }
        try (Connection check = java.sql.DriverManager.getConnection(url)) {
            assertThat(scalar(check, "SELECT COUNT(*) FROM blog_post")).isEqualTo(5000);
            assertThat(scalar(check, "SELECT IS_FREE_LOCK('qss')")).isEqualTo(1);
        }
        assertThat(java.nio.file.Path.of("/tmp/qss_mariadb_out")).doesNotExist();
    }

    @Test
    void aReadOnlyConnectionRefusesWritesOnTheServerToo() throws SQLException {
        try (Connection conn = Connections.open(url, false)) {
            // the second wall alone: SQL that never went through the guard
            try (Statement st = conn.createStatement()) {
                assertThatThrownBy(() -> st.executeUpdate("UPDATE blog_post SET view_count = 0 WHERE id = 1"))
                        .isInstanceOf(SQLException.class).hasMessageContaining("READ ONLY");
            }
            Evaluation update = eval(conn, "Post.objects.filter(id=1).update(view_count=0)", false);
            assertThat(update.errorKind()).isEqualTo("WritesDisabled");
            assertThat(ReadOnlyTransaction.run(conn, Dialect.MARIADB, () -> scalar(conn,
                    "SELECT COUNT(*) FROM blog_post"))).isEqualTo(5000);
            assertThat(conn.getAutoCommit()).isTrue();
        }
    }

    @Test
    void writesRunWhenAllowedAndCountRowsMatched() throws SQLException {
        try (Connection conn = Connections.open(url, true)) {
            long before = scalar(conn, "SELECT view_count FROM blog_post WHERE id = 3");
            // rows matched, not rows changed (Django asks MySQLdb for FOUND_ROWS): setting the same value counts
            Evaluation same = eval(conn, "Post.objects.filter(id=3).update(view_count=" + before + ")", true);
            assertThat(same.result()).isEqualTo(1L);
            // UPDATE through a join: Django's WHERE id IN (SELECT ...), which MariaDB runs on the same table
            Evaluation joined = eval(conn, "Post.objects.filter(author__posts__id=3, id=3).update(view_count=F("
                    + "\"view_count\") + 0)", true);
            assertThat(joined.errorKind()).as(String.valueOf(joined.errorMessage())).isNull();
            assertThat(joined.statements().get(0).sql()).contains("WHERE `blog_post`.`id` IN (SELECT");
            assertThat(scalar(conn, "SELECT view_count FROM blog_post WHERE id = 3")).isEqualTo(before);
        }
    }

    @Test
    void inSubqueryWithLimitIsTheServersNotSupportedError() throws SQLException {
        try (Connection conn = Connections.open(url, false)) {
            Evaluation ev = eval(conn, "Post.objects.filter(id__in=Post.objects.order_by(\"id\")[:3]).count()", false);
            assertThat(ev.errorKind()).isEqualTo("NotSupportedError");
            assertThat(ev.errorMessage()).contains("LIMIT & IN/ALL/ANY/SOME subquery").doesNotContain("conn=");
            // = (SELECT ... LIMIT 1) and EXISTS are fine
            Evaluation one = eval(conn, "Post.objects.filter(id=Subquery(Post.objects.order_by(\"id\")"
                    + ".values(\"id\")[:1])).count()", false);
            assertThat(one.result()).isEqualTo(1L);
            Evaluation inter = eval(conn, "Post.objects.values_list(\"id\", flat=True).intersection("
                    + "Post.objects.values_list(\"id\", flat=True))", false);
            assertThat(inter.errorKind()).isEqualTo("NotSupportedError");
            assertThat(inter.statements()).isEmpty();
        }
    }

    @Test
    void valuesComeBackAsDjangoConvertsThem() throws SQLException {
        try (Connection conn = Connections.open(url, false)) {
            Evaluation ev = eval(conn, "Post.objects.annotate(c=Exists(Comment.objects.filter(post=OuterRef(\"pk\"))),"
                    + " h=ExpressionWrapper(F(\"view_count\") / 2, output_field=FloatField()))"
                    + ".values(\"c\", \"h\", \"view_count\").order_by(\"id\")[:40]", false);
            assertThat(ev.errorKind()).as(String.valueOf(ev.errorMessage())).isNull();
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> rows = (List<Map<String, Object>>) ev.result();
            assertThat(rows).hasSize(40);
            // EXISTS comes back as 0/1 and is converted by the output field
            assertThat(rows).allSatisfy(r -> assertThat(r.get("c")).isInstanceOf(Boolean.class));
            // MySQL's / on integers is decimal division (SQLite and PostgreSQL truncate): nothing is lost
            assertThat(rows).allSatisfy(r -> assertThat(((Number) r.get("h")).doubleValue() * 2)
                    .isEqualTo(((Number) r.get("view_count")).doubleValue()));
            assertThat(rows).anySatisfy(r -> assertThat(((Number) r.get("view_count")).longValue() % 2).isOne());
        }
    }

    @Test
    void explainIsATreeAndAnalyzeOfAWriteIsRolledBack() throws Exception {
        try (Connection conn = Connections.open(url, true)) {
            CompiledQuery q = SqlCompiler.compile(blog, DjangoParser.parse(
                    "Post.objects.filter(author__name__startswith=\"A\").order_by(\"-published_at\")", blog),
                    Dialect.MARIADB);
            List<String> plan = Explain.explain(conn, Dialect.MARIADB, q, false);
            assertThat(plan.get(0)).isEqualTo("QUERY PLAN");
            assertThat(String.join("\n", plan)).contains("query_block", "table_name: blog_post",
                    "table_name: blog_author");
            CompiledQuery update = SqlCompiler.plan(blog, DjangoParser.parse(
                    "Post.objects.filter(pk=11).update(view_count=F(\"view_count\") + 1000)", blog), Dialect.MARIADB)
                    .write().get(0).query();
            long before = scalar(conn, "SELECT view_count FROM blog_post WHERE id = 11");
            List<String> analyzed = Explain.explain(conn, Dialect.MARIADB, update, true);
            assertThat(String.join("\n", analyzed)).contains("r_total_time_ms");
            assertThat(scalar(conn, "SELECT view_count FROM blog_post WHERE id = 11")).isEqualTo(before);
            assertThat(conn.getAutoCommit()).isTrue();
        }
    }

    private static QueryPlan count(String sql) {
        SelectPlan select = new SelectPlan(new CompiledQuery(sql, List.of()), "T",
                List.of(new OutColumn(List.of(), "n", ValueType.INTEGER, false)), RowShape.FLAT, List.of(), false, 0);
        return new QueryPlan(QueryPlan.Kind.COUNT, select, List.of(), "T");
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void timeLimitAndCancelStopTheServerQuery() throws Exception {
        try (Connection conn = Connections.open(url, false)) {
            Executor limited = new Executor(conn, Dialect.MARIADB, new QueryLog())
                    .withTimeLimit(java.time.Duration.ofMillis(400));
            long start = System.nanoTime();
            assertThatThrownBy(() -> limited.execute(count("SELECT SLEEP(20)"), Executor.WriteMode.DENY))
                    .isInstanceOf(QueryException.class).extracting(e -> ((QueryException) e).kind())
                    .isEqualTo("TimedOut");
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(5000);

            Executor executor = new Executor(conn, Dialect.MARIADB, new QueryLog());
            CompletableFuture<Object> run = CompletableFuture.supplyAsync(() -> executor.execute(
                    count("SELECT SLEEP(20)"), Executor.WriteMode.DENY));
            Thread.sleep(300);
            executor.cancel();
            try {
                run.get(5, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                assertThat(((QueryException) e.getCause()).kind()).isEqualTo("Cancelled");
            }
            assertThat(executor.execute(count("SELECT 1"), Executor.WriteMode.DENY)).isEqualTo(1L);
            // KILL QUERY left no statement of ours running on the server
            assertThat(scalar(conn, "SELECT COUNT(*) FROM information_schema.processlist WHERE info LIKE "
                    + "'SELECT SLEEP(20)%'")).isZero();
        }
    }

    @Test
    void aMysqlUrlOpensTheSameDialect() throws SQLException {
        String mysql = url.replace("jdbc:mariadb:", "jdbc:mysql:");
        assertThat(Dialect.fromJdbcUrl(mysql)).isEqualTo(Dialect.MARIADB);
        try (Connection conn = Connections.open(mysql, false)) {
            assertThat(Connections.dialectOf(conn)).isEqualTo(Dialect.MARIADB);
            assertThat(eval(conn, "Tag.objects.count()", false).result()).isEqualTo(50L);
        }
    }

    @Test
    void introspectionReadsTheTablesOfThisDatabaseOnly() throws SQLException {
        try (Connection conn = Connections.open(url, false)) {
            Schema s = JdbcIntrospector.introspect(conn, null);
            assertThat(s.models().stream().map(Model::table)).contains("blog_post", "blog_author", "blog_comment")
                    .doesNotContain("blog_post_tags");
            Model post = s.models().stream().filter(m -> m.table().equals("blog_post")).findFirst().orElseThrow();
            assertThat(post.field("published_at").orElseThrow().valueType()).isEqualTo(ValueType.DATETIME);
            assertThat(post.field("author").orElseThrow().isRelation()).isTrue();
            Evaluation ev = new Engine(s, conn, Dialect.MARIADB).evaluate("Post.objects.count()",
                    DjangoParser.parse("Post.objects.count()", s), false);
            assertThat(ev.result()).isEqualTo(5000L);
        }
    }
}
