package studio.queryset.design.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import studio.queryset.django.DjangoParser;
import studio.queryset.django.DjangoPrinter;
import studio.queryset.query.QuerySet;
import studio.queryset.schema.ModelsPyImporter;
import studio.queryset.schema.Schema;
import studio.queryset.sql.Dialect;
import studio.queryset.sql.EvaluatedStatements;
import studio.queryset.sql.SqlCompiler;

/** The SQL tab shows the statement a terminal used as a value runs first above the main one, marked as such. */
class EvaluatedSqlDisplayTest {
    @Test
    void theStatementThatRunsFirstIsAboveTheMainOne() throws Exception {
        Schema schema = ModelsPyImporter.importFile(Path.of("differential/eager/models.py"), null);
        QuerySet qs = DjangoParser.parse("Invoice.objects.filter(id__gt=Customer.objects.count())", schema);
        var first = EvaluatedStatements.plans(qs, schema, Dialect.SQLITE, DjangoPrinter::evaluated);
        String text = SqlDisplay.shown(SqlCompiler.plan(schema, qs, Dialect.SQLITE), first,
                studio.queryset.design.DesignGraph.of(qs), Dialect.SQLITE, false).text();
        assertThat(text).startsWith("-- Customer.objects.count(): runs first, while the QuerySet is built; its value "
                + "is :evaluated[1] below\n");
        assertThat(text.indexOf("COUNT(*)")).isLessThan(text.indexOf("FROM \"eager_invoice\""));
        assertThat(text).contains("\"eager_invoice\".\"id\" > ?");
    }
}
