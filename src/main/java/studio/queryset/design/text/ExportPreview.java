package studio.queryset.design.text;

import java.util.List;
import studio.queryset.codegen.CodegenException;
import studio.queryset.codegen.ExportOptions;
import studio.queryset.codegen.Exporter;
import studio.queryset.query.QueryException;
import studio.queryset.query.QuerySet;
import studio.queryset.schema.Schema;
import studio.queryset.sql.Dialect;

/**
 * What an export gives for the window: the generated file, or the reason there is none as a sentence (a query
 * a generator refuses, a name that is not a Java name). Both the Java tab and the export dialog show this,
 * so they always agree with each other and with {@code export} on the command line.
 */
public record ExportPreview(Exporter.Exported exported, String error) {

    public static ExportPreview of(Schema schema, Dialect dialect, ExportOptions options, String designName,
                                   QuerySet qs) {
        if (schema == null || qs == null) {
            return new ExportPreview(null, "There is no query yet: select a model or open a design.");
        }
        try {
            return new ExportPreview(Exporter.export(schema, dialect, options, designName, List.of(qs)), null);
        } catch (CodegenException | QueryException e) {
            return new ExportPreview(null, e.getMessage());
        } catch (RuntimeException e) {
            // a generator bug: said as such rather than shown as code that would not compile
            return new ExportPreview(null, "The generator failed (" + e.getClass().getSimpleName() + "): "
                    + e.getMessage());
        }
    }

    /**
     * The Java tab's text: exactly what File > Export > Java saves for the design's choices (the plain JDBC
     * class unless the QuerySet API was chosen), so what is shown compiles, never a sketch.
     */
    public static String javaTab(Schema schema, Dialect dialect, ExportOptions chosen, String designName, QuerySet qs) {
        ExportOptions options = chosen == null ? ExportOptions.DERIVED : chosen;
        if (!options.flavourOrDefault().isJava()) {
            // the design exports Python; this tab still shows Java, with the names chosen
            options = new ExportOptions(ExportOptions.Flavour.JAVA_JDBC, options.packageName(), options.className(),
                    null);
        }
        ExportPreview p = of(schema, dialect, options, designName, qs);
        return p.ok() ? p.exported().source()
                : "// This query cannot be exported as Java:\n// " + p.error().replace("\n", "\n// ") + "\n";
    }

    public boolean ok() {
        return exported != null;
    }
}
