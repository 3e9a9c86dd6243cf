package studio.queryset.cli;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import studio.queryset.codegen.CodegenException;
import studio.queryset.codegen.ExportOptions;
import studio.queryset.codegen.Exporter;
import studio.queryset.design.DesignFile;
import studio.queryset.django.DjangoParser;
import studio.queryset.django.SourceMap;
import studio.queryset.django.Span;
import studio.queryset.query.QueryException;
import studio.queryset.query.QuerySet;
import studio.queryset.schema.Schema;
import studio.queryset.schema.SchemaException;
import studio.queryset.sql.Dialect;

/**
 * {@code export}: print the code a QuerySet becomes: a Java class running it with plain JDBC, or a Django
 * Python snippet. With {@code --batch}, one expression per stdin line, all in one class (one module).
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Print the code for QuerySet expressions: Java (plain JDBC or the QuerySet API) or Django Python.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the source was printed", "2:it was not (the message on stderr says why)"})
public final class ExportCommand implements Callable<Integer> {
    @Mixin
    SchemaOptions schemaOptions;

    @Option(names = "--lang", paramLabel = "LANG",
            description = "java-jdbc, java-api or python (default with --design: the design's own choice)")
    String lang;

    @Option(names = "--package", paramLabel = "P", description = "Java package (default: the models' app label)")
    String packageName;

    @Option(names = "--class", paramLabel = "C", description = "Java class (default: the design's name, else <AppLabel>Queries)")
    String className;

    @Option(names = "--method", paramLabel = "M",
            description = "Method (Java) or function (Python) name (default: derived from the query)")
    String methodName;

    @Option(names = "--datetimes", paramLabel = "TYPE", description = "Java type of datetimes (timestamptz): local "
            + "(LocalDateTime, the UTC wall time; default), offset (OffsetDateTime at UTC) or instant (Instant)")
    String dateTimesName;

    @Option(names = "--db", converter = DatabaseUrl.class, description = "Database (for introspection and its dialect); nothing is run")
    String db;

    @Option(names = "--dialect", description = "sqlite, postgresql or mariadb (when no --db; default: the design's, else sqlite)")
    String dialectName;

    @Option(names = "--design", paramLabel = "FILE", description = "Export a saved design instead of an EXPR")
    String design;

    @Option(names = "--batch", description = "Read one expression per line from stdin; export them together")
    boolean batch;

    @Option(names = "--out", paramLabel = "DIR", description = "Write the files into DIR (ClassName.java and, for "
            + "java-api, the schema class it uses, e.g. BlogSchema.java) instead of printing the class")
    Path outDir;

    @Parameters(arity = "0..1", paramLabel = "EXPR")
    String expr;

    @Override
    public Integer call() throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        ExportOptions.Flavour flavour = null;
        if (lang != null) {
            try {
                flavour = ExportOptions.Flavour.parse(lang);
            } catch (IllegalArgumentException e) {
                err.println("export: " + e.getMessage());
                return 2;
            }
        } else if (design == null) {
            err.println("export: give --lang java-jdbc, java-api or python (a --design remembers its own)");
            return 2;
        }
        ExportOptions.DateTimes dateTimes = null;
        if (dateTimesName != null) {
            try {
                dateTimes = ExportOptions.DateTimes.parse(dateTimesName);
            } catch (IllegalArgumentException e) {
                err.println("export: --datetimes: " + e.getMessage());
                return 2;
            }
        }
        if (design != null && (batch || expr != null)) {
            err.println("export: give --design FILE or an EXPR (or --batch), not both");
            return 2;
        }
        if (design == null && !batch && expr == null) {
            err.println("export: give an EXPR, --batch or --design FILE");
            return 2;
        }
        Schema schema;
        Dialect dialect;
        try {
            dialect = SchemaOptions.dialect(db, dialectName == null ? "sqlite" : dialectName);
            schema = schemaOptions.loadForCompiling(db);
        } catch (QueryException | SchemaException | IllegalArgumentException e) {
            err.println("export: " + e.getMessage());
            return 2;
        }
        List<QuerySet> queries = new ArrayList<>();
        ExportOptions remembered = ExportOptions.DERIVED;
        String designName = null;
        if (design != null) {
            try {
                DesignFile.Loaded loaded = DesignFile.load(Path.of(design), schema);
                if (loaded.design().query() == null) {
                    err.println("export: the design " + design + " holds no query yet");
                    return 2;
                }
                queries.add(loaded.design().query());
                remembered = loaded.design().exportOptions();
                designName = loaded.design().name();
                if (db == null && dialectName == null && loaded.dialect() != null) {
                    dialect = loaded.dialect(); // the dialect the design was saved with
                }
            } catch (java.nio.file.NoSuchFileException e) {
                err.println("export: design file not found: " + Path.of(design).toAbsolutePath());
                return 2;
            } catch (java.io.IOException e) {
                err.println("export: cannot read " + design + ": " + e.getMessage());
                return 2;
            } catch (QueryException e) {
                err.println("export: " + design + ": " + e.kind() + ": " + e.getMessage());
                return 2;
            }
        }
        List<String> texts = design != null ? List.of() : ExpressionInput.all(batch, expr);
        // every bad expression of a batch is named, not only the first
        int bad = 0;
        for (int i = 0; i < texts.size(); i++) {
            String text = texts.get(i);
            String where = texts.size() > 1 ? "expression " + (i + 1) + " of " + texts.size() + " (" + text + "): " : "";
            DjangoParser.Parsed parsed = null;
            try {
                parsed = DjangoParser.parseWithSource(text, schema);
                if (texts.size() > 1) {
                    studio.queryset.sql.SqlCompiler.plan(schema, parsed.query(), dialect);
                }
                queries.add(parsed.query());
            } catch (QueryException e) {
                Span at = SourceMap.locate(text, parsed, e);
                err.println("export: " + where + e.kind() + ": " + e.getMessage() + " (at offset " + at.start()
                        + (where.isEmpty() ? " of " + text : "") + ": " + text.substring(at.start(), at.end()) + ")");
                bad++;
            } catch (studio.queryset.schema.SchemaException e) {
                err.println("export: " + where + "FieldError: " + e.getMessage());
                bad++;
            }
        }
        if (bad > 0) {
            return 2;
        }
        if (queries.isEmpty()) {
            err.println("export: no expression to export");
            return 2;
        }
        if (methodName != null && queries.size() > 1) {
            err.println("export: --method names one query; with --batch the names are derived from each query");
            return 2;
        }
        ExportOptions chosen = new ExportOptions(flavour, packageName, className, methodName, dateTimes);
        try {
            Exporter.Exported exported = Exporter.export(schema, dialect, chosen.merged(remembered), designName,
                    queries);
            if (outDir == null) {
                out.print(exported.source());
                for (Exporter.Companion c : exported.companions()) {
                    err.println("note: the class uses " + c.fileName() + " beside it; --out DIR writes both");
                }
                return 0;
            }
            java.nio.file.Files.createDirectories(outDir);
            java.nio.file.Files.writeString(outDir.resolve(exported.fileName()), exported.source(),
                    StandardCharsets.UTF_8);
            out.println(outDir.resolve(exported.fileName()));
            for (Exporter.Companion c : exported.companions()) {
                java.nio.file.Files.writeString(outDir.resolve(c.fileName()), c.source(), StandardCharsets.UTF_8);
                out.println(outDir.resolve(c.fileName()));
            }
            return 0;
        } catch (CodegenException e) {
            err.println("export: " + e.getMessage());
            return 2;
        }
    }
}
