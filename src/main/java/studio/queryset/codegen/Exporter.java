package studio.queryset.codegen;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import studio.queryset.codegen.ExportOptions.Flavour;
import studio.queryset.query.QueryException;
import studio.queryset.query.QuerySet;
import studio.queryset.schema.Schema;
import studio.queryset.sql.Dialect;

/**
 * The one export both the command line and the window use: options (what the user chose, the rest derived)
 * plus queries give the source and the file name to save it as. A query a generator refuses throws
 * {@link CodegenException} with the generator's reason.
 */
public final class Exporter {
    /** The names an export uses, every one resolved; {@code methodName} is null for several queries. */
    public record Resolved(Flavour flavour, String packageName, String className, String methodName) {
    }

    /**
     * The generated source, the file to save it as ({@code ClassName.java}, {@code module.py}), the names, and
     * the files it needs beside it in the same package (the QuerySet API export's {@code BlogSchema.java}).
     */
    public record Exported(String source, String fileName, Resolved names, List<Companion> companions) {
        public Exported {
            companions = List.copyOf(companions);
        }

        public Exported(String source, String fileName, Resolved names) {
            this(source, fileName, names, List.of());
        }
    }

    /** A file an export needs beside its class: its name ({@code BlogSchema.java}) and source. */
    public record Companion(String fileName, String source) {
    }

    private Exporter() {
    }

    /**
     * The names to export with: the chosen ones, else the package from the models' app label, the class from
     * the design's name ({@code designName} null or "Untitled": {@code <AppLabel>Queries}), the method from
     * the query.
     */
    public static Resolved resolve(Schema schema, ExportOptions options, String designName, List<QuerySet> queries) {
        if (queries.isEmpty()) {
            throw new CodegenException("there is no query to export");
        }
        Flavour flavour = options.flavourOrDefault();
        String app = schema.model(queries.get(0).model()).appLabel();
        String pkg = options.packageName() != null ? options.packageName()
                : app.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_.]", "_");
        String cls = options.className() != null ? options.className() : defaultClass(app, flavour, designName);
        String method = options.methodName();
        if (method == null && queries.size() == 1) {
            String derived = QueryNames.method(schema, queries.get(0));
            method = flavour == Flavour.PYTHON ? Names.python(derived) : derived;
        }
        return new Resolved(flavour, pkg, cls, method);
    }

    /** Generates the export; the message of a refusal says what cannot be exported and why. */
    public static Exported export(Schema schema, Dialect dialect, ExportOptions options, String designName,
                                  List<QuerySet> queries) {
        try {
            return generate(schema, dialect, options, designName, queries);
        } catch (QueryException e) {
            throw new CodegenException("The query does not compile (" + e.kind() + "): " + e.getMessage());
        }
    }

    private static Exported generate(Schema schema, Dialect dialect, ExportOptions options, String designName,
                                     List<QuerySet> queries) {
        Resolved r = resolve(schema, options, designName, queries);
        if (queries.size() > 1 && options.methodName() != null) {
            throw new CodegenException("a method name names one query; with several queries the names are "
                    + "derived from each query");
        }
        if (r.flavour() == Flavour.PYTHON && options.dateTimesOrDefault() != ExportOptions.DateTimes.LOCAL) {
            throw new CodegenException("the datetime type (" + options.dateTimes().id() + ") is a choice of the Java "
                    + "exports; Django's Python returns its own datetimes: leave it out for python");
        }
        List<Companion> companions = new ArrayList<>();
        String source = switch (r.flavour()) {
            case JAVA_JDBC -> {
                List<JavaJdbcGenerator.Query> list = new ArrayList<>();
                for (QuerySet qs : queries) {
                    list.add(new JavaJdbcGenerator.Query(queries.size() == 1 ? r.methodName() : null, qs));
                }
                yield new JavaJdbcGenerator(schema, dialect, options.dateTimesOrDefault()).generate(r.packageName(), r.className(), list);
            }
            case JAVA_API -> {
                if (queries.size() > 1) {
                    throw new CodegenException("the QuerySet API export takes one query at a time");
                }
                checkJavaName(r.packageName(), r.className(), r.methodName());
                JavaApiGenerator api = new JavaApiGenerator(schema, dialect, options.dateTimesOrDefault());
                String schemaClass = api.schemaClass(queries.get(0));
                companions.add(new Companion(schemaClass + ".java",
                        new SchemaGenerator(schema).generate(r.packageName(), schemaClass)));
                yield api.generate(r.packageName(), r.className(), r.methodName(), queries.get(0));
            }
            case PYTHON -> {
                PythonGenerator python = new PythonGenerator(schema);
                yield queries.size() == 1 ? python.generate(queries.get(0), r.methodName()) : python.module(queries);
            }
        };
        String file = r.flavour() == Flavour.PYTHON ? Names.python(r.className()) + ".py" : r.className() + ".java";
        return new Exported(source, file, r, companions);
    }

    /** The JDBC generator checks its names itself; the API generator writes what it is given, so it is checked here. */
    private static void checkJavaName(String pkg, String cls, String method) {
        if (pkg != null && !pkg.isEmpty() && !pkg.matches("[A-Za-z_$][\\w$]*(\\.[A-Za-z_$][\\w$]*)*")) {
            throw new CodegenException("'" + pkg + "' is not a Java package name");
        }
        for (String part : pkg == null ? new String[0] : pkg.split("\\.")) {
            if (Names.isJavaKeyword(part)) {
                throw new CodegenException("'" + pkg + "' is not a Java package name ('" + part + "' is a keyword)");
            }
        }
        if (!cls.matches("[A-Za-z_$][\\w$]*") || Names.isJavaKeyword(cls)) {
            throw new CodegenException("'" + cls + "' is not a Java class name");
        }
        if (!method.matches("[A-Za-z_$][\\w$]*") || Names.isJavaKeyword(method)
                || List.of("connection", "paramValues").contains(method)) {
            throw new CodegenException("'" + method + "' cannot be a method name");
        }
    }

    private static String defaultClass(String app, Flavour flavour, String designName) {
        if (designName != null && !designName.isBlank() && !designName.equals("Untitled")) {
            String fromDesign = Names.type(designName);
            if (fromDesign.matches("[A-Za-z_$][\\w$]*") && !Names.isJavaKeyword(fromDesign)) {
                return fromDesign;
            }
        }
        return capitalized(app) + (flavour == Flavour.JAVA_API ? "QuerySets" : "Queries");
    }

    private static String capitalized(String app) {
        StringBuilder sb = new StringBuilder();
        for (String part : app.split("[^A-Za-z0-9]+")) {
            if (!part.isEmpty()) {
                sb.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return sb.length() == 0 ? "Generated" : sb.toString();
    }
}
