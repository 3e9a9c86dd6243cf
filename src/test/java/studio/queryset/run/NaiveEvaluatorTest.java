package studio.queryset.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import studio.queryset.django.DjangoParser;
import studio.queryset.query.QuerySet;
import studio.queryset.schema.Schema;
import studio.queryset.sql.Dialect;

/**
 * The N+1 lesson on the sample blog, on SQLite and PostgreSQL: statement counts exactly as Django issues them,
 * and the naive evaluation returns the same objects as the select_related / prefetch_related one.
 */
class NaiveEvaluatorTest {
    @TempDir
    static Path dir;
    private static String sqliteUrl;
    private static Schema schema;

    @BeforeAll
    static void setUp() throws Exception {
        schema = SampleBlog.schema();
        sqliteUrl = SampleBlog.sqliteCopy(dir);
    }

    private static Connection open(String db) throws Exception {
        return Connections.open(db.equals("sqlite") ? sqliteUrl : SampleBlog.postgresUrl(), false);
    }

    private static NPlusOneComparison compare(Connection c, String text) {
        QuerySet qs = DjangoParser.parse(text, schema);
        NaiveEvaluator evaluator = new NaiveEvaluator(schema, c, dialect(c));
        evaluator.compare(qs); // warm-up: JIT, driver and page caches, so the measured run compares queries
        NPlusOneComparison cmp = evaluator.compare(qs);
        System.out.printf(Locale.ROOT, "[n+1] %-10s %-50s %s; wall %.1f ms vs %.1f ms%n", dialect(c).displayName(),
                text, cmp.summary(), cmp.naive().wallMs(), cmp.optimized().wallMs());
        return cmp;
    }

    private static Dialect dialect(Connection c) {
        try {
            return Dialect.fromJdbcUrl(c.getMetaData().getURL());
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void postAuthorIsOnePlusFiftyNaivelyAndOneWithSelectRelated(String db) throws Exception {
        try (Connection c = open(db)) {
            NPlusOneComparison cmp = compare(c, "Post.objects.select_related(\"author\")[:50]");

            assertThat(cmp.naiveStatements()).isEqualTo(51);
            assertThat(cmp.optimizedStatements()).isEqualTo(1);
            assertThat(cmp.extraStatements()).isEqualTo(50);
            assertThat(causes(cmp.optimized())).containsExactly("main");

            List<LoggedStatement> naive = cmp.naive().log();
            assertThat(naive.get(0).cause()).isEqualTo("main");
            assertThat(naive.get(0).sql()).doesNotContain("JOIN").contains("LIMIT 50");
            assertThat(naive.get(0).rows()).isEqualTo(50);
            List<Object> authorIds = new ArrayList<>();
            for (Object o : (List<?>) cmp.naive().result()) {
                authorIds.add(((Map<?, ?>) o).get("author_id"));
            }
            List<Object> lazyKeys = new ArrayList<>();
            for (LoggedStatement s : naive.subList(1, naive.size())) {
                assertThat(s.cause()).isEqualTo("lazy load of post.author");
                assertThat(s.sql()).isEqualTo("SELECT \"blog_author\".\"id\", \"blog_author\".\"name\", "
                        + "\"blog_author\".\"email\" FROM \"blog_author\" WHERE \"blog_author\".\"id\" = ? LIMIT 21");
                assertThat(s.rows()).isEqualTo(1);
                lazyKeys.add(((Number) s.params().get(0)).longValue());
            }
            // one query per post in row order, even though the 50 posts have only a few distinct authors: Django
            // caches the related object on each instance, it has no identity map across instances
            assertThat(lazyKeys).isEqualTo(authorIds);
            assertThat(new LinkedHashSet<>(lazyKeys).size()).isLessThan(50);

            assertThat(cmp.naive().result()).isEqualTo(cmp.optimized().result());
            assertThat(((Map<?, ?>) ((List<?>) cmp.naive().result()).get(0)).get("author")).isInstanceOf(Map.class);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void postTagsIsOnePlusFiftyNaivelyAndTwoWithPrefetchRelated(String db) throws Exception {
        try (Connection c = open(db)) {
            NPlusOneComparison cmp = compare(c, "Post.objects.prefetch_related(\"tags\")[:50]");

            assertThat(cmp.naiveStatements()).isEqualTo(51);
            assertThat(cmp.optimizedStatements()).isEqualTo(2);
            assertThat(causes(cmp.optimized())).containsExactly("main", "prefetch tags");

            List<LoggedStatement> naive = cmp.naive().log();
            assertThat(naive.get(0).cause()).isEqualTo("main");
            long withoutTags = 0;
            for (LoggedStatement s : naive.subList(1, naive.size())) {
                assertThat(s.cause()).isEqualTo("post.tags.all()");
                // through the M2M table, the join to blog_post trimmed as Django trims it
                assertThat(s.sql()).contains("FROM \"blog_tag\" INNER JOIN \"blog_post_tags\"")
                        .endsWith("WHERE \"blog_post_tags\".\"post_id\" = ?").doesNotContain("LIMIT");
                withoutTags += s.rows() == 0 ? 1 : 0;
            }
            assertThat(withoutTags).as("posts without tags still cost their query").isPositive();

            // Tag has no Meta.ordering: each post's tags come in whatever order the database reads them, in
            // Django too, so the lists are compared as sets of objects (sorted by id)
            assertThat(canonical(cmp.naive().result(), Set.of("tags")))
                    .isEqualTo(canonical(cmp.optimized().result(), Set.of("tags")));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void nestedPathsCostOneQueryPerAccessAtEveryLevel(String db) throws Exception {
        try (Connection c = open(db)) {
            NPlusOneComparison cmp = compare(c, "Post.objects.select_related(\"author__profile\")"
                    + ".prefetch_related(\"comments\", Prefetch(\"tags\", queryset=Tag.objects.order_by(\"name\"), "
                    + "to_attr=\"sorted_tags\")).order_by(\"id\")[:10]");

            // per post: post.author, post.author.profile (cached author: no second author query), its comments,
            // its tags through the Prefetch queryset
            assertThat(cmp.naiveStatements()).isEqualTo(1 + 10 * 4);
            assertThat(cmp.optimizedStatements()).isEqualTo(3);
            Map<String, Long> byCause = new LinkedHashMap<>();
            for (LoggedStatement s : cmp.naive().log()) {
                byCause.merge(s.cause(), 1L, Long::sum);
            }
            assertThat(byCause).containsExactly(Map.entry("main", 1L), Map.entry("lazy load of post.author", 10L),
                    Map.entry("lazy load of post.author.profile", 10L), Map.entry("post.comments.all()", 10L),
                    Map.entry("post.tags.order_by(…)", 10L));
            for (LoggedStatement s : cmp.naive().log()) {
                if (s.cause().equals("post.comments.all()")) {
                    assertThat(s.sql()).endsWith("ORDER BY \"blog_comment\".\"created_at\" ASC"); // Meta.ordering
                }
            }
            // every list here is ordered (Comment.Meta.ordering, the Prefetch's order_by): compared exactly
            assertThat(cmp.naive().result()).isEqualTo(cmp.optimized().result());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void reverseOneToOneAndDeferredForeignKeys(String db) throws Exception {
        try (Connection c = open(db)) {
            // a missing profile is one query that finds nothing, then null, as select_related's LEFT JOIN gives
            NPlusOneComparison profiles = compare(c, "Author.objects.select_related(\"profile\")[:40]");
            assertThat(profiles.naiveStatements()).isEqualTo(41);
            assertThat(profiles.naive().log().stream().filter(s -> s.rows() == 0).count()).isPositive();
            assertThat(profiles.naive().result()).isEqualTo(profiles.optimized().result());

            // only() without the FK: reading post.author first loads post.author_id by itself
            NPlusOneComparison deferred = compare(c, "Post.objects.only(\"title\").prefetch_related(\"author\")"
                    + ".order_by(\"id\")[:5]");
            assertThat(causes(deferred.naive())).containsExactly("main",
                    "lazy load of deferred post.author_id", "lazy load of post.author",
                    "lazy load of deferred post.author_id", "lazy load of post.author",
                    "lazy load of deferred post.author_id", "lazy load of post.author",
                    "lazy load of deferred post.author_id", "lazy load of post.author",
                    "lazy load of deferred post.author_id", "lazy load of post.author");
            assertThat(deferred.naive().result()).isEqualTo(deferred.optimized().result());

            // nothing related to load: both ways are the one query
            NPlusOneComparison plain = compare(c, "Post.objects.values(\"title\")[:5]");
            assertThat(plain.naiveStatements()).isEqualTo(1);
            assertThat(plain.optimizedStatements()).isEqualTo(1);
        }
    }

    private static List<String> causes(NPlusOneComparison.Run run) {
        return run.log().stream().map(LoggedStatement::cause).toList();
    }

    /** The result with the lists under {@code unordered} keys sorted by id, recursively. */
    private static Object canonical(Object o, Set<String> unordered) {
        if (o instanceof Map<?, ?> m) {
            Map<Object, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> {
                Object c = canonical(v, unordered);
                if (unordered.contains(String.valueOf(k)) && c instanceof List<?> l) {
                    List<Object> sorted = new ArrayList<>(l);
                    sorted.sort(Comparator.comparingLong(x -> ((Number) ((Map<?, ?>) x).get("id")).longValue()));
                    c = sorted;
                }
                out.put(k, c);
            });
            return out;
        }
        if (o instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(x -> out.add(canonical(x, unordered)));
            return out;
        }
        return o;
    }
}
