package studio.queryset.codegen;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import studio.queryset.django.DjangoPrinter;
import studio.queryset.query.Expression;
import studio.queryset.query.Prefetch;
import studio.queryset.query.Q;
import studio.queryset.query.QuerySet;
import studio.queryset.query.Step;
import studio.queryset.schema.Schema;
import studio.queryset.schema.ValueType;
import studio.queryset.sql.CompiledQuery;
import studio.queryset.sql.Dialect;
import studio.queryset.sql.ParamRef;
import studio.queryset.sql.SqlCompiler;

/**
 * Generates a Java class that runs a query through the project's own QuerySet API ({@code studio.queryset.api}):
 * the chain written as builder calls, a method taking the connection, the schema and the query's Params, and an
 * async twin. A construct the builder does not cover (Case/When, functions, union...) keeps the whole query as
 * its Django text, parsed once into a constant, so the method still runs exactly that query.
 */
public final class JavaApiGenerator {
    private final Schema schema;
    /** The database the Params' types are planned for (PostgreSQL-only lookups plan only there). */
    private final Dialect dialect;
    private final TreeSet<String> imports = new TreeSet<>();
    private final TreeSet<String> staticImports = new TreeSet<>();
    /** The query ends in values_list(): rows are lists (or values), not Rows. */
    private boolean tuples;

    public JavaApiGenerator(Schema schema) {
        this(schema, Dialect.SQLITE);
    }

    public JavaApiGenerator(Schema schema, Dialect dialect) {
        this.schema = schema;
        this.dialect = dialect;
    }

    /** Thrown inside: the query needs the Django-text form. */
    private static final class NotExpressible extends RuntimeException {
        NotExpressible(String what) {
            super(what, null, false, false);
        }
    }

    public String generate(String packageName, String className, String methodName, QuerySet qs) {
        imports.clear();
        staticImports.clear();
        imports.add("java.sql.Connection");
        imports.add("studio.queryset.schema.Schema");
        imports.add("studio.queryset.api.QuerySet");
        String method = methodName != null ? methodName : QueryNames.method(schema, qs);
        Map<String, String> params = paramTypes(qs);
        Step terminal = qs.terminal();
        tuples = qs.chain().steps().stream().anyMatch(st -> st instanceof Step.ValuesList);
        String result = tuples && terminal == null ? "List<Object>" : resultType(terminal);
        String chain;
        String fallbackConstant = null;
        try {
            chain = chain(qs.chain(), "schema");
        } catch (NotExpressible e) {
            imports.add("studio.queryset.django.DjangoParser");
            fallbackConstant = "QUERY";
            chain = "QuerySet.of(schema, DjangoParser.parse(" + fallbackConstant + ", schema))";
        }
        String evaluation = evaluation(terminal, chain, params);
        StringBuilder args = new StringBuilder("Connection connection, Schema schema");
        params.forEach((name, type) -> args.append(", ").append(type).append(' ').append(Names.member(name)));
        List<String> lines = new ArrayList<>();
        lines.add("/**");
        lines.add(" * Queries on the " + schema.models().iterator().next().appLabel()
                + " models through the QuerySet API of QuerySet Studio.");
        lines.add(" */");
        lines.add("public final class " + className + " {");
        if (fallbackConstant != null) {
            lines.add("    /** The query as Django text (it uses constructs the builder calls do not cover). */");
            // in parentheses the chain may span lines, as in Python
            lines.add("    private static final String " + fallbackConstant + " = \"\"\"");
            List<String> text = DjangoChain.lines(qs.chain(), JavaText.WIDTH - 16, "    ");
            for (int i = 0; i < text.size(); i++) {
                lines.add("            " + (i == 0 ? "(" : "") + JavaText.inTextBlock(text.get(i))
                        + (i == text.size() - 1 ? ")\"\"\";" : ""));
            }
            lines.add("");
        }
        lines.add("    private " + className + "() {");
        lines.add("    }");
        lines.add("");
        lines.add("    /**");
        lines.add("     * The Django QuerySet this method runs:");
        for (String doc : JavaText.preBlock(DjangoChain.lines(qs, JavaText.WIDTH - 16, "    "))) {
            lines.add("     *" + (doc.isEmpty() ? "" : " " + doc));
        }
        if (writes(terminal)) {
            lines.add("     *");
            for (String doc : JavaText.wrap(TRANSACTION_DOC, JavaText.WIDTH - 7)) {
                lines.add("     * " + doc);
            }
        }
        lines.add("     */");
        lines.add(signature("    public static " + result + " " + method + "(", args + ") {"));
        lines.add("        return " + evaluation + ";");
        lines.add("    }");
        lines.add("");
        imports.add("java.util.concurrent.CompletableFuture");
        lines.add("    /** {@link #" + method + "} on another thread. */");
        lines.add(signature("    public static CompletableFuture<" + boxed(result) + "> " + method + "Async(",
                args + ") {"));
        StringBuilder call = new StringBuilder("connection, schema");
        params.keySet().forEach(p -> call.append(", ").append(Names.member(p)));
        lines.add("        return CompletableFuture.supplyAsync(() -> " + method + "(" + call + "));");
        lines.add("    }");
        if (!params.isEmpty()) {
            imports.add("java.util.HashMap");
            imports.add("java.util.Map");
            lines.add("");
            lines.add("    /** Parameter values by name; a null leaves an optional Param's condition out. */");
            lines.add("    private static Map<String, Object> paramMap(Object... nameThenValue) {");
            lines.add("        Map<String, Object> values = new HashMap<>();");
            lines.add("        for (int i = 0; i < nameThenValue.length; i += 2) {");
            lines.add("            values.put((String) nameThenValue[i], nameThenValue[i + 1]);");
            lines.add("        }");
            lines.add("        return values;");
            lines.add("    }");
        }
        lines.add("}");
        StringBuilder out = new StringBuilder();
        if (packageName != null && !packageName.isEmpty()) {
            out.append("package ").append(packageName).append(";\n\n");
        }
        for (String i : imports) {
            out.append("import ").append(i).append(";\n");
        }
        for (String i : staticImports) {
            out.append("import static ").append(i).append(";\n");
        }
        out.append('\n');
        for (String l : lines) {
            out.append(l).append('\n');
        }
        return out.toString();
    }

    private static final String TRANSACTION_DOC = "<p>With auto-commit on, the write runs in a transaction of "
            + "its own: committed when it succeeds, rolled back if it fails, and auto-commit is on again afterwards. "
            + "With auto-commit off it joins the caller's open transaction and neither commits nor rolls back: the "
            + "caller does, and should roll back when this throws.";

    private static boolean writes(Step terminal) {
        return terminal instanceof Step.Update
                || terminal instanceof Step.Terminal t && t.method().equals("delete");
    }

    /** A method header, its parameters moved to a continuation line when it would pass the line width. */
    private static String signature(String head, String rest) {
        String one = head + rest;
        return one.length() <= JavaText.WIDTH ? one : head + "\n            " + rest;
    }

    // ---------------------------------------------------------------- evaluation and types

    private String evaluation(Step terminal, String chain, Map<String, String> params) {
        String qs = chain;
        if (!params.isEmpty()) {
            List<String> kv = new ArrayList<>();
            params.keySet().forEach(p -> kv.add(JavaText.string(p) + ", " + Names.member(p)));
            qs = qs + "\n                .withParams(paramMap(" + String.join(", ", kv) + "))";
        }
        if (terminal == null) {
            imports.add("java.util.List");
            if (tuples) {
                return qs + "\n                .tuples(connection)";
            }
            imports.add("studio.queryset.api.Row");
            return qs + "\n                .list(connection)";
        }
        if (terminal instanceof Step.Terminal t) {
            switch (t.method()) {
                case "count":
                    return qs + "\n                .count(connection)";
                case "exists":
                    return qs + "\n                .exists(connection)";
                case "first":
                case "last":
                    imports.add("java.util.Optional");
                    imports.add("studio.queryset.api.Row");
                    return qs + "\n                ." + t.method() + "(connection)";
                case "delete":
                    return qs + "\n                .delete(connection)";
                case "get":
                    imports.add("studio.queryset.api.Row");
                    return qs + (t.condition() == null ? "" : "\n                .filter(" + conditions(t.condition())
                            + ")") + "\n                .get(connection)";
                default:
                    throw new CodegenException(t.method() + "() has no QuerySet API export yet");
            }
        }
        if (terminal instanceof Step.Aggregate a) {
            imports.add("java.util.Map");
            return qs + "\n                .aggregate(connection, " + named(a.named(), a.positional()) + ")";
        }
        if (terminal instanceof Step.Update u) {
            return qs + "\n                .update(connection, " + named(u.values(), List.of()) + ")";
        }
        throw new CodegenException(terminal.method() + "() has no QuerySet API export yet");
    }

    private String resultType(Step terminal) {
        if (terminal == null) {
            return "List<Row>";
        }
        if (terminal instanceof Step.Terminal t) {
            return switch (t.method()) {
                case "count", "delete" -> "long";
                case "exists" -> "boolean";
                case "first", "last" -> "Optional<Row>";
                default -> "Row";
            };
        }
        if (terminal instanceof Step.Aggregate) {
            return "Map<String, Object>";
        }
        if (terminal instanceof Step.Update) {
            return "long";
        }
        return "Object";
    }

    private static String boxed(String type) {
        return switch (type) {
            case "long" -> "Long";
            case "boolean" -> "Boolean";
            default -> type;
        };
    }

    /**
     * Param name → Java type, from the compiled statements (the column each Param meets), in the order the
     * Django text names them: the order of the plain JDBC method's arguments too.
     */
    private Map<String, String> paramTypes(QuerySet qs) {
        Map<String, String> types = new LinkedHashMap<>();
        for (CompiledQuery q : SqlCompiler.plan(schema, qs, dialect).statements()) {
            for (Object p : q.params()) {
                if (p instanceof ParamRef ref && !types.containsKey(ref.name())) {
                    types.put(ref.name(), javaType(ref.type()));
                }
            }
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (QueryParams.Param p : QueryParams.of(qs)) {
            if (types.containsKey(p.name())) {
                out.put(p.name(), types.get(p.name()));
            }
        }
        types.forEach(out::putIfAbsent);
        return out;
    }

    private String javaType(ValueType t) {
        return switch (t) {
            case INTEGER -> "Long";
            case FLOAT -> "Double";
            case DECIMAL -> use("java.math.BigDecimal", "BigDecimal");
            case BOOLEAN -> "Boolean";
            case DATE -> use("java.time.LocalDate", "LocalDate");
            case DATETIME -> use("java.time.LocalDateTime", "LocalDateTime");
            case TIME -> use("java.time.LocalTime", "LocalTime");
            case DURATION -> use("java.time.Duration", "Duration");
            case UUID -> use("java.util.UUID", "UUID");
            case JSON -> "Object";
            case TEXT -> "String";
        };
    }

    private String use(String qualified, String simple) {
        imports.add(qualified);
        return simple;
    }

    // ---------------------------------------------------------------- the chain

    private String chain(QuerySet qs, String schemaVar) {
        StringBuilder sb = new StringBuilder("QuerySet.of(" + schemaVar + ", " + JavaText.string(qs.model()) + ")");
        for (Step s : qs.steps()) {
            sb.append("\n                .").append(step(s));
        }
        return sb.toString();
    }

    private String step(Step s) {
        if (s instanceof Step.Filter f) {
            return (f.exclude() ? "exclude(" : "filter(") + conditions(f) + ")";
        }
        if (s instanceof Step.Annotate a) {
            if (!a.positional().isEmpty()) {
                throw new NotExpressible("positional annotate()");
            }
            return (a.alias() ? "alias(" : "annotate(") + named(a.named(), List.of()) + ")";
        }
        if (s instanceof Step.OrderBy o) {
            List<String> items = new ArrayList<>();
            for (Expression.OrderBy item : o.items()) {
                if (item.isRandom()) {
                    items.add("\"?\"");
                } else if (item.expression() instanceof Expression.F f && item.nullsFirst() == null
                        && item.nullsLast() == null) {
                    items.add(JavaText.string((item.descending() ? "-" : "") + f.path()));
                } else {
                    throw new NotExpressible("ordering by an expression");
                }
            }
            return "orderBy(" + String.join(", ", items) + ")";
        }
        if (s instanceof Step.Values v) {
            if (!v.expressions().isEmpty()) {
                throw new NotExpressible("values() with expressions");
            }
            return "values(" + strings(v.fields()) + ")";
        }
        if (s instanceof Step.ValuesList v) {
            if (v.named()) {
                throw new NotExpressible("values_list(named=True)");
            }
            return v.flat() ? "valuesListFlat(" + strings(v.fields()) + ")" : "valuesList(" + strings(v.fields()) + ")";
        }
        if (s instanceof Step.Distinct d) {
            return "distinct(" + strings(d.fields()) + ")";
        }
        if (s instanceof Step.Only o) {
            return (o.defer() ? "defer(" : "only(") + strings(o.fields()) + ")";
        }
        if (s instanceof Step.SelectRelated r) {
            return "selectRelated(" + strings(r.paths()) + ")";
        }
        if (s instanceof Step.PrefetchRelated p) {
            List<String> items = new ArrayList<>();
            for (Prefetch pf : p.lookups()) {
                if (pf.plain()) {
                    items.add(JavaText.string(pf.lookup()));
                } else {
                    staticImports.add("studio.queryset.api.Exprs.prefetch");
                    items.add("prefetch(" + JavaText.string(pf.lookup()) + ", " + (pf.queryset() == null ? "null"
                            : chain(pf.queryset(), "schema")) + ", " + (pf.toAttr() == null ? "null"
                            : JavaText.string(pf.toAttr())) + ")");
                }
            }
            return "prefetchRelated(" + String.join(", ", items) + ")";
        }
        if (s instanceof Step.Slice sl) {
            return "slice(" + (sl.start() == null ? "null" : sl.start()) + ", " + (sl.stop() == null ? "null"
                    : sl.stop()) + ")";
        }
        if (s instanceof Step.Simple sim) {
            return sim.method() + "()";
        }
        throw new NotExpressible(s.method() + "()");
    }

    private static String strings(List<String> values) {
        List<String> out = new ArrayList<>();
        values.forEach(v -> out.add(JavaText.string(v)));
        return String.join(", ", out);
    }

    private String named(Map<String, Expression> named, List<Expression> positional) {
        if (!positional.isEmpty()) {
            throw new CodegenException("positional aggregates need an alias in the QuerySet API export");
        }
        List<String> out = new ArrayList<>();
        named.forEach((k, v) -> out.add(JavaText.string(k) + ", " + expr(v)));
        return String.join(", ", out);
    }

    private String conditions(Step.Filter f) {
        List<String> out = new ArrayList<>();
        f.args().forEach(q -> out.add(q(q)));
        f.kwargs().forEach(q -> out.add(q(q)));
        String oneLine = String.join(", ", out);
        return oneLine.length() <= 70 ? oneLine : String.join(",\n                        ", out);
    }

    private String q(Q q) {
        staticImports.add("studio.queryset.api.Exprs.q");
        if (q instanceof Q.Lookup l) {
            return "q(" + JavaText.string(l.path()) + ", " + value(l.value()) + ")";
        }
        if (!(q instanceof Q.Node n) || n.children().isEmpty()) {
            throw new NotExpressible("a condition on an expression");
        }
        String joined = q(n.children().get(0));
        for (Q c : n.children().subList(1, n.children().size())) {
            joined = joined + (n.connector() == Q.Connector.AND ? ".and(" : ".or(") + q(c) + ")";
        }
        return n.negated() ? joined + ".negate()" : joined;
    }

    /** A lookup's right-hand side: plain Java values, or expressions. */
    private String value(Expression e) {
        if (e instanceof Expression.Value v && v.outputField() == null) {
            return literal(v.value());
        }
        return expr(e);
    }

    private String expr(Expression e) {
        if (e instanceof Expression.F f) {
            staticImports.add("studio.queryset.api.Exprs.f");
            return "f(" + JavaText.string(f.path()) + ")";
        }
        if (e instanceof Expression.Param p) {
            String fn = p.optional() ? "optionalParam" : "param";
            staticImports.add("studio.queryset.api.Exprs." + fn);
            return fn + "(" + JavaText.string(p.name()) + ")";
        }
        if (e instanceof Expression.OuterRef o && o.levels() == 1) {
            staticImports.add("studio.queryset.api.Exprs.outerRef");
            return "outerRef(" + JavaText.string(o.path()) + ")";
        }
        if (e instanceof Expression.Value v && v.outputField() == null) {
            staticImports.add("studio.queryset.api.Exprs.value");
            return "value(" + literal(v.value()) + ")";
        }
        if (e instanceof Expression.Combined c) {
            String fn = switch (c.operator()) {
                case "+" -> "add";
                case "-" -> "sub";
                case "*" -> "mul";
                case "/" -> "div";
                default -> throw new NotExpressible("operator " + c.operator());
            };
            staticImports.add("studio.queryset.api.Exprs." + fn);
            return fn + "(" + expr(c.left()) + ", " + value(c.right()) + ")";
        }
        if (e instanceof Expression.Aggregate a && a.argument() instanceof Expression.F f && a.defaultValue() == null
                && a.options().isEmpty() && (!a.distinct() || a.function().equals("Count") && a.filter() == null)) {
            String fn = a.function().toLowerCase(java.util.Locale.ROOT);
            if (a.filter() != null) {
                if (!fn.equals("count")) {
                    throw new NotExpressible(a.function() + " with filter=");
                }
                staticImports.add("studio.queryset.api.Exprs.count");
                return "count(" + JavaText.string(f.path()) + ", " + q(a.filter()) + ")";
            }
            if (!List.of("count", "sum", "avg", "max", "min").contains(fn)) {
                throw new NotExpressible(a.function());
            }
            staticImports.add("studio.queryset.api.Exprs." + fn);
            return fn + "(" + JavaText.string(f.path()) + (a.distinct() ? ", true" : "") + ")";
        }
        if (e instanceof Expression.Subquery s) {
            staticImports.add("studio.queryset.api.Exprs.subquery");
            return "subquery(" + chain(s.query(), "schema") + ")";
        }
        if (e instanceof Expression.Exists x) {
            staticImports.add("studio.queryset.api.Exprs.exists");
            return "exists(" + chain(x.query(), "schema") + ")";
        }
        if (e instanceof Expression.QueryValue qv) {
            return chain(qv.query(), "schema");
        }
        throw new NotExpressible(e.getClass().getSimpleName());
    }

    private String literal(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof String s) {
            return JavaText.string(s);
        }
        if (v instanceof Long l) {
            return l + "L";
        }
        if (v instanceof Double d) {
            return d.isInfinite() || d.isNaN() ? "Double.NaN" : d + "d";
        }
        if (v instanceof Boolean b) {
            return b.toString();
        }
        if (v instanceof BigDecimal b) {
            return "new " + use("java.math.BigDecimal", "BigDecimal") + "(" + JavaText.string(b.toString()) + ")";
        }
        if (v instanceof LocalDateTime t) {
            return use("java.time.LocalDateTime", "LocalDateTime") + ".of(" + t.getYear() + ", " + t.getMonthValue()
                    + ", " + t.getDayOfMonth() + ", " + t.getHour() + ", " + t.getMinute() + ", " + t.getSecond()
                    + (t.getNano() != 0 ? ", " + t.getNano() : "") + ")";
        }
        if (v instanceof LocalDate d) {
            return use("java.time.LocalDate", "LocalDate") + ".of(" + d.getYear() + ", " + d.getMonthValue() + ", "
                    + d.getDayOfMonth() + ")";
        }
        if (v instanceof LocalTime t) {
            return use("java.time.LocalTime", "LocalTime") + ".of(" + t.getHour() + ", " + t.getMinute() + ", "
                    + t.getSecond() + ")";
        }
        if (v instanceof Duration d) {
            return use("java.time.Duration", "Duration") + ".ofSeconds(" + d.getSeconds() + "L)";
        }
        if (v instanceof List<?> l) {
            List<String> items = new ArrayList<>();
            for (Object o : l) {
                items.add(o instanceof Expression x ? value(x) : literal(o));
            }
            return use("java.util.List", "List") + ".of(" + String.join(", ", items) + ")";
        }
        throw new NotExpressible("a " + v.getClass().getSimpleName() + " value");
    }
}
