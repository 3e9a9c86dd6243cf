package studio.queryset.bench;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import studio.queryset.codegen.JavaJdbcGenerator;
import studio.queryset.django.DjangoParser;
import studio.queryset.query.QuerySet;
import studio.queryset.schema.ModelsPyImporter;
import studio.queryset.schema.Schema;
import studio.queryset.sql.Dialect;
import studio.queryset.sql.SqlCompiler;

/**
 * The generated JDBC method against a hand-written JDBC loop running the same SQL and building the same
 * records, on the sample blog (SQLite, sample-db/blog.sqlite3): the Codegen issue's goal is at most 1.05× the
 * hand-written time. The generated class is generated and compiled (javax.tools) when the benchmark starts.
 *
 * <p>{@code generatedMethod} and {@code handWrittenLoop} are timed one after the other, so a machine whose load
 * changes meanwhile skews their ratio; {@code interleaved} runs the two alternately, in alternating order, and
 * reports the time each took in the same iterations ({@code generatedMicros}, {@code handWrittenMicros}): their
 * quotient is the ratio to read on a busy machine.
 * Run alone: {@code mvn -B -Pbench -DskipTests package exec:exec -Dbench.args="--jmh GeneratedJdbc"}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(1)
public class GeneratedJdbcBenchmark {
    /** 3,000 of the 5,000 posts, with their authors joined. */
    static final String QUERY = "Post.objects.select_related(\"author\").filter(view_count__gte=Param(\"min_views\"))"
            + ".order_by(\"id\")";
    static final long MIN_VIEWS = 50;

    private Connection connection;
    private MethodHandle generated;
    private String sql;
    private Path classes;

    @Setup
    public void setUp() throws Throwable {
        Schema schema = ModelsPyImporter.importFile(Path.of("sample-db", "blog", "models.py"), null);
        QuerySet qs = DjangoParser.parse(QUERY, schema);
        sql = SqlCompiler.compile(schema, qs, Dialect.SQLITE).sql();
        String source = new JavaJdbcGenerator(schema, Dialect.SQLITE).generate("bench", "BlogQueries",
                "findPopularPosts", qs);
        classes = Files.createTempDirectory("qss-bench");
        Path file = classes.resolve("bench/BlogQueries.java");
        Files.createDirectories(file.getParent());
        Files.writeString(file, source, StandardCharsets.UTF_8);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int exit = javac.run(null, null, null, "-d", classes.toString(), "-classpath",
                System.getProperty("java.class.path"), "-proc:none", file.toString());
        if (exit != 0) {
            throw new IllegalStateException("the generated class does not compile");
        }
        Class<?> c = new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader())
                .loadClass("bench.BlogQueries");
        Method m = c.getMethod("findPopularPosts", Connection.class, long.class);
        generated = MethodHandles.lookup().unreflect(m).asType(MethodType.methodType(List.class, Connection.class,
                long.class));
        connection = DriverManager.getConnection("jdbc:sqlite:" + Path.of("sample-db", "blog.sqlite3"));
        int a = ((List<?>) generated.invokeExact(connection, MIN_VIEWS)).size();
        int b = handWritten().size();
        if (a != b || a < 1000) {
            throw new IllegalStateException("generated " + a + " rows, hand-written " + b);
        }
    }

    @TearDown
    public void tearDown() throws Exception {
        connection.close();
        try (var files = Files.walk(classes)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Benchmark
    public List<?> generatedMethod() throws Throwable {
        return (List<?>) generated.invokeExact(connection, MIN_VIEWS);
    }

    @Benchmark
    public List<?> handWrittenLoop() throws SQLException {
        return handWritten();
    }

    /** Microseconds spent in each variant during an iteration of {@link #interleaved}. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Paired {
        public long generatedMicros;
        public long handWrittenMicros;
        boolean generatedFirst;

        @Setup(Level.Iteration)
        public void reset() {
            generatedMicros = 0;
            handWrittenMicros = 0;
        }
    }

    @Benchmark
    public int interleaved(Paired paired) throws Throwable {
        paired.generatedFirst = !paired.generatedFirst;
        int rows = 0;
        for (int i = 0; i < 2; i++) {
            boolean runGenerated = paired.generatedFirst == (i == 0);
            long start = System.nanoTime();
            rows += runGenerated ? ((List<?>) generated.invokeExact(connection, MIN_VIEWS)).size()
                    : handWritten().size();
            long micros = (System.nanoTime() - start) / 1000;
            if (runGenerated) {
                paired.generatedMicros += micros;
            } else {
                paired.handWrittenMicros += micros;
            }
        }
        return rows;
    }

    record Author(long id, String name, String email) {
    }

    record Post(long id, String title, String slug, String body, long authorId, LocalDateTime publishedAt,
                LocalDateTime updatedAt, long viewCount, Long wordCount, Author author) {
    }

    /** What one would write by hand for the same SQL: the same columns into the same kind of records. */
    private List<Post> handWritten() throws SQLException {
        List<Post> posts = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setLong(1, MIN_VIEWS);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String published = rs.getString(6);
                    long words = rs.getLong(9);
                    Long wordCount = rs.wasNull() ? null : words;
                    posts.add(new Post(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getLong(5), published == null ? null : LocalDateTime.parse(published.replace(' ', 'T')),
                            LocalDateTime.parse(rs.getString(7).replace(' ', 'T')), rs.getLong(8), wordCount,
                            new Author(rs.getLong(10), rs.getString(11), rs.getString(12))));
                }
            }
        }
        return posts;
    }
}
