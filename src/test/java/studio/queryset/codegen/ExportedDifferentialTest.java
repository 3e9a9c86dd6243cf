package studio.queryset.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TimeZone;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import studio.queryset.api.Row;
import studio.queryset.differential.DifferentialFixture;
import studio.queryset.django.DjangoParser;
import studio.queryset.query.QueryException;
import studio.queryset.query.QuerySet;
import studio.queryset.run.Engine;
import studio.queryset.run.Evaluation;
import studio.queryset.run.Executor;
import studio.queryset.run.ResultJson;
import studio.queryset.schema.ModelsPyImporter;
import studio.queryset.schema.Schema;
import studio.queryset.schema.ValueType;
import studio.queryset.sql.Dialect;
import studio.queryset.sql.QueryPlan;
import studio.queryset.sql.RowShape;
import studio.queryset.sql.SqlCompiler;
import studio.queryset.support.PostgresSupport;

/**
 * The export issue's proof on the differential suite (the ~370 expressions Django 3.2 answered on the shop app;
 * {@link ExportedClubDifferentialTest}: the club app's): every expression is exported in both Java flavours
 * (plain JDBC, and the QuerySet API with its {@code ShopSchema}),
 * all compiled in one javac call, and run on SQLite and PostgreSQL, with the JVM in UTC and in New York, with
 * auto-commit on (SQLite) and off (PostgreSQL, each call inside a transaction of the caller that is rolled back):
 * each answer must be the rows {@code eval} (the engine) gives for the same expression. An expression a generator
 * refuses is listed with the generator's reason in {@code target/exported-differential.txt} and must be one of
 * the refusals known below; one that the engine itself answers with an error is not exported (Django raised there).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExportedDifferentialTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NEW_YORK = "America/New_York";

    private Schema schema;
    private final Map<Dialect, Generated> generated = new LinkedHashMap<>();
    private final List<String> report = new ArrayList<>();

    @TempDir
    Path dir;

    /** The exported classes for one dialect: expression → JDBC class / API class, and what was refused. */
    private record Generated(Map<String, Class<?>> jdbc, Map<String, Class<?>> api, Map<String, String> refusedJdbc,
                             Map<String, String> refusedApi, int expressions) {
    }

    /** The recorded app (differential/APP/models.py) and its folder of recorded answers. */
    String app() {
        return "shop";
    }

    String dir() {
        return "";
    }

    /** The Java type the exports read and bind datetimes as. */
    ExportOptions.DateTimes dateTimes() {
        return ExportOptions.DateTimes.LOCAL;
    }

    /** Whether the expression is part of this run (all of them; a datetime flavour takes those with datetimes). */
    boolean include(QueryPlan plan) {
        return true;
    }

    /** Whether a statement of the plan reads or binds a datetime (a column, a Param, a prefetched row's). */
    static boolean touchesDateTimes(QueryPlan plan) {
        for (studio.queryset.sql.CompiledQuery q : plan.statements()) {
            for (Object o : q.params()) {
                if (o instanceof java.time.LocalDateTime
                        || o instanceof studio.queryset.sql.ParamRef r && r.type() == ValueType.DATETIME) {
                    return true;
                }
            }
        }
        return plan.select() != null && readsDateTimes(plan.select());
    }

    private static boolean readsDateTimes(studio.queryset.sql.SelectPlan sp) {
        return sp.columns().stream().anyMatch(c -> c.type() == ValueType.DATETIME)
                || sp.prefetches().stream().anyMatch(p -> readsDateTimes(p.query()));
    }

    private String runName() {
        return app() + (dateTimes() == ExportOptions.DateTimes.LOCAL ? "" : "-" + dateTimes().id());
    }

    @BeforeAll
    void setUp() throws Exception {
        schema = ModelsPyImporter.importFile(GeneratedJdbcCompilesAndRunsTest.projectDir()
                .resolve("differential/" + app() + "/models.py"), null);
    }

    private List<String> expressions(Dialect dialect) throws Exception {
        List<String> out = new ArrayList<>();
        String file = dialect == Dialect.SQLITE ? "expected.sqlite.jsonl" : "expected.postgresql.jsonl";
        for (String line : DifferentialFixture.resource(dir() + file).split("\n")) {
            if (!line.isBlank()) {
                JsonNode n = JSON.readTree(line);
                if (!n.has("error")) { // Django raised: nothing to export
                    out.add(n.get("expr").asText());
                }
            }
        }
        return out;
    }

    private Generated generate(Dialect dialect) throws Exception {
        Generated g = generated.get(dialect);
        if (g != null) {
            return g;
        }
        String d = app() + "." + dialect.name().toLowerCase() + (dateTimes() == ExportOptions.DateTimes.LOCAL ? ""
                : "." + dateTimes().id());
        Map<String, String> sources = new LinkedHashMap<>();
        Map<String, String> jdbcClass = new LinkedHashMap<>();
        Map<String, String> apiClass = new LinkedHashMap<>();
        Map<String, String> refusedJdbc = new TreeMap<>();
        Map<String, String> refusedApi = new TreeMap<>();
        List<String> exprs = expressions(dialect);
        int included = 0;
        for (int i = 0; i < exprs.size(); i++) {
            String expr = exprs.get(i);
            QuerySet qs;
            try {
                qs = DjangoParser.parse(expr, schema);
                if (!include(SqlCompiler.plan(schema, qs, dialect))) {
                    continue;
                }
            } catch (QueryException | studio.queryset.schema.SchemaException e) {
                continue; // the engine does not compile it either (a known mismatch with Django): nothing to export
            }
            included++;
            String cls = String.format("E%03d", i);
            try {
                sources.put("diff." + d + ".jdbc." + cls, new JavaJdbcGenerator(schema, dialect, dateTimes())
                        .generate("diff." + d + ".jdbc", cls, "run", qs));
                jdbcClass.put(expr, "diff." + d + ".jdbc." + cls);
            } catch (CodegenException e) {
                refusedJdbc.put(expr, e.getMessage());
            }
            try {
                String api = new JavaApiGenerator(schema, dialect, dateTimes()).generate("diff." + d + ".api", cls,
                        "run", qs);
                assertThat(api).as("built with the API, no Django text parsed at run time: " + expr)
                        .doesNotContain("DjangoParser", "parse(");
                sources.put("diff." + d + ".api." + cls, api);
                apiClass.put(expr, "diff." + d + ".api." + cls);
            } catch (CodegenException e) {
                refusedApi.put(expr, e.getMessage());
            }
        }
        String schemaClass = SchemaGenerator.className(schema.models().iterator().next().appLabel());
        sources.put("diff." + d + ".api." + schemaClass, new SchemaGenerator(schema).generate("diff." + d + ".api",
                schemaClass));
        long start = System.nanoTime();
        ClassLoader loader = GeneratedCode.compile(sources, Files.createDirectories(dir.resolve(d)));
        System.out.printf("[exported differential " + runName() + "] %s: %d classes compiled in one javac call in %.1f s%n",
                dialect.displayName(), sources.size(), (System.nanoTime() - start) / 1e9);
        Map<String, Class<?>> jdbc = new LinkedHashMap<>();
        Map<String, Class<?>> api = new LinkedHashMap<>();
        for (var e : jdbcClass.entrySet()) {
            jdbc.put(e.getKey(), loader.loadClass(e.getValue()));
        }
        for (var e : apiClass.entrySet()) {
            api.put(e.getKey(), loader.loadClass(e.getValue()));
        }
        g = new Generated(jdbc, api, refusedJdbc, refusedApi, included);
        generated.put(dialect, g);
        return g;
    }

    @Test
    void exportsReturnWhatEvalReturnsOnSqlite() throws Exception {
        Path db = Files.createTempFile(dir, "shop", ".sqlite3");
        try (Connection setup = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            DifferentialFixture.load(setup, Dialect.SQLITE, schema, dir());
        }
        Generated g = generate(Dialect.SQLITE);
        TimeZone jvm = TimeZone.getDefault();
        List<String> failures = new ArrayList<>();
        try (Connection engine = studio.queryset.run.Connections.open("jdbc:sqlite:" + db, true);
             Connection plain = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            for (String zone : List.of("UTC", NEW_YORK)) {
                TimeZone.setDefault(TimeZone.getTimeZone(zone));
                failures.addAll(runAll(g, Dialect.SQLITE, engine, plain, "SQLite, JVM in " + zone
                        + ", auto-commit on"));
            }
        } finally {
            TimeZone.setDefault(jvm);
        }
        finish(g, Dialect.SQLITE, failures);
    }

    @Test
    void exportsReturnWhatEvalReturnsOnPostgresql() throws Exception {
        TimeZone jvm = TimeZone.getDefault();
        try (Connection admin = PostgresSupport.connectOrSkip()) {
            String pg = PostgresSupport.createTempSchema(admin, "qss_export_diff_" + app());
            List<String> failures = new ArrayList<>();
            Generated g = generate(Dialect.POSTGRESQL);
            try (Connection engine = DriverManager.getConnection(PostgresSupport.url())) {
                try (Statement st = engine.createStatement()) {
                    st.execute("SET search_path TO " + PostgresSupport.quote(pg));
                    st.execute("SET TIME ZONE 'UTC'");
                }
                DifferentialFixture.load(engine, Dialect.POSTGRESQL, schema, dir());
                for (String zone : List.of("UTC", NEW_YORK)) {
                    TimeZone.setDefault(TimeZone.getTimeZone(zone)); // the driver gives new sessions this zone
                    try (Connection caller = DriverManager.getConnection(PostgresSupport.url())) {
                        try (Statement st = caller.createStatement()) {
                            st.execute("SET search_path TO " + PostgresSupport.quote(pg));
                        }
                        caller.setAutoCommit(false);
                        failures.addAll(runAll(g, Dialect.POSTGRESQL, engine, caller, "PostgreSQL, JVM and session in "
                                + zone + ", auto-commit off"));
                    }
                }
            } finally {
                TimeZone.setDefault(jvm);
                PostgresSupport.dropSchema(admin, pg);
            }
            finish(g, Dialect.POSTGRESQL, failures);
        }
    }

    /** eval's answers by expression (null: the engine raised), computed once per dialect. */
    private final Map<Dialect, Map<String, Evaluation>> answers = new LinkedHashMap<>();

    private List<String> runAll(Generated g, Dialect dialect, Connection engineConn, Connection caller, String label)
            throws Exception {
        Engine engine = new Engine(schema, engineConn, dialect);
        Map<String, Evaluation> known = answers.computeIfAbsent(dialect, d -> new LinkedHashMap<>());
        List<String> failures = new ArrayList<>();
        int calls = 0;
        java.util.Set<String> registered = new java.util.HashSet<>();
        for (Class<?> c : g.jdbc().values()) {
            for (Method m : GeneratedCode.registrations(c)) {
                if (registered.add(m.getName())) { // once per connection: every class registers the same functions
                    m.invoke(null, caller);
                }
            }
        }
        for (String expr : g.jdbc().keySet().isEmpty() ? g.api().keySet() : union(g)) {
            QuerySet qs = DjangoParser.parse(expr, schema);
            Evaluation ev = known.computeIfAbsent(expr, e -> engine.evaluate(e, qs, Executor.WriteMode.ROLLBACK));
            if (ev.failed()) {
                continue; // compared with Django by DifferentialTest; no rows to compare here
            }
            QueryPlan plan = SqlCompiler.plan(schema, qs, dialect);
            boolean tuples = plan.select() != null && plan.select().shape() == RowShape.VALUES_LIST;
            JsonNode json = ResultJson.toJson(ev.result());
            JsonNode expected = plan.kind() == QueryPlan.Kind.RAW ? json : GeneratedCode.javaNames(json);
            for (var flavour : List.of(g.jdbc(), g.api())) {
                Class<?> c = flavour.get(expr);
                if (c == null) {
                    continue;
                }
                calls++;
                String what = (flavour == g.jdbc() ? "jdbc " : "api ") + expr;
                JsonNode actual = call(c, caller, plan.isWrite(), tuples);
                if (flavour == g.jdbc()) {
                    actual = jsonTextAsJson(actual, expected);
                }
                if (!expected.equals(actual)) {
                    failures.add(label + ": " + what + "\n    eval:      " + abbreviate(expected)
                            + "\n    generated: " + abbreviate(actual));
                }
            }
        }
        String line = label + ": " + (calls - failures.size()) + " of " + calls + " exported calls return eval's rows";
        System.out.println("[exported differential " + runName() + "] " + line);
        report.add(line);
        return failures;
    }

    /**
     * The plain-JDBC flavour returns a JSONField's value as its JSON text (it needs no JSON library): where eval
     * has the parsed value, the text is parsed before comparing. Only text that differs and reads as a JSON
     * object, array or string is parsed, so any other difference still shows.
     */
    private static JsonNode jsonTextAsJson(JsonNode actual, JsonNode expected) {
        if (actual.equals(expected)) {
            return actual;
        }
        if (actual.isTextual() && !expected.isTextual() || actual.isTextual() && actual.asText().startsWith("\"")) {
            String text = actual.asText();
            if (text.startsWith("{") || text.startsWith("[") || text.startsWith("\"")) {
                try {
                    return JSON.readTree(text);
                } catch (java.io.IOException e) {
                    return actual;
                }
            }
            return actual;
        }
        if (actual.isArray() && expected.isArray() && actual.size() == expected.size()) {
            var out = JSON.createArrayNode();
            for (int i = 0; i < actual.size(); i++) {
                out.add(jsonTextAsJson(actual.get(i), expected.get(i)));
            }
            return out;
        }
        if (actual.isObject() && expected.isObject()) {
            var out = JSON.createObjectNode();
            actual.fields().forEachRemaining(e -> out.set(e.getKey(), expected.has(e.getKey())
                    ? jsonTextAsJson(e.getValue(), expected.get(e.getKey())) : e.getValue()));
            return out;
        }
        return actual;
    }

    private static List<String> union(Generated g) {
        List<String> all = new ArrayList<>(g.jdbc().keySet());
        g.api().keySet().stream().filter(e -> !g.jdbc().containsKey(e)).forEach(all::add);
        return all;
    }

    /** Runs the class's {@code run(connection)}; a write inside a transaction that is rolled back afterwards. */
    private static JsonNode call(Class<?> c, Connection conn, boolean write, boolean tuples) throws Exception {
        Method run = java.util.Arrays.stream(c.getMethods()).filter(m -> m.getName().equals("run")).findFirst()
                .orElseThrow();
        boolean autoCommit = conn.getAutoCommit();
        if (write && autoCommit) {
            conn.setAutoCommit(false); // the caller's transaction: the write joins it, and it is undone here
        }
        try {
            return GeneratedCode.toJson(plain(run.invoke(null, conn)), tuples);
        } catch (InvocationTargetException e) {
            var o = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
            o.put("error", e.getCause().getClass().getSimpleName() + ": " + e.getCause().getMessage());
            return o;
        } finally {
            if (write || !conn.getAutoCommit()) {
                conn.rollback();
            }
            conn.setAutoCommit(autoCommit);
        }
    }

    /** API rows as their maps (their keys are the engine's; records compare by component name). */
    private static Object plain(Object o) {
        if (o instanceof Optional<?> opt) {
            return opt.map(ExportedDifferentialTest::plain).orElse(null);
        }
        if (o instanceof Row r) {
            return r.asMap();
        }
        if (o instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(x -> out.add(plain(x)));
            return out;
        }
        if (o instanceof java.util.stream.Stream<?> s) {
            try (s) {
                return s.map(ExportedDifferentialTest::plain).toList();
            }
        }
        return o;
    }

    private void finish(Generated g, Dialect dialect, List<String> failures) throws Exception {
        List<String> out = new ArrayList<>(report);
        out.add("");
        out.add(g.expressions() + " expressions Django answered on " + dialect.displayName() + "; exported: "
                + g.jdbc().size() + " plain JDBC, " + g.api().size() + " QuerySet API");
        out.add("");
        out.add("refused by the plain-JDBC generator (" + g.refusedJdbc().size() + "):");
        g.refusedJdbc().forEach((e, why) -> out.add("  " + e + "\n      " + why));
        out.add("refused by the QuerySet-API generator (" + g.refusedApi().size() + "):");
        g.refusedApi().forEach((e, why) -> out.add("  " + e + "\n      " + why));
        out.add("");
        out.add("differences (" + failures.size() + "):");
        failures.forEach(out::add);
        Path file = Path.of("target", "exported-differential-" + runName() + "-" + dialect.name().toLowerCase() + ".txt");
        Files.createDirectories(file.getParent());
        Files.writeString(file, String.join("\n", out) + "\n");
        report.clear();
        assertThat(failures).as("exported code whose rows differ from eval's (details: " + file + ")").isEmpty();
        assertThat(g.api().size()).as("QuerySet-API exports").isGreaterThan(g.expressions() * 9 / 10);
        assertThat(g.jdbc().size()).as("plain-JDBC exports").isGreaterThan(g.expressions() * 8 / 10);
    }

    private static String abbreviate(JsonNode n) {
        String s = n.toString();
        return s.length() > 500 ? s.substring(0, 500) + "..." : s;
    }
}
