package studio.queryset.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.queryset.django.DjangoParser;
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

/**
 * A project that depends only on the runtime artifact ({@code target/queryset-studio-runtime.jar}, built right
 * after compiling; installed as {@code studio.queryset:queryset-runtime}), its declared dependency (Jackson) and
 * a driver: QuerySet-API exports and their {@code BlogSchema} compile against exactly those jars (javac in
 * process, rather than a nested Maven build, to keep the suite fast) and, loaded with nothing else (no test or
 * app class path), return the engine's rows from the sample blog. The jar holds only the runtime packages.
 */
class RuntimeJarConsumerTest {
    private static final Map<String, String> QUERIES = new LinkedHashMap<>();

    static {
        QUERIES.put("search", "Post.objects.filter(Q(title__icontains=Param(\"query\")) | Q(body__icontains="
                + "Param(\"query\")), author=Param(\"author\", optional=True)).select_related(\"author\")"
                + ".prefetch_related(\"tags\").order_by(\"-published_at\", \"id\")[:20]");
        QUERIES.put("busiest", "Author.objects.annotate(n=Count(\"posts\"), latest=Subquery(Post.objects.filter("
                + "author=OuterRef(\"pk\")).order_by(\"-published_at\").values(\"title\")[:1]))"
                + ".order_by(\"-n\", \"id\")[:5]");
        QUERIES.put("totals", "Post.objects.aggregate(views=Sum(\"view_count\"), avg=Avg(\"word_count\"))");
        QUERIES.put("titles", "Post.objects.values_list(\"id\", \"title\").order_by(\"id\")[:3]");
        QUERIES.put("buckets", "Post.objects.annotate(bucket=Case(When(view_count__gte=500, then=Value(\"high\")), "
                + "default=Value(\"low\"))).values(\"bucket\").annotate(n=Count(\"id\")).order_by(\"bucket\")");
        QUERIES.put("monthly", "Post.objects.annotate(month=TruncMonth(\"published_at\")).values(\"month\")"
                + ".annotate(n=Count(\"id\")).order_by(\"month\")[:6]");
        QUERIES.put("popular", "Post.objects.raw(\"SELECT id, title FROM blog_post WHERE view_count > %s "
                + "ORDER BY id\", [990])");
    }

    static Path runtimeJar() {
        return GeneratedJdbcCompilesAndRunsTest.projectDir().resolve("target/queryset-studio-runtime.jar");
    }

    @Test
    void theRuntimeJarHoldsOnlyTheRuntimePackages() throws IOException {
        Path jar = runtimeJar();
        assertThat(jar).as("built by the runtime-jar execution after compile").exists();
        List<String> outside = new ArrayList<>();
        int classes = 0;
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (ZipEntry e : java.util.Collections.list(zip.entries())) {
                if (e.isDirectory() || e.getName().startsWith("META-INF/")) {
                    continue;
                }
                classes++;
                if (!e.getName().matches("studio/queryset/(api|query|sql|run|schema|django|pytext)/.*")) {
                    outside.add(e.getName());
                }
            }
        }
        assertThat(outside).as("entries outside api, query, sql, run, schema, django, pytext").isEmpty();
        assertThat(classes).isGreaterThan(100);
        System.out.println("[runtime] " + jar.getFileName() + ": " + Files.size(jar) / 1024 + " KB, " + classes
                + " classes");
    }

    @Test
    void exportsCompileAndRunOnTheRuntimeJarAndADriverAlone(@TempDir Path dir) throws Exception {
        Schema schema = ModelsPyImporter.importFile(GeneratedJdbcCompilesAndRunsTest.projectDir()
                .resolve("sample-db/blog/models.py"), null);
        Map<String, String> sources = new LinkedHashMap<>();
        for (var q : QUERIES.entrySet()) {
            String cls = Names.upperFirst(q.getKey());
            Exporter.Exported e = Exporter.export(schema, Dialect.SQLITE, new ExportOptions(
                    ExportOptions.Flavour.JAVA_API, "com.example.blog", cls, q.getKey()), null,
                    List.of(DjangoParser.parse(q.getValue(), schema)));
            sources.put("com.example.blog." + cls, e.source());
            e.companions().forEach(c -> sources.put("com.example.blog." + c.fileName().replace(".java", ""),
                    c.source()));
        }
        assertThat(sources).containsKey("com.example.blog.BlogSchema");
        List<Path> classpath = new ArrayList<>(List.of(runtimeJar()));
        classpath.addAll(jarsOnTestClassPath("sqlite-jdbc-", "jackson-databind-", "jackson-core-",
                "jackson-annotations-"));
        assertThat(classpath).hasSize(5);
        ClassLoader consumer = GeneratedCode.compileAlone(sources, dir, classpath);
        assertThat(consumer.getResource("javafx/scene/Node.class")).isNull();
        assertThat(consumer.getResource("picocli/CommandLine.class")).isNull();
        assertThat(consumer.getResource("studio/queryset/codegen/Exporter.class")).isNull();

        Path db = dir.resolve("blog.sqlite3");
        Files.copy(GeneratedJdbcCompilesAndRunsTest.projectDir().resolve("sample-db/blog.sqlite3"), db);
        // the consumer's own driver, from its own class loader: what the runtime registers on it is its classes
        Driver driver = (Driver) consumer.loadClass("org.sqlite.JDBC").getDeclaredConstructor().newInstance();
        try (Connection theirs = driver.connect("jdbc:sqlite:" + db, new Properties());
             Connection engine = Connections.open("jdbc:sqlite:" + db, false)) {
            for (var q : QUERIES.entrySet()) {
                Class<?> c = consumer.loadClass("com.example.blog." + Names.upperFirst(q.getKey()));
                Method m = java.util.Arrays.stream(c.getMethods()).filter(x -> x.getName().equals(q.getKey()))
                        .findFirst().orElseThrow();
                Object[] args = m.getParameterCount() == 1 ? new Object[] {theirs}
                        : new Object[] {theirs, "django", null};
                QuerySet qs = DjangoParser.parse(q.getValue(), schema);
                Map<String, Object> params = m.getParameterCount() == 1 ? Map.of() : Map.of("query", "django");
                QueryPlan plan = SqlCompiler.planFor(schema, qs, Dialect.SQLITE, params);
                JsonNode json = ResultJson.toJson(new Executor(engine, Dialect.SQLITE, new QueryLog())
                        .withParams(params).execute(plan, Executor.WriteMode.DENY));
                JsonNode expected = plan.kind() == QueryPlan.Kind.RAW ? json : GeneratedCode.javaNames(json);
                boolean tuples = plan.select() != null && plan.select().shape() == RowShape.VALUES_LIST;
                Object result = rowsAsMaps(m.invoke(null, args));
                assertThat(GeneratedCode.toJson(result, tuples)).as(q.getValue()).isEqualTo(expected);
                assertThat(expected.size()).as(q.getKey() + " returns rows").isGreaterThan(0);
            }
        }
    }

    /** The runtime's Row (from the consumer's loader, not the test's) as its map. */
    private static Object rowsAsMaps(Object o) throws ReflectiveOperationException {
        if (o instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            for (Object x : l) {
                out.add(rowsAsMaps(x));
            }
            return out;
        }
        if (o != null && o.getClass().getName().equals("studio.queryset.api.Row")) {
            return o.getClass().getMethod("asMap").invoke(o);
        }
        return o;
    }

    private static List<Path> jarsOnTestClassPath(String... prefixes) {
        List<Path> out = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            Path p = Path.of(entry);
            String name = p.getFileName().toString();
            for (String prefix : prefixes) {
                if (name.startsWith(prefix) && name.endsWith(".jar")) {
                    out.add(p);
                }
            }
        }
        return out;
    }
}
