package studio.queryset.app.schema;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import studio.queryset.schema.ImportWarning;
import studio.queryset.schema.ModelsPyImporter;
import studio.queryset.schema.Schema;

/** The importer says which model a warning is about; the schema browser marks those models with the lines. */
class SchemaBrowserWarningsTest {
    private static final String MODELS = """
            from django.db import models
            from billing.fields import FancyAmountField

            RATE = compute_rate()

            class Customer(models.Model):
                name = models.CharField(max_length=50)

            class Order(models.Model):
                customer = models.ForeignKey(Customer, on_delete=models.CASCADE)
                amount = FancyAmountField(max_digits=10)
                legacy = LegacyCodeField()
            """;

    @Test
    void warningsNameTheModelTheyAreAboutAndTheBrowserMarksIt() {
        Schema schema = ModelsPyImporter.importSource("shop", MODELS);
        assertThat(schema.warnings()).filteredOn(w -> "shop.Order".equals(w.model()))
                .extracting(ImportWarning::line).containsExactly(11, 12);
        assertThat(schema.warnings()).noneMatch(w -> "shop.Customer".equals(w.model()));

        SchemaBrowserViewModel browser = new SchemaBrowserViewModel();
        browser.schemaProperty().set(schema);
        SchemaNode order = browser.roots().stream().filter(n -> n.name().equals("Order")).findFirst().orElseThrow();
        assertThat(order.marks()).containsExactly(SchemaNode.WARNING_MARK + " 2");
        assertThat(order.warnings()).hasSize(2).allMatch(l -> l.startsWith("models.py:1"));
        assertThat(order.warnings().get(0)).contains("FancyAmountField");
        SchemaNode customer = browser.roots().stream().filter(n -> n.name().equals("Customer")).findFirst()
                .orElseThrow();
        assertThat(customer.marks()).isEmpty();
        assertThat(customer.warnings()).isEmpty();
    }
}
