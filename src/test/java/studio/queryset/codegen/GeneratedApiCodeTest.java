package studio.queryset.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.queryset.api.Row;
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
import studio.queryset.support.PostgresSupport;
import studio.queryset.support.SampleDatabases;

/**
 * Code generated against the project's QuerySet API compiles without warnings and, run on the sample,
 * returns what the engine returns for the same query (the sync method and its async twin).
 */
class GeneratedApiCodeTest {
    static Schema schema;
    static Connection conn;

    /** Django text, then parameter values in order (name, value, ...). */
    static final List<Object[]> CASES = List.of(
            new Object[] {"Post.objects.filter(Q(published_at__isnull=False) | Q(author__name=\"Ada Dijkstra\"))"
                    + ".order_by(\"id\")[:15]"},
            new Object[] {"Post.objects.filter(tags__name=\"python\").exclude(author__name=\"Ada Dijkstra\")"
                    + ".order_by(\"-id\")[:10]"},
            new Object[] {"Post.objects.filter(Q(title__icontains=Param(\"query\")) | Q(body__icontains=Param(\"query\")),"
                    + " author=Param(\"author\", optional=True)).order_by(\"id\")[:10]", "query", "django",
                "author", null},
            new Object[] {"Post.objects.filter(Q(title__icontains=Param(\"query\")) | Q(body__icontains=Param(\"query\")),"
                    + " author=Param(\"author\", optional=True)).order_by(\"id\")[:10]", "query", "django",
                "author", 169L},
            new Object[] {"Post.objects.filter(updated_at__gt=F(\"published_at\")).count()"},
            new Object[] {"Post.objects.select_related(\"author__profile\").prefetch_related(\"tags\").order_by(\"id\")[:5]"},
            new Object[] {"Author.objects.prefetch_related(Prefetch(\"posts\", queryset=Post.objects.filter("
                    + "published_at__isnull=False).order_by(\"id\"), to_attr=\"published\")).order_by(\"id\")[:3]"},
            new Object[] {"Author.objects.annotate(post_count=Count(\"posts\"), latest=Max(\"posts__published_at\"))"
                    + ".order_by(\"-post_count\", \"id\")[:5]"},
            new Object[] {"Author.objects.annotate(published=Count(\"posts\", filter=Q(posts__published_at__isnull="
                    + "False))).order_by(\"id\")[:5]"},
            new Object[] {"Post.objects.aggregate(avg_words=Avg(\"word_count\"), n=Count(\"id\"))"},
            new Object[] {"Author.objects.annotate(latest_title=Subquery(Post.objects.filter(author=OuterRef(\"pk\"))"
                    + ".order_by(\"-published_at\").values(\"title\")[:1])).order_by(\"id\")[:5]"},
            new Object[] {"Post.objects.values(\"id\", \"title\").order_by(\"id\")[:5]"},
            new Object[] {"Post.objects.order_by(\"id\").values_list(\"id\", flat=True)[:5]"},
            new Object[] {"Post.objects.filter(view_count__gt=100).exists()"},
            new Object[] {"Post.objects.filter(slug=\"nope\").first()"},
            // date parts and bound datetimes: computed in UTC, whatever the JVM's zone
            new Object[] {"Post.objects.filter(published_at__hour__gte=20).count()"},
            new Object[] {"Post.objects.filter(published_at__lt=Param(\"before\")).order_by(\"-published_at\")"
                    + ".values(\"id\", \"published_at\")[:5]", "before", java.time.LocalDateTime.of(2024, 3, 1, 2, 0)},
            new Object[] {"Post.objects.get(pk=3)"},
            // Case/When, Coalesce, union, Exists in a filter, TruncDate, TruncMonth: builder calls too
            new Object[] {"Author.objects.annotate(kind=Case(When(posts__view_count__gt=500, then=Value(\"hot\")), "
                    + "default=Value(\"cold\"))).order_by(\"id\")[:5]"},
            new Object[] {"Author.objects.annotate(site=Coalesce(\"profile__website\", Value(\"none\")))"
                    + ".values(\"id\", \"site\").order_by(\"id\")[:5]"},
            new Object[] {"Post.objects.filter(view_count__gt=995).values(\"id\").union(Post.objects.filter("
                    + "view_count__lt=3).values(\"id\"))"},
            new Object[] {"Author.objects.filter(Exists(Post.objects.filter(author=OuterRef(\"pk\"), "
                    + "view_count__gt=990))).order_by(\"id\")"},
            // qs | qs and qs & qs: QuerySet.or(...) / and(...)
            new Object[] {"(Post.objects.filter(view_count__gt=990) | Post.objects.filter(tags__name=\"python\") "
                    + "& Post.objects.filter(view_count__lt=50)).order_by(\"id\").values(\"id\")[:8]"},
            new Object[] {"Comment.objects.annotate(day=TruncDate(\"created_at\")).filter(day__year=2024)"
                    + ".values(\"id\", \"day\").order_by(\"id\")[:5]"},
            new Object[] {"Post.objects.annotate(month=TruncMonth(\"published_at\")).values(\"month\")"
                    + ".annotate(n=Count(\"id\")).order_by(\"month\")"},
            new Object[] {"Post.objects.values_list(\"id\", \"title\").order_by(\"id\")[:3]"},
            new Object[] {"Post.objects.raw(\"SELECT id, title FROM blog_post WHERE view_count > %s ORDER BY id\", "
                    + "[990])"},
            new Object[] {"Post.objects.order_by(\"id\")[4]"},
            // Params in arithmetic, and any number of optional Params (the engine leaves out what is null)
            new Object[] {"Post.objects.filter(view_count__gt=F(\"word_count\") * Param(\"factor\"))"
                    + ".annotate(boosted=F(\"view_count\") + Param(\"by\")).values(\"id\", \"boosted\")"
                    + ".order_by(\"id\")[:10]", "factor", 5L, "by", 1000L},
            new Object[] {"Post.objects.filter(title__icontains=Param(\"a\", optional=True), slug__icontains="
                    + "Param(\"b\", optional=True), body__icontains=Param(\"c\", optional=True), view_count__gte="
                    + "Param(\"d\", optional=True), word_count__lte=Param(\"e\", optional=True)).order_by(\"id\")[:5]",
                "a", "o", "b", null, "c", "e", "d", 100L, "e", null},
            // an IN list as a Param: a collection, one bound placeholder per element
            new Object[] {"Post.objects.filter(id__in=Param(\"ids\")).order_by(\"id\").values(\"id\", \"title\")",
                "ids", List.of(3L, 5L, 8L)},
            new Object[] {"Author.objects.filter(Exists(Post.objects.filter(author=OuterRef(\"pk\"), "
                    + "tags__name__in=Param(\"tags\")))).order_by(\"id\").values(\"id\")[:5]",
                "tags", List.of("python", "sql")},
            // an empty IN list: Django's always-false condition, no IN ()
            new Object[] {"Post.objects.filter(id__in=Param(\"ids\")).order_by(\"id\").values(\"id\")", "ids", List.of()},
            // terminals used as values: run while the QuerySet is built, their values bound
            new Object[] {"Post.objects.filter(view_count__gt=Post.objects.aggregate(a=Avg(\"view_count\"))[\"a\"], "
                    + "author=Author.objects.order_by(\"id\").first()).order_by(\"id\").values(\"id\")"},
            new Object[] {"Post.objects.filter(author_id=Post.objects.get(pk=3).author_id, id__in=list(Post.objects"
                    + ".order_by(\"-view_count\", \"id\").values_list(\"id\", flat=True)[:40])).order_by(\"id\")"
                    + ".values(\"id\")"},
            new Object[] {"Post.objects.annotate(n=Value(Comment.objects.count(), output_field=IntegerField())).filter(view_count__lt=Post.objects"
                    + ".latest(\"published_at\").view_count).order_by(\"id\").values(\"id\", \"n\")[:5]"},
            new Object[] {CodegenCases.IN_AND_OPTIONAL, "authors", List.of(3L, 5L), "min_views", 300L, "q", null},
            new Object[] {"Author.objects.prefetch_related(Prefetch(\"posts\", queryset=Post.objects.filter("
                    + "view_count__gt=Param(\"views\")).order_by(\"id\"))).order_by(\"id\")[:5]", "views", 700L},
            new Object[] {CodegenCases.HAVING5, "min_posts", 20L, "max_posts", null, "min_views", null, "max_views",
                30000L, "name", "a"});

    @BeforeAll
    static void open() throws Exception {
        schema = ModelsPyImporter.importFile(Path.of("sample-db/blog/models.py"), null);
        conn = Connections.open("jdbc:sqlite:sample-db/blog.sqlite3", false);
    }

    @AfterAll
    static void close() throws Exception {
        conn.close();
    }

    @Test
    void generatedApiCodeReturnsWhatTheEngineReturns(@TempDir Path dir) throws Exception {
        runAll(conn, conn, Dialect.SQLITE, dir);
    }

    /**
     * On PostgreSQL with the JVM in New York (the driver gives the session that zone): the same rows as the
     * engine computes in UTC, and the session's zone as it was afterwards.
     */
    @Test
    void generatedApiCodeIgnoresTheJvmTimeZoneOnPostgresql(@TempDir Path dir) throws Exception {
        try (Connection admin = PostgresSupport.connectOrSkip()) {
            String pgSchema = PostgresSupport.createTempSchema(admin, "qss_api_tz");
            java.util.TimeZone jvmZone = java.util.TimeZone.getDefault();
            try (Connection engine = DriverManager.getConnection(PostgresSupport.url())) {
                SampleDatabases.loadIntoPostgres(engine, pgSchema); // search_path and UTC, as the studio's
                java.util.TimeZone.setDefault(java.util.TimeZone.getTimeZone("America/New_York"));
                try (Connection caller = DriverManager.getConnection(PostgresSupport.url());
                     Statement st = caller.createStatement()) {
                    st.execute("SET search_path TO " + PostgresSupport.quote(pgSchema));
                    runAll(caller, engine, Dialect.POSTGRESQL, dir);
                    try (ResultSet rs = st.executeQuery("SHOW TIME ZONE")) {
                        rs.next();
                        assertThat(rs.getString(1)).as("the caller's zone is put back").isEqualTo("America/New_York");
                    }
                }
            } finally {
                java.util.TimeZone.setDefault(jvmZone);
                PostgresSupport.dropSchema(admin, pgSchema);
            }
        }
    }

    /** Datetimes as the flavours take them: Params, IN lists of them, and the records' components. */
    static final List<Object[]> DATETIME_CASES = List.of(
            new Object[] {"Comment.objects.filter(created_at__gte=Param(\"since\")).order_by(\"id\")"
                    + ".values(\"id\", \"created_at\")[:20]", "since", java.time.LocalDateTime.of(2024, 6, 1, 12, 30)},
            new Object[] {"Post.objects.filter(published_at__in=Param(\"times\")).values_list(\"id\", "
                    + "\"published_at\")", "times", List.of(java.time.LocalDateTime.of(2024, 1, 1, 0, 0))},
            new Object[] {"Post.objects.aggregate(latest=Max(\"published_at\"), earliest=Min(\"updated_at\"))"});

    /** OffsetDateTime and Instant: the engine's instants, Params (and IN lists of them) bound as their UTC time. */
    @Test
    void offsetDateTimeAndInstantApiExportsReturnTheEnginesInstants(@TempDir Path dir) throws Exception {
        List<Object[]> withPublished = new ArrayList<>(DATETIME_CASES);
        String first = "Post.objects.filter(published_at__isnull=False).order_by(\"id\").values_list(\"published_at\", "
                + "flat=True)[:3]";
        withPublished.add(new Object[] {first});
        for (var d : List.of(ExportOptions.DateTimes.OFFSET, ExportOptions.DateTimes.INSTANT)) {
            runAll(conn, conn, Dialect.SQLITE, dir.resolve(d.id()), withPublished, d);
        }
    }

    private static Object argument(Object value, ExportOptions.DateTimes dateTimes) {
        if (value instanceof java.time.LocalDateTime t) {
            return switch (dateTimes) {
                case LOCAL -> t;
                case OFFSET -> t.atOffset(java.time.ZoneOffset.UTC);
                case INSTANT -> t.toInstant(java.time.ZoneOffset.UTC);
            };
        }
        if (value instanceof List<?> l) {
            return l.stream().map(x -> argument(x, dateTimes)).toList();
        }
        return value;
    }

    private static void runAll(Connection conn, Connection engineConn, Dialect dialect, Path dir) throws Exception {
        runAll(conn, engineConn, dialect, dir, CASES, ExportOptions.DateTimes.LOCAL);
    }

    private static void runAll(Connection conn, Connection engineConn, Dialect dialect, Path dir, List<Object[]> cases,
                               ExportOptions.DateTimes dateTimes) throws Exception {
        Map<String, String> sources = new LinkedHashMap<>();
        for (int i = 0; i < cases.size(); i++) {
            QuerySet qs = DjangoParser.parse((String) cases.get(i)[0], schema);
            String source = new JavaApiGenerator(schema, dialect, dateTimes).generate("gen.api", "Q" + i, "run", qs);
            assertThat(GeneratedCode.styleProblems("Q" + i, source)).as(source).isEmpty();
            assertThat(source).as("no run-time parsing").doesNotContain("DjangoParser", "models.py\")");
            sources.put("gen.api.Q" + i, source);
        }
        sources.put("gen.api.BlogSchema", new SchemaGenerator(schema).generate("gen.api", "BlogSchema"));
        ClassLoader loader = GeneratedCode.compile(sources, dir);
        for (int i = 0; i < cases.size(); i++) {
            Object[] c = cases.get(i);
            String text = (String) c[0];
            Map<String, Object> params = new LinkedHashMap<>();
            List<Object> args = new ArrayList<>(List.of(conn));
            for (int k = 1; k < c.length; k += 2) {
                params.put((String) c[k], c[k + 1]);
                args.add(argument(c[k + 1], dateTimes));
            }
            QuerySet qs = DjangoParser.parse(text, schema);
            // a terminal used as a value runs first, as the engine runs it
            QuerySet resolved = studio.queryset.run.EagerValues.resolve(qs, schema, inner -> new Executor(engineConn,
                    dialect, new QueryLog()).execute(SqlCompiler.plan(schema, inner, dialect), Executor.WriteMode.DENY));
            QueryPlan plan = SqlCompiler.planFor(schema, studio.queryset.query.ListParams.withValues(resolved, params),
                    dialect, params); // the engine on the same query with the list written in
            Object engine = new Executor(engineConn, dialect, new QueryLog()).withParams(params)
                    .execute(plan, Executor.WriteMode.DENY);
            boolean tuples = plan.select() != null && plan.select().shape() == RowShape.VALUES_LIST;
            Class<?> generated = loader.loadClass("gen.api.Q" + i);
            Method run = null;
            Method async = null;
            for (Method m : generated.getMethods()) {
                if (m.getName().equals("run")) {
                    run = m;
                } else if (m.getName().equals("runAsync")) {
                    async = m;
                }
            }
            JsonNode json = ResultJson.toJson(engine);
            JsonNode expected = plan.kind() == QueryPlan.Kind.RAW ? json : GeneratedCode.javaNames(json);
            assertThat(GeneratedCode.toJson(plain(run.invoke(null, args.toArray())), tuples)).as(text)
                    .isEqualTo(expected);
            Object future = async.invoke(null, args.toArray());
            assertThat(GeneratedCode.toJson(plain(((java.util.concurrent.CompletableFuture<?>) future).get()), tuples))
                    .as(text + " (async)").isEqualTo(expected);
        }
    }

    /** Rows and optionals as the engine's plain maps. */
    private static Object plain(Object o) {
        if (o instanceof Optional<?> opt) {
            return opt.map(GeneratedApiCodeTest::plain).orElse(null);
        }
        if (o instanceof Row r) {
            return r.asMap();
        }
        if (o instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(x -> out.add(plain(x)));
            return out;
        }
        return o;
    }
}
