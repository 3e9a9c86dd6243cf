package studio.queryset.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import studio.queryset.django.DjangoParser;
import studio.queryset.run.Connections;
import studio.queryset.run.Engine;

/** exists() of a union: every part selects (1) AS "a", as Django 3.2's Query.exists (SQL recorded from Django). */
class UnionExistsTest {
    static final String TEXT = "Post.objects.filter(id__lt=3).union(Tag.objects.values_list(\"id\")).exists()";

    @BeforeAll
    static void load() throws Exception {
        CompileErrorsTest.load();
    }

    private static String sql(Dialect d) {
        return SqlCompiler.plan(CompileErrorsTest.schema, DjangoParser.parse(TEXT, CompileErrorsTest.schema), d)
                .select().query().sql();
    }

    @Test
    void everyPartSelectsOneAndPostgresLimitsEachPart() {
        // Django 3.2 (PostgreSQL): (SELECT (1) AS "a" FROM "blog_post" WHERE "blog_post"."id" < %s LIMIT 1)
        //   UNION (SELECT (1) AS "a" FROM "blog_tag" LIMIT 1) LIMIT 1
        assertThat(sql(Dialect.POSTGRESQL)).isEqualTo("(SELECT 1 AS \"a\" FROM \"blog_post\" WHERE \"blog_post\".\"id\""
                + " < ? LIMIT 1) UNION (SELECT 1 AS \"a\" FROM \"blog_tag\" LIMIT 1) LIMIT 1");
        // SQLite allows no slice in a compound part
        assertThat(sql(Dialect.SQLITE)).isEqualTo("SELECT 1 AS \"a\" FROM \"blog_post\" WHERE \"blog_post\".\"id\" < ?"
                + " UNION SELECT 1 AS \"a\" FROM \"blog_tag\" LIMIT 1");
    }

    @Test
    void itRunsAndAnswers() throws Exception {
        try (Connection conn = Connections.open("jdbc:sqlite:" + CompileErrorsTest.PROJECT
                .resolve("sample-db/blog.sqlite3"), false)) {
            var ev = new Engine(CompileErrorsTest.schema, conn, Dialect.SQLITE).evaluate(TEXT,
                    DjangoParser.parse(TEXT, CompileErrorsTest.schema), false);
            assertThat(ev.errorMessage()).isNull();
            assertThat(ev.result()).isEqualTo(true);
        }
    }
}
