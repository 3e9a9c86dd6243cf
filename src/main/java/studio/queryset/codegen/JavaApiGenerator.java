package studio.queryset.codegen;

import static studio.queryset.codegen.JavaExpr.atom;
import static studio.queryset.codegen.JavaExpr.call;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import studio.queryset.django.DjangoPrinter;
import studio.queryset.query.Evaluations;
import studio.queryset.query.Expression;
import studio.queryset.query.ListParams;
import studio.queryset.query.Prefetch;
import studio.queryset.query.Q;
import studio.queryset.query.QueryException;
import studio.queryset.query.QuerySet;
import studio.queryset.query.Step;
import studio.queryset.schema.Model;
import studio.queryset.schema.Schema;
import studio.queryset.schema.ValueType;
import studio.queryset.sql.CompiledQuery;
import studio.queryset.sql.OutColumn;
import studio.queryset.sql.Dialect;
import studio.queryset.sql.ParamRef;
import studio.queryset.sql.QueryPlan;
import studio.queryset.sql.RowShape;
import studio.queryset.sql.SelectPlan;
import studio.queryset.sql.SqlCompiler;

/**
 * Generates a Java class that runs a query through the project's own QuerySet API ({@code studio.queryset.api},
 * the queryset-runtime jar): the whole chain as builder calls (every construct of the query model has one, so
 * nothing is parsed at run time), on the schema class exported beside it ({@code BlogSchema.SCHEMA}, see
 * {@link SchemaGenerator}), the query's Params as typed arguments, rows as records, and an async twin on the
 * API's own threads.
 */
public final class JavaApiGenerator {
    private final Schema schema;
    /** The database the Params' types and the records' columns are planned for. */
    private final Dialect dialect;
    private final ExportOptions.DateTimes dateTimes;
    private final TreeSet<String> imports = new TreeSet<>();
    private final TreeSet<String> staticImports = new TreeSet<>();
    /** Values of terminals used as values, computed first in the QuerySet's builder method, in run order. */
    private final List<EagerLocal> eagerLocals = new ArrayList<>();
    private final Map<Expression.Evaluated, JavaExpr> eagerNames = new java.util.IdentityHashMap<>();
    private String schemaClass;

    public JavaApiGenerator(Schema schema) {
        this(schema, Dialect.SQLITE);
    }

    public JavaApiGenerator(Schema schema, Dialect dialect) {
        this(schema, dialect, ExportOptions.DateTimes.LOCAL);
    }

    /** {@code dateTimes}: the Java type datetimes are returned and taken as. */
    public JavaApiGenerator(Schema schema, Dialect dialect, ExportOptions.DateTimes dateTimes) {
        this.schema = schema;
        this.dialect = dialect;
        this.dateTimes = dateTimes;
    }

    /** The schema class the generated code references: {@code BlogSchema} for the app {@code blog}. */
    public String schemaClass(QuerySet qs) {
        return SchemaGenerator.className(schema.model(qs.model()).appLabel());
    }

    /** The class for {@code qs}; it references {@link #schemaClass} in the same package. */
    public String generate(String packageName, String className, String methodName, QuerySet qs) {
        imports.clear();
        staticImports.clear();
        eagerLocals.clear();
        eagerNames.clear();
        schemaClass = schemaClass(qs);
        if (schemaClass.equals(className)) {
            throw new CodegenException("'" + className + "' is the name of the schema class the export uses; "
                    + "give the class another name");
        }
        imports.add("java.sql.Connection");
        imports.add("studio.queryset.api.QuerySet");
        String method = methodName != null ? methodName : QueryNames.method(schema, qs);
        QueryPlan plan;
        // an IN-list Param plans as a one-element list (the rows do not depend on it); its type is the field's
        QuerySet planned = ListParams.expand(qs, p -> Expression.Value.of(List.of(p)));
        try {
            plan = SqlCompiler.plan(schema, planned, dialect);
        } catch (QueryException e) {
            throw new CodegenException("The query does not compile (" + e.kind() + "): " + e.getMessage());
        }
        Map<String, String> params = paramTypes(qs, plan);
        for (var in : InLists.elementTypes(schema, qs).entrySet()) {
            imports.add("java.util.Collection");
            params.computeIfPresent(in.getKey(), (n, type) -> "Collection<" + (in.getValue() == null ? "?"
                    : new ApiRecords(schema, imports, dateTimes).typed(in.getValue()).type()) + ">");
        }
        imports.remove("studio.queryset.api.Row"); // typing only named the types; records add it when they read
        ApiRecords records = new ApiRecords(schema, imports, dateTimes);
        Evaluations.inRunOrder(qs).forEach(this::evaluated); // their locals in the order Python runs them
        Evaluation ev = evaluation(qs, plan, records, method);
        // raw() is the manager's, not an evaluation: it stays in the chain, list() runs it
        JavaExpr built = chain(qs.terminal() instanceof Step.Raw ? qs : qs.chain());
        if (!params.isEmpty()) {
            List<JavaExpr> kv = new ArrayList<>();
            params.forEach((p, type) -> {
                kv.add(atom(JavaText.string(p)));
                boolean zoned = type.matches("(Collection<)?(OffsetDateTime|Instant)>?");
                if (zoned) {
                    imports.add("studio.queryset.api.Row"); // the engine binds the UTC wall time
                }
                kv.add(atom(zoned ? "Row.utc(" + Names.member(p) + ")" : Names.member(p)));
            });
            built = append(built, call("withParams", call("paramValues", kv)));
        }

        List<String> args = new ArrayList<>();
        List<String> argNames = new ArrayList<>();
        params.forEach((name, type) -> {
            args.add(type + " " + Names.member(name));
            argNames.add(Names.member(name));
        });
        List<String> withConnection = new ArrayList<>(List.of("Connection connection"));
        withConnection.addAll(args);
        List<String> callArgs = new ArrayList<>(List.of("connection"));
        callArgs.addAll(argNames);

        List<List<String>> members = new ArrayList<>();
        Code run = new Code(1);
        List<String> doc = new ArrayList<>();
        doc.add(ev.doc());
        doc.add("");
        doc.add("<p>The Django QuerySet it runs:");
        doc.addAll(JavaText.preBlock(DjangoChain.lines(qs, JavaText.WIDTH - 16, "    ")));
        if (ev.write()) {
            doc.add("");
            doc.add(TRANSACTION_DOC);
        }
        run.javadoc(doc);
        run.call("public static " + ev.type() + " " + method, withConnection, " {");
        run.indent();
        // a terminal used as a value runs while the QuerySet is built, as in Django: building it needs the connection
        boolean eager = Evaluations.any(qs);
        String queryCall = method + "QuerySet(" + String.join(", ", eager ? callArgs : argNames) + ")";
        for (String line : ev.body(queryCall)) {
            run.line(line);
        }
        run.close("}");
        members.add(run.lines());

        imports.add("java.util.concurrent.CompletableFuture");
        Code async = new Code(1);
        async.javadoc(List.of("{@link #" + method + "} on the QuerySet API's own threads ({@code QuerySet.async})."));
        async.call("public static CompletableFuture<" + boxed(ev.type()) + "> " + method + "Async", withConnection,
                " {");
        async.indent();
        async.line("return QuerySet.async(() -> " + method + "(" + String.join(", ", callArgs) + "));");
        async.close("}");
        members.add(async.lines());

        Code builder = new Code(1);
        builder.javadoc(List.of("The QuerySet " + (params.isEmpty() ? "" : "with these Param values ")
                + (eager ? "(building it runs the terminals used as values in it, first, as Django does; the rest "
                + "runs when it is evaluated)" : "(nothing runs until it is evaluated)")
                + ": to evaluate it otherwise, or to see its SQL with {@code sql(dialect)}."));
        builder.call("public static QuerySet " + method + "QuerySet", eager ? withConnection : args, " {");
        builder.indent();
        for (EagerLocal l : eagerLocals) {
            builder.line("// Django runs this first, while the QuerySet is built:");
            JavaText.wrap(l.django(), JavaText.WIDTH - 16).forEach(w -> builder.line("// " + w));
            String head = "Object " + l.name() + " = ";
            String whole = head + l.base().flat() + String.join("", l.calls()) + ";";
            if (8 + whole.length() <= JavaText.WIDTH) {
                builder.line(whole);
                continue;
            }
            List<String> lines = 8 + head.length() + l.base().flat().length() <= JavaText.WIDTH
                    ? List.of(l.base().flat()) : l.base().broken(8, "");
            builder.line(head + lines.get(0));
            lines.subList(1, lines.size()).forEach(x -> builder.line(x.substring(8)));
            for (int i = 0; i < l.calls().size(); i++) {
                builder.line("        " + l.calls().get(i) + (i == l.calls().size() - 1 ? ";" : ""));
            }
        }
        String oneLine = "return " + built.flat() + ";";
        List<String> lines = 8 + oneLine.length() <= JavaText.WIDTH ? List.of(built.flat() + ";")
                : built.broken(8, ";");
        builder.line("return " + lines.get(0));
        lines.subList(1, lines.size()).forEach(l -> builder.line(l.substring(8)));
        builder.close("}");
        members.add(builder.lines());

        if (!params.isEmpty()) {
            imports.add("java.util.HashMap");
            imports.add("java.util.Map");
            members.add(List.of(
                    "    /** Parameter values by name; a null leaves an optional Param's condition out. */",
                    "    private static Map<String, Object> paramValues(Object... nameThenValue) {",
                    "        Map<String, Object> values = new HashMap<>();",
                    "        for (int i = 0; i < nameThenValue.length; i += 2) {",
                    "            values.put((String) nameThenValue[i], nameThenValue[i + 1]);",
                    "        }",
                    "        return values;",
                    "    }"));
        }
        records.declared().forEach(r -> members.add(r.lines()));
        return render(packageName, className, members);
    }

    private String render(String packageName, String className, List<List<String>> members) {
        StringBuilder out = new StringBuilder();
        if (packageName != null && !packageName.isEmpty()) {
            out.append("package ").append(packageName).append(";\n\n");
        }
        for (String i : imports) {
            out.append("import ").append(i).append(";\n");
        }
        if (!staticImports.isEmpty()) {
            out.append('\n');
        }
        for (String i : staticImports) {
            out.append("import static ").append(i).append(";\n");
        }
        out.append('\n');
        out.append("/**\n");
        String app = schema.models().iterator().next().appLabel();
        for (String l : JavaText.wrap("Queries on the {@code " + app + "} models through the QuerySet API of "
                + "QuerySet Studio (the queryset-runtime jar), on the schema of {@link " + schemaClass + "}: no "
                + "models.py is read and nothing is parsed at run time. Values are always bound parameters; on "
                + "PostgreSQL each evaluation runs with the session time zone at UTC (as Django's connections do) "
                + "and puts the session's zone back.", JavaText.WIDTH - 3)) {
            out.append(" * ").append(l).append('\n');
        }
        out.append(" */\n");
        out.append("public final class ").append(className).append(" {\n");
        out.append("    private ").append(className).append("() {\n    }\n");
        for (List<String> m : members) {
            out.append('\n');
            m.forEach(l -> out.append(l).append('\n'));
        }
        return out.append("}\n").toString();
    }

    private static final String TRANSACTION_DOC = "<p>With auto-commit on, the write runs in a transaction of "
            + "its own: committed when it succeeds, rolled back if it fails, and auto-commit is on again afterwards. "
            + "With auto-commit off it joins the caller's open transaction and neither commits nor rolls back: the "
            + "caller does, and should roll back when this throws.";

    private static String boxed(String type) {
        return switch (type) {
            case "long" -> "Long";
            case "boolean" -> "Boolean";
            default -> type;
        };
    }

    private static JavaExpr append(JavaExpr chain, JavaExpr.Call c) {
        if (chain instanceof JavaExpr.Chain ch) {
            List<JavaExpr.Call> calls = new ArrayList<>(ch.calls());
            calls.add(c);
            return new JavaExpr.Chain(ch.start(), calls);
        }
        return new JavaExpr.Chain(chain, List.of(c));
    }

    // ---------------------------------------------------------------- evaluation and result types

    /**
     * The method's return type, its Javadoc sentence, and how its body evaluates the QuerySet: {@code return
     * <wrap>query.<evaluate><map>;}, where {@code wrap} is a record's {@code of(} (closed after the call).
     */
    private record Evaluation(String type, String doc, String evaluate, String map, boolean write, String wrap) {
        Evaluation(String type, String doc, String evaluate, String map, boolean write) {
            this(type, doc, evaluate, map, write, "");
        }

        Evaluation wrapped(String of) {
            return new Evaluation(type, doc, evaluate, map, write, of);
        }

        /** The statement, broken before the mapping when long. */
        List<String> body(String query) {
            String head = "return " + wrap + query + "." + evaluate + (wrap.isEmpty() ? "" : ")");
            String one = head + map + ";";
            if (8 + one.length() <= JavaText.WIDTH) {
                return List.of(one);
            }
            if (map.isEmpty()) {
                if (wrap.isEmpty()) {
                    return List.of(one);
                }
                // the record's of( on the return line, the evaluation on the next
                return List.of("return " + wrap, "        " + query + "." + evaluate + ");");
            }
            List<String> out = new ArrayList<>();
            out.add(head);
            for (String part : map.split("(?=\\.(stream|map|toList)\\()")) {
                if (!part.isEmpty()) {
                    out.add("        " + part);
                }
            }
            out.set(out.size() - 1, out.get(out.size() - 1) + ";");
            return out;
        }
    }

    private Evaluation evaluation(QuerySet qs, QueryPlan plan, ApiRecords records, String method) {
        Step terminal = qs.terminal();
        SelectPlan sp = plan.select();
        String model = Names.type(qs.model());
        if (terminal instanceof Step.Raw) {
            imports.add("java.util.List");
            imports.add("studio.queryset.api.Row");
            return new Evaluation("List<Row>", "The rows of the raw SQL, each with the columns it selects.",
                    "list(connection)", "", false);
        }
        if (terminal instanceof Step.Create) {
            throw new CodegenException(terminal.method() + "() has no QuerySet API export");
        }
        if (terminal instanceof Step.Update) {
            return new Evaluation("long", "Updates the rows; returns how many changed.", "update(connection"
                    + namedArgs(((Step.Update) terminal).values(), List.of()) + ")", "", true);
        }
        if (terminal instanceof Step.Terminal t) {
            switch (t.method()) {
                case "count":
                    return new Evaluation("long", "Counts the rows.", "count(connection)", "", false);
                case "exists":
                    return new Evaluation("boolean", "Whether there is a row.", "exists(connection)", "", false);
                case "delete":
                    return new Evaluation("long", "Deletes the rows (on_delete cascades included); returns how "
                            + "many went.", "delete(connection)", "", true);
                default:
                    break;
            }
        }
        if (terminal instanceof Step.Aggregate a) {
            String rec = records.columnsRecord(sp, model + "Aggregates", "The aggregates of {@code " + qs.model()
                    + "} rows.", ApiRecords.Source.MAP);
            String positional = a.positional().isEmpty() ? "" : ", " + list(a.positional()).flat();
            return new Evaluation(rec, "The aggregates.", "aggregate(connection" + positional
                    + namedArgs(a.named(), List.of()) + ")", "", false).wrapped(rec + ".of(");
        }
        // rows: what one of them becomes
        RowShape shape = sp.shape();
        String rowType;
        String mapper;
        boolean tuples = false;
        if (shape == RowShape.MODEL) {
            rowType = records.modelRecord(sp, sp.prefetches(), sp.model(), List.of(), model + "Row");
            mapper = rowType + "::of";
        } else if (shape == RowShape.FLAT) {
            OutColumn col = sp.columns().stream().filter(c -> !c.hidden()).findFirst().orElseThrow();
            ApiRecords.Typed t = records.typed(col.type());
            rowType = t.type();
            mapper = t.converter().startsWith("(") ? rowType + ".class::cast" : t.converter().isEmpty()
                    ? "value -> value" : t.converter().replace(".", "::");
            tuples = true;
        } else if (shape == RowShape.VALUES_LIST) {
            rowType = records.columnsRecord(sp, model + "Tuple", "One {@code values_list()} tuple of {@code "
                    + qs.model() + "}.", ApiRecords.Source.TUPLE);
            mapper = "values -> " + rowType + ".of((List<?>) values)";
            imports.add("java.util.List");
            tuples = true;
        } else {
            rowType = records.columnsRecord(sp, model + "Values", "One row of {@code " + qs.model()
                    + "} values.", ApiRecords.Source.ROW);
            mapper = rowType + "::of";
        }
        String fetch = tuples ? "tuples(connection)" : "list(connection)";
        if (terminal == null) {
            imports.add("java.util.List");
            return new Evaluation("List<" + rowType + ">", "The rows.", fetch, ".stream().map(" + mapper
                    + ").toList()", false);
        }
        if (tuples) {
            throw new CodegenException(terminal.method() + "() of values_list() has no QuerySet API export");
        }
        String one = rowType + ".of(";
        if (terminal instanceof Step.Index ix) {
            return new Evaluation(rowType, "The row at index " + ix.index() + " (IndexError when there is none).",
                    "index(connection, " + ix.index() + "L)", "", false).wrapped(one);
        }
        if (terminal instanceof Step.Iterator it) {
            imports.add("java.util.stream.Stream");
            long chunk = it.chunkSize() == null ? JavaJdbcGenerator.DEFAULT_FETCH_SIZE : it.chunkSize();
            return new Evaluation("Stream<" + rowType + ">", "Streams the rows (a server-side cursor on "
                    + "PostgreSQL, {@code chunk_size} rows a fetch); close the stream to free it.",
                    "iterator(connection, " + chunk + ")", ".map(" + mapper + ")", false);
        }
        Step.Terminal t = (Step.Terminal) terminal;
        switch (t.method()) {
            case "first":
            case "last":
                imports.add("java.util.Optional");
                return new Evaluation("Optional<" + rowType + ">", "The " + t.method() + " row, if any.",
                        t.method() + "(connection)", ".map(" + mapper + ")", false);
            case "get":
                String cond = t.condition() == null ? "" : "filter(" + String.join(", ", conditionArgs(t.condition())
                        .stream().map(JavaExpr::flat).toList()) + ").";
                return new Evaluation(rowType, "The one matching row (DoesNotExist or MultipleObjectsReturned "
                        + "otherwise).", cond + "get(connection)", "", false).wrapped(one);
            case "latest":
            case "earliest":
                List<String> fields = new ArrayList<>();
                t.fields().forEach(f -> fields.add(JavaText.string(f)));
                return new Evaluation(rowType, "The " + t.method() + " row (DoesNotExist when there is none).",
                        t.method() + "(connection" + (fields.isEmpty() ? "" : ", " + String.join(", ", fields))
                        + ")", "", false).wrapped(one);
            default:
                throw new CodegenException(t.method() + "() has no QuerySet API export");
        }
    }

    /** Param name → Java type, from the compiled statements, in the order the query names the Params. */
    private Map<String, String> paramTypes(QuerySet qs, QueryPlan plan) {
        Map<String, ValueType> types = new LinkedHashMap<>();
        for (CompiledQuery q : plan.statements()) {
            for (Object p : q.params()) {
                if (p instanceof ParamRef ref && !types.containsKey(ref.name())) {
                    types.put(ref.name(), ref.type());
                }
            }
        }
        Map<String, String> out = new LinkedHashMap<>();
        ApiRecords typing = new ApiRecords(schema, imports, dateTimes);
        for (QueryParams.Param p : QueryParams.of(qs)) {
            ValueType t = types.get(p.name());
            if (t != null) {
                String type = typing.typed(t).type();
                out.put(p.name(), type.equals("Object") ? "Object" : type);
            }
        }
        types.forEach((name, t) -> out.putIfAbsent(name, typing.typed(t).type()));
        out.keySet().removeIf(Evaluations::isPlaceholder); // a terminal's value: computed, not an argument
        return out;
    }

    // ---------------------------------------------------------------- the chain

    private JavaExpr chain(QuerySet qs) {
        JavaExpr start = call("QuerySet.of", atom(schemaClass + ".SCHEMA"), atom(JavaText.string(qs.model())));
        List<JavaExpr.Call> calls = new ArrayList<>();
        for (Step s : qs.steps()) {
            calls.add(step(s));
        }
        return calls.isEmpty() ? start : new JavaExpr.Chain(start, calls);
    }

    private JavaExpr.Call step(Step s) {
        if (s instanceof Step.Filter f) {
            return call(f.exclude() ? "exclude" : "filter", conditionArgs(f));
        }
        if (s instanceof Step.Annotate a) {
            List<JavaExpr> args = new ArrayList<>();
            if (!a.positional().isEmpty()) {
                if (a.alias()) {
                    throw new CodegenException("alias() takes keyword arguments only");
                }
                args.add(list(a.positional()));
            }
            args.addAll(named(a.named()));
            return call(a.alias() ? "alias" : "annotate", args);
        }
        if (s instanceof Step.OrderBy o) {
            List<JavaExpr> items = new ArrayList<>();
            for (Expression.OrderBy item : o.items()) {
                items.add(orderItem(item));
            }
            return call("orderBy", items);
        }
        if (s instanceof Step.Values v) {
            if (v.expressions().isEmpty()) {
                return call("values", strings(v.fields()));
            }
            List<JavaExpr> args = new ArrayList<>();
            imports.add("java.util.List");
            args.add(call("List.of", strings(v.fields())));
            args.addAll(named(v.expressions()));
            return call("values", args);
        }
        if (s instanceof Step.ValuesList v) {
            return call(v.named() ? "valuesListNamed" : v.flat() ? "valuesListFlat" : "valuesList", strings(v.fields()));
        }
        if (s instanceof Step.Distinct d) {
            return call("distinct", strings(d.fields()));
        }
        if (s instanceof Step.Only o) {
            return call(o.defer() ? "defer" : "only", strings(o.fields()));
        }
        if (s instanceof Step.SelectRelated r) {
            return call("selectRelated", strings(r.paths()));
        }
        if (s instanceof Step.PrefetchRelated p) {
            List<JavaExpr> items = new ArrayList<>();
            for (Prefetch pf : p.lookups()) {
                if (pf.plain()) {
                    items.add(atom(JavaText.string(pf.lookup())));
                } else {
                    staticImports.add("studio.queryset.api.Exprs.prefetch");
                    items.add(call("prefetch", atom(JavaText.string(pf.lookup())),
                            pf.queryset() == null ? atom("null") : chain(pf.queryset()),
                            atom(pf.toAttr() == null ? "null" : JavaText.string(pf.toAttr()))));
                }
            }
            return call("prefetchRelated", items);
        }
        if (s instanceof Step.Slice sl) {
            return call("slice", atom(bound(sl.start())), atom(bound(sl.stop())));
        }
        if (s instanceof Step.Simple sim) {
            if (!List.of("all", "reverse", "none").contains(sim.method())) {
                throw new CodegenException(sim.method() + "() has no QuerySet API export");
            }
            return call(sim.method());
        }
        if (s instanceof Step.Combine c && c.isOperator()) {
            return call(c.method(), chain(c.others().get(0))); // QuerySet.or(other) / and(other)
        }
        if (s instanceof Step.Combine c) {
            List<JavaExpr> args = new ArrayList<>();
            boolean plainUnion = c.method().equals("union") && !c.all();
            if (!plainUnion) {
                args.add(atom(JavaText.string(c.method())));
                args.add(atom(Boolean.toString(c.all())));
            }
            c.others().forEach(o -> args.add(chain(o)));
            return call(plainUnion ? "union" : "combine", args);
        }
        if (s instanceof Step.Raw r) {
            List<JavaExpr> args = new ArrayList<>();
            args.add(stringAtom(r.sql()));
            r.params().forEach(p -> args.add(value(p)));
            return call("raw", args);
        }
        throw new CodegenException(s.method() + "() has no QuerySet API export");
    }

    private static String bound(Long b) {
        if (b == null) {
            return "null";
        }
        if (b > Integer.MAX_VALUE) {
            throw new CodegenException("a slice bound beyond " + Integer.MAX_VALUE + " has no QuerySet API export");
        }
        return b.toString();
    }

    private JavaExpr orderItem(Expression.OrderBy item) {
        if (item.isRandom()) {
            return atom("\"?\"");
        }
        if (item.fromText() && item.expression() instanceof Expression.F f) {
            return atom(JavaText.string((item.descending() ? "-" : "") + f.path()));
        }
        String fn = item.descending() ? "desc" : "asc";
        staticImports.add("studio.queryset.api.Exprs." + fn);
        return call(fn, expr(item.expression()), atom(String.valueOf(item.nullsFirst())),
                atom(String.valueOf(item.nullsLast())));
    }

    private List<JavaExpr> strings(List<String> values) {
        List<JavaExpr> out = new ArrayList<>();
        values.forEach(v -> out.add(stringAtom(v)));
        return out;
    }

    /** alias, expression pairs. */
    private List<JavaExpr> named(Map<String, Expression> named) {
        List<JavaExpr> out = new ArrayList<>();
        named.forEach((k, v) -> {
            out.add(atom(JavaText.string(k)));
            out.add(expr(v));
        });
        return out;
    }

    private String namedArgs(Map<String, Expression> named, List<Expression> positional) {
        if (!positional.isEmpty()) {
            throw new CodegenException("update() takes keyword arguments only");
        }
        StringBuilder sb = new StringBuilder();
        named(named).forEach(e -> sb.append(", ").append(e.flat()));
        return sb.toString();
    }

    private JavaExpr list(List<Expression> expressions) {
        imports.add("java.util.List");
        List<JavaExpr> items = new ArrayList<>();
        expressions.forEach(e -> items.add(expr(e)));
        return call("List.of", items);
    }

    /**
     * A filter's conditions as Q arguments: its Q objects, then its keyword lookups in name order, the order
     * Django 3.2 applies them in ({@code Q(*args, *sorted(kwargs.items()))}).
     */
    private List<JavaExpr> conditionArgs(Step.Filter f) {
        List<JavaExpr> out = new ArrayList<>();
        f.args().forEach(q -> out.add(q(q)));
        f.kwargs().stream().sorted(Comparator.comparing(Q.Lookup::path)).forEach(q -> out.add(q(q)));
        return out;
    }

    private JavaExpr q(Q q) {
        if (q instanceof Q.Lookup l) {
            staticImports.add("studio.queryset.api.Exprs.q");
            return call("q", stringAtom(l.path()), value(l.value()));
        }
        if (q instanceof Q.ExpressionCondition c) {
            staticImports.add("studio.queryset.api.Exprs.where");
            return call("where", expr(c.expression()));
        }
        Q.Node n = (Q.Node) q;
        List<JavaExpr> children = new ArrayList<>();
        n.children().forEach(c -> children.add(q(c)));
        // ~Q(a=1) reads as not(q(...)): negate() wraps a lone child that is no node, as Django's ~ does
        if (n.negated() && n.connector() == Q.Connector.AND && children.size() == 1
                && !(n.children().get(0) instanceof Q.Node)) {
            return fn("not", children.get(0));
        }
        JavaExpr node = fn(n.connector() == Q.Connector.AND ? "and" : "or", children.toArray(JavaExpr[]::new));
        return n.negated() ? fn("not", node) : node;
    }

    /** A lookup's right-hand side or an argument: a plain Java value where the API takes one, else an expression. */
    private JavaExpr value(Expression e) {
        if (e instanceof Expression.Value v && v.outputField() == null) {
            return literal(v.value());
        }
        return expr(e);
    }

    /**
     * A terminal used as a value: the API's own terminal call on its queryset, run while the outer QuerySet is built
     * (as Django runs it), and what is taken from its result: an aggregate's key, a row's attribute (its primary key
     * for the instance itself; null for first()/last() with no row, as Django's None), a list's values.
     */
    private JavaExpr evaluated(Expression.Evaluated ev) {
        JavaExpr known = eagerNames.get(ev);
        if (known == null) {
            Step t = ev.query().terminal();
            JavaExpr base = chain(t == null ? ev.query() : ev.query().chain());
            List<String> call = evaluatedCall(ev, base.flat());
            known = local(ev, base, call.subList(1, call.size()));
            eagerNames.put(ev, known);
        }
        return known;
    }

    /** The Java call computing {@code ev}'s value, in pieces a long line may break between. */
    private List<String> evaluatedCall(Expression.Evaluated ev, String base) {
        QuerySet qs = ev.query();
        Step t = qs.terminal();
        Model m = schema.model(qs.model());
        String attr = ev.taken() instanceof Expression.Taken.Attribute a && !a.name().equals("pk")
                ? m.field(a.name()).map(studio.queryset.schema.Field::attname).orElse(a.name()) : m.pk().attname();
        String get = ".get(" + JavaText.string(attr) + ")";
        if (t == null) {
            boolean flat = qs.steps().stream().anyMatch(x -> x instanceof Step.ValuesList vl && vl.flat());
            return flat ? List.of(base, ".tuples(connection)")
                    : List.of(base, ".list(connection)", ".stream()", ".map(row -> row" + get + ")", ".toList()");
        }
        if (t instanceof Step.Aggregate a) {
            String positional = a.positional().isEmpty() ? "" : ", " + list(a.positional()).flat();
            String key = ((Expression.Taken.Key) ev.taken()).key();
            return List.of(base, ".aggregate(connection" + positional + namedArgs(a.named(), List.of()) + ")",
                    ".get(" + JavaText.string(key) + ")");
        }
        if (t instanceof Step.Index ix) {
            return List.of(base, ".index(connection, " + ix.index() + "L)", get);
        }
        Step.Terminal term = (Step.Terminal) t;
        switch (term.method()) {
            case "count":
            case "exists":
                return List.of(base, "." + term.method() + "(connection)");
            case "first":
            case "last":
                return List.of(base, "." + term.method() + "(connection)", ".map(row -> row" + get + ")",
                        ".orElse(null)");
            case "get":
                String cond = term.condition() == null ? "" : ".filter(" + String.join(", ",
                        conditionArgs(term.condition()).stream().map(JavaExpr::flat).toList()) + ")";
                return List.of(base, cond + ".get(connection)", get);
            default: // latest, earliest
                List<String> fields = new ArrayList<>();
                term.fields().forEach(f -> fields.add(JavaText.string(f)));
                return List.of(base, "." + term.method() + "(connection" + (fields.isEmpty() ? "" : ", "
                        + String.join(", ", fields)) + ")", get);
        }
    }

    /** A local of the QuerySet's builder method holding an evaluated terminal's value (it runs first). */
    private JavaExpr local(Expression.Evaluated ev, JavaExpr base, List<String> calls) {
        String name = "evaluated" + (eagerLocals.size() + 1);
        eagerLocals.add(new EagerLocal(name, base, calls, DjangoPrinter.evaluated(ev)));
        return atom(name);
    }

    /** The local {@code name} = the value of {@code django}: {@code calls} on the queryset {@code base}. */
    private record EagerLocal(String name, JavaExpr base, List<String> calls, String django) {
    }

    private JavaExpr fn(String name, JavaExpr... args) {
        staticImports.add("studio.queryset.api.Exprs." + name);
        return call(name, args);
    }

    private JavaExpr expr(Expression e) {
        if (e instanceof Expression.Evaluated ev) {
            return fn("value", evaluated(ev));
        }
        if (e instanceof Expression.F f) {
            return fn("f", stringAtom(f.path()));
        }
        if (e instanceof Expression.Param p) {
            return fn(p.optional() ? "optionalParam" : "param", atom(JavaText.string(p.name())));
        }
        if (e instanceof Expression.OuterRef o) {
            return o.levels() == 1 ? fn("outerRef", stringAtom(o.path()))
                    : fn("outerRef", stringAtom(o.path()), atom(Integer.toString(o.levels())));
        }
        if (e instanceof Expression.Value v) {
            return v.outputField() == null ? fn("value", literal(v.value()))
                    : fn("value", literal(v.value()), atom(JavaText.string(v.outputField())));
        }
        if (e instanceof Expression.Combined c) {
            String op = switch (c.operator()) {
                case "+" -> "add";
                case "-" -> "sub";
                case "*" -> "mul";
                case "/" -> "div";
                default -> null;
            };
            if (op == null) {
                return fn("combine", expr(c.left()), atom(JavaText.string(c.operator())), value(c.right()));
            }
            return fn(op, expr(c.left()), value(c.right()));
        }
        if (e instanceof Expression.Negated n) {
            return fn("neg", expr(n.operand()));
        }
        if (e instanceof Expression.Func f) {
            List<JavaExpr> args = new ArrayList<>();
            args.add(atom(JavaText.string(f.name())));
            if (!f.options().isEmpty()) {
                args.add(options(f.options()));
            }
            f.args().forEach(a -> args.add(expr(a)));
            staticImports.add("studio.queryset.api.Exprs.func");
            return call("func", args);
        }
        if (e instanceof Expression.Aggregate a) {
            return aggregate(a);
        }
        if (e instanceof Expression.Star) {
            return fn("star");
        }
        if (e instanceof Expression.When w) {
            // When(Exists(...), then=...): the expression itself, as Django writes it
            JavaExpr condition = w.condition() instanceof Q.ExpressionCondition c ? expr(c.expression())
                    : q(w.condition());
            return fn("when", condition, value(w.then()));
        }
        if (e instanceof Expression.Case c) {
            List<JavaExpr> args = new ArrayList<>();
            args.add(c.defaultValue() == null ? atom("null") : expr(c.defaultValue()));
            if (c.outputField() != null) {
                args.add(atom(JavaText.string(c.outputField())));
            }
            c.whens().forEach(w -> args.add(expr(w)));
            staticImports.add("studio.queryset.api.Exprs.caseOf");
            return call("caseOf", args);
        }
        if (e instanceof Expression.Wrapper w) {
            return fn("wrapper", expr(w.expression()), atom(JavaText.string(w.outputField())));
        }
        if (e instanceof Expression.Subquery s) {
            return fn("subquery", chain(s.query()));
        }
        if (e instanceof Expression.Exists x) {
            return fn("exists", chain(x.query()));
        }
        if (e instanceof Expression.QueryValue qv) {
            return chain(qv.query());
        }
        if (e instanceof Expression.Condition c) {
            return fn("condition", q(c.q()));
        }
        if (e instanceof Expression.OrderBy o) {
            return orderItem(o);
        }
        if (e instanceof Expression.Window w) {
            Expression.Frame f = w.frame();
            JavaExpr frame = f == null ? atom("null") : fn(f.rows() ? "rows" : "range", frameBound(f.start()),
                    frameBound(f.end()));
            return fn("window", expr(w.expression()), fn("over", w.partitionBy().stream().map(this::expr)
                    .toArray(JavaExpr[]::new)), fn("over", w.orderBy().stream().map(this::expr)
                    .toArray(JavaExpr[]::new)), frame);
        }
        throw new CodegenException(e.getClass().getSimpleName() + " has no QuerySet API export");
    }

    private static JavaExpr frameBound(Long b) {
        return atom(b == null ? "null" : b + "L");
    }

    private JavaExpr aggregate(Expression.Aggregate a) {
        String fn = a.function().toLowerCase(Locale.ROOT);
        boolean simple = a.defaultValue() == null && a.options().isEmpty()
                && List.of("count", "sum", "avg", "max", "min").contains(fn);
        if (simple && a.argument() instanceof Expression.Star && fn.equals("count") && !a.distinct()
                && a.filter() == null) {
            return fn("count", atom("\"*\""));
        }
        if (simple && a.argument() instanceof Expression.F f) {
            if (a.filter() == null && !a.distinct()) {
                return fn(fn, stringAtom(f.path()));
            }
            if (fn.equals("count") && a.filter() == null) {
                return fn("count", stringAtom(f.path()), atom("true"));
            }
            if (fn.equals("count") && !a.distinct()) {
                return fn("count", stringAtom(f.path()), q(a.filter()));
            }
        }
        imports.add("java.util.Map");
        return fn("aggregate", atom(JavaText.string(a.function())), expr(a.argument()),
                atom(Boolean.toString(a.distinct())), a.filter() == null ? atom("null") : q(a.filter()),
                a.defaultValue() == null ? atom("null") : value(a.defaultValue()), options(a.options()));
    }

    private JavaExpr options(Map<String, Object> options) {
        imports.add("java.util.Map");
        if (options.isEmpty()) {
            return atom("Map.of()");
        }
        if (options.size() > 10) {
            throw new CodegenException("more than 10 keyword options have no QuerySet API export");
        }
        List<JavaExpr> kv = new ArrayList<>();
        options.forEach((k, v) -> {
            kv.add(atom(JavaText.string(k)));
            kv.add(v instanceof Expression x ? expr(x) : literal(v));
        });
        return call("Map.of", kv);
    }

    /** A string literal; a long one as a concatenation of pieces that fit a line. */
    private static JavaExpr stringAtom(String s) {
        if (s.length() <= 70) {
            return atom(JavaText.string(s));
        }
        List<JavaExpr> pieces = new ArrayList<>();
        int start = 0;
        while (start < s.length()) {
            int end = Math.min(s.length(), start + 60);
            if (end < s.length() && Character.isHighSurrogate(s.charAt(end - 1))) {
                end++; // never split a surrogate pair
            }
            pieces.add(atom(JavaText.string(s.substring(start, end))));
            start = end;
        }
        return new JavaExpr.Call("String.join", prepend(atom("\"\""), pieces));
    }

    private static List<JavaExpr> prepend(JavaExpr first, List<JavaExpr> rest) {
        List<JavaExpr> out = new ArrayList<>();
        out.add(first);
        out.addAll(rest);
        return out;
    }

    private JavaExpr literal(Object v) {
        if (v == null) {
            return atom("null");
        }
        if (v instanceof Expression.Evaluated ev) { // Value(Order.objects.count()): the count itself
            return evaluated(ev);
        }
        if (v instanceof String s) {
            return stringAtom(s);
        }
        if (v instanceof Long l) {
            return atom(l + "L");
        }
        if (v instanceof Integer i) {
            return atom(i + "L");
        }
        if (v instanceof Double d) {
            return atom(d.isNaN() ? "Double.NaN" : d.isInfinite() ? (d > 0 ? "Double.POSITIVE_INFINITY"
                    : "Double.NEGATIVE_INFINITY") : d + "d");
        }
        if (v instanceof Boolean b) {
            return atom(b.toString());
        }
        if (v instanceof BigDecimal b) {
            return call("new " + use("java.math.BigDecimal"), atom(JavaText.string(b.toString())));
        }
        if (v instanceof LocalDateTime t) {
            return call(use("java.time.LocalDateTime") + ".of", ints(t.getYear(), t.getMonthValue(), t.getDayOfMonth(),
                    t.getHour(), t.getMinute(), t.getSecond(), t.getNano()));
        }
        if (v instanceof LocalDate d) {
            return call(use("java.time.LocalDate") + ".of", ints(d.getYear(), d.getMonthValue(), d.getDayOfMonth()));
        }
        if (v instanceof LocalTime t) {
            return call(use("java.time.LocalTime") + ".of", ints(t.getHour(), t.getMinute(), t.getSecond(),
                    t.getNano()));
        }
        if (v instanceof Duration d) {
            return call(use("java.time.Duration") + ".ofSeconds", atom(d.getSeconds() + "L"),
                    atom(Integer.toString(d.getNano())));
        }
        if (v instanceof java.util.UUID u) {
            return call(use("java.util.UUID") + ".fromString", atom(JavaText.string(u.toString())));
        }
        if (v instanceof Map<?, ?> m) {
            List<JavaExpr> kv = new ArrayList<>();
            for (var e : m.entrySet()) {
                kv.add(literal(String.valueOf(e.getKey())));
                kv.add(e.getValue() instanceof Expression x ? value(x) : literal(e.getValue()));
            }
            return fn("map", kv.toArray(JavaExpr[]::new));
        }
        if (v instanceof List<?> l) {
            List<JavaExpr> items = new ArrayList<>();
            for (Object o : l) {
                items.add(o instanceof Expression x ? value(x) : literal(o));
            }
            // Arrays.asList: List.of refuses the nulls a list of values may hold
            return call(use("java.util.Arrays") + ".asList", items.isEmpty() ? List.of(atom("new Object[0]")) : items);
        }
        throw new CodegenException("a " + v.getClass().getSimpleName() + " value has no QuerySet API export");
    }

    private static List<JavaExpr> ints(int... values) {
        List<JavaExpr> out = new ArrayList<>();
        for (int v : values) {
            out.add(atom(Integer.toString(v)));
        }
        return out;
    }

    private String use(String qualified) {
        imports.add(qualified);
        return qualified.substring(qualified.lastIndexOf('.') + 1);
    }
}
