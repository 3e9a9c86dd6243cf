package studio.queryset.sql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import studio.queryset.django.DjangoParser;

/** only()/defer() with select_related as Django 3.2 loads them (SQL recorded from Django 3.2.25, SQLite). */
class DeferredLoadingTest {
    static final String COMMENT_JOINS = " FROM \"blog_comment\" INNER JOIN \"blog_post\" ON (\"blog_comment\".\"post_id\" ="
            + " \"blog_post\".\"id\") INNER JOIN \"blog_author\" ON (\"blog_post\".\"author_id\" = \"blog_author\".\"id\")"
            + " ORDER BY \"blog_comment\".\"created_at\" ASC";

    @BeforeAll
    static void load() throws Exception {
        CompileErrorsTest.load();
    }

    private static String sql(String text) {
        return SqlCompiler.plan(CompileErrorsTest.schema, DjangoParser.parse(text, CompileErrorsTest.schema),
                Dialect.SQLITE).select().query().sql();
    }

    @Test
    void onlyKeepsTheForeignKeyEachNestedHopWalksThrough() {
        assertThat(sql("Comment.objects.only(\"body\", \"post__title\", \"post__author__name\")"
                + ".select_related(\"post__author\")")).isEqualTo("SELECT \"blog_comment\".\"id\", "
                + "\"blog_comment\".\"post_id\", \"blog_comment\".\"body\", \"blog_post\".\"id\", \"blog_post\".\"title\", "
                + "\"blog_post\".\"author_id\", \"blog_author\".\"id\", \"blog_author\".\"name\"" + COMMENT_JOINS);
        assertThat(sql("Comment.objects.select_related(\"post__author\").only(\"post__author__name\")"))
                .isEqualTo("SELECT \"blog_comment\".\"id\", \"blog_comment\".\"post_id\", \"blog_post\".\"id\", "
                        + "\"blog_post\".\"author_id\", \"blog_author\".\"id\", \"blog_author\".\"name\"" + COMMENT_JOINS);
    }

    @Test
    void onlyAfterDeferKeepsTheDeferredOnesDeferred() {
        assertThat(sql("Post.objects.defer(\"title\").only(\"title\", \"slug\")"))
                .isEqualTo("SELECT \"blog_post\".\"id\", \"blog_post\".\"slug\" FROM \"blog_post\"");
    }
}
