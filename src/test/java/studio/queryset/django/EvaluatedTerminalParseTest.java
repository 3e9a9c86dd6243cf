package studio.queryset.django;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import studio.queryset.query.Evaluations;
import studio.queryset.query.Expression;
import studio.queryset.query.Q;
import studio.queryset.query.QueryException;
import studio.queryset.query.QueryParts;
import studio.queryset.query.QuerySet;
import studio.queryset.query.Step;
import studio.queryset.schema.ModelsPyImporter;
import studio.queryset.schema.Schema;

/** A terminal used as a value (Django runs it while the outer QuerySet is built): parsed, printed, refused. */
class EvaluatedTerminalParseTest {
    static Schema schema;

    @BeforeAll
    static void load() throws IOException {
        schema = ModelsPyImporter.importFile(Path.of("differential/eager/models.py"), null);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Invoice.objects.filter(total__gt=Invoice.objects.aggregate(a=Avg(\"total\"))[\"a\"])",
        "Invoice.objects.filter(total__gte=Invoice.objects.aggregate(Max(\"total\"))[\"total__max\"])",
        "Invoice.objects.filter(id__gt=Customer.objects.count())",
        "Invoice.objects.filter(paid=Invoice.objects.filter(total__gt=90).exists())",
        "Invoice.objects.filter(customer=Customer.objects.get(pk=2))",
        "Invoice.objects.filter(customer=Customer.objects.all()[2])",
        "Invoice.objects.filter(customer_id=Customer.objects.first().pk)",
        "Invoice.objects.filter(issued__gte=Invoice.objects.latest(\"issued\").issued)",
        "Invoice.objects.filter(id__in=list(Invoice.objects.order_by(\"-total\").values_list(\"id\", flat=True)[:3]))",
        "Invoice.objects.filter(Q(total__lt=Invoice.objects.aggregate(a=Avg(\"total\"))[\"a\"]) "
                + "| Q(customer=Customer.objects.get(name=\"Bo\")))",
        "Invoice.objects.annotate(share=F(\"total\") * 100 / Invoice.objects.aggregate(s=Sum(\"total\"))[\"s\"])",
        "Invoice.objects.annotate(n=Value(Customer.objects.count()))",
        "Invoice.objects.annotate(n=Value(Customer.objects.count(), output_field=IntegerField()))",
        "Customer.objects.filter(id__in=Subquery(Invoice.objects.filter(total__gt=Invoice.objects.aggregate("
                + "a=Avg(\"total\"))[\"a\"]).values(\"customer_id\")))",
        "Invoice.objects.filter(id=Invoice.objects.filter(customer_id=Customer.objects.get(name=\"Bo\").id).count())",
        "Invoice.objects.filter(status=\"open\").update(total=Invoice.objects.aggregate(m=Max(\"total\"))[\"m\"])"})
    void printsToTextThatParsesTheSame(String text) {
        QuerySet qs = DjangoParser.parse(text, schema);
        String printed = DjangoPrinter.print(qs);
        assertThat(DjangoParser.parse(printed, schema)).as(printed).isEqualTo(qs);
        assertThat(DjangoPrinter.print(DjangoParser.parse(printed, schema))).isEqualTo(printed);
        assertThat(Evaluations.any(qs)).isTrue();
        // each terminal is a part of the query, so an error about it has a place
        QueryParts parts = QueryParts.of(qs);
        assertThat(Evaluations.inRunOrder(qs)).allSatisfy(ev -> assertThat(parts.place(ev)).isNotNull());
    }

    @Test
    void theNodeHoldsTheQuerySetItsTerminalAndWhatIsTaken() {
        QuerySet qs = DjangoParser.parse(
                "Invoice.objects.filter(total__gt=Invoice.objects.aggregate(a=Avg(\"total\"))[\"a\"])", schema);
        Q.Lookup l = ((Step.Filter) qs.steps().get(0)).kwargs().get(0);
        Expression.Evaluated ev = (Expression.Evaluated) l.value();
        assertThat(ev.taken()).isEqualTo(new Expression.Taken.Key("a"));
        assertThat(ev.query().terminal()).isEqualTo(new Step.Aggregate(List.of(), Map.of("a",
                new Expression.Aggregate("Avg", new Expression.F("total"), false, null, null, Map.of()))));

        Expression.Evaluated get = (Expression.Evaluated) ((Step.Filter) DjangoParser.parse(
                "Invoice.objects.filter(customer=Customer.objects.get(pk=2))", schema).steps().get(0)).kwargs().get(0)
                .value();
        assertThat(get.taken()).isEqualTo(new Expression.Taken.Whole());
        assertThat(get.query().terminal().method()).isEqualTo("get");
    }

    @Test
    void aQuerySetWithoutTerminalStaysLazy() {
        QuerySet qs = DjangoParser.parse("Invoice.objects.filter(id__in=Invoice.objects.values(\"id\")[:3])", schema);
        assertThat(((Step.Filter) qs.steps().get(0)).kwargs().get(0).value())
                .isInstanceOf(Expression.QueryValue.class);
        assertThat(Evaluations.any(qs)).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "total__gt=Invoice.objects.aggregate(a=Avg(\"total\"))[\"b\"]|KeyError|\"b\": aggregate() returns the keys \"a\"",
        "id__gt=Invoice.objects.count()[\"a\"]|TypeError|'int' object is not subscriptable",
        "id=Customer.objects.get(pk=1).nosuch|AttributeError|'Customer' object has no attribute 'nosuch'",
        "id=Customer.objects.count().pk|AttributeError|'int' object has no attribute 'pk'",
        "id=Invoice.objects.aggregate(a=Max(\"id\")).a|AttributeError|'dict' object has no attribute 'a'",
        "id=Invoice.objects.values(\"id\").first().id|AttributeError|'dict' object has no attribute 'id'",
        "customer_id=Invoice.objects.first().customer|NotSupportedError|take .customer_id",
        "id__in=list(Invoice.objects.count())|TypeError|'int' object is not iterable",
        "id=Invoice.objects.filter(pk=1).update(paid=True)|NotSupportedError|would write to the database",
        "id=Invoice.objects.iterator()|NotSupportedError|gives no value"})
    void refusesWhatPythonRefuses(String lookup, String kind, String message) {
        String text = "Invoice.objects.filter(" + lookup + ")";
        assertThatThrownBy(() -> DjangoParser.parse(text, schema))
                .isInstanceOfSatisfying(QueryException.class, e -> {
                    assertThat(e.kind()).isEqualTo(kind);
                    assertThat(e.getMessage()).contains(message);
                    assertThat(e.position()).isGreaterThan("Invoice.objects.filter(".length());
                });
    }

    @Test
    void annotateWantsAnExpressionNotTheValue() {
        assertThatThrownBy(() -> DjangoParser.parse("Invoice.objects.annotate(n=Customer.objects.count())", schema))
                .isInstanceOfSatisfying(QueryException.class, e -> {
                    assertThat(e.kind()).isEqualTo("TypeError");
                    assertThat(e.getMessage()).contains("Wrap it in Value(...)");
                });
    }
}
