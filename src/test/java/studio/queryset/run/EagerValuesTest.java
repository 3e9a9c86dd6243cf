package studio.queryset.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import studio.queryset.differential.DifferentialFixture;
import studio.queryset.django.DjangoParser;
import studio.queryset.django.DjangoPrinter;
import studio.queryset.query.QuerySet;
import studio.queryset.schema.ModelsPyImporter;
import studio.queryset.schema.Schema;
import studio.queryset.sql.CompiledQuery;
import studio.queryset.sql.Dialect;
import studio.queryset.sql.EvaluatedStatements;
import studio.queryset.sql.ParamRef;
import studio.queryset.sql.SqlCompiler;

/**
 * A terminal used as a value runs first, as a statement of its own, and its value is bound (never spliced) in the
 * outer statement; compiled without a database, the outer statement has a placeholder and the inner one is listed.
 */
class EagerValuesTest {
    static Schema schema;
    static Path db;

    @BeforeAll
    static void load() throws Exception {
        schema = ModelsPyImporter.importFile(Path.of("differential/eager/models.py"), null);
        db = Files.createTempFile("qss-eager", ".sqlite3");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            DifferentialFixture.load(c, Dialect.SQLITE, schema, "eager/");
        }
    }

    @AfterAll
    static void drop() throws Exception {
        Files.deleteIfExists(db);
    }

    private static QuerySet parse(String text) {
        return DjangoParser.parse(text, schema);
    }

    @Test
    void compiledWithoutADatabaseTheValueIsAPlaceholderAndTheInnerQueryIsListed() {
        QuerySet qs = parse("Invoice.objects.filter(total__gt=Invoice.objects.aggregate(a=Avg(\"total\"))[\"a\"], "
                + "customer=Customer.objects.get(pk=2)).values_list(\"id\", flat=True)");
        for (Dialect d : List.of(Dialect.SQLITE, Dialect.POSTGRESQL, Dialect.MARIADB)) {
            CompiledQuery outer = SqlCompiler.plan(schema, qs, d).statements().get(0);
            String q = d == Dialect.MARIADB ? "`" : "\"";
            assertThat(outer.sql()).as(d.name()).isEqualTo(("SELECT %1$seager_invoice%1$s.%1$sid%1$s FROM "
                    + "%1$seager_invoice%1$s WHERE %1$seager_invoice%1$s.%1$scustomer_id%1$s = ? AND "
                    + "%1$seager_invoice%1$s.%1$stotal%1$s > ? ORDER BY %1$seager_invoice%1$s.%1$sid%1$s ASC")
                    .formatted(q));
            assertThat(outer.params()).extracting(p -> ((ParamRef) p).name())
                    .containsExactly("evaluated[2]", "evaluated[1]"); // Django's kwargs sorted: customer, total
            List<EvaluatedStatements.Planned> first = EvaluatedStatements.plans(qs, schema, d, DjangoPrinter::evaluated);
            assertThat(first).extracting(EvaluatedStatements.Planned::text).containsExactly(
                    "Invoice.objects.aggregate(a=Avg(\"total\"))[\"a\"]", "Customer.objects.get(pk=2)");
            assertThat(first).extracting(EvaluatedStatements.Planned::placeholder)
                    .containsExactly("evaluated[1]", "evaluated[2]");
            assertThat(first.get(0).query().sql()).isEqualTo(("SELECT AVG(%1$seager_invoice%1$s.%1$stotal%1$s) AS "
                    + "%1$sa%1$s FROM %1$seager_invoice%1$s").formatted(q));
            assertThat(first.get(1).query().params()).containsExactly(2L);
        }
    }

    @Test
    void aTerminalInsideAnotherTerminalsQuerySetIsListedBeforeIt() {
        QuerySet qs = parse("Invoice.objects.filter(id=Invoice.objects.filter(customer_id=Customer.objects.get("
                + "name=\"Bo\").id).count())");
        List<EvaluatedStatements.Planned> first = EvaluatedStatements.plans(qs, schema, Dialect.SQLITE, DjangoPrinter::evaluated);
        assertThat(first).extracting(EvaluatedStatements.Planned::placeholder).containsExactly("evaluated[1.1]",
                "evaluated[1]");
        assertThat(first.get(1).query().params()).extracting(p -> ((ParamRef) p).name())
                .containsExactly("evaluated[1.1]");
    }

    @Test
    void runsTheInnerQueryFirstAndBindsItsValue() throws Exception {
        try (Connection c = Connections.open("jdbc:sqlite:" + db, true)) {
            Engine engine = new Engine(schema, c, Dialect.SQLITE);
            String text = "Invoice.objects.filter(total__gte=Invoice.objects.aggregate(m=Max(\"total\"))[\"m\"])"
                    + ".values_list(\"id\", flat=True)";
            Evaluation ev = engine.evaluate(text, parse(text), false);
            assertThat(ev.failed()).as(ev.errorMessage()).isFalse();
            assertThat(ev.statements()).hasSize(2);
            assertThat(ev.statements().get(0).sql()).contains("MAX(");
            LoggedStatement outer = ev.statements().get(1);
            assertThat(outer.sql()).contains(">= ?").doesNotContain("94.5");
            assertThat(outer.params()).hasSize(1);
            assertThat(new BigDecimal(outer.params().get(0).toString())).isEqualByComparingTo("94.50");
            assertThat(ev.result()).isEqualTo(List.of(8L));
        }
    }

    @Test
    void anInstanceIsItsPrimaryKeyAndAListOfInstancesTheirKeys() throws Exception {
        try (Connection c = Connections.open("jdbc:sqlite:" + db, true)) {
            Engine engine = new Engine(schema, c, Dialect.SQLITE);
            String one = "Invoice.objects.filter(customer=Customer.objects.get(pk=2)).values_list(\"id\", flat=True)";
            Evaluation ev = engine.evaluate(one, parse(one), false);
            assertThat(ev.result()).isEqualTo(List.of(3L, 7L, 11L));
            assertThat(ev.statements().get(1).params()).containsExactly(2L);
            String many = "Customer.objects.filter(id__in=list(Customer.objects.filter(name__startswith=\"A\")))"
                    + ".values_list(\"name\", flat=True)";
            Evaluation listed = engine.evaluate(many, parse(many), false);
            assertThat(listed.result()).isEqualTo(List.of("Ada", "Alf"));
            assertThat(listed.statements().get(1).params()).containsExactly(1L, 5L);
        }
    }

    @Test
    void getWithNoRowIsDoesNotExistAboutTheTerminal() throws Exception {
        try (Connection c = Connections.open("jdbc:sqlite:" + db, true)) {
            String text = "Invoice.objects.filter(customer=Customer.objects.get(pk=99))";
            DjangoParser.Parsed parsed = DjangoParser.parseWithSource(text, schema);
            Evaluation ev = new Engine(schema, c, Dialect.SQLITE).evaluate(text, parsed.query(), false);
            assertThat(ev.errorKind()).isEqualTo("DoesNotExist");
            assertThat(ev.statements()).hasSize(1); // the outer query never ran
            var at = studio.queryset.django.SourceMap.locate(text, parsed, ev.error());
            assertThat(text.substring(at.start(), at.end())).contains("Customer.objects.get(pk=99)");
        }
    }

    @Test
    void valuesDictsAreNoValue() throws Exception {
        try (Connection c = Connections.open("jdbc:sqlite:" + db, true)) {
            String text = "Invoice.objects.filter(id__in=list(Invoice.objects.values(\"id\")))";
            Evaluation ev = new Engine(schema, c, Dialect.SQLITE).evaluate(text, parse(text), false);
            assertThat(ev.errorKind()).isEqualTo("TypeError");
            assertThat(ev.errorMessage()).contains("values_list(\"field\", flat=True)");
        }
    }
}
