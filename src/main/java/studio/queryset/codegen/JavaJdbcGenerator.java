package studio.queryset.codegen;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import studio.queryset.django.DjangoPrinter;
import studio.queryset.query.Evaluations;
import studio.queryset.query.Expression;
import studio.queryset.query.ListParams;
import studio.queryset.query.QueryException;
import studio.queryset.query.QuerySet;
import studio.queryset.query.Step;
import studio.queryset.schema.Field;
import studio.queryset.schema.Model;
import studio.queryset.schema.ReverseRelation;
import studio.queryset.schema.Schema;
import studio.queryset.schema.ValueType;
import studio.queryset.sql.CompiledQuery;
import studio.queryset.sql.Dialect;
import studio.queryset.sql.OutColumn;
import studio.queryset.sql.ParamRef;
import studio.queryset.sql.PrefetchPlan;
import studio.queryset.sql.QueryPlan;
import studio.queryset.sql.RowShape;
import studio.queryset.sql.SelectPlan;
import studio.queryset.sql.SqlCompiler;
import studio.queryset.sql.WriteStatement;

/**
 * Generates a Java class that runs queries with plain JDBC (nothing but the driver): one public static method
 * per query taking a {@link java.sql.Connection} and the query's Params, the SQL of the chosen dialect in text
 * blocks, rows as records (nested records for select_related, lists filled by a second query for
 * prefetch_related), scalars for count/exists, a transactional method for update/delete. The code reads and
 * binds values exactly as the engine does, so it returns what the app shows.
 */
public final class JavaJdbcGenerator {
    /** One query of the class; {@code methodName} null derives it from the query ({@code findPosts}). */
    public record Query(String methodName, QuerySet queryset) {
    }

    /** Django's iterator() chunk size, the fetch size of the streaming variants. */
    static final int DEFAULT_FETCH_SIZE = 2000;
    /**
     * Up to this many optional Params, each combination gets a constant of its own; beyond, the statement is
     * composed when the method runs from fixed fragments, each optional condition appended when its Param is given.
     */
    static final int MAX_OPTIONAL_PARAMS = 3;
    /**
     * Up to this many variant dimensions every combination is planned and the composed statement proven on each
     * (2^10 plans); beyond, it is proven on all given, all left out, each one and each two left out, and each one
     * and each two given.
     */
    static final int MAX_EXHAUSTIVE_PARAMS = 10;
    private static final Set<String> LOCALS = Set.of("connection", "statement", "resultSet", "index", "action",
            "rows", "result", "keys", "key", "batch", "autoCommit", "ownTransaction", "sessionZone", "metaData",
            "column", "label", "row", "parentKeys", "updated", "deleted", "e", "value", "text", "element", "sql",
            "conditions", "groupConditions", "where", "having", "alternatives1", "alternatives2", "alternatives3");

    private final Schema schema;
    private final Dialect dialect;
    private final ExportOptions.DateTimes dateTimes;

    public JavaJdbcGenerator(Schema schema, Dialect dialect) {
        this(schema, dialect, ExportOptions.DateTimes.LOCAL);
    }

    /** {@code dateTimes}: the Java type datetimes are read and bound as. */
    public JavaJdbcGenerator(Schema schema, Dialect dialect, ExportOptions.DateTimes dateTimes) {
        this.schema = schema;
        this.dialect = dialect;
        this.dateTimes = dateTimes;
    }

    public String generate(String packageName, String className, String methodName, QuerySet qs) {
        return generate(packageName, className, List.of(new Query(methodName, qs)));
    }

    /** One class with a method per query; records and helpers the queries share are declared once. */
    public String generate(String packageName, String className, List<Query> queries) {
        if (packageName != null && !packageName.isBlank()
                && !packageName.matches("[A-Za-z_$][\\w$]*(\\.[A-Za-z_$][\\w$]*)*")) {
            throw new CodegenException("'" + packageName + "' is not a Java package name");
        }
        if (!className.matches("[A-Za-z_$][\\w$]*") || Names.isJavaKeyword(className)) {
            throw new CodegenException("'" + className + "' is not a Java class name");
        }
        JavaClass out = new JavaClass();
        Set<String> methods = new HashSet<>();
        Set<String> apps = new LinkedHashSet<>();
        boolean regexp = false;
        boolean timestampDiff = false;
        List<String> names = QueryNames.distinct(schema, queries.stream().map(Query::queryset).toList(),
                queries.stream().map(Query::methodName).toList());
        for (int i = 0; i < queries.size(); i++) {
            Query q = queries.get(i);
            plan(q.queryset(), Set.of()); // a query that does not compile is refused before anything is named
            String name = names.get(i);
            if (!name.matches("[A-Za-z_$][\\w$]*") || !Names.member(name).equals(name) || LOCALS.contains(name)) {
                throw new CodegenException("'" + name + "' cannot be a method name; give another method name (--method)");
            }
            for (int n = 2; !methods.add(name); n++) {
                name = name.replaceAll("\\d+$", "") + n;
            }
            apps.add(schema.model(q.queryset().model()).appLabel());
            QueryWriter writer = prepareQuery(out, name, q.queryset(), methods);
            writeAll(writer);
            regexp |= writer.usesRegexp;
            timestampDiff |= writer.usesTimestampDiff;
        }
        if (regexp) {
            addRegexpFunction(out);
        }
        if (timestampDiff) {
            addTimestampDiffFunction(out);
        }
        return out.render(packageName, className, classDoc(apps, regexp, timestampDiff));
    }

    /**
     * Prepares the method {@code name} for {@code qs}. A terminal used as a value in it ({@code Order.objects.count()})
     * gets a method of its own, which the method calls first, as Django runs it while the QuerySet is built; its
     * value is a local variable bound where the terminal was written.
     */
    private QueryWriter prepareQuery(JavaClass out, String name, QuerySet qs, Set<String> methods) {
        Map<String, Eager> computed = new LinkedHashMap<>();
        List<QueryWriter> inners = new ArrayList<>();
        QuerySet outer = qs;
        if (Evaluations.any(qs)) {
            Set<String> used = new HashSet<>(studio.queryset.query.Params.of(qs).keySet());
            outer = Evaluations.replace(qs, ev -> {
                if (!studio.queryset.query.Params.of(ev.query()).isEmpty()) {
                    throw new CodegenException(DjangoPrinter.evaluated(ev) + " runs while the QuerySet is built, "
                            + "so its method takes no arguments: a Param(...) in it is not exported; give it a "
                            + "literal value");
                }
                String inner = QueryNames.method(schema, ev.query());
                for (int n = 2; !methods.add(inner); n++) {
                    inner = inner.replaceAll("\\d+$", "") + n;
                }
                QueryWriter w = prepareQuery(out, inner, ev.query(), methods);
                w.evaluatedFirst = true;
                inners.add(w);
                String param = "evaluated" + (computed.size() + 1);
                while (used.contains(param)) {
                    param = param + "_";
                }
                used.add(param);
                computed.put(param, new Eager(w.valueOf(ev), w.valueType(ev), DjangoPrinter.evaluated(ev)));
                return Expression.Param.of(param);
            });
        }
        QueryWriter writer = new QueryWriter(out, name, outer, plan(outer, Set.of()), qs, computed);
        writer.inners.addAll(inners);
        return writer;
    }

    /** Writes the method and then those of its evaluated terminals (the query's own method comes first). */
    private static void writeAll(QueryWriter writer) {
        writer.write();
        for (QueryWriter w : writer.inners) {
            writeAll(w);
            writer.usesRegexp |= w.usesRegexp; // the helpers the class needs are the inner methods' too
            writer.usesTimestampDiff |= w.usesTimestampDiff;
        }
    }

    /**
     * How an evaluated terminal's value is computed: the Java expression (in pieces a long line may break between),
     * its type (null when not one column's), and the Django text it stands for.
     */
    private record Eager(List<String> java, ValueType type, String django) {
    }

    private List<String> classDoc(Set<String> apps, boolean regexp, boolean timestampDiff) {
        List<String> doc = new ArrayList<>();
        String models = apps.stream().map(a -> "{@code " + a + "}").reduce((a, b) -> a + ", " + b).orElse("");
        doc.add("Queries on the " + models + " models for " + dialect.displayName() + ", generated by QuerySet Studio "
                + "from Django QuerySets: plain JDBC, nothing needed but the driver; values are always bound "
                + "parameters.");
        if (dialect == Dialect.POSTGRESQL) {
            doc.add("");
            doc.add("<p>Each method runs its statements with the session time zone at UTC, as Django's connections "
                    + "do (date parts and truncations of {@code timestamp with time zone} columns, and the datetimes "
                    + "bound, are taken in it), then puts the session's zone back: the rows are the same whatever the "
                    + "JVM's time zone, which the driver gives the session.");
        }
        if (timestampDiff) {
            doc.add("");
            doc.add("<p>SQLite has no exact difference of two datetimes: call {@link #registerTimestampDiff} once per "
                    + "connection, as Django registers its {@code django_timestamp_diff}.");
        }
        if (regexp) {
            doc.add("");
            doc.add("<p>SQLite has no REGEXP function of its own: call {@link #registerRegexp} once per connection, "
                    + "as Django does.");
        }
        List<String> wrapped = new ArrayList<>();
        for (String paragraph : doc) {
            wrapped.addAll(paragraph.isEmpty() ? List.of("") : JavaText.wrap(paragraph, JavaText.WIDTH - 3));
        }
        return wrapped;
    }

    private QueryPlan plan(QuerySet qs, Set<String> absent) {
        return plan(qs, absent, Set.of());
    }

    /** {@code emptyLists}: IN-list Params planned as empty lists (Django's always-false condition). */
    private QueryPlan plan(QuerySet qs, Set<String> absent, Set<String> emptyLists) {
        try {
            // an IN-list Param plans as a one-element list: its placeholder is widened when the method runs
            return SqlCompiler.plan(schema, ListParams.expand(qs, p -> Expression.Value.of(
                    emptyLists.contains(p.name()) ? List.of() : List.of(p))), dialect, absent);
        } catch (QueryException e) {
            throw new CodegenException("The query does not compile (" + e.kind() + "): " + e.getMessage());
        }
    }

    private static void addRegexpFunction(JavaClass out) {
        out.use("java.sql.Connection");
        out.use("java.sql.SQLException");
        out.use("java.util.regex.Pattern");
        out.use("org.sqlite.Function");
        out.method(List.of(
                "    /**",
                "     * Registers REGEXP on a SQLite connection, as Django does on its own: "
                        + "{@code text REGEXP pattern} is true",
                "     * when the pattern is found in the text (Python's {@code re.search}).",
                "     *",
                "     * @param connection a connection of the sqlite-jdbc driver",
                "     * @throws SQLException when the driver refuses the function",
                "     */",
                "    public static void registerRegexp(Connection connection) throws SQLException {",
                "        Function.create(connection, \"REGEXP\", new Function() {",
                "            /** The last pattern and its compiled form: a query compares every row with the same one. */",
                "            private String source;",
                "            private Pattern compiled;",
                "",
                "            @Override",
                "            protected void xFunc() throws SQLException {",
                "                String pattern = value_text(0);",
                "                String text = value_text(1);",
                "                if (pattern == null || text == null) {",
                "                    result();",
                "                    return;",
                "                }",
                "                if (!pattern.equals(source)) {",
                "                    compiled = Pattern.compile(pattern, Pattern.UNICODE_CASE);",
                "                    source = pattern;",
                "                }",
                "                result(compiled.matcher(text).find() ? 1 : 0);",
                "            }",
                "        });",
                "    }"));
    }

    private static void addTimestampDiffFunction(JavaClass out) {
        out.use("java.sql.Connection");
        out.use("java.sql.SQLException");
        out.use("java.time.LocalDate");
        out.use("java.time.LocalDateTime");
        out.use("java.time.LocalTime");
        out.use("java.time.temporal.ChronoUnit");
        out.use("org.sqlite.Function");
        out.method(List.of(
                "    /**",
                "     * Registers Django's {@code django_timestamp_diff} and {@code django_time_diff} on a SQLite "
                        + "connection: the",
                "     * difference of two stored datetimes (a date counts from midnight) or times in whole "
                        + "microseconds, exactly.",
                "     *",
                "     * @param connection a connection of the sqlite-jdbc driver",
                "     * @throws SQLException when the driver refuses the functions",
                "     */",
                "    public static void registerTimestampDiff(Connection connection) throws SQLException {",
                "        Function.create(connection, \"django_timestamp_diff\", new Function() {",
                "            @Override",
                "            protected void xFunc() throws SQLException {",
                "                String lhs = value_text(0);",
                "                String rhs = value_text(1);",
                "                if (lhs == null || rhs == null) {",
                "                    result();",
                "                } else {",
                "                    result(ChronoUnit.MICROS.between(timestamp(rhs), timestamp(lhs)));",
                "                }",
                "            }",
                "        });",
                "        Function.create(connection, \"django_time_diff\", new Function() {",
                "            @Override",
                "            protected void xFunc() throws SQLException {",
                "                String lhs = value_text(0);",
                "                String rhs = value_text(1);",
                "                if (lhs == null || rhs == null) {",
                "                    result();",
                "                } else {",
                "                    result(ChronoUnit.MICROS.between(LocalTime.parse(rhs), LocalTime.parse(lhs)));",
                "                }",
                "            }",
                "        });",
                "    }",
                "",
                "    /** A stored date or datetime; a date is its midnight. */",
                "    private static LocalDateTime timestamp(String text) {",
                "        String t = text.strip();",
                "        return t.length() == 10 ? LocalDate.parse(t).atStartOfDay() : LocalDateTime.parse(t.replace(' ', "
                        + "'T'));",
                "    }"));
    }

    // ================================================================ one query

    /** A statement of the plan, found at the same place in the plan of every combination of optional Params. */
    private interface Slot extends Function<QueryPlan, CompiledQuery> {
    }

    /** Writes one query's method (and its stream variant, records and helpers) into the class. */
    private final class QueryWriter {
        private final JavaClass out;
        private final JdbcTypes types;
        private final String method;
        private final QuerySet qs;
        private final QueryPlan plan;
        private final Model model;
        private final List<QueryParams.Param> params;
        private final List<String> optional;
        /**
         * What the statement's text depends on at run time: each optional Param (given or null) and each IN-list
         * Param (a non-empty or an empty collection, for which the compiler gives Django's always-false condition
         * instead of an {@code IN ()}).
         */
        private final List<String> dims = new ArrayList<>();
        /** Plans by the dimensions present (every combination, or the sample beyond 10), the first all present. */
        private final Map<Set<String>, QueryPlan> variants = new LinkedHashMap<>();
        private final Map<String, String> argNames = new LinkedHashMap<>();
        private final Map<String, ValueType> argTypes = new LinkedHashMap<>();
        /** IN-list Params ({@code id__in=Param("ids")}) → their elements' type: a Collection argument. */
        private final Map<String, ValueType> lists;
        /** select_related rows reached through a LEFT OUTER JOIN: absent when their key is null. */
        private final Set<Row> outerJoined = new HashSet<>();
        boolean usesRegexp;
        /** The SQL subtracts datetimes (or times) on SQLite: Django's exact functions. */
        boolean usesTimestampDiff;
        /** The query as written, for the Javadoc ({@code qs} has a Param where a terminal was evaluated). */
        private final QuerySet written;
        /** Params that stand for evaluated terminals: local variables computed first, not arguments. */
        private final Map<String, Eager> computed;
        /** The methods of those terminals, written after this one. */
        final List<QueryWriter> inners = new ArrayList<>();
        /** This method computes a terminal's value for another: private, and no stream twin (its list is the value). */
        boolean evaluatedFirst;

        QueryWriter(JavaClass out, String method, QuerySet qs, QueryPlan plan) {
            this(out, method, qs, plan, qs, Map.of());
        }

        QueryWriter(JavaClass out, String method, QuerySet qs, QueryPlan plan, QuerySet written,
                    Map<String, Eager> computed) {
            this.written = written;
            this.computed = computed;
            this.out = out;
            this.types = new JdbcTypes(dialect, out, dateTimes);
            this.method = method;
            this.qs = qs;
            this.plan = plan;
            this.model = schema.model(qs.model());
            this.params = QueryParams.of(qs);
            this.optional = QueryParams.optionalNames(params);
            this.lists = InLists.elementTypes(schema, qs);
            for (var l : lists.entrySet()) {
                if (l.getValue() == null) {
                    throw new CodegenException("Param(\"" + l.getKey() + "\") is the IN list of a transform: the "
                            + "plain-JDBC export needs the field's type (the QuerySet API export takes it)");
                }
                if (optional.contains(l.getKey())) {
                    throw new CodegenException("Param(\"" + l.getKey() + "\", optional=True) is a whole IN list: null "
                            + "(leave the condition out) and an empty collection (no rows, as Django) would be two "
                            + "different answers; make it required");
                }
            }
            dims.addAll(optional);
            lists.keySet().stream().filter(n -> !dims.contains(n)).forEach(dims::add);
            planVariants();
            nameArguments();
        }

        private void planVariants() {
            for (Set<String> absent : absentSets()) {
                Set<String> present = new LinkedHashSet<>(dims);
                present.removeAll(absent);
                Set<String> emptyLists = new LinkedHashSet<>(absent);
                emptyLists.retainAll(lists.keySet());
                Set<String> leftOut = new LinkedHashSet<>(absent);
                leftOut.removeAll(emptyLists);
                QueryPlan p = absent.isEmpty() ? plan : plan(qs, leftOut, emptyLists);
                if (p.kind() != plan.kind() || !sameShape(p.select(), plan.select())
                        || p.write().size() != plan.write().size()) {
                    throw new CodegenException("Leaving out optional Param(s) " + String.join(", ", absent)
                            + " changes what the query returns, not just its conditions; make them required");
                }
                variants.put(present, p);
            }
        }

        /**
         * The combinations of dimensions left out to plan: all of them up to {@link #MAX_EXHAUSTIVE_PARAMS}
         * (most present first); beyond, none, all, each one and each two, left out and given.
         */
        private List<Set<String>> absentSets() {
            int n = dims.size();
            List<Set<String>> out = new ArrayList<>();
            if (n <= MAX_EXHAUSTIVE_PARAMS) {
                for (int mask = (1 << n) - 1; mask >= 0; mask--) {
                    Set<String> absent = new LinkedHashSet<>();
                    for (int i = 0; i < n; i++) {
                        if ((mask & (1 << i)) == 0) {
                            absent.add(dims.get(i));
                        }
                    }
                    out.add(absent);
                }
                return out;
            }
            Set<Set<String>> seen = new LinkedHashSet<>();
            seen.add(Set.of());
            for (int i = 0; i < n; i++) {
                seen.add(Set.of(dims.get(i)));
                for (int j = i + 1; j < n; j++) {
                    seen.add(new LinkedHashSet<>(List.of(dims.get(i), dims.get(j))));
                }
            }
            for (int i = 0; i < n; i++) {
                Set<String> allBut = new LinkedHashSet<>(dims);
                allBut.remove(dims.get(i));
                seen.add(allBut);
                for (int j = i + 1; j < n; j++) {
                    Set<String> allButTwo = new LinkedHashSet<>(allBut);
                    allButTwo.remove(dims.get(j));
                    seen.add(allButTwo);
                }
            }
            seen.add(new LinkedHashSet<>(dims));
            out.addAll(seen);
            return out;
        }

        /** The Java test that a dimension is present: an optional Param given, an IN list not empty. */
        private String present(String dim) {
            return lists.containsKey(dim) ? "!" + argNames.get(dim) + ".isEmpty()" : argNames.get(dim) + " != null";
        }

        private boolean sameShape(SelectPlan a, SelectPlan b) {
            if (a == null || b == null) {
                return a == b;
            }
            if (!a.columns().equals(b.columns()) || a.shape() != b.shape()
                    || a.prefetches().size() != b.prefetches().size()) {
                return false;
            }
            for (int i = 0; i < a.prefetches().size(); i++) {
                if (!sameShape(a.prefetches().get(i).query(), b.prefetches().get(i).query())) {
                    return false;
                }
            }
            return true;
        }

        private void nameArguments() {
            argTypes.putAll(lists);
            for (QueryParams.Param p : params) {
                String name = Names.member(p.name());
                while (LOCALS.contains(name) || argNames.containsValue(name)) {
                    name = name + "Value";
                }
                argNames.put(p.name(), name);
            }
            for (CompiledQuery q : plan.statements()) {
                for (Object o : q.params()) {
                    if (o instanceof ParamRef ref && !lists.containsKey(ref.name())) {
                        ValueType t = ref.lookup() != null && isPattern(ref.lookup()) ? ValueType.TEXT : ref.type();
                        ValueType before = argTypes.putIfAbsent(ref.name(), t);
                        if (before != null && before != t) {
                            throw new CodegenException("Param(\"" + ref.name() + "\") is compared with "
                                    + before.name().toLowerCase(Locale.ROOT) + " values in one place and with "
                                    + t.name().toLowerCase(Locale.ROOT) + " values in another; use two Params");
                        }
                    }
                }
            }
            for (QueryParams.Param p : params) {
                argTypes.putIfAbsent(p.name(), ValueType.TEXT);
            }
            computed.forEach((param, eager) -> {
                ValueType wanted = lists.containsKey(param) ? lists.get(param) : argTypes.get(param);
                if (eager.type() != wanted) {
                    throw new CodegenException(eager.django() + " gives " + (eager.type() == null ? "no single "
                            + "column" : "a " + eager.type().name().toLowerCase(Locale.ROOT) + " value") + " where the "
                            + "query compares " + (wanted == null ? "several" : wanted.name().toLowerCase(Locale.ROOT))
                            + " values: the plain-JDBC export binds it as it is and does not convert it (Django binds "
                            + "the Python value); the QuerySet API export takes it");
                }
            });
        }

        private boolean isPattern(String lookup) {
            return switch (lookup) {
                case "contains", "icontains", "startswith", "istartswith", "endswith", "iendswith", "iexact" -> true;
                default -> false;
            };
        }

        private String argType(String param) {
            if (lists.containsKey(param)) {
                out.use("java.util.Collection");
                return "Collection<" + types.type(lists.get(param), true) + ">";
            }
            boolean opt = optional.contains(param);
            return types.type(argTypes.get(param), opt);
        }

        private List<String> signature() {
            out.use("java.sql.Connection");
            List<String> args = new ArrayList<>();
            args.add("Connection connection");
            for (QueryParams.Param p : params) {
                if (!computed.containsKey(p.name())) {
                    args.add(argType(p.name()) + " " + argNames.get(p.name()));
                }
            }
            return args;
        }

        // ------------------------------------------------------------ the method

        boolean write() {
            out.use("java.sql.SQLException");
            switch (plan.kind()) {
                case UPDATE:
                case DELETE:
                    writeMethod();
                    break;
                case RAW:
                    rawMethod();
                    break;
                case COUNT:
                case EXISTS:
                    scalarMethod();
                    break;
                default:
                    rowsMethod();
                    break;
            }
            return usesRegexp;
        }

        /**
         * Adds a public method to the class; on PostgreSQL its body runs with the session time zone at UTC (as
         * Django's connections are) and the caller's zone is put back after, so rows do not depend on the JVM's
         * zone, which the driver gives the session.
         */
        private void emit(List<String> lines) {
            if (dialect != Dialect.POSTGRESQL) {
                out.method(lines);
                return;
            }
            int signatureEnd = -1;
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).endsWith(" throws SQLException {")) {
                    signatureEnd = i;
                    break;
                }
            }
            if (signatureEnd < 0 || !lines.get(lines.size() - 1).equals("    }")) {
                throw new IllegalStateException("unexpected method layout: " + lines.get(0));
            }
            String atUtc = sessionAtUtcHelper();
            String restore = restoreTimeZoneHelper();
            List<String> body = lines.subList(signatureEnd + 1, lines.size() - 1);
            List<String> wrapped = new ArrayList<>(lines.subList(0, signatureEnd + 1));
            wrapped.add("        String sessionZone = " + atUtc + "(connection);");
            if (oneTryStatement(body)) {
                // the body's own try-with-resources takes the finally, as one would write it
                wrapped.addAll(body.subList(0, body.size() - 1));
            } else {
                wrapped.add("        try {");
                for (String l : body) {
                    wrapped.add(l.isEmpty() ? l : "    " + l);
                }
            }
            wrapped.add("        } finally {");
            wrapped.add("            " + restore + "(connection, sessionZone);");
            wrapped.add("        }");
            wrapped.add("    }");
            out.method(wrapped);
        }

        /** Whether a method body is one {@code try (...) { ... }} statement with no catch or finally. */
        private static boolean oneTryStatement(List<String> body) {
            if (body.size() < 2 || !body.get(0).startsWith("        try (")
                    || !body.get(body.size() - 1).equals("        }")) {
                return false;
            }
            for (String l : body.subList(1, body.size() - 1)) {
                if (!l.isEmpty() && !l.startsWith("         ")) {
                    return false; // another statement at the body's depth, or the try's catch/finally
                }
            }
            return true;
        }

        private String sessionAtUtcHelper() {
            out.use("java.sql.PreparedStatement");
            out.use("java.sql.ResultSet");
            return out.utility("sessionAtUtc", List.of(
                    "    /** Sets the session time zone to UTC, as Django's connections are; returns the one it had. */",
                    "    private static String sessionAtUtc(Connection connection) throws SQLException {",
                    "        try (PreparedStatement statement = connection.prepareStatement(",
                    "                \"SELECT current_setting('TimeZone'), set_config('TimeZone', 'UTC', false)\");",
                    "                ResultSet resultSet = statement.executeQuery()) {",
                    "            resultSet.next();",
                    "            return resultSet.getString(1);",
                    "        }",
                    "    }"));
        }

        private String restoreTimeZoneHelper() {
            out.use("java.sql.PreparedStatement");
            return out.utility("restoreTimeZone", List.of(
                    "    /**",
                    "     * Puts the session's time zone back. In a transaction a failure aborted this cannot run, and need",
                    "     * not: the caller's rollback undoes the change with the rest.",
                    "     */",
                    "    private static void restoreTimeZone(Connection connection, String zone) throws SQLException {",
                    "        if (zone.equals(\"UTC\")) {",
                    "            return;",
                    "        }",
                    "        try (PreparedStatement statement = connection.prepareStatement(",
                    "                \"SELECT set_config('TimeZone', ?, false)\")) {",
                    "            statement.setString(1, zone);",
                    "            statement.execute();",
                    "        } catch (SQLException e) {",
                    "            if (!\"25P02\".equals(e.getSQLState())) {",
                    "                throw e;",
                    "            }",
                    "        }",
                    "    }"));
        }

        private Code startMethod(String returnType, String name, List<String> args, List<String> doc) {
            Code c = new Code(1);
            c.javadoc(doc);
            // a terminal's own method serves the query's method only
            c.call((evaluatedFirst ? "private" : "public") + " static " + returnType + " " + name, args,
                    " throws SQLException {");
            c.indent();
            for (var e : computed.entrySet()) {
                List<String> java = new ArrayList<>(e.getValue().java());
                java.set(java.size() - 1, java.get(java.size() - 1) + ";");
                c.line("// Django runs this first, while the QuerySet is built:");
                for (String l : JavaText.wrap(e.getValue().django(), JavaText.WIDTH - 16)) {
                    c.line("// " + l);
                }
                c.statement(argType(e.getKey()) + " " + argNames.get(e.getKey()) + " = " + java.get(0),
                        java.subList(1, java.size()).toArray(String[]::new));
            }
            return c;
        }

        /**
         * The Java expression for what {@code ev} takes from this method's result: a count or flag itself, a key of
         * the aggregate record, an attribute (the primary key for the instance itself) of the row, a list's values.
         */
        List<String> valueOf(Expression.Evaluated ev) {
            String call = method + "(connection)";
            Expression.Taken t = ev.taken();
            QueryPlan.Kind kind = plan.kind();
            if (t instanceof Expression.Taken.Key k) {
                return List.of(call + "." + Names.member(k.key()) + "()");
            }
            if (kind == QueryPlan.Kind.COUNT || kind == QueryPlan.Kind.EXISTS) {
                return List.of(call);
            }
            String member = t instanceof Expression.Taken.Attribute a ? attribute(a.name()) : attribute("pk");
            if (kind == QueryPlan.Kind.ROWS) {
                return member == null ? List.of(call) : List.of(call, ".stream().map(row -> row." + member + "())",
                        ".toList()");
            }
            if (kind == QueryPlan.Kind.FIRST || kind == QueryPlan.Kind.LAST) {
                out.use("java.util.NoSuchElementException");
                return List.of(call, ".orElseThrow(() -> new NoSuchElementException(" + JavaText.string(
                        ev.query().terminal().method() + "() found no row") + "))",
                        "." + member + "()");
            }
            return List.of(call + "." + member + "()");
        }

        /** The type of what {@code ev} takes from this method's result: its column's, a count's, a flag's. */
        ValueType valueType(Expression.Evaluated ev) {
            QueryPlan.Kind kind = plan.kind();
            if (kind == QueryPlan.Kind.COUNT) {
                return ValueType.INTEGER;
            }
            if (kind == QueryPlan.Kind.EXISTS) {
                return ValueType.BOOLEAN;
            }
            String key = ev.taken() instanceof Expression.Taken.Key k ? k.key()
                    : plan.select().shape() == RowShape.FLAT ? null
                    : ev.taken() instanceof Expression.Taken.Attribute a && !a.name().equals("pk")
                    ? model.field(a.name()).map(Field::attname).orElse(a.name()) : model.pk().attname();
            for (OutColumn c : plan.select().columns()) {
                if (c.relationPath().isEmpty() && !c.hidden() && (key == null || c.key().equals(key))) {
                    return c.type();
                }
            }
            return null;
        }

        /** The record member of a model attribute of this query's rows ({@code pk}: the primary key's). */
        private String attribute(String name) {
            if (plan.select() != null && plan.select().shape() == RowShape.FLAT) {
                return null;
            }
            String key = name.equals("pk") ? model.pk().attname()
                    : model.field(name).map(studio.queryset.schema.Field::attname).orElse(name);
            return Names.member(key);
        }

        /** Javadoc: what it does and the Django text it came from. */
        private List<String> doc(String intro, String returns, List<String> throwsLines) {
            List<String> d = new ArrayList<>();
            d.add(intro);
            d.addAll(JavaText.preBlock(DjangoChain.lines(written, JavaText.WIDTH - 16, "    ")));
            d.add("");
            d.addAll(tags(returns, List.of(), throwsLines));
            return d;
        }

        /** Javadoc tags: the arguments (aligned), what comes back, what is thrown. */
        private List<String> tags(String returns, List<String> extraParams, List<String> throwsLines) {
            List<String> d = new ArrayList<>();
            List<String[]> ps = new ArrayList<>();
            ps.add(new String[] {"connection", "the database to run it on"});
            for (QueryParams.Param p : params) {
                String what = "{@code Param(\"" + p.name() + "\"" + (p.optional() ? ", optional=True" : "") + ")}";
                if (JavaText.html(p.name()).equals(p.name()) && !p.name().contains("\"")) {
                    what = what + (p.optional() ? "; null leaves its condition out" : "");
                } else {
                    what = "the value of Param " + JavaText.html(p.name()) + (p.optional() ? "; null leaves its "
                            + "condition out" : "");
                }
                ps.add(new String[] {argNames.get(p.name()), what});
            }
            for (int i = 0; i + 1 < extraParams.size(); i += 2) {
                ps.add(new String[] {extraParams.get(i), extraParams.get(i + 1)});
            }
            int width = ps.stream().mapToInt(p -> p[0].length()).max().orElse(0);
            for (String[] p : ps) {
                d.add("@param " + p[0] + " ".repeat(width - p[0].length() + 1) + p[1]);
            }
            if (returns != null) {
                d.add("@return " + returns);
            }
            d.addAll(throwsLines);
            d.add("@throws SQLException when the database reports an error");
            return d;
        }

        private String runsOn() {
            return "Runs, on " + dialect.displayName() + ":";
        }

        private void rowsMethod() {
            SelectPlan sp = plan.select();
            Row row = sp.shape() == RowShape.FLAT ? null : rowFor(sp);
            String rowType = row != null ? row.name : types.type(flatColumn(sp).type(), true,
                    narrow(flatColumn(sp), sp.model()));
            String rowsVar = rowsVariable(sp);
            String returnType;
            String returns;
            List<String> throwsDoc = new ArrayList<>();
            QueryPlan.Kind kind = plan.kind();
            switch (kind) {
                case ROWS:
                    out.use("java.util.List");
                    returnType = "List<" + rowType + ">";
                    returns = (sp.shape() == RowShape.MODEL ? "the " + Names.plural(Names.lowerFirst(model.name()))
                            : sp.shape() == RowShape.FLAT ? "the values of {@code " + flatColumn(sp).key() + "}"
                            : "the rows") + (sp.ordered() ? ", in the query's order" : "");
                    break;
                case FIRST:
                case LAST:
                    out.use("java.util.Optional");
                    returnType = "Optional<" + rowType + ">";
                    returns = "the " + kind.name().toLowerCase(Locale.ROOT) + " row, or empty when there is none";
                    break;
                case GET:
                    returnType = rowType;
                    returns = "the one matching row";
                    throwsDoc.add("@throws java.util.NoSuchElementException when no row matches (Django's "
                            + "DoesNotExist)");
                    throwsDoc.add("@throws IllegalStateException when several rows match (MultipleObjectsReturned)");
                    break;
                case AGGREGATE:
                    returnType = rowType;
                    returns = "the aggregates (null where there was nothing to aggregate)";
                    break;
                default:
                    returnType = rowType;
                    returns = "the row";
                    throwsDoc.add("@throws java.util.NoSuchElementException when there is no such row");
                    break;
            }
            Code c = startMethod(returnType, method, signature(), doc(runsOn(), returns, throwsDoc));
            String read = readExpression(sp, row);
            Slot main = p -> p.select().query();
            String sql = statementSql(main, Names.constant(method), true);
            boolean singleRow = kind == QueryPlan.Kind.FIRST || kind == QueryPlan.Kind.LAST
                    || kind == QueryPlan.Kind.SINGLE || kind == QueryPlan.Kind.INDEX
                    || kind == QueryPlan.Kind.AGGREGATE;
            if (singleRow && sp.prefetches().isEmpty()) {
                openQuery(c, main, sql);
                if (kind == QueryPlan.Kind.FIRST || kind == QueryPlan.Kind.LAST) {
                    String optional = row == null ? "Optional.ofNullable(" : "Optional.of(";
                    c.line("return resultSet.next() ? " + optional + read + ") : Optional.empty();");
                } else if (kind == QueryPlan.Kind.AGGREGATE) {
                    c.line("resultSet.next();");
                    c.line("return " + read + ";");
                } else {
                    c.open("if (!resultSet.next()) {");
                    out.use("java.util.NoSuchElementException");
                    c.line("throw new NoSuchElementException(" + JavaText.string(missing(kind)) + ");");
                    c.close("}");
                    c.line("return " + read + ";");
                }
                closeQuery(c, main);
            } else {
                out.use("java.util.ArrayList");
                out.use("java.util.List");
                c.line("List<" + rowType + "> " + rowsVar + " = new ArrayList<>();");
                openQuery(c, main, sql);
                c.open("while (resultSet.next()) {");
                c.line(rowsVar + ".add(" + read + ");");
                c.close("}");
                closeQuery(c, main);
                for (int i = 0; i < sp.prefetches().size(); i++) {
                    PrefetchPlan p = sp.prefetches().get(i);
                    String helper = prefetchMethod(p, row, List.of(i), Names.constant(method));
                    c.statement(rowsVar + " = " + prefetchCall(helper, p, rowsVar) + ";");
                }
                switch (kind) {
                    case ROWS:
                        c.line("return " + rowsVar + ";");
                        break;
                    case FIRST:
                    case LAST:
                        c.line("return " + rowsVar + ".isEmpty() ? Optional.empty() : Optional." + (row == null
                                ? "ofNullable(" : "of(") + rowsVar + ".get(0));");
                        break;
                    case GET:
                        out.use("java.util.NoSuchElementException");
                        c.open("if (" + rowsVar + ".isEmpty()) {");
                        c.line("throw new NoSuchElementException(" + JavaText.string(missing(kind)) + ");");
                        c.close("}");
                        c.open("if (" + rowsVar + ".size() > 1) {");
                        c.line("throw new IllegalStateException(\"get() returned more than one " + model.name()
                                + " -- it returned \"");
                        c.line("        + (" + rowsVar + ".size() > 20 ? \"more than 20\" : " + rowsVar
                                + ".size()) + \"!\");");
                        c.close("}");
                        c.line("return " + rowsVar + ".get(0);");
                        break;
                    default:
                        out.use("java.util.NoSuchElementException");
                        c.open("if (" + rowsVar + ".isEmpty()) {");
                        c.line("throw new NoSuchElementException(" + JavaText.string(missing(kind)) + ");");
                        c.close("}");
                        c.line("return " + rowsVar + ".get(0);");
                        break;
                }
            }
            c.close("}");
            emit(c.lines());
            if (kind == QueryPlan.Kind.ROWS && sp.prefetches().isEmpty() && !evaluatedFirst) {
                streamMethod(sp, rowType, read, sql, main);
            }
        }

        private String missing(QueryPlan.Kind kind) {
            if (kind == QueryPlan.Kind.INDEX) {
                Step.Index idx = (Step.Index) qs.terminal();
                return "No " + model.name() + " at index " + idx.index() + ": the query has fewer rows";
            }
            return model.name() + " matching query does not exist.";
        }

        private OutColumn flatColumn(SelectPlan sp) {
            for (OutColumn c : sp.columns()) {
                if (!c.hidden()) {
                    return c;
                }
            }
            throw new CodegenException("values_list(flat=True) without a column");
        }

        private int flatIndex(SelectPlan sp) {
            return sp.columns().indexOf(flatColumn(sp)) + 1;
        }

        private String rowsVariable(SelectPlan sp) {
            String name;
            if (sp.shape() == RowShape.MODEL) {
                name = Names.plural(Names.lowerFirst(Names.type(model.name())));
            } else if (sp.shape() == RowShape.FLAT) {
                name = Names.plural(Names.member(flatColumn(sp).key()));
            } else {
                name = "rows";
            }
            return LOCALS.contains(name) && !name.equals("rows") || argNames.containsValue(name) ? "rows" : name;
        }

        /** What reads one row at the result set's cursor. */
        private String readExpression(SelectPlan sp, Row row) {
            if (row == null) {
                OutColumn c = flatColumn(sp);
                return types.read(c.type(), nullable(c, sp.model(), true), flatIndex(sp), narrow(c, sp.model()));
            }
            return readerFor(row) + "(resultSet)";
        }

        private void streamMethod(SelectPlan sp, String rowType, String read, String sql, Slot main) {
            out.use("java.util.function.Consumer");
            out.use("java.sql.ResultSet");
            String name = method.startsWith("find") && method.length() > 4 ? "stream" + method.substring(4)
                    : "stream" + Names.upperFirst(method);
            Long chunk = qs.terminal() instanceof Step.Iterator it ? it.chunkSize() : null;
            int fetch = chunk != null ? chunk.intValue() : DEFAULT_FETCH_SIZE;
            List<String> args = new ArrayList<>(signature());
            args.add("Consumer<" + rowType + "> action");
            List<String> doc = new ArrayList<>();
            doc.add("{@link #" + method + "} row by row, for results too large to hold (Django's {@code iterator()}): "
                    + "each row");
            doc.add("goes to {@code action} as it is read from a forward-only result set fetching " + fetch + " rows "
                    + "at a time.");
            if (dialect == Dialect.POSTGRESQL) {
                doc.add("PostgreSQL's driver fetches in batches only inside a transaction, so auto-commit is off "
                        + "meanwhile.");
            }
            List<String> d = new ArrayList<>(doc);
            d.add("");
            d.addAll(tags(null, List.of("action", "what to do with each row"), List.of()));
            Code c = startMethod("void", name, args, d);
            boolean pg = dialect == Dialect.POSTGRESQL;
            if (pg) {
                c.line("boolean autoCommit = connection.getAutoCommit();");
                c.line("connection.setAutoCommit(false);");
            }
            openStatement(c, sql, ", ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY", false);
            c.line("statement.setFetchSize(" + fetch + ");");
            bindStatement(c, main, -1, null);
            c.open("try (ResultSet resultSet = statement.executeQuery()) {");
            c.open("while (resultSet.next()) {");
            c.line("action.accept(" + read + ");");
            c.close("}");
            c.close("}");
            if (pg) {
                c.reopen("} finally {");
                c.line("connection.setAutoCommit(autoCommit);");
            }
            c.close("}");
            c.close("}");
            emit(c.lines());
        }

        private void scalarMethod() {
            boolean count = plan.kind() == QueryPlan.Kind.COUNT;
            String returns = count ? "the number of rows" : "whether there is at least one row";
            Code c = startMethod(count ? "long" : "boolean", method, signature(), doc(runsOn(), returns, List.of()));
            Slot main = p -> p.select().query();
            String sql = statementSql(main, Names.constant(method), true);
            openQuery(c, main, sql);
            if (count) {
                c.line("resultSet.next();");
                c.line("return resultSet.getLong(1);");
            } else {
                c.line("return resultSet.next();");
            }
            closeQuery(c, main);
            c.close("}");
            emit(c.lines());
        }

        private void rawMethod() {
            out.use("java.util.List");
            out.use("java.util.Map");
            out.use("java.util.ArrayList");
            out.use("java.util.LinkedHashMap");
            out.use("java.sql.ResultSetMetaData");
            String returns = "one map per row, keyed by column (a field's attname where the column is one), in the "
                    + "order the SQL gives";
            Code c = startMethod("List<Map<String, Object>>", method, signature(), doc(runsOn(), returns, List.of()));
            Slot main = p -> p.select().query();
            String sql = statementSql(main, Names.constant(method), false);
            String columnReader = rawColumnReader(plan.select());
            c.line("List<Map<String, Object>> rows = new ArrayList<>();");
            openQuery(c, main, sql);
            c.line("ResultSetMetaData metaData = resultSet.getMetaData();");
            c.open("while (resultSet.next()) {");
            c.line("Map<String, Object> row = new LinkedHashMap<>();");
            c.open("for (int column = 1; column <= metaData.getColumnCount(); column++) {");
            c.line("String label = metaData.getColumnLabel(column);");
            boolean renamed = plan.select().columns().stream().anyMatch(o -> !o.key().equals(o.sourceColumn()));
            if (renamed) {
                c.open("String key = switch (label) {");
                for (OutColumn o : plan.select().columns()) {
                    if (!o.key().equals(o.sourceColumn())) {
                        c.line("case " + JavaText.string(o.sourceColumn()) + " -> " + JavaText.string(o.key()) + ";");
                    }
                }
                c.line("default -> label;");
                c.close("};");
                c.line("row.put(key, " + columnReader + "(resultSet, column, label));");
            } else {
                c.line("row.put(label, " + columnReader + "(resultSet, column, label));");
            }
            c.close("}");
            c.line("rows.add(row);");
            c.close("}");
            closeQuery(c, main);
            c.line("return rows;");
            c.close("}");
            emit(c.lines());
        }

        /** A helper converting a raw() column by the model field it is, else as the driver reads it. */
        private String rawColumnReader(SelectPlan sp) {
            Map<String, List<String>> labelsByRead = new LinkedHashMap<>();
            for (OutColumn o : sp.columns()) {
                String read = types.read(o.type(), true, "column");
                labelsByRead.computeIfAbsent(read, k -> new ArrayList<>()).add(JavaText.string(o.sourceColumn()));
            }
            out.use("java.sql.ResultSet");
            return out.helper("read" + Names.type(model.name()) + "Column", "read" + Names.type(method) + "Column",
                    name -> {
                        Code c = new Code(1);
                        c.javadoc(List.of("A column of a raw() " + model.name() + " row: converted as its field where "
                                + "it is one."));
                        c.call("private static Object " + name, List.of("ResultSet resultSet", "int column",
                                "String label"), " throws SQLException {");
                        c.indent().open("return switch (label) {");
                        for (var e : labelsByRead.entrySet()) {
                            c.line("case " + String.join(", ", e.getValue()) + " -> " + e.getKey() + ";");
                        }
                        c.line("default -> resultSet.getObject(column);");
                        c.close("};");
                        c.close("}");
                        return c.lines();
                    }, null);
        }

        private void writeMethod() {
            boolean update = plan.kind() == QueryPlan.Kind.UPDATE;
            String counter = update ? "updated" : "deleted";
            List<String> tables = new ArrayList<>();
            for (WriteStatement w : plan.write()) {
                tables.add(table(w.query().sql()));
            }
            String intro = (update ? "Updates" : "Deletes what this matches" + (plan.write().size() > 1
                    ? ", with the rows that cascade from it," : "")) + " in one transaction; runs, on "
                    + dialect.displayName() + ":";
            String returns = update ? "the number of rows updated" : "the number of rows deleted"
                    + (plan.write().size() > 1 ? ", cascades included" : "");
            List<String> throwsDoc = new ArrayList<>();
            if (plan.write().stream().anyMatch(w -> w.effect() == WriteStatement.Effect.GUARD)) {
                throwsDoc.add("@throws java.sql.SQLIntegrityConstraintViolationException when a protected row "
                        + "refers to one being deleted");
            }
            List<String> doc = doc(intro, returns, throwsDoc);
            doc.addAll(doc.indexOf("") + 1, transactionDoc());
            Code c = startMethod("long", method, signature(), doc);
            // as Django: a transaction of its own only when the caller has none open (auto-commit on)
            c.line("boolean ownTransaction = connection.getAutoCommit();");
            c.open("if (ownTransaction) {");
            c.line("connection.setAutoCommit(false);");
            c.close("}");
            c.open("try {");
            long counted = plan.write().stream().filter(w -> w.effect() == WriteStatement.Effect.COUNTED).count();
            c.line("long " + counter + (counted == 1 ? ";" : " = 0;"));
            String base = Names.constant(method);
            for (int i = 0; i < plan.write().size(); i++) {
                WriteStatement w = plan.write().get(i);
                int at = i;
                Slot slot = p -> p.write().get(at).query();
                String constant = plan.write().size() == 1 ? base : base + "_" + Names.constant(tables.get(i));
                if (w.effect() == WriteStatement.Effect.GUARD) {
                    constant = base + "_CHECK_" + Names.constant(tables.get(i));
                }
                String sql = statementSql(slot, constant, true);
                openStatement(c, sql, "", false);
                bindStatement(c, slot, -1, null);
                switch (w.effect()) {
                    case GUARD:
                        out.use("java.sql.ResultSet");
                        out.use("java.sql.SQLIntegrityConstraintViolationException");
                        c.open("try (ResultSet resultSet = statement.executeQuery()) {");
                        c.open("if (resultSet.next()) {");
                        c.line("throw new SQLIntegrityConstraintViolationException(" + JavaText.string(w.message())
                                + ");");
                        c.close("}");
                        c.close("}");
                        break;
                    case COUNTED:
                        c.line(counter + (counted == 1 ? " = " : " += ") + "statement.executeUpdate();");
                        break;
                    default:
                        c.line("statement.executeUpdate();");
                        break;
                }
                c.close("}");
            }
            c.open("if (ownTransaction) {");
            c.line("connection.commit();");
            c.close("}");
            c.line("return " + counter + ";");
            c.reopen("} catch (SQLException | RuntimeException e) {");
            c.open("if (ownTransaction) {");
            c.line("connection.rollback();");
            c.close("}");
            c.line("throw e;");
            c.reopen("} finally {");
            c.open("if (ownTransaction) {");
            c.line("connection.setAutoCommit(true);");
            c.close("}");
            c.close("}");
            c.close("}");
            emit(c.lines());
        }

        /** How the write method treats the connection's transaction, for its Javadoc. */
        private List<String> transactionDoc() {
            List<String> d = new ArrayList<>();
            d.addAll(JavaText.wrap("<p>With auto-commit on, the statements run in a transaction of their own: "
                    + "committed when all succeed, rolled back if one fails, and auto-commit is on again afterwards. "
                    + "With auto-commit off they join the caller's open transaction and this method neither commits "
                    + "nor rolls back: the caller does, and should roll back when this throws"
                    + (plan.write().size() > 1 ? " (earlier statements may have run)." : "."), JavaText.WIDTH - 7));
            d.add("");
            return d;
        }

        private String table(String sql) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?:FROM|UPDATE|INTO)\\s+\"([^\"]+)\"")
                    .matcher(sql);
            return m.find() ? m.group(1) : "statement";
        }

        // ------------------------------------------------------------ statements and parameters

        private void openQuery(Code c, Slot slot, String sql) {
            out.use("java.sql.PreparedStatement");
            out.use("java.sql.ResultSet");
            if (slot.apply(plan).params().isEmpty()) {
                openStatement(c, sql, "", true);
                return;
            }
            openStatement(c, sql, "", false);
            bindStatement(c, slot, -1, null);
            c.open("try (ResultSet resultSet = statement.executeQuery()) {");
        }

        /**
         * {@code try (PreparedStatement statement = connection.prepareStatement(sql)) {}, the SQL on a line of its
         * own when the line would be too long; with {@code withResultSet} the result set is a second resource.
         */
        private void openStatement(Code c, String sql, String more, boolean withResultSet) {
            out.use("java.sql.PreparedStatement");
            if (sql.startsWith("inList(") || !c.fitsLine("        " + sql + ",")) {
                // the IN lists widened first (or a long choice of statement), on lines of their own
                wrapped(c, "String sql = " + sql + ";");
                sql = "sql";
            }
            String head = "try (PreparedStatement statement = connection.prepareStatement(";
            String end = withResultSet ? ");" : ")) {";
            if (c.fitsLine(head + sql + more + end)) {
                c.line(head + sql + more + end);
            } else if (c.fitsLine("        " + sql + more + end)) {
                c.line(head);
                c.line("        " + sql + more + end);
            } else {
                c.line(head);
                c.line("        " + sql + ",");
                c.line("        " + more.substring(2) + end);
            }
            if (withResultSet) {
                c.line("     ResultSet resultSet = statement.executeQuery()) {");
            }
            c.indent();
        }

        /**
         * A statement on as many lines as it needs, cut after an argument's comma (the expressions it is used for
         * hold names, numbers and calls, no string literals).
         */
        private void wrapped(Code c, String text) {
            if (c.fitsLine(text)) {
                c.line(text);
                return;
            }
            String rest = text;
            String indent = "";
            while (!c.fitsLine(indent + rest)) {
                int cut = -1;
                for (int at = rest.indexOf(", "); at >= 0; at = rest.indexOf(", ", at + 1)) {
                    if (c.fitsLine(indent + rest.substring(0, at + 1))) {
                        cut = at;
                    }
                }
                if (cut < 0) {
                    break;
                }
                c.line(indent + rest.substring(0, cut + 1));
                rest = rest.substring(cut + 2);
                indent = "        ";
            }
            c.line(indent + rest);
        }

        private void closeQuery(Code c, Slot slot) {
            if (!slot.apply(plan).params().isEmpty()) {
                c.close("}");
            }
            c.close("}");
        }

        /**
         * The Java expression giving a statement's SQL: its constant, or with optional Params the constant of the
         * combination given. Checks that leaving a Param out only drops its own bound values.
         */
        private String statementSql(Slot slot, String base, boolean layout) {
            CompiledQuery full = slot.apply(plan);
            Map<Set<String>, String> sqlByPresent = new LinkedHashMap<>();
            for (var e : variants.entrySet()) {
                CompiledQuery q = slot.apply(e.getValue());
                List<Object> expected = new ArrayList<>();
                for (Object o : full.params()) {
                    if (!(o instanceof ParamRef ref && dims.contains(ref.name())
                            && !e.getKey().contains(ref.name()))) {
                        expected.add(o);
                    }
                }
                if (!expected.equals(q.params())) {
                    throw new CodegenException("Leaving out optional Params changes the statement's other bound "
                            + "values; make them required or split the query");
                }
                sqlByPresent.put(e.getKey(), q.sql());
                if (dialect == Dialect.SQLITE && q.sql().contains(" REGEXP ")) {
                    usesRegexp = true;
                }
                if (dialect == Dialect.SQLITE && q.sql().matches("(?s).*\\bdjango_(timestamp|time)_diff\\(.*")) {
                    usesTimestampDiff = true;
                }
                if (dialect == Dialect.SQLITE && q.sql().matches("(?s).*\\b(STDDEV|VAR)_(POP|SAMP)\\(.*")) {
                    throw new CodegenException("StdDev and Variance on SQLite use aggregate functions Django "
                            + "registers on its connections; generate this query for PostgreSQL");
                }
            }
            if (new HashSet<>(sqlByPresent.values()).size() == 1) {
                return widened(full, constant(base + "_SQL", full.sql(), layout));
            }
            if (dims.size() > MAX_OPTIONAL_PARAMS) {
                return widened(full, composed(full.sql(), sqlByPresent, base));
            }
            Map<Set<String>, String> constants = new LinkedHashMap<>();
            List<Map.Entry<Set<String>, String>> ascending = new ArrayList<>(sqlByPresent.entrySet());
            java.util.Collections.reverse(ascending);
            for (var e : ascending) {
                // named by the optional Params given and the IN lists empty: RUN_WITH_AUTHOR_SQL, RUN_EMPTY_IDS_SQL
                List<String> given = e.getKey().stream().filter(d -> !lists.containsKey(d)).map(Names::constant)
                        .toList();
                List<String> empty = lists.keySet().stream().filter(d -> !e.getKey().contains(d))
                        .map(Names::constant).toList();
                String suffix = (given.isEmpty() ? "" : "_WITH_" + String.join("_AND_", given))
                        + (empty.isEmpty() ? "" : "_EMPTY_" + String.join("_AND_", empty));
                constants.put(e.getKey(), constant(base + suffix + "_SQL", e.getValue(), layout));
            }
            if (dims.size() == 1) {
                String dim = dims.get(0);
                String absent = lists.containsKey(dim) ? argNames.get(dim) + ".isEmpty()" : argNames.get(dim) + " == null";
                return widened(full, absent + " ? " + constants.get(Set.of()) + " : " + constants.get(Set.of(dim)));
            }
            List<String> args = new ArrayList<>();
            for (String o : dims) {
                args.add(argType(o) + " " + argNames.get(o));
            }
            String helper = out.helper(Names.member(Names.camel(base.toLowerCase())) + "Sql",
                    Names.member(method) + "Sql", name -> {
                        Code c = new Code(1);
                        c.javadoc(List.of(lists.isEmpty() ? "The statement for the optional Params given: a null "
                                + "one leaves its condition out." : "The statement for the Params given: a null one "
                                + "leaves its condition out, an empty IN list is Django's always-false condition."));
                        c.call("private static String " + name, args, " {");
                        c.indent();
                        List<Map.Entry<Set<String>, String>> mostGivenFirst = new ArrayList<>(constants.entrySet());
                        java.util.Collections.reverse(mostGivenFirst);
                        for (var e : mostGivenFirst) {
                            if (e.getKey().isEmpty()) {
                                continue;
                            }
                            List<String> tests = new ArrayList<>();
                            for (String o : e.getKey()) {
                                tests.add(present(o));
                            }
                            c.open("if (" + String.join(" && ", tests) + ") {");
                            c.line("return " + e.getValue() + ";");
                            c.close("}");
                        }
                        c.line("return " + constants.get(Set.of()) + ";");
                        c.close("}");
                        return c.lines();
                    }, null);
            return widened(full, helper + "(" + String.join(", ", dims.stream().map(argNames::get).toList()) + ")");
        }

        /**
         * More optional Params than constants would stay readable for: the statement composed when the method runs
         * from fixed fragments ({@link ComposedSql}): the text around the WHERE and HAVING clauses, their AND terms,
         * an optional Param's term (or OR alternative) only when the Param is given. Proven here to give exactly the
         * compiler's statement for every combination planned; a query whose optional conditions are not whole terms
         * or alternatives of one OR is refused with the reason.
         */
        private String composed(String full, Map<Set<String>, String> sqlByPresent, String base) {
            String refusal = lists.isEmpty() ? "The query has " + optional.size() + " optional Params; beyond "
                    + MAX_OPTIONAL_PARAMS + " the generated Java composes the statement from the AND terms of its "
                    + "WHERE and HAVING clauses (and the alternatives of an OR among them), and here leaving a Param "
                    + "out changes the statement otherwise (a condition nested deeper than one OR, or an OR that can "
                    + "be left alone in its clause, whose parentheses the compiler then drops). Make some of them "
                    + "required, add a fixed condition beside the OR, or split the query."
                    : "The query has " + optional.size() + " optional Params beside the IN-list Param(s) "
                    + String.join(", ", lists.keySet()) + ": an empty IN list makes the compiler rewrite the whole "
                    + "condition (Django's always-false EmptyResultSet), so the statement cannot be composed from "
                    + "fragments, and beside an IN list each combination gets a statement of its own only up to "
                    + MAX_OPTIONAL_PARAMS + " Params in all. Make some of them required, or split the query.";
            ComposedSql composed = ComposedSql.learn(full, dims, dim -> {
                Set<String> others = new LinkedHashSet<>(dims);
                others.remove(dim);
                return sqlByPresent.get(others);
            });
            if (composed == null) {
                throw new CodegenException(refusal);
            }
            for (var e : sqlByPresent.entrySet()) {
                if (!composed.render(e.getKey()).equals(e.getValue())) {
                    throw new CodegenException(refusal);
                }
            }
            SqlWhere where = composed.where();
            List<String> args = new ArrayList<>();
            for (String o : dims) {
                args.add(argType(o) + " " + argNames.get(o));
            }
            String prefix = Names.constant(method);
            String helper = out.helper(Names.member(Names.camel(base.toLowerCase())) + "Sql",
                    Names.member(method) + "Sql", name -> {
                        out.use("java.util.ArrayList");
                        out.use("java.util.List");
                        Code c = new Code(1);
                        c.javadoc(List.of("The statement for the optional Params given, from fixed fragments: a "
                                + "null one leaves its condition out."));
                        c.call("private static String " + name, args, " {");
                        c.indent();
                        boolean grouped = !where.having().isEmpty();
                        c.line("List<String> conditions = new ArrayList<>();");
                        if (grouped) {
                            c.line("List<String> groupConditions = new ArrayList<>();");
                        }
                        int[] fixed = {1, 1}; // the numbers of the WHERE and HAVING fragments always there
                        int groups = 0;
                        for (ComposedSql.Term t : composed.terms()) {
                            String list = t.inHaving() ? "groupConditions" : "conditions";
                            if (!t.group()) {
                                addPiece(c, list, t.pieces().get(0), t.inHaving(), prefix, fixed);
                                continue;
                            }
                            String alternatives = "alternatives" + (++groups);
                            c.line("List<String> " + alternatives + " = new ArrayList<>();");
                            for (ComposedSql.Piece piece : t.pieces()) {
                                addPiece(c, alternatives, piece, t.inHaving(), prefix, fixed);
                            }
                            c.line(anyOfHelper() + "(" + list + ", " + alternatives + ");");
                        }
                        c.line("String where = conditions.isEmpty() ? \"\" : \" WHERE \" + String.join(\" AND \", "
                                + "conditions);");
                        if (grouped) {
                            c.line("String having = groupConditions.isEmpty() ? \"\" : \" HAVING \" + String.join("
                                    + "\" AND \", groupConditions);");
                            c.line("return " + fragment(prefix + "_HEAD", where.head()) + " + where + "
                                    + fragment(prefix + "_GROUP_BY", where.middle()) + " + having + "
                                    + fragment(prefix + "_TAIL", where.tail()) + ";");
                        } else {
                            c.line("return " + fragment(prefix + "_HEAD", where.head()) + " + where + "
                                    + fragment(prefix + "_TAIL", where.middle()) + ";");
                        }
                        c.close("}");
                        return c.lines();
                    }, null);
            return helper + "(" + String.join(", ", dims.stream().map(argNames::get).toList()) + ")";
        }

        /** Adds a fragment to {@code list}: always, or when its Param is given. */
        private void addPiece(Code c, String list, ComposedSql.Piece piece, boolean having, String prefix,
                              int[] fixed) {
            if (piece.owner() == null) {
                String name = having ? prefix + "_HAVING_" + fixed[1]++ : prefix + "_WHERE_" + fixed[0]++;
                c.line(list + ".add(" + fragment(name, piece.text()) + ");");
                return;
            }
            c.open("if (" + present(piece.owner()) + ") {");
            c.line(list + ".add(" + fragment(prefix + "_IF_" + Names.constant(piece.owner()), piece.text()) + ");");
            c.close("}");
        }

        private String anyOfHelper() {
            return out.utility("anyOf", List.of(
                    "    /** Adds the OR of the alternatives given: a lone one bare, several in parentheses, none not at all. */",
                    "    private static void anyOf(List<String> conditions, List<String> alternatives) {",
                    "        if (alternatives.size() == 1) {",
                    "            conditions.add(alternatives.get(0));",
                    "        } else if (!alternatives.isEmpty()) {",
                    "            conditions.add(\"(\" + String.join(\" OR \", alternatives) + \")\");",
                    "        }",
                    "    }"));
        }

        /** A fragment of a composed statement as a constant: a string literal, cut into lines that fit. */
        private String fragment(String name, String text) {
            List<String> pieces = new ArrayList<>();
            StringBuilder piece = new StringBuilder();
            for (int i = 0; i < text.length(); i++) {
                piece.append(text.charAt(i));
                // cut by the literal's length (quotes and backslashes double), never inside a surrogate pair
                if (JavaText.string(piece.toString()).length() >= 60 && !Character.isHighSurrogate(text.charAt(i))) {
                    pieces.add(JavaText.string(piece.toString()));
                    piece.setLength(0);
                }
            }
            if (piece.length() > 0 || pieces.isEmpty()) {
                pieces.add(JavaText.string(piece.toString()));
            }
            return out.constant(name, n -> "    private static final String " + n + " =\n            "
                    + String.join("\n            + ", pieces) + ";");
        }

        /**
         * The SQL expression with each IN-list Param's placeholder widened to one per element, the last first so
         * the earlier placeholders keep their places.
         */
        private String widened(CompiledQuery q, String sqlExpression) {
            String expr = sqlExpression;
            for (int i = q.params().size() - 1; i >= 0; i--) {
                if (q.params().get(i) instanceof ParamRef ref && lists.containsKey(ref.name())) {
                    expr = inListHelper() + "(" + expr + ", " + placeholder(q, i) + ", " + argNames.get(ref.name())
                            + ".size())";
                }
            }
            return expr;
        }

        /**
         * Where parameter {@code i} of the full statement stands in the one chosen at run time: before it, the
         * placeholders of a Param left out (or of an empty IN list) are not there.
         */
        private String placeholder(CompiledQuery q, int i) {
            Map<String, Integer> before = new LinkedHashMap<>();
            String self = ((ParamRef) q.params().get(i)).name();
            for (Object o : q.params().subList(0, i)) {
                if (o instanceof ParamRef ref && dims.contains(ref.name()) && !ref.name().equals(self)) {
                    before.merge(ref.name(), 1, Integer::sum);
                }
            }
            StringBuilder at = new StringBuilder(String.valueOf(i));
            before.forEach((dim, n) -> at.append(" - (").append(present(dim)).append(" ? 0 : ").append(n)
                    .append(")"));
            return at.toString();
        }

        private String inListHelper() {
            out.use("java.util.Collections");
            return out.utility("inList", List.of(
                    "    /**",
                    "     * The statement with its placeholder number {@code placeholder} (from 0) standing for {@code count}",
                    "     * values: one {@code ?} each, so every value is bound. For an empty list the statement is the one",
                    "     * compiled with Django's always-false condition in place of {@code IN ()}: it has no such placeholder.",
                    "     */",
                    "    private static String inList(String sql, int placeholder, int count) {",
                    "        if (count == 0) {",
                    "            return sql;",
                    "        }",
                    "        int seen = 0;",
                    "        char quote = 0;",
                    "        for (int i = 0; i < sql.length(); i++) {",
                    "            char c = sql.charAt(i);",
                    "            if (quote != 0) {",
                    "                quote = c == quote ? 0 : quote;",
                    "            } else if (c == '\\'' || c == '\"') {",
                    "                quote = c;",
                    "            } else if (c == '?' && seen++ == placeholder) {",
                    "                return sql.substring(0, i) + String.join(\", \", Collections.nCopies(count, \"?\"))",
                    "                        + sql.substring(i + 1);",
                    "            }",
                    "        }",
                    "        throw new IllegalStateException(\"the statement has no placeholder \" + placeholder);",
                    "    }"));
        }

        private String constant(String name, String sql, boolean layout) {
            boolean commented = sql.contains("--") || sql.contains("/*");
            List<String> lines = layout || !commented && !sql.contains("\n") ? SqlText.lines(sql)
                    : List.of(sql.split("\\R", -1));
            String block = SqlText.textBlock(lines, "            ");
            return out.constant(name, n -> "    private static final String " + n + " = " + block + ";");
        }

        /**
         * Binds a statement's parameters: Params from the arguments (optional ones only when given), literals as
         * the compiler converted them, and at {@code keysAt} the keys of a prefetch batch.
         */
        private void bindStatement(Code c, Slot slot, int keysAt, String[] keys) {
            List<Object> ps = slot.apply(plan).params();
            boolean counting = keysAt >= 0 || ps.stream().anyMatch(o -> o instanceof ParamRef r
                    && (optional.contains(r.name()) || lists.containsKey(r.name())));
            if (counting) {
                c.line("int index = 1;");
            }
            String openIf = null;
            for (int i = 0; i <= ps.size(); i++) {
                if (i == keysAt) {
                    if (openIf != null) {
                        c.close("}");
                        openIf = null;
                    }
                    c.open("for (" + keys[0] + " key : batch) {");
                    c.line(keys[1]);
                    c.close("}");
                }
                if (i == ps.size()) {
                    break;
                }
                Object o = ps.get(i);
                String index = counting ? "index++" : String.valueOf(i + 1);
                String opt = o instanceof ParamRef r && optional.contains(r.name()) ? r.name() : null;
                if (openIf != null && !openIf.equals(opt)) {
                    c.close("}");
                    openIf = null;
                }
                if (opt != null && openIf == null) {
                    c.open("if (" + argNames.get(opt) + " != null) {");
                    openIf = opt;
                }
                if (o instanceof ParamRef r && lists.containsKey(r.name())) {
                    c.open("for (" + types.type(lists.get(r.name()), true) + " element : " + argNames.get(r.name())
                            + ") {");
                    c.line(types.bind(lists.get(r.name()), "index++", "element"));
                    c.close("}");
                    continue;
                }
                c.line(o instanceof ParamRef r ? bindParam(r, index) : types.bindLiteral(index, o));
            }
            if (openIf != null) {
                c.close("}");
            }
        }

        private String bindParam(ParamRef ref, String index) {
            String arg = argNames.get(ref.name());
            boolean postgresIexact = dialect == Dialect.POSTGRESQL && "iexact".equals(ref.lookup());
            if (ref.lookup() != null && isPattern(ref.lookup()) && !postgresIexact) {
                String escaped = escapeLike() + "(" + arg + ")";
                String pattern = switch (ref.lookup()) {
                    case "contains", "icontains" -> "\"%\" + " + escaped + " + \"%\"";
                    case "startswith", "istartswith" -> escaped + " + \"%\"";
                    case "endswith", "iendswith" -> "\"%\" + " + escaped;
                    default -> escaped;
                };
                return "statement.setString(" + index + ", " + pattern + ");";
            }
            if (postgresIexact) {
                return "statement.setString(" + index + ", " + arg + "); // = UPPER(?): no LIKE, nothing to escape";
            }
            return types.bind(argTypes.get(ref.name()), index, arg);
        }

        private String escapeLike() {
            return out.utility("escapeLike", List.of(
                    "    /** The text matched literally by LIKE ... ESCAPE '\\\\': wildcards and escapes escaped. */",
                    "    private static String escapeLike(String text) {",
                    "        return text.replace(\"\\\\\", \"\\\\\\\\\").replace(\"%\", \"\\\\%\").replace(\"_\", "
                            + "\"\\\\_\");",
                    "    }"));
        }

        // ------------------------------------------------------------ rows

        /** The record a row of {@code sp} becomes, declared in the class (with those it contains). */
        private Row rowFor(SelectPlan sp) {
            Row row;
            if (sp.shape() == RowShape.MODEL) {
                row = modelRow(sp, sp.prefetches(), schema.model(sp.model()), List.of(), true, null);
            } else {
                boolean aggregate = plan.kind() == QueryPlan.Kind.AGGREGATE;
                String m = Names.type(model.name());
                row = new Row(model.name(), m + (aggregate ? "Aggregates" : "Values"),
                        Names.type(method) + (aggregate ? "Result" : "Row"), aggregate ? "The aggregates of "
                        + "{@code " + model.name() + "} rows." : "One row of {@code " + model.name() + "} values.",
                        aggregate ? "The aggregates" : "The values");
                for (int i = 0; i < sp.columns().size(); i++) {
                    OutColumn c = sp.columns().get(i);
                    if (!c.hidden()) {
                        row.parts.add(new Row.Column(row.freeMember(Names.member(c.key())), c.key(), i + 1, c.type(),
                                nullable(c, sp.model(), true), narrow(c, sp.model())));
                    }
                }
            }
            declare(row);
            return row;
        }

        /**
         * A model row: its own columns, then the select_related objects under {@code path}, then (at the top)
         * prefetched attributes.
         */
        private Row modelRow(SelectPlan sp, List<PrefetchPlan> prefetches, Model m, List<String> path, boolean root,
                             String prefetchAttr) {
            List<List<String>> children = new ArrayList<>();
            for (OutColumn c : sp.columns()) {
                List<String> rp = c.relationPath();
                if (rp.size() == path.size() + 1 && rp.subList(0, path.size()).equals(path) && !children.contains(rp)) {
                    children.add(rp);
                }
            }
            List<String> relations = new ArrayList<>();
            children.forEach(rp -> relations.add(rp.get(rp.size() - 1)));
            if (path.isEmpty()) {
                prefetches.forEach(p -> relations.add(p.attribute()));
            }
            String with = relations.isEmpty() ? "" : "With" + joinNames(relations);
            String context = path.isEmpty() ? (prefetchAttr == null ? "" : Names.type(prefetchAttr))
                    : Names.type(String.join("_", path));
            Row row = new Row(m.name(), Names.type(m.name()) + with + "Row", Names.type(method) + context + "Row",
                    rowDoc(m, children, path.isEmpty() ? prefetches : List.of()), "The {@code " + m.name() + "}");
            boolean selectedRoot = root && path.isEmpty();
            for (int i = 0; i < sp.columns().size(); i++) {
                OutColumn c = sp.columns().get(i);
                if (!c.hidden() && c.relationPath().equals(path)) {
                    row.parts.add(new Row.Column(row.freeMember(Names.member(c.key())), c.key(), i + 1, c.type(),
                            columnNullable(m, c, selectedRoot), narrow(c, m.name())));
                }
            }
            for (List<String> rp : children) {
                String rel = rp.get(rp.size() - 1);
                Field f = m.field(rel).filter(Field::isRelation).orElse(null);
                Model target;
                boolean nullable;
                if (f != null) {
                    target = schema.model(f.relation().target());
                    nullable = f.nullable();
                } else {
                    ReverseRelation r = schema.reverseByAccessor(m, rel).orElseThrow(() -> new CodegenException(
                            "select_related(\"" + rel + "\") names no relation of " + m.name()));
                    target = r.source();
                    nullable = true;
                }
                Row nested = modelRow(sp, List.of(), target, rp, root, null);
                if (nullable) {
                    outerJoined.add(nested);
                }
                declare(nested);
                row.parts.add(new Row.Nested(row.freeMember(Names.member(rel)), nested));
            }
            if (path.isEmpty()) {
                for (PrefetchPlan p : prefetches) {
                    Row child = modelRow(p.query(), p.nested(), schema.model(p.query().model()), List.of(), false,
                            p.attribute());
                    declare(child);
                    row.parts.add(new Row.Prefetched(row.freeMember(Names.member(p.attribute())), p, child));
                }
            }
            return row;
        }

        private String joinNames(List<String> relations) {
            List<String> names = relations.stream().map(Names::type).toList();
            if (names.size() == 1) {
                return names.get(0);
            }
            return String.join("", names.subList(0, names.size() - 1)) + "And" + names.get(names.size() - 1);
        }

        private String rowDoc(Model m, List<List<String>> children, List<PrefetchPlan> prefetches) {
            List<String> with = new ArrayList<>();
            for (List<String> rp : children) {
                with.add("{@code " + rp.get(rp.size() - 1) + "} (select_related)");
            }
            for (PrefetchPlan p : prefetches) {
                with.add("{@code " + p.attribute() + "} (prefetch_related)");
            }
            String s = ("AEIOU".indexOf(m.name().charAt(0)) >= 0 ? "An" : "A") + " {@code " + m.name() + "}";
            if (!with.isEmpty()) {
                s += " with its " + String.join(", ", with.subList(0, with.size() - 1))
                        + (with.size() > 1 ? " and " : "") + with.get(with.size() - 1);
            }
            return s + ".";
        }

        private boolean columnNullable(Model m, OutColumn c, boolean rootOfQuery) {
            for (Field f : m.concreteFields()) {
                if (f.attname().equals(c.key())) {
                    return f.nullable();
                }
            }
            return !(rootOfQuery && neverNull(c.key()));
        }

        /** Whether the column is a 32-bit integer field's value (a field path, not an expression): an int. */
        private boolean narrow(OutColumn c, String modelName) {
            if (c.type() != ValueType.INTEGER) {
                return false;
            }
            Model m = schema.model(modelName);
            String[] parts = c.key().split("__");
            for (int i = 0; i < parts.length; i++) {
                Field f = m.field(parts[i]).orElse(null);
                if (f == null || f.isManyToMany()) {
                    return false;
                }
                if (i == parts.length - 1) {
                    return !f.isRelation() && JdbcTypes.NARROW_FIELDS.contains(f.djangoType());
                }
                if (!f.isRelation()) {
                    return false; // a transform such as view_count__abs
                }
                m = schema.model(f.relation().target());
            }
            return false;
        }

        /** Values and aggregates: a field path through non-null forward relations, or a Count, is never null. */
        private boolean nullable(OutColumn c, String modelName, boolean rootOfQuery) {
            if (qs.steps().stream().anyMatch(s -> s instanceof Step.Combine sc && !sc.isOperator())) {
                return true; // a union's column is the first part's name over every part's values, nulls included
            }
            if (rootOfQuery && neverNull(c.key())) {
                return false;
            }
            Model m = schema.model(modelName);
            String[] parts = c.key().split("__");
            for (int i = 0; i < parts.length; i++) {
                String name = parts[i].equals("pk") ? m.pk().name() : parts[i];
                Field f = m.field(name).orElse(null);
                if (f == null || f.isManyToMany() || f.nullable()) {
                    return true;
                }
                if (i == parts.length - 1) {
                    return false;
                }
                if (!f.isRelation()) {
                    return true; // a transform such as published_at__year
                }
                m = schema.model(f.relation().target());
            }
            return true;
        }

        /** An annotation or aggregate of the query itself that is a Count (or Exists): never null. */
        private boolean neverNull(String alias) {
            for (Step s : qs.steps()) {
                Map<String, Expression> named = Map.of();
                List<Expression> positional = List.of();
                if (s instanceof Step.Annotate a) {
                    named = a.named();
                    positional = a.positional();
                } else if (s instanceof Step.Aggregate a) {
                    named = a.named();
                    positional = a.positional();
                } else if (s instanceof Step.Values v) {
                    named = v.expressions();
                }
                Expression e = named.get(alias);
                if (e != null) {
                    return e instanceof Expression.Aggregate ag && ag.function().equals("Count")
                            || e instanceof Expression.Exists;
                }
                for (Expression p : positional) {
                    if (p instanceof Expression.Aggregate ag && ag.function().equals("Count")
                            && alias.endsWith("__count")) {
                        return true;
                    }
                }
            }
            return false;
        }

        /** Declares the record (children are declared first), giving {@code row} its name. */
        private void declare(Row row) {
            if (row.name != null) {
                return;
            }
            List<String> components = new ArrayList<>();
            List<String> members = new ArrayList<>();
            String firstChild = null;
            for (Row.Part p : row.parts) {
                components.add(componentType(p) + " " + p.member());
                members.add(p.member());
                if (p instanceof Row.Nested n && firstChild == null) {
                    firstChild = n.row().name;
                } else if (p instanceof Row.Prefetched pf && firstChild == null) {
                    firstChild = pf.row().name;
                }
            }
            row.name = out.record(row.preferredName, row.alternativeName, name -> {
                Code c = new Code(1);
                c.javadoc(List.of(row.doc));
                c.call("public record " + name, components, " {");
                c.indent();
                boolean firstWither = true;
                for (Row.Part p : row.parts) {
                    if (p instanceof Row.Prefetched pf) {
                        if (!firstWither) {
                            c.blank();
                        }
                        firstWither = false;
                        c.call("private " + name + " with" + Names.upperFirst(pf.member()),
                                List.of(componentType(pf) + " " + pf.member()), " {");
                        c.indent();
                        c.fill("return new " + name, members, ";");
                        c.close("}");
                    }
                }
                c.close("}");
                return c.lines();
            }, firstChild);
        }

        private String componentType(Row.Part p) {
            if (p instanceof Row.Column col) {
                return types.type(col.type(), col.nullable(), col.narrow());
            }
            if (p instanceof Row.Nested n) {
                return n.row().name;
            }
            Row.Prefetched pf = (Row.Prefetched) p;
            if (pf.plan().many()) {
                out.use("java.util.List");
                return "List<" + pf.row().name + ">";
            }
            return pf.row().name;
        }

        /**
         * The helper reading a row at the cursor (nested rows by their own helpers); a select_related row behind
         * a LEFT OUTER JOIN is null when its first column (the primary key) is.
         */
        private String readerFor(Row row) {
            out.use("java.sql.ResultSet");
            List<String> args = new ArrayList<>();
            Row.Column first = null;
            Row.Column last = null;
            String firstNested = null;
            for (Row.Part p : row.parts) {
                if (p instanceof Row.Column col) {
                    first = first == null ? col : first;
                    last = col;
                    args.add(types.read(col.type(), col.nullable(), col.column(), col.narrow()));
                } else if (p instanceof Row.Nested n) {
                    String nested = readerFor(n.row());
                    firstNested = firstNested == null ? nested : firstNested;
                    args.add(nested + "(resultSet)");
                } else {
                    args.add(((Row.Prefetched) p).plan().many() ? "List.of()" : "null");
                }
            }
            boolean outer = first != null && outerJoined.contains(row);
            String columns = first == null ? "" : first == last ? " (column " + first.column() + ")"
                    : " (columns " + first.column() + (last.column() == first.column() + 1 ? " and " : " to ")
                    + last.column() + ")";
            String what = row.what + " at the cursor" + columns + (firstNested != null
                    ? " with its select_related rows" : "") + (outer ? ", or null where the LEFT OUTER JOIN found "
                    + "none" : "") + ".";
            Row.Column key = first;
            String base = row.name.endsWith("Row") ? row.name.substring(0, row.name.length() - 3) : row.name;
            return out.helper("read" + base, "read" + Names.type(method) + base, name -> {
                Code c = new Code(1);
                c.javadoc(List.of(what));
                c.call("private static " + row.name + " " + name, List.of("ResultSet resultSet"),
                        " throws SQLException {");
                c.indent();
                List<String> values = new ArrayList<>(args);
                if (outer) {
                    String type = types.type(key.type(), key.nullable());
                    c.line(type + " " + key.member() + " = " + values.get(0) + ";");
                    c.open(Character.isLowerCase(type.charAt(0)) ? "if (resultSet.wasNull()) {"
                            : "if (" + key.member() + " == null) {");
                    c.line("return null;");
                    c.close("}");
                    values.set(0, key.member());
                }
                c.call("return new " + row.name, values, ";");
                c.close("}");
                return c.lines();
            }, firstNested);
        }

        // ------------------------------------------------------------ prefetch_related

        /** The helper running one prefetch level for a list of parents and returning them with it attached. */
        private String prefetchMethod(PrefetchPlan p, Row parent, List<Integer> path, String base) {
            Row.Prefetched part = null;
            for (Row.Part x : parent.parts) {
                if (x instanceof Row.Prefetched pf && pf.plan() == p) {
                    part = pf;
                }
            }
            if (part == null) {
                throw new IllegalStateException("no component for prefetch " + p.attribute());
            }
            Row child = part.row();
            Row.Column key = parent.column(p.parentKey());
            if (key == null) {
                throw new CodegenException("prefetch_related(\"" + p.attribute() + "\") needs the " + parent.model
                        + " field " + p.parentKey() + " loaded; remove it from only()/defer()");
            }
            out.use("java.sql.Connection");
            out.use("java.sql.PreparedStatement");
            out.use("java.sql.ResultSet");
            out.use("java.util.ArrayList");
            out.use("java.util.HashMap");
            out.use("java.util.LinkedHashSet");
            out.use("java.util.List");
            out.use("java.util.Map");
            out.use("java.util.Set");
            String constantBase = base + "_" + Names.constant(p.attribute());
            Slot slot = prefetchSlot(path);
            String sql = statementSql(slot, constantBase, true);
            String keyType = types.boxed(key.type());
            String parentVar = Names.plural(Names.lowerFirst(Names.type(parent.model)));
            String childVar = Names.member(p.attribute());
            if (!p.many()) {
                childVar = Names.plural(childVar);
            }
            if (childVar.equals(parentVar) || LOCALS.contains(childVar)) {
                childVar = childVar + "Rows";
            }
            if (LOCALS.contains(parentVar)) {
                parentVar = "parents";
            }
            String parentItem = Names.lowerFirst(Names.type(parent.model));
            if (parentItem.equals(parentVar) || LOCALS.contains(parentItem)) {
                parentItem = "parent";
            }
            String mapVar = Names.member(p.attribute()) + "By" + Names.type(key.key().equals("id") ? parent.model
                    + "_id" : key.member());
            String childType = child.name;
            String readChild = readerFor(child) + "(resultSet)";
            String readKey = types.read(key.type(), false, p.childKeyColumn() + 1);
            String batches = batches();
            String withKeys = withKeys();
            List<String> nestedHelpers = new ArrayList<>();
            for (int i = 0; i < p.nested().size(); i++) {
                List<Integer> childPath = new ArrayList<>(path);
                childPath.add(i);
                nestedHelpers.add(prefetchMethod(p.nested().get(i), child, childPath, constantBase));
            }
            String wither = "with" + Names.upperFirst(part.member());
            String parents = parentVar;
            String item = parentItem;
            String children = childVar;
            return out.helper("prefetch" + Names.type(p.attribute()), "prefetch" + Names.type(method)
                    + Names.type(p.attribute()), name -> {
                        Code c = new Code(1);
                        c.javadoc(List.of("{@code prefetch_related(\"" + p.attribute() + "\")}: the " + parents
                                + " with their {@code " + p.attribute() + "}, read by one query per " + batchSize()
                                + " keys and matched by key."));
                        List<String> helperArgs = new ArrayList<>(List.of("Connection connection",
                                "List<" + parent.name + "> " + parents));
                        for (String param : prefetchParams(p)) {
                            helperArgs.add(argType(param) + " " + argNames.get(param));
                        }
                        c.call("private static List<" + parent.name + "> " + name, helperArgs, " throws SQLException {");
                        c.indent();
                        c.line("Set<" + keyType + "> keys = new LinkedHashSet<>();");
                        c.open("for (" + parent.name + " " + item + " : " + parents + ") {");
                        if (key.nullable()) {
                            c.open("if (" + item + "." + key.member() + "() != null) {");
                            c.line("keys.add(" + item + "." + key.member() + "());");
                            c.close("}");
                        } else {
                            c.line("keys.add(" + item + "." + key.member() + "());");
                        }
                        c.close("}");
                        boolean nested = !nestedHelpers.isEmpty();
                        String valueType = p.many() ? "List<" + childType + ">" : childType;
                        if (nested) {
                            c.line("List<" + keyType + "> parentKeys = new ArrayList<>();");
                            c.line("List<" + childType + "> " + children + " = new ArrayList<>();");
                        } else {
                            c.line("Map<" + keyType + ", " + valueType + "> " + mapVar + " = new HashMap<>();");
                        }
                        c.open("for (List<" + keyType + "> batch : " + batches + "(keys)) {");
                        openStatement(c, withKeys + "(" + sql + ", batch.size())", "", false);
                        bindStatement(c, slot, p.query().paramsBeforeKeys(), new String[] {keyType,
                            types.bind(key.type(), "index++", "key")});
                        c.open("try (ResultSet resultSet = statement.executeQuery()) {");
                        c.open("while (resultSet.next()) {");
                        if (nested) {
                            c.line("parentKeys.add(" + readKey + ");");
                            c.line(children + ".add(" + readChild + ");");
                        } else if (p.many()) {
                            c.statement(mapVar + ".computeIfAbsent(" + readKey + ", key -> new ArrayList<>())",
                                    ".add(" + readChild + ");");
                        } else {
                            c.line(mapVar + ".putIfAbsent(" + readKey + ", " + readChild + ");");
                        }
                        c.close("}");
                        c.close("}");
                        c.close("}");
                        c.close("}");
                        if (nested) {
                            for (int i = 0; i < nestedHelpers.size(); i++) {
                                c.statement(children + " = " + prefetchCall(nestedHelpers.get(i), p.nested().get(i),
                                        children) + ";");
                            }
                            c.line("Map<" + keyType + ", " + valueType + "> " + mapVar + " = new HashMap<>();");
                            c.open("for (int i = 0; i < " + children + ".size(); i++) {");
                            if (p.many()) {
                                c.statement(mapVar + ".computeIfAbsent(parentKeys.get(i), key -> new ArrayList<>())",
                                        ".add(" + children + ".get(i));");
                            } else {
                                c.line(mapVar + ".putIfAbsent(parentKeys.get(i), " + children + ".get(i));");
                            }
                            c.close("}");
                        }
                        c.line("List<" + parent.name + "> result = new ArrayList<>(" + parents + ".size());");
                        c.open("for (" + parent.name + " " + item + " : " + parents + ") {");
                        String lookup = p.many() ? mapVar + ".getOrDefault(" + item + "." + key.member()
                                + "(), List.of())" : mapVar + ".get(" + item + "." + key.member() + "())";
                        c.line("result.add(" + item + "." + wither + "(" + lookup + "));");
                        c.close("}");
                        c.line("return result;");
                        c.close("}");
                        return c.lines();
                    }, readerName(readChild));
        }

        /** The call of a prefetch helper: the connection, the parent rows and the Params its queries bind. */
        private String prefetchCall(String helper, PrefetchPlan p, String rows) {
            List<String> args = new ArrayList<>(List.of("connection", rows));
            prefetchParams(p).forEach(param -> args.add(argNames.get(param)));
            return helper + "(" + String.join(", ", args) + ")";
        }

        /** The Params a prefetch level's queries (its own and those nested in it) bind, in the method's order. */
        private List<String> prefetchParams(PrefetchPlan p) {
            Set<String> used = new HashSet<>();
            collectParams(p, used);
            return params.stream().map(QueryParams.Param::name).filter(used::contains).toList();
        }

        private void collectParams(PrefetchPlan p, Set<String> used) {
            for (Object o : p.query().query().params()) {
                if (o instanceof ParamRef ref) {
                    used.add(ref.name());
                }
            }
            p.nested().forEach(n -> collectParams(n, used));
        }

        private String readerName(String call) {
            return call.substring(0, call.indexOf('('));
        }

        private Slot prefetchSlot(List<Integer> path) {
            return p -> {
                PrefetchPlan level = p.select().prefetches().get(path.get(0));
                for (int i = 1; i < path.size(); i++) {
                    level = level.nested().get(path.get(i));
                }
                return level.query().query();
            };
        }

        private int batchSize() {
            return dialect == Dialect.SQLITE ? 999 : 10_000;
        }

        private String batches() {
            out.use("java.util.Collection");
            out.constant("BATCH_SIZE", n -> "    /** Most keys bound in one prefetch query (" + (dialect
                    == Dialect.SQLITE ? "SQLite allows 32766 parameters; Django binds 999" : "as many as the engine "
                    + "binds on PostgreSQL") + "). */\n    private static final int " + n + " = "
                    + (batchSize() == 999 ? "999" : "10_000") + ";");
            return out.utility("batches", List.of(
                    "    /** The keys in groups of at most BATCH_SIZE, each group one IN list. */",
                    "    private static <K> List<List<K>> batches(Collection<K> keys) {",
                    "        List<K> all = new ArrayList<>(keys);",
                    "        List<List<K>> batches = new ArrayList<>();",
                    "        for (int from = 0; from < all.size(); from += BATCH_SIZE) {",
                    "            batches.add(all.subList(from, Math.min(all.size(), from + BATCH_SIZE)));",
                    "        }",
                    "        return batches;",
                    "    }"));
        }

        private String withKeys() {
            out.use("java.util.Collections");
            return out.utility("withKeys", List.of(
                    "    /** The statement with its IN list (the KEYS comment) expanded to one placeholder per key. */",
                    "    private static String withKeys(String sql, int count) {",
                    "        return sql.replace(\"" + PrefetchPlan.KEYS_MARKER
                            + "\", String.join(\", \", Collections.nCopies(count, \"?\")));",
                    "    }"));
        }
    }

}
