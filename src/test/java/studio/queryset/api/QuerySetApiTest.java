package studio.queryset.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static studio.queryset.api.Exprs.count;
import static studio.queryset.api.Exprs.f;
import static studio.queryset.api.Exprs.outerRef;
import static studio.queryset.api.Exprs.prefetch;
import static studio.queryset.api.Exprs.q;
import static studio.queryset.api.Exprs.subquery;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import studio.queryset.django.DjangoParser;
import studio.queryset.query.QueryException;
import studio.queryset.run.Connections;
import studio.queryset.run.QueryLog;
import studio.queryset.schema.ModelsPyImporter;
import studio.queryset.schema.Schema;

/** The public Java QuerySet API on the sample blog (SQLite): building, evaluating, streaming, writing. */
class QuerySetApiTest {
    static Schema schema;
    static Connection conn;

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
    void builtInJavaEqualsTheParsedDjangoText() {
        QuerySet built = QuerySet.of(schema, "Post")
                .filter(q("title__icontains", "django").or(q("body__icontains", "django")))
                .orderBy("-published_at");
        assertThat(built.query()).isEqualTo(DjangoParser.parse(
                "Post.objects.filter(Q(title__icontains=\"django\") | Q(body__icontains=\"django\"))"
                        + ".order_by(\"-published_at\")", schema));
        assertThat(built.toString()).startsWith("Post.objects.filter(");
    }

    @Test
    void isLazyAndImmutable() {
        QueryLog log = new QueryLog();
        QuerySet all = QuerySet.of(schema, "Post").withLog(log);
        QuerySet some = all.filter("view_count__gt", 100);
        assertThat(log.entries()).isEmpty();
        assertThat(some).isNotEqualTo(all);
        long n = some.count(conn);
        long again = some.count(conn);
        assertThat(n).isEqualTo(again).isPositive();
        assertThat(log.entries()).hasSize(2); // evaluated twice, ran twice: lazy re-evaluation
    }

    @Test
    void selectRelatedAndPrefetchAttachRelatedRows() {
        QueryLog log = new QueryLog();
        List<Row> posts = QuerySet.of(schema, "Post").withLog(log).selectRelated("author")
                .prefetchRelated("tags").orderBy("id").slice(0, 10).list(conn);
        assertThat(posts).hasSize(10);
        assertThat(posts.get(0).getRow("author").getString("name")).isNotBlank();
        assertThat(posts.stream().mapToInt(p -> p.getRows("tags").size()).sum()).isPositive();
        assertThat(log.entries()).hasSize(2);
    }

    @Test
    void annotateSubqueryAndPrefetchWithQueryset() {
        QuerySet latest = QuerySet.of(schema, "Post").filter("author", outerRef("pk"))
                .orderBy("-published_at").values("title").slice(null, 1);
        List<Row> authors = QuerySet.of(schema, "Author")
                .annotate("post_count", count("posts"), "latest_post_title", subquery(latest))
                .prefetchRelated(prefetch("posts", QuerySet.of(schema, "Post").filter("published_at__isnull", false),
                        "published"))
                .orderBy("-post_count").slice(0, 3).list(conn);
        Row top = authors.get(0);
        assertThat(top.getLong("post_count")).isGreaterThan(100);
        assertThat(top.getString("latest_post_title")).isNotBlank();
        assertThat(top.getRows("published")).isNotEmpty().hasSizeLessThanOrEqualTo(top.getLong("post_count").intValue());
    }

    @Test
    void terminalsAndErrors() {
        QuerySet posts = QuerySet.of(schema, "Post");
        assertThat(posts.exists(conn)).isTrue();
        assertThat(posts.filter("slug", "no-such-post").first(conn)).isEmpty();
        assertThat(posts.get(conn, q("pk", 1)).getLong("id")).isEqualTo(1L);
        assertThatThrownBy(() -> posts.get(conn, q("pk", -1)))
                .isInstanceOf(QueryException.class).hasMessageContaining("does not exist");
        assertThatThrownBy(() -> posts.filter("titel", "x").list(conn))
                .isInstanceOf(QueryException.class).hasMessageContaining("Choices are");
        Map<String, Object> agg = posts.aggregate(conn, "avg", Exprs.avg("word_count"), "n", count("id"));
        assertThat(((Number) agg.get("n")).longValue()).isEqualTo(5000L);
        assertThat(posts.valuesListFlat("id").orderBy("id").slice(0, 3).tuples(conn)).containsExactly(1L, 2L, 3L);
    }

    @Test
    void asyncTwinsComplete() throws Exception {
        QuerySet posts = QuerySet.of(schema, "Post");
        assertThat(posts.countAsync(conn).get()).isEqualTo(5000L);
        assertThat(posts.filter("pk", 3).firstAsync(conn).get()).isPresent();
    }

    @Test
    void iteratorStreamsInChunksWithPrefetchPerChunk() {
        QueryLog log = new QueryLog();
        try (Stream<Row> rows = QuerySet.of(schema, "Post").withLog(log).prefetchRelated("tags").orderBy("id")
                .iterator(conn, 1000)) {
            assertThat(rows.count()).isEqualTo(5000L);
        }
        // one streamed main query plus one tags query per chunk of 1000
        assertThat(log.entries()).hasSize(6);
        assertThat(log.entries().stream().filter(e -> e.cause().equals("iterator")).findFirst().orElseThrow().rows())
                .isEqualTo(5000L);
    }

    @Test
    void createAndBulkCreateReturnObjectsWithKeysAndDefaults() throws Exception {
        Path copy = Files.createTempFile("qss-create", ".sqlite3");
        Files.copy(Path.of("sample-db/blog.sqlite3"), copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        try (Connection rw = Connections.open("jdbc:sqlite:" + copy, true)) {
            studio.queryset.run.Engine engine = new studio.queryset.run.Engine(schema, rw,
                    studio.queryset.sql.Dialect.SQLITE);
            String text = "Post.objects.create(title=\"Hello\", slug=\"hello-new\", body=\"one two three\", "
                    + "author=1, updated_at=datetime(2025, 1, 1, 12, 0, 0))";
            var created = engine.evaluate(text, DjangoParser.parse(text, schema), true);
            assertThat(created.failed()).as(String.valueOf(created.errorMessage())).isFalse();
            @SuppressWarnings("unchecked")
            Map<String, Object> post = (Map<String, Object>) created.result();
            assertThat(post.get("id")).isEqualTo(5001L);
            assertThat(post.get("view_count")).isEqualTo(0L); // default=0
            assertThat(post.get("word_count")).isEqualTo(3L); // computed by the database
            String bulk = "Tag.objects.bulk_create([Tag(name=\"zig\"), Tag(name=\"odin\")])";
            var tags = engine.evaluate(bulk, DjangoParser.parse(bulk, schema), true);
            assertThat((List<?>) tags.result()).hasSize(2);
            String dup = "Tag.objects.create(name=\"zig\")";
            var error = engine.evaluate(dup, DjangoParser.parse(dup, schema), true);
            assertThat(error.errorKind()).isEqualTo("IntegrityError");
            var refused = new studio.queryset.run.Engine(schema, conn, studio.queryset.sql.Dialect.SQLITE)
                    .evaluate(dup, DjangoParser.parse(dup, schema), false);
            assertThat(refused.errorKind()).isEqualTo("WritesDisabled");
        } finally {
            Files.deleteIfExists(copy);
        }
    }

    @Test
    void writesChangeDataOnlyOnAWritableConnection() throws Exception {
        QuerySet post = QuerySet.of(schema, "Post").filter("pk", 1);
        assertThatThrownBy(() -> post.update(conn, "view_count", Exprs.add(f("view_count"), 1)))
                .isInstanceOf(QueryException.class);
        Path copy = Files.createTempFile("qss-api", ".sqlite3");
        Files.copy(Path.of("sample-db/blog.sqlite3"), copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        try (Connection rw = Connections.open("jdbc:sqlite:" + copy, true)) {
            long before = post.get(rw).getLong("view_count");
            assertThat(post.update(rw, "view_count", Exprs.add(f("view_count"), 1))).isEqualTo(1L);
            assertThat(post.get(rw).getLong("view_count")).isEqualTo(before + 1);
            long comments = QuerySet.of(schema, "Comment").filter("post", 1).count(rw);
            long tags = QuerySet.of(schema, "Post").filter("pk", 1).valuesList("tags").tuples(rw).size();
            assertThat(post.delete(rw)).isEqualTo(1 + comments + tags); // cascades counted as Django counts
        } finally {
            Files.deleteIfExists(copy);
        }
    }
}
