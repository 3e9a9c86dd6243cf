package studio.queryset.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TimeZone;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import studio.queryset.sample.SampleDbLoader;
import studio.queryset.django.DjangoParser;
import studio.queryset.query.QueryException;
import studio.queryset.query.QuerySet;
import studio.queryset.run.Connections;
import studio.queryset.run.Executor;
import studio.queryset.run.QueryLog;
import studio.queryset.run.ResultJson;
import studio.queryset.schema.ModelsPyImporter;
import studio.queryset.schema.Schema;
import studio.queryset.sql.Dialect;
import studio.queryset.sql.QueryPlan;
import studio.queryset.sql.RowShape;
import studio.queryset.sql.SqlCompiler;
import studio.queryset.support.PostgresSupport;

/**
 * The Codegen issue's proof for plain JDBC: for every query of {@link CodegenCases} the generated class
 * compiles in-process (javax.tools, warnings as errors) and, run against the sample blog on SQLite (a copy of
 * sample-db/blog.sqlite3, on a connection with nothing registered) and on PostgreSQL (the sample loaded into a
 * schema of its own), returns exactly the JSON the engine returns for the same query: rows, shapes, types,
 * errors, rows affected. Streaming variants are checked against the same answer.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GeneratedJdbcCompilesAndRunsTest {
    private Schema schema;

    @TempDir
    Path dir;

    @BeforeAll
    void setUp() throws Exception {
        schema = ModelsPyImporter.importFile(projectDir().resolve("sample-db/blog/models.py"), null);
    }

    static Path projectDir() {
        return Path.of(System.getenv().getOrDefault("QSS_PROJECT_DIR", "."));
    }

    @Test
    void generatedCodeReturnsWhatTheEngineReturnsOnSqlite() throws Exception {
        Path copy = dir.resolve("blog.sqlite3");
        Files.copy(projectDir().resolve("sample-db/blog.sqlite3"), copy);
        String url = "jdbc:sqlite:" + copy;
        try (Connection engine = Connections.open(url, true);
             Connection plain = DriverManager.getConnection(url)) {
            runAll(Dialect.SQLITE, engine, plain);
        }
    }

    @Test
    void generatedCodeReturnsWhatTheEngineReturnsOnPostgresql() throws Exception {
        try (Connection admin = PostgresSupport.connectOrSkip()) {
            String pgSchema = PostgresSupport.createTempSchema(admin, "qss_codegen");
            try {
                SampleDbLoader.load(SampleDbLoader.Options.defaults(PostgresSupport.url()).withSchema(pgSchema)
                        .withForce(true), null);
                try (Connection conn = DriverManager.getConnection(PostgresSupport.url())) {
                    try (Statement st = conn.createStatement()) {
                        st.execute("SET search_path TO " + PostgresSupport.quote(pgSchema));
                        st.execute("SET TIME ZONE 'UTC'");
                    }
                    runAll(Dialect.POSTGRESQL, conn, conn);
                }
            } finally {
                PostgresSupport.dropSchema(admin, pgSchema);
            }
        }
    }

    @Test
    void generatedCodeReturnsWhatTheEngineReturnsOnMariaDb() throws Exception {
        try (Connection admin = studio.queryset.support.MariaDbSupport.connectOrSkip()) {
            String db = studio.queryset.support.MariaDbSupport.createTempDatabase(admin, "qss_codegen", null);
            try {
                String url = studio.queryset.support.MariaDbSupport.url(db);
                SampleDbLoader.load(SampleDbLoader.Options.defaults(url), null);
                try (Connection conn = studio.queryset.run.Connections.open(url, true)) {
                    runAll(Dialect.MARIADB, conn, conn);
                }
            } finally {
                studio.queryset.support.MariaDbSupport.dropDatabase(admin, db);
            }
        }
    }

    /**
     * The JVM in New York, so the driver gives the session that zone: the generated code still returns the
     * engine's rows (computed in UTC, as Django's), and leaves the session's zone as it found it.
     */
    @Test
    void generatedCodeReturnsTheSameRowsWhateverTheJvmTimeZoneOnPostgresql() throws Exception {
        try (Connection admin = PostgresSupport.connectOrSkip()) {
            String pgSchema = PostgresSupport.createTempSchema(admin, "qss_codegen_tz");
            TimeZone jvmZone = TimeZone.getDefault();
            try {
                SampleDbLoader.load(SampleDbLoader.Options.defaults(PostgresSupport.url()).withSchema(pgSchema)
                        .withForce(true), null);
                try (Connection engine = DriverManager.getConnection(PostgresSupport.url())) {
                    try (Statement st = engine.createStatement()) {
                        st.execute("SET search_path TO " + PostgresSupport.quote(pgSchema));
                        st.execute("SET TIME ZONE 'UTC'");
                    }
                    TimeZone.setDefault(TimeZone.getTimeZone("America/New_York"));
                    try (Connection plain = DriverManager.getConnection(PostgresSupport.url())) {
                        try (Statement st = plain.createStatement()) {
                            st.execute("SET search_path TO " + PostgresSupport.quote(pgSchema));
                        }
                        assertThat(sessionZone(plain)).isEqualTo("America/New_York");
                        runAll(Dialect.POSTGRESQL, engine, plain, "postgresql-new-york");
                        assertThat(sessionZone(plain)).as("the caller's zone is put back").isEqualTo(
                                "America/New_York");
                    }
                }
            } finally {
                TimeZone.setDefault(jvmZone);
                PostgresSupport.dropSchema(admin, pgSchema);
            }
        }
    }

    private static String sessionZone(Connection c) throws Exception {
        try (Statement st = c.createStatement(); var rs = st.executeQuery("SHOW TIME ZONE")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private void runAll(Dialect dialect, Connection engine, Connection plain) throws Exception {
        runAll(dialect, engine, plain, dialect.name().toLowerCase());
    }

    /** The cases that read or bind datetimes, for the OffsetDateTime and Instant flavours. */
    private static final List<CodegenCases.Case> DATETIME_CASES = CodegenCases.named("datetime Param", "aggregate",
            "values_list", "TruncMonth and grouping", "latest", "select_related two levels", "nulls_last",
            "Prefetch to_attr");

    /**
     * Datetimes as OffsetDateTime and as Instant on PostgreSQL's timestamptz, with the JVM (and so the session)
     * in New York: the same instants as the engine's UTC wall times, Params bound as the instants they are.
     */
    @Test
    void offsetDateTimeAndInstantExportsReturnTheEnginesInstantsOnPostgresqlInNewYork() throws Exception {
        try (Connection admin = PostgresSupport.connectOrSkip()) {
            String pgSchema = PostgresSupport.createTempSchema(admin, "qss_codegen_odt");
            TimeZone jvmZone = TimeZone.getDefault();
            try {
                SampleDbLoader.load(SampleDbLoader.Options.defaults(PostgresSupport.url()).withSchema(pgSchema)
                        .withForce(true), null);
                try (Connection engine = DriverManager.getConnection(PostgresSupport.url())) {
                    try (Statement st = engine.createStatement()) {
                        st.execute("SET search_path TO " + PostgresSupport.quote(pgSchema));
                        st.execute("SET TIME ZONE 'UTC'");
                    }
                    TimeZone.setDefault(TimeZone.getTimeZone("America/New_York"));
                    try (Connection plain = DriverManager.getConnection(PostgresSupport.url())) {
                        try (Statement st = plain.createStatement()) {
                            st.execute("SET search_path TO " + PostgresSupport.quote(pgSchema));
                        }
                        for (var d : List.of(ExportOptions.DateTimes.OFFSET, ExportOptions.DateTimes.INSTANT)) {
                            runAll(Dialect.POSTGRESQL, engine, plain, "postgresql-" + d.id(), DATETIME_CASES, d);
                        }
                    }
                }
            } finally {
                TimeZone.setDefault(jvmZone);
                PostgresSupport.dropSchema(admin, pgSchema);
            }
        }
    }

    /** The same flavours on SQLite, where Django keeps the UTC wall time as text. */
    @Test
    void offsetDateTimeAndInstantExportsReturnTheEnginesInstantsOnSqlite() throws Exception {
        Path copy = dir.resolve("blog-odt.sqlite3");
        Files.copy(projectDir().resolve("sample-db/blog.sqlite3"), copy);
        String url = "jdbc:sqlite:" + copy;
        try (Connection engine = Connections.open(url, true);
             Connection plain = DriverManager.getConnection(url)) {
            for (var d : List.of(ExportOptions.DateTimes.OFFSET, ExportOptions.DateTimes.INSTANT)) {
                runAll(Dialect.SQLITE, engine, plain, "sqlite-" + d.id(), DATETIME_CASES, d);
            }
        }
    }

    private void runAll(Dialect dialect, Connection engine, Connection plain, String outDir) throws Exception {
        runAll(dialect, engine, plain, outDir, CodegenCases.ALL, ExportOptions.DateTimes.LOCAL);
    }

    /** A datetime argument as the flavour takes it: the UTC wall time as an OffsetDateTime or an Instant. */
    private static Object argument(Object value, ExportOptions.DateTimes dateTimes) {
        if (value instanceof java.time.LocalDateTime t) {
            return switch (dateTimes) {
                case LOCAL -> t;
                case OFFSET -> t.atOffset(java.time.ZoneOffset.UTC);
                case INSTANT -> t.toInstant(java.time.ZoneOffset.UTC);
            };
        }
        return value;
    }

    private void runAll(Dialect dialect, Connection engine, Connection plain, String outDir,
                        List<CodegenCases.Case> cases, ExportOptions.DateTimes dateTimes) throws Exception {
        Map<String, String> sources = new LinkedHashMap<>();
        Map<String, CodegenCases.Case> byClass = new LinkedHashMap<>();
        JavaJdbcGenerator generator = new JavaJdbcGenerator(schema, dialect, dateTimes);
        for (int i = 0; i < cases.size(); i++) {
            String cls = String.format("Q%02d", i + 1);
            QuerySet qs = DjangoParser.parse(cases.get(i).expr(), schema);
            sources.put("gen." + cls, generator.generate("gen", cls, null, qs));
            byClass.put("gen." + cls, cases.get(i));
        }
        Path out = dir.resolve(outDir);
        List<String> style = new ArrayList<>();
        sources.forEach((cls, source) -> style.addAll(GeneratedCode.styleProblems(cls, source)));
        assertThat(style).as("style of the generated sources").isEmpty();
        ClassLoader loader = GeneratedCode.compile(sources, out);
        for (String cls : sources.keySet()) {
            GeneratedCode.registrations(loader.loadClass(cls)).forEach(m -> invokeQuietly(m, plain));
        }

        List<String> failures = new ArrayList<>();
        int calls = 0;
        for (var e : byClass.entrySet()) {
            CodegenCases.Case c = e.getValue();
            Class<?> generated = loader.loadClass(e.getKey());
            QuerySet qs = DjangoParser.parse(c.expr(), schema);
            List<QueryParams.Param> params = QueryParams.of(qs);
            Set<String> absent = new LinkedHashSet<>();
            Map<String, Object> given = new HashMap<>();
            Object[] args = new Object[params.size() + 1];
            args[0] = plain;
            for (int i = 0; i < params.size(); i++) {
                Object value = c.params().get(params.get(i).name());
                args[i + 1] = argument(value, dateTimes);
                if (value == null) {
                    absent.add(params.get(i).name());
                } else {
                    given.put(params.get(i).name(), value);
                }
            }
            // an IN-list Param: the engine on the same query with the list written in; a terminal used as a value
            // run first, as the engine runs it
            QuerySet resolved = studio.queryset.run.EagerValues.resolve(qs, schema, inner -> new Executor(engine,
                    dialect, new QueryLog()).execute(SqlCompiler.plan(schema, inner, dialect), Executor.WriteMode.DENY));
            QueryPlan plan = SqlCompiler.plan(schema, studio.queryset.query.ListParams.withValues(resolved, given),
                    dialect, absent);
            boolean tuples = plan.select() != null && plan.select().shape() == RowShape.VALUES_LIST;
            JsonNode expected = engineAnswer(engine, dialect, plan, given, c.write());
            Method method = GeneratedCode.queryMethod(generated);
            JsonNode actual = generatedAnswer(method, args, tuples);
            calls++;
            if (!expected.equals(actual)) {
                failures.add(c + "\n    engine:    " + abbreviate(expected) + "\n    generated: " + abbreviate(actual)
                        + "\n    source: " + out.resolve("src").resolve(e.getKey().replace('.', '/') + ".java"));
            }
            var stream = GeneratedCode.streamMethod(generated);
            if (stream.isPresent()) {
                List<Object> rows = new ArrayList<>();
                Object[] streamArgs = java.util.Arrays.copyOf(args, args.length + 1);
                streamArgs[args.length] = (Consumer<Object>) rows::add;
                stream.get().invoke(null, streamArgs);
                calls++;
                JsonNode streamed = GeneratedCode.toJson(rows, tuples);
                if (!expected.equals(streamed)) {
                    failures.add(c + " (stream variant)\n    engine:    " + abbreviate(expected)
                            + "\n    generated: " + abbreviate(streamed));
                }
            }
        }
        System.out.println("[codegen] " + dialect.displayName() + ": " + cases.size() + " generated classes compiled; "
                + (calls - failures.size()) + " of " + calls + " calls return what the engine returns");
        assertThat(failures).as("generated JDBC code that differs from the engine on " + dialect.displayName())
                .isEmpty();
        assertThat(cases.size()).isGreaterThanOrEqualTo(cases == CodegenCases.ALL ? 40 : DATETIME_CASES.size());
    }

    /** The engine's JSON answer (keys as Java names), or {"error": kind, "message": ...}. */
    private JsonNode engineAnswer(Connection conn, Dialect dialect, QueryPlan plan, Map<String, Object> params,
                                  boolean write) {
        try {
            Object result = new Executor(conn, dialect, new QueryLog()).withParams(params)
                    .execute(plan, write ? Executor.WriteMode.ROLLBACK : Executor.WriteMode.DENY);
            JsonNode json = ResultJson.toJson(result);
            return plan.kind() == QueryPlan.Kind.RAW ? json : GeneratedCode.javaNames(json);
        } catch (QueryException e) {
            return error(e.kind(), e.getMessage());
        }
    }

    private JsonNode generatedAnswer(Method method, Object[] args, boolean tuples) throws IllegalAccessException {
        try {
            return GeneratedCode.toJson(method.invoke(null, args), tuples);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof NoSuchElementException) {
                return error("DoesNotExist", cause.getMessage());
            }
            if (cause instanceof IllegalStateException) {
                return error("MultipleObjectsReturned", cause.getMessage());
            }
            return error(cause.getClass().getSimpleName(), cause.getMessage());
        }
    }

    private static JsonNode error(String kind, String message) {
        var o = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        o.put("error", kind);
        o.put("message", message);
        return o;
    }

    private static void invokeQuietly(Method m, Connection c) {
        try {
            m.invoke(null, c);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    private static String abbreviate(JsonNode n) {
        String s = n.toString();
        return s.length() > 600 ? s.substring(0, 600) + "..." : s;
    }
}
