package studio.queryset.sql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import studio.queryset.query.QueryException;

/**
 * A value that does not fit is Python's or the driver's error, never another number: no clamping to Long.MAX,
 * no 0 for a Decimal too large, no "?" for a lone surrogate, no year wrapped around, no keyword silently repeated.
 */
class ValueErrorsTest {

    @BeforeAll
    static void load() throws Exception {
        CompileErrorsTest.load();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "Post.objects.filter(view_count=Decimal(\"1e999999999\")).count() | OverflowError | too large",
        "Post.objects.filter(view_count__gt=1e400).count()                | OverflowError | float infinity",
        "Post.objects.filter(view_count__gt=99999999999999999999999999)   | OverflowError | 64-bit",
        "Post.objects.filter(view_count=9.3e18)                           | OverflowError | 64-bit",
        "Post.objects.filter(title=\"a\\ud800b\")                         | UnicodeEncodeError | position 1",
        "Post.objects.filter(published_at__date=date(-1,13,0))            | ValueError | year -1 is out of range",
        "Post.objects.filter(published_at__date=date(2021,2,29))          | ValueError | day is out of range",
        "Post.objects.filter(published_at=datetime(99999999999,1,1))      | OverflowError | greater than maximum",
        "Post.objects.filter(published_at=datetime(2020,1,1,0,60))        | ValueError | minute must be in 0..59",
        "Post.objects.filter(published_at=datetime(2020,1))               | TypeError | 'day' (pos 3)",
        "Post.objects.filter(title=1, title=2)                            | SyntaxError | keyword argument repeated",
        "Post.objects.raw(\"SELECT id FROM blog_post WHERE id = %s\", [1, 2, 3]) | ProgrammingError | uses 1, and there are 3",
    })
    void outOfRangeValuesAreErrors(String text, String kind, String words) {
        QueryException e = CompileErrorsTest.error(text.strip(), Dialect.SQLITE);
        assertThat(e.kind()).isEqualTo(kind.strip());
        assertThat(e.getMessage()).contains(words.strip());
    }

    @Test
    void postgresCountsRawPlaceholdersAsPsycopg2Does() {
        assertThat(CompileErrorsTest.error("Post.objects.raw(\"SELECT id FROM blog_post WHERE id = %s\", [1, 2])",
                Dialect.POSTGRESQL).kind()).isEqualTo("TypeError");
        assertThat(CompileErrorsTest.error("Post.objects.raw(\"SELECT id FROM blog_post WHERE id IN (%s, %s)\", [1])",
                Dialect.POSTGRESQL).kind()).isEqualTo("IndexError");
    }

    @Test
    void valuesThatFitStillBind() {
        var plan = SqlCompiler.plan(CompileErrorsTest.schema, studio.queryset.django.DjangoParser.parse(
                "Post.objects.filter(view_count=Decimal(\"12.9\"), title=\"\\ud83d\\ude00\", "
                        + "published_at__gte=datetime(2020,2,29,23,59,59,999999))", CompileErrorsTest.schema),
                Dialect.SQLITE);
        assertThat(plan.select().query().params()).containsExactly("2020-02-29 23:59:59.999999",
                "\ud83d\ude00", 12L); // in keyword-name order, as Django sorts filter()'s keywords
        var raw = SqlCompiler.plan(CompileErrorsTest.schema, studio.queryset.django.DjangoParser.parse(
                "Post.objects.raw(\"SELECT id FROM blog_post WHERE title LIKE %s OR slug LIKE 'a%%'\", [\"x\"])",
                CompileErrorsTest.schema), Dialect.SQLITE);
        assertThat(raw.select().query().sql()).isEqualTo("SELECT id FROM blog_post WHERE title LIKE ? OR slug LIKE 'a%'");
    }
}
