package studio.queryset.sql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import studio.queryset.django.DjangoParser;
import studio.queryset.schema.ValueType;

/**
 * iexact as Django 3.2 writes it: on PostgreSQL {@code UPPER(x) = UPPER(%s)} with the value untouched (its
 * prep_for_iexact_query), on SQLite {@code LIKE %s ESCAPE '\'} with the wildcards escaped — so "50%_off" matches
 * only "50%_off" on both.
 */
class IexactTest {
    @BeforeAll
    static void load() throws Exception {
        CompileErrorsTest.load();
    }

    private static CompiledQuery compile(String text, Dialect d) {
        return SqlCompiler.plan(CompileErrorsTest.schema, DjangoParser.parse(text, CompileErrorsTest.schema), d)
                .select().query();
    }

    @Test
    void postgresComparesTheValueAsItIs() {
        CompiledQuery q = compile("Post.objects.filter(title__iexact=\"50%_off\")", Dialect.POSTGRESQL);
        assertThat(q.sql()).endsWith("WHERE UPPER(\"blog_post\".\"title\") = UPPER(?)");
        assertThat(q.params()).containsExactly("50%_off");
        assertThat(new ParamRef("t", ValueType.TEXT, "iexact").bind(Dialect.POSTGRESQL, "a_b")).isEqualTo("a_b");
    }

    @Test
    void sqliteEscapesTheWildcardsOfItsLike() {
        CompiledQuery q = compile("Post.objects.filter(title__iexact=\"50%_off\")", Dialect.SQLITE);
        assertThat(q.sql()).endsWith("WHERE \"blog_post\".\"title\" LIKE ? ESCAPE '\\'");
        assertThat(q.params()).containsExactly("50\\%\\_off");
        assertThat(new ParamRef("t", ValueType.TEXT, "iexact").bind(Dialect.SQLITE, "a_b")).isEqualTo("a\\_b");
    }
}
