package studio.queryset.app.vm;

import studio.queryset.query.QuerySet;
import studio.queryset.sql.Dialect;

/**
 * Java that does what the window does for the current QuerySet, through the project's own API: parse the
 * Django text, plan it for the dialect, run it read-only and print the statements and the result. (Standalone
 * JDBC code generation is the Codegen issue's.)
 */
final class JavaSnippet {
    private JavaSnippet() {
    }

    static String of(QuerySet qs, String djangoText, Dialect dialect) {
        String url = dialect == Dialect.SQLITE ? "jdbc:sqlite:sample-db/blog.sqlite3"
                : "jdbc:postgresql://localhost:5432/blog?user=postgres";
        return "import java.nio.file.Path;\n"
                + "import java.sql.Connection;\n"
                + "import studio.queryset.django.DjangoParser;\n"
                + "import studio.queryset.query.QuerySet;\n"
                + "import studio.queryset.run.*;\n"
                + "import studio.queryset.schema.*;\n"
                + "import studio.queryset.sql.*;\n"
                + "\n"
                + "// " + qs.model() + " QuerySet through the QuerySet Studio API; the SQL binds every value.\n"
                + "Schema schema = ModelsPyImporter.importFile(Path.of(\"sample-db/blog/models.py\"), \"blog\");\n"
                + "QuerySet qs = DjangoParser.parse(" + literal(djangoText) + ", schema);\n"
                + "QueryPlan plan = SqlCompiler.plan(schema, qs, Dialect." + dialect.name() + ");\n"
                + "try (Connection conn = Connections.open(\"" + url + "\", false)) {\n"
                + "    QueryLog log = new QueryLog();\n"
                + "    Object result = new Executor(conn, Dialect." + dialect.name() + ", log)\n"
                + "            .execute(plan, Executor.WriteMode.DENY);\n"
                + "    log.entries().forEach(s -> System.out.println(s.cause() + \": \" + s.sql() + \" \" + s.params()));\n"
                + "    System.out.println(result);\n"
                + "}\n";
    }

    /** A string literal, or a text block for text laid out on several lines. */
    static String literal(String s) {
        if (s.indexOf('\n') < 0) {
            return javaString(s);
        }
        String body = s.replace("\\", "\\\\").replace("\"\"\"", "\\\"\"\"");
        return "\"\"\"\n        " + body.replace("\n", "\n        ") + "\"\"\"";
    }

    static String javaString(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                default -> out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
