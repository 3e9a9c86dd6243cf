package studio.queryset.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import studio.queryset.django.DjangoParser;
import studio.queryset.query.QueryException;

/**
 * Django 3.2's Func._resolve_output_field: the first argument's field class must be an instance of each other's
 * (so BigIntegerField then IntegerField is fine, the other way round is not), only where the type is asked for.
 */
class MixedTypesTest {
    @BeforeAll
    static void load() throws IOException {
        LibraryGoldenSqlTest.loadSchema();
    }

    private static void compile(String expr) {
        SqlCompiler.plan(LibraryGoldenSqlTest.schema, DjangoParser.parse(expr, LibraryGoldenSqlTest.schema),
                Dialect.SQLITE);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "BookDetail.objects.annotate(d=NullIf(\"notes\", Value(\"\")))|TextField, CharField",
        "Book.objects.annotate(d=Coalesce(\"price\", 0))|DecimalField, IntegerField",
        "Book.objects.annotate(d=Greatest(\"pages\", \"price\"))|IntegerField, DecimalField",
        "BookDetail.objects.annotate(d=Concat(\"isbn\", Value(\" \"), \"notes\"))|CharField, TextField",
        "BookDetail.objects.annotate(d=Lower(Coalesce(\"notes\", \"isbn\")))|TextField, CharField",
        "Book.objects.annotate(d=Coalesce(\"pages\", Value(1, output_field=BigIntegerField())))|"
                + "IntegerField, BigIntegerField"})
    void mixedClassesAreRefused(String expr, String classes) {
        assertThatThrownBy(() -> compile(expr)).isInstanceOfSatisfying(QueryException.class, e -> {
            assertThat(e.kind()).isEqualTo("FieldError");
            assertThat(e.getMessage()).isEqualTo("Expression contains mixed types: " + classes
                    + ". You must set output_field.");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Book.objects.annotate(d=Coalesce(\"price\", 0, output_field=DecimalField()))",
        "Book.objects.annotate(d=Coalesce(\"pages\", 0))",
        "Book.objects.annotate(d=Coalesce(Value(1, output_field=BigIntegerField()), \"pages\"))",
        "Book.objects.annotate(d=Coalesce(\"price\", Value(None)))",
        "Book.objects.order_by(Coalesce(\"price\", Value(0)).desc())",
        "Author.objects.annotate(d=Concat(\"name\", Value(\" \"), \"country\"))"})
    void sameOrNarrowerClassesAndUnaskedTypesPass(String expr) {
        assertThatCode(() -> compile(expr)).doesNotThrowAnyException();
    }
}
