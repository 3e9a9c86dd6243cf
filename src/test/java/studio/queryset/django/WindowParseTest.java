package studio.queryset.django;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import studio.queryset.query.Expression;
import studio.queryset.query.QueryException;
import studio.queryset.query.QuerySet;
import studio.queryset.query.Step;
import studio.queryset.schema.ModelsPyImporter;
import studio.queryset.schema.Schema;

/** Window(...) text as Django 3.2 takes it: parsed to the model, printed back to text that parses the same. */
class WindowParseTest {
    static Schema schema;

    @BeforeAll
    static void load() throws IOException {
        schema = ModelsPyImporter.importFile(Path.of("differential/library/models.py"), null);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Book.objects.annotate(r=Window(expression=RowNumber(), order_by=F(\"pages\").desc(nulls_last=True)))",
        "Book.objects.annotate(s=Window(Sum(\"pages\"), \"publisher\", [\"id\"], RowRange(-1, 0)))",
        "Book.objects.annotate(s=Window(Lag(\"pages\", default=0), partition_by=[F(\"publisher\"), \"editor\"], "
                + "order_by=[F(\"id\").asc(), \"title\"], frame=ValueRange(end=0)))",
        "Book.objects.annotate(n=Window(NthValue(\"title\", nth=2), order_by=Lower(\"title\")))",
        "Book.objects.annotate(t=Window(Ntile(num_buckets=4), order_by=[\"id\"], frame=RowRange()))"})
    void printsToTextThatParsesTheSame(String text) {
        QuerySet qs = DjangoParser.parse(text, schema);
        String printed = DjangoPrinter.print(qs);
        assertThat(DjangoParser.parse(printed, schema)).as(printed).isEqualTo(qs);
        assertThat(DjangoPrinter.print(DjangoParser.parse(printed, schema))).isEqualTo(printed);
    }

    @Test
    void argumentsLandWhereDjangoPutsThem() {
        QuerySet qs = DjangoParser.parse("Book.objects.annotate(s=Window(Lag(\"pages\", default=0), "
                + "partition_by=\"publisher\", order_by=[\"id\"], frame=RowRange(start=-2)))", schema);
        Expression.Window w = (Expression.Window) ((Step.Annotate) qs.steps().get(0)).named().get("s");
        // Lag(expression, offset=1, default=None): the offset Django fills in before default=
        assertThat(w.expression()).isEqualTo(new Expression.Func("Lag", List.of(new Expression.F("pages"),
                Expression.Value.of(1L), Expression.Value.of(0L)), java.util.Map.of()));
        assertThat(w.partitionBy()).containsExactly(new Expression.F("publisher"));
        assertThat(w.orderBy()).containsExactly(new Expression.F("id"));
        assertThat(w.frame()).isEqualTo(new Expression.Frame(true, -2L, null));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Window(RowNumber(), order_by=\"id\")|ValueError|order_by must be either an Expression",
        "Window(RowNumber(), order_by=F(\"id\"))|ValueError|order_by must be either an Expression",
        "Window(RowNumber(), partition_by=[])|ValueError|ExpressionList requires at least one expression",
        "Window(RowNumber(), frame=\"rows\")|TypeError|frame= takes RowRange(start, end) or ValueRange",
        "Window(RowNumber(), frame=RowRange(start=\"a\"))|ValueError|start argument must be",
        "Window(RowNumber(), output_field=IntegerField())|NotSupportedError|Window(output_field=...)",
        "Window(order_by=[\"id\"])|TypeError|missing 1 required positional argument: 'expression'",
        "Window(RowNumber(), colour=1)|TypeError|unexpected keyword argument 'colour'",
        "RowRange(-1, 0)|TypeError|is a window frame",
        "Window(Lag(\"pages\", 1, offset=2))|TypeError|multiple values for argument 'offset'"})
    void refusesWhatDjangoRefuses(String annotation, String kind, String message) {
        assertThatThrownBy(() -> DjangoParser.parse("Book.objects.annotate(x=" + annotation + ")", schema))
                .isInstanceOfSatisfying(QueryException.class, e -> {
                    assertThat(e.kind()).isEqualTo(kind);
                    assertThat(e.getMessage()).contains(message);
                    assertThat(e.position()).isGreaterThanOrEqualTo(0);
                });
    }
}
