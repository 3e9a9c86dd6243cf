package studio.queryset.app.vm;

import studio.queryset.query.QuerySet;
import studio.queryset.sql.Dialect;

/** A short Java snippet building the current QuerySet with the project's API. */
final class JavaSnippet {
    private JavaSnippet() {
    }

    static String of(QuerySet qs, Dialect dialect) {
        return "// The same QuerySet through the QuerySet Studio Java API.\n"
                + "// Standalone JDBC code generation arrives with the Codegen issue.\n"
                + "Schema schema = ModelsPyImporter.importFile(Path.of(\"sample-db/blog/models.py\"), \"blog\");\n"
                + "QuerySet qs = QuerySet.of(\"" + qs.model() + "\");\n"
                + "CompiledQuery query = SqlCompiler.compile(schema, qs, Dialect." + dialect.name() + ");\n"
                + "// query.sql() holds ? placeholders; bind query.params() in order.\n";
    }
}
