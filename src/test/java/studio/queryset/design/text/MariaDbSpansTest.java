package studio.queryset.design.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import studio.queryset.sql.Dialect;

/**
 * SqlDisplaySpansTest's cases on MariaDB, whose lookup SQL is its own (backticks, LIKE BINARY, no ESCAPE clause):
 * the spans still cover exactly the condition, inlined values included (a backslash doubled in the literal).
 */
class MariaDbSpansTest {
    @BeforeAll
    static void load() throws Exception {
        SqlDisplaySpansTest.load();
    }

    @Test
    void spansFollowLayoutAndInlinedValues() {
        String text = "Post.objects.filter(title__startswith=\"Dj\\\\\", view_count__gte=3)"
                + ".values(\"title\", \"view_count\").order_by(\"-view_count\")[:5]";
        Dialect d = Dialect.MARIADB;
        assertThat(SqlDisplaySpansTest.shown(text, d, false, "s0.k0")).containsExactly("`blog_post`.`title` LIKE BINARY ?");
        assertThat(SqlDisplaySpansTest.shown(text, d, true, "s0.k0"))
                .containsExactly("`blog_post`.`title` LIKE BINARY 'Dj\\\\\\\\%'");
        assertThat(SqlDisplaySpansTest.shown(text, d, true, "s0.k1")).containsExactly("`blog_post`.`view_count` >= 3");
        assertThat(SqlDisplaySpansTest.shown(text, d, true, "s2")).containsExactly("`blog_post`.`view_count` DESC");
        assertThat(SqlDisplaySpansTest.shown(text, d, true, "s3")).containsExactly("LIMIT 5");
    }

    @Test
    void aWriteStatementMapsItsConditions() {
        String text = "Post.objects.filter(view_count__lt=5).update(view_count=F(\"view_count\") + 1)";
        assertThat(SqlDisplaySpansTest.shown(text, Dialect.MARIADB, true, "s0.k0"))
                .containsExactly("`blog_post`.`view_count` < 5");
    }
}
