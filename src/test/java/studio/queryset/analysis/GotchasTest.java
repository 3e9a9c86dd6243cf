package studio.queryset.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import studio.queryset.django.DjangoParser;
import studio.queryset.analysis.Gotcha.Code;
import studio.queryset.run.SampleBlog;
import studio.queryset.schema.Schema;

/** Each gotcha on a minimal query that has it, and not on the nearest clean query. No database. */
class GotchasTest {
    private static Schema schema;

    @BeforeAll
    static void setUp() throws Exception {
        schema = SampleBlog.schema();
    }

    private static List<Gotcha> analyze(String text) {
        return Gotchas.analyze(schema, DjangoParser.parse(text, schema));
    }

    private static List<Code> codes(String text) {
        return analyze(text).stream().map(Gotcha::code).toList();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
        JOIN_MULTIPLICATION    | Post.objects.annotate(Count("tags"), Count("comments"))                         | 0
        JOIN_MULTIPLICATION    | Post.objects.annotate(n=Count("tags")).annotate(c=Sum("comments__id"))          | 1
        JOIN_MULTIPLICATION    | Author.objects.aggregate(Count("posts__tags"), Count("profile"), Count("posts__comments")) | 0
        RANDOM_ORDER           | Post.objects.order_by("?")[:5]                                                  | 0
        UPDATE_SKIPS_SAVE      | Post.objects.filter(pk=1).update(view_count=F("view_count") + 1)                | 1
        DISTINCT_RELATED_ORDER | Post.objects.filter(tags__name="x").order_by("author__name").distinct()         | 2
        DISTINCT_RELATED_ORDER | Post.objects.order_by("author").distinct()                                      | 1
        VALUES_JOIN            | Post.objects.values("title", "author__name")                                    | 0
        VALUES_JOIN            | Author.objects.values_list("posts", flat=True)                                  | 0
        VALUES_JOIN            | Post.objects.values(who=F("author__email"))                                     | 0
        UNUSED_RELATED         | Post.objects.select_related("author").values("title")                           | 0
        UNUSED_RELATED         | Post.objects.prefetch_related("tags").values_list("id")                         | 0
        UNUSED_RELATED         | Post.objects.select_related("author").count()                                   | 0
        UNUSED_RELATED         | Post.objects.prefetch_related("tags").exists()                                  | 0
        UNUSED_RELATED         | Post.objects.select_related("author").aggregate(Max("view_count"))              | 0
        DEFERRED_FIELDS        | Post.objects.only("title")                                                      | 0
        DEFERRED_FIELDS        | Post.objects.filter(view_count__gt=1).defer("body")                             | 1
        EXCLUDE_MULTI_VALUED   | Post.objects.exclude(tags__name="django")                                       | 0
        EXCLUDE_MULTI_VALUED   | Author.objects.filter(~Q(posts__title__startswith="A"))                         | 0
        ITERATOR_PREFETCH      | Post.objects.prefetch_related("tags").iterator()                                | 1
        REPEATED_ROWS          | Author.objects.filter(posts__title__icontains="orm")                            | 0
        REPEATED_ROWS          | Author.objects.order_by("name").filter(Q(posts__view_count__gt=5), name="x").count() | 1
        REPEATED_ROWS          | Tag.objects.filter(posts__author__name="Ann")                                   | 0
        REPEATED_ROWS          | Post.objects.filter(tags__name__startswith="d")                                 | 0
        """)
    void detected(String code, String text, int step) {
        List<Gotcha> found = analyze(text);
        assertThat(found).extracting(Gotcha::code).containsExactly(Code.valueOf(code));
        Gotcha g = found.get(0);
        assertThat(g.step()).isEqualTo(step);
        assertThat(g.title()).isNotBlank();
        for (String sentence : List.of(g.why(), g.fix())) {
            // one sentence each (it may start with a method name): one full stop, at the very end
            assertThat(sentence).matches("[A-Za-z].*\\.").doesNotContain(". ").hasSizeLessThan(260);
        }
    }

    @ParameterizedTest(name = "clean: {0}")
    @CsvSource(delimiter = '|', textBlock = """
        Post.objects.annotate(Count("tags", distinct=True), Count("comments", distinct=True))
        Post.objects.annotate(Count("tags"), Max("tags__name"))
        Post.objects.annotate(Count("comments")).annotate(Max("view_count"))
        Post.objects.annotate(n=Subquery(Comment.objects.filter(post=OuterRef("pk")).values("post").annotate(c=Count("id")).values("c")), t=Count("tags"))
        Post.objects.order_by("-published_at")[:5]
        Post.objects.filter(pk=1)
        Post.objects.filter(tags__name="x").order_by("title").distinct()
        Post.objects.order_by("author__name")
        Post.objects.order_by("author_id").distinct()
        Post.objects.values("title", "author", "author_id", "author__id")
        Post.objects.select_related("author")
        Post.objects.prefetch_related("tags")[:10]
        Post.objects.select_related("author").get(pk=1)
        Post.objects.values("title").count()
        Post.objects.exclude(title__startswith="A")
        Post.objects.exclude(author__name="x")
        Post.objects.filter(tags__name="django")
        Post.objects.filter(~Q(author__name="x"))
        Post.objects.prefetch_related("tags").iterator(chunk_size=500)
        Post.objects.iterator()
        Author.objects.filter(posts__title__icontains="orm").distinct()
        Author.objects.filter(posts__title__icontains="orm").exists()
        Author.objects.filter(posts__view_count__gt=5).annotate(n=Count("posts"))
        Author.objects.filter(posts__isnull=True)
        Author.objects.filter(posts=None)
        Post.objects.filter(tags=3)
        Post.objects.filter(tags__pk=3)
        """)
    void clean(String text) {
        assertThat(analyze(text)).isEmpty();
    }

    @Test
    void textsNameTheQuerysParts() {
        Gotcha multiply = analyze("Post.objects.annotate(Count(\"tags\"), Count(\"comments\"))").get(0);
        assertThat(multiply.title()).isEqualTo("Aggregates over tags and comments multiply each other");
        assertThat(multiply.fix()).contains("distinct=True", "Subquery");

        Gotcha values = analyze("Post.objects.values(\"author__name\")").get(0);
        assertThat(values.why()).contains("author__name", "blog_author");
        assertThat(values.fix()).contains("author_id");

        Gotcha update = analyze("Post.objects.update(view_count=0)").get(0);
        assertThat(update.why()).contains("save()", "signals", "auto_now");

        Gotcha random = analyze("Post.objects.order_by(\"?\")").get(0);
        assertThat(random.fix()).contains("offsets");
    }

    @Test
    void severalGotchasComeInStepOrder() {
        assertThat(codes("Post.objects.select_related(\"author\").only(\"title\").order_by(\"?\")"
                + ".values(\"author__name\")"))
                .containsExactly(Code.UNUSED_RELATED, Code.DEFERRED_FIELDS, Code.RANDOM_ORDER, Code.VALUES_JOIN);
    }

    @Test
    void unknownNamesAreNotAnError() {
        // an annotation is no relation; an unknown model yields nothing rather than an exception
        assertThat(codes("Post.objects.annotate(n=Count(\"tags\")).values(\"n\", \"title\")")).isEmpty();
        assertThat(Gotchas.analyze(schema, studio.queryset.query.QuerySet.of("Nope"))).isEmpty();
    }

    @Test
    void aTerminalUsedAsAValueIsEagerNotLazy() {
        List<Gotcha> found = analyze("Post.objects.filter(view_count__gt=Post.objects.aggregate(a=Avg(\"view_count\"))"
                + "[\"a\"], author=Author.objects.first()).order_by(\"id\")");
        Gotcha g = found.stream().filter(x -> x.code() == Code.EVALUATED_TERMINAL).findFirst().orElseThrow();
        assertThat(g.title()).isEqualTo("aggregate(), first() inside filter() runs at once");
        assertThat(g.why()).contains("while the QuerySet is built");
        assertThat(g.step()).isZero();
        assertThat(analyze("Post.objects.filter(id__in=Post.objects.values(\"id\")[:3])").stream()
                .map(Gotcha::code)).doesNotContain(Code.EVALUATED_TERMINAL); // a lazy subquery
    }
}
