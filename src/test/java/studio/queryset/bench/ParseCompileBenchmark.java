package studio.queryset.bench;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import studio.queryset.django.DjangoParser;
import studio.queryset.schema.ModelsPyImporter;
import studio.queryset.schema.Schema;
import studio.queryset.sql.CompiledQuery;
import studio.queryset.sql.Dialect;
import studio.queryset.sql.SqlCompiler;

/**
 * Parse + compile latency of typical queries on the sample blog schema (the Engine issue's goal: at most
 * 50 µs warm for a query with 5 joins and 10 conditions). Run alone: {@code mvn -B -Pbench -DskipTests package exec:exec -Dbench.args="--jmh ParseCompile"}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ParseCompileBenchmark {
    /** Five joins (post, author, profile, post_tags, tag) and ten conditions. */
    static final String FIVE_JOINS_TEN_CONDITIONS = "Comment.objects.filter(post__author__profile__bio__icontains="
            + "\"python\", post__tags__name__in=[\"django\", \"sql\"], post__author__name__startswith=\"A\", "
            + "post__published_at__year__gte=2024, post__view_count__gt=F(\"post__author__id\") * 2, "
            + "created_at__gte=datetime(2024, 1, 1)).filter(Q(author_name__iexact=\"bob\") | "
            + "~Q(body__contains=\"spam\"), post__title__isnull=False, post__slug__endswith=\"-1\", "
            + "post__author__email__icontains=\"@example\").order_by(\"-created_at\")[:50]";

    static final String TUTORIAL_SUBQUERY = "Author.objects.annotate(latest_post_title=Subquery(Post.objects.filter("
            + "author=OuterRef(\"pk\")).order_by(\"-published_at\").values(\"title\")[:1]), post_count=Count("
            + "\"posts\"), published_count=Count(\"posts\", filter=Q(posts__published_at__isnull=False)))";

    static final String SIMPLE = "Post.objects.filter(Q(published_at__isnull=False) | Q(author__name=\"alice\"))";

    @Param({"FIVE_JOINS_TEN_CONDITIONS", "TUTORIAL_SUBQUERY", "SIMPLE"})
    public String query;

    @Param({"SQLITE", "POSTGRESQL"})
    public Dialect dialect;

    private Schema schema;
    private String text;

    @Setup
    public void setUp() throws Exception {
        schema = ModelsPyImporter.importFile(Path.of("sample-db", "blog", "models.py"), null);
        text = switch (query) {
            case "FIVE_JOINS_TEN_CONDITIONS" -> FIVE_JOINS_TEN_CONDITIONS;
            case "TUTORIAL_SUBQUERY" -> TUTORIAL_SUBQUERY;
            default -> SIMPLE;
        };
    }

    @Benchmark
    public CompiledQuery parseAndCompile() {
        return SqlCompiler.compile(schema, DjangoParser.parse(text, schema), dialect);
    }
}
