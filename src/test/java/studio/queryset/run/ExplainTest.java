package studio.queryset.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.queryset.django.DjangoParser;
import studio.queryset.query.QueryException;
import studio.queryset.schema.Schema;
import studio.queryset.sql.CompiledQuery;
import studio.queryset.sql.Dialect;
import studio.queryset.sql.QueryPlan;
import studio.queryset.sql.SqlCompiler;

/** EXPLAIN on both databases; ANALYZE runs only when asked, and a write explained with it changes nothing. */
class ExplainTest {
    @TempDir
    static Path dir;
    private static String sqliteUrl;
    private static Schema schema;

    @BeforeAll
    static void setUp() throws Exception {
        schema = SampleBlog.schema();
        sqliteUrl = SampleBlog.sqliteCopy(dir);
    }

    private static CompiledQuery main(String text, Dialect dialect) {
        return SqlCompiler.compile(schema, DjangoParser.parse(text, schema), dialect);
    }

    private static long viewCount(Connection c, long pk) throws Exception {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT view_count FROM blog_post WHERE id = " + pk)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void sqliteQueryPlanIsDrawnAsATree() {
        try (Connection c = Connections.open(sqliteUrl, false)) {
            List<String> lines = Explain.explain(c, Dialect.SQLITE,
                    main("Post.objects.exclude(tags__name=\"django\").order_by(\"title\")", Dialect.SQLITE), false);
            assertThat(lines.get(0)).isEqualTo("QUERY PLAN");
            assertThat(lines).anyMatch(l -> l.matches("\\|--SCAN blog_post.*"))
                    // exclude() across tags is Django 3.2's correlated NOT EXISTS subquery
                    .anyMatch(l -> l.matches("\\|--CORRELATED SCALAR SUBQUERY.*"))
                    // the subquery's steps hang under it, one level in, as the sqlite3 shell draws them
                    .anyMatch(l -> l.matches("\\|  [|`]--SEARCH U[12] .*"))
                    .anyMatch(l -> l.matches("`--USE TEMP B-TREE FOR ORDER BY"));
            assertThat(String.join("\n", lines)).contains("blog_post_tags");
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void sqliteHasNoAnalyzeAndNeverRunsTheStatement() throws Exception {
        try (Connection c = Connections.open(sqliteUrl, true)) {
            long before = viewCount(c, 3);
            QueryPlan update = SqlCompiler.plan(schema, DjangoParser.parse(
                    "Post.objects.filter(pk=Param(\"pk\")).update(view_count=F(\"view_count\") + 1)", schema),
                    Dialect.SQLITE);
            List<String> lines = Explain.explain(c, Dialect.SQLITE, update.write().get(0).query(), true,
                    Map.of("pk", 3L));
            assertThat(lines).contains("`--SEARCH blog_post USING INTEGER PRIMARY KEY (rowid=?)");
            assertThat(lines.get(lines.size() - 1)).contains("no EXPLAIN ANALYZE");
            assertThat(viewCount(c, 3)).isEqualTo(before);
        }
    }

    @Test
    void postgresExplainAndAnalyze() throws Exception {
        try (Connection c = Connections.open(SampleBlog.postgresUrl(), false)) {
            CompiledQuery q = main("Post.objects.filter(author__name__startswith=\"A\").order_by(\"-published_at\")",
                    Dialect.POSTGRESQL);
            List<String> plain = Explain.explain(c, Dialect.POSTGRESQL, q, false);
            assertThat(String.join("\n", plain)).contains("on blog_post", "on blog_author").doesNotContain(
                    "actual time", "Execution Time");

            List<String> analyzed = Explain.explain(c, Dialect.POSTGRESQL, q, true);
            assertThat(String.join("\n", analyzed)).contains("on blog_post", "actual time", "Execution Time");
            assertThat(c.getAutoCommit()).isTrue();

            // named parameters are bound as for execution
            CompiledQuery param = main("Post.objects.filter(pk=Param(\"pk\"))", Dialect.POSTGRESQL);
            assertThat(String.join("\n", Explain.explain(c, Dialect.POSTGRESQL, param, false, Map.of("pk", 7L))))
                    .contains("blog_post_pkey");
        }
    }

    @Test
    void postgresAnalyzeOfAWriteIsRolledBack() throws Exception {
        try (Connection c = Connections.open(SampleBlog.postgresUrl(), true)) {
            CompiledQuery update = SqlCompiler.plan(schema, DjangoParser.parse(
                    "Post.objects.filter(pk=11).update(view_count=F(\"view_count\") + 1000)", schema),
                    Dialect.POSTGRESQL).write().get(0).query();
            long before = viewCount(c, 11);
            List<String> lines = Explain.explain(c, Dialect.POSTGRESQL, update, true);
            assertThat(String.join("\n", lines)).contains("Update on blog_post", "actual time");
            assertThat(viewCount(c, 11)).isEqualTo(before);
            assertThat(c.getAutoCommit()).isTrue();

            // inside the caller's transaction only the EXPLAIN is undone (a savepoint), not the caller's work
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.executeUpdate("UPDATE blog_post SET view_count = view_count + 1 WHERE id = 11");
            }
            Explain.explain(c, Dialect.POSTGRESQL, update, true);
            assertThat(viewCount(c, 11)).isEqualTo(before + 1);
            c.rollback();
            c.setAutoCommit(true);
            assertThat(viewCount(c, 11)).isEqualTo(before);
        }
        // a read-only connection refuses to execute the write at all
        try (Connection ro = Connections.open(SampleBlog.postgresUrl(), false)) {
            CompiledQuery update = SqlCompiler.plan(schema, DjangoParser.parse(
                    "Post.objects.filter(pk=11).update(view_count=0)", schema), Dialect.POSTGRESQL)
                    .write().get(0).query();
            assertThat(Explain.explain(ro, Dialect.POSTGRESQL, update, false)).isNotEmpty(); // plain EXPLAIN is fine
            assertThatThrownBy(() -> Explain.explain(ro, Dialect.POSTGRESQL, update, true))
                    .isInstanceOf(QueryException.class).hasMessageContaining("read-only");
        }
    }

    @Test
    void prefetchTemplatesNeedTheirKeys() throws Exception {
        QueryPlan plan = SqlCompiler.plan(schema, DjangoParser.parse("Post.objects.prefetch_related(\"tags\")",
                schema), Dialect.SQLITE);
        try (Connection c = Connections.open(sqliteUrl, false)) {
            assertThatThrownBy(() -> Explain.explain(c, Dialect.SQLITE, plan.statements().get(1), false))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("keys");
        }
    }
}
