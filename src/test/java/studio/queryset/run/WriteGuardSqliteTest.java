package studio.queryset.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.queryset.django.DjangoParser;
import studio.queryset.query.QuerySet;
import studio.queryset.schema.ModelsPyImporter;
import studio.queryset.schema.Schema;
import studio.queryset.sql.Dialect;
import studio.queryset.sql.SqlCompiler;

/**
 * Every route by which raw() SQL reaches SQLite with writes off (run, stream, explain) refuses what would write
 * data or files, before it runs; the database file, its pragmas and the folder are checked afterwards.
 */
class WriteGuardSqliteTest {
    private static final Schema BLOG = blog();

    static Schema blog() {
        try {
            return ModelsPyImporter.importFile(Path.of("sample-db/blog/models.py"), null);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @TempDir
    Path dir;
    private Path db;

    @BeforeEach
    void copyDatabase() throws Exception {
        db = dir.resolve("blog.sqlite3");
        Files.copy(Path.of("sample-db/blog.sqlite3"), db);
    }

    private Evaluation eval(String sql, boolean allowWrites) throws Exception {
        String text = "Post.objects.raw(\"" + sql.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\")";
        try (Connection conn = Connections.open("jdbc:sqlite:" + db, allowWrites)) {
            return new Engine(BLOG, conn, Dialect.SQLITE).evaluate(text, DjangoParser.parse(text, BLOG),
                    allowWrites);
        }
    }

    private long posts() throws Exception {
        try (Connection c = Connections.open("jdbc:sqlite:" + db, false); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM blog_post")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private long userVersion() throws Exception {
        try (Connection c = Connections.open("jdbc:sqlite:" + db, false); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("PRAGMA user_version")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void assertRefused(String sql, String kind, String... words) throws Exception {
        long before = posts();
        long version = userVersion();
        Evaluation ev = eval(sql, false);
        assertThat(ev.errorKind()).as(sql).isEqualTo(kind);
        for (String w : words) {
            assertThat(ev.errorMessage()).as(sql).contains(w);
        }
        assertThat(ev.statements()).as("nothing ran: " + sql).isEmpty();
        assertThat(posts()).isEqualTo(before);
        assertThat(userVersion()).isEqualTo(version);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).as("no file written by " + sql)
                    .allMatch(n -> n.startsWith("blog.sqlite3"));
        }
    }

    @Test
    void statementsAfterASemicolonAreRefusedNotDropped() throws Exception {
        assertRefused("SELECT id FROM blog_post; DELETE FROM blog_post", "ProgrammingError",
                "one statement at a time", "DELETE FROM blog_post");
    }

    @Test
    void vacuumIntoAttachAndPragmasAreRefusedAndWriteNoFile() throws Exception {
        Path copy = dir.resolve("copy.db");
        assertRefused("VACUUM INTO '" + copy + "'", "WritesDisabled", "VACUUM", "Nothing ran");
        assertThat(copy).doesNotExist();
        assertRefused("ATTACH DATABASE '" + dir.resolve("other.db") + "' AS o", "WritesDisabled", "ATTACH");
        assertRefused("PRAGMA user_version = 7", "WritesDisabled", "PRAGMA");
        assertRefused("REPLACE INTO blog_tag (id, name) VALUES (1, 'x')", "WritesDisabled", "REPLACE");
    }

    @Test
    void writesHiddenInsideAReadAreRefused() throws Exception {
        assertRefused("WITH gone AS (SELECT id FROM blog_post) DELETE FROM blog_post WHERE id IN gone",
                "WritesDisabled", "DELETE", "character 41");
        assertRefused("DELETE FROM blog_post RETURNING id", "WritesDisabled", "starts with DELETE");
        assertRefused("SELECT load_extension('/tmp/evil') AS id", "WritesDisabled", "load_extension",
                "native code");
        assertRefused("  /* looks harmless */ UPDATE blog_post SET view_count = 0", "WritesDisabled", "UPDATE");
    }

    @Test
    void readsRunEvenWithSemicolonsAndKeywordsInStringsAndComments() throws Exception {
        Evaluation ev = eval("SELECT id, title FROM blog_post WHERE title <> 'x; DELETE FROM blog_post' "
                + "-- update later\nORDER BY id LIMIT 2;", false);
        assertThat(ev.errorKind()).isNull();
        assertThat((List<?>) ev.result()).hasSize(2);
        assertThat(eval("WITH t AS (SELECT id FROM blog_post) SELECT id FROM t", false).errorKind()).isNull();
        assertThat(eval("SELECT p.id, replace(p.title, 'a', 'b') AS t FROM blog_post p", false).errorKind())
                .isNull();
    }

    @Test
    void withWritesAllowedAWriteRunsAndTheAnswerSaysItRan() throws Exception {
        long before = posts();
        Evaluation ev = eval("UPDATE blog_post SET view_count = view_count WHERE id = 1", true);
        assertThat(ev.errorKind()).isEqualTo("TypeError");
        assertThat(ev.errorMessage()).contains("the statement ran").contains("changed 1 rows");
        assertThat(posts()).isEqualTo(before);
    }

    @Test
    void streamingAndExplainRefuseTheSame() throws Exception {
        QuerySet qs = DjangoParser.parse("Post.objects.raw(\"VACUUM INTO '" + dir.resolve("c.db") + "'\")", BLOG);
        var plan = SqlCompiler.plan(BLOG, qs, Dialect.SQLITE);
        try (Connection conn = Connections.open("jdbc:sqlite:" + db, false)) {
            assertThatThrownBy(() -> RowStream.open(conn, Dialect.SQLITE, plan.select(), 10, Map.of(),
                    new QueryLog())).hasMessageContaining("VACUUM");
            QuerySet ext = DjangoParser.parse("Post.objects.raw(\"SELECT load_extension('x') AS id\")", BLOG);
            assertThatThrownBy(() -> Explain.explain(conn, Dialect.SQLITE,
                    SqlCompiler.plan(BLOG, ext, Dialect.SQLITE).select().query(), false))
                    .hasMessageContaining("load_extension");
        }
        assertThat(dir.resolve("c.db")).doesNotExist();
    }
}
