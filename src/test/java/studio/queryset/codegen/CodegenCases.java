package studio.queryset.codegen;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The queries the generated code is proven on, spanning the engine's features, on the sample blog. Reads
 * first; the writes come last (they change the data the later ones would see). A case with Params lists the
 * values to pass; an optional Param given as null is left out.
 */
final class CodegenCases {
    /** One query to generate, and the Param values to run it with. */
    record Case(String name, String expr, Map<String, Object> params) {
        boolean write() {
            return expr.endsWith(".delete()") || expr.contains(".update(");
        }

        @Override
        public String toString() {
            return name + ": " + expr + (params.isEmpty() ? "" : " with " + params);
        }
    }

    /** The tutorial's search_posts(query, author=None). */
    static final String SEARCH = "Post.objects.filter(title__icontains=Param(\"query\"), author=Param(\"author\", "
            + "optional=True)).order_by(\"id\")";
    static final String SEARCH2 = "Post.objects.filter(Q(title__icontains=Param(\"q\")) | Q(body__icontains="
            + "Param(\"q\")), view_count__gte=Param(\"min_views\", optional=True), published_at__year=Param(\"year\", "
            + "optional=True)).order_by(\"id\")[:50]";

    /** More optional Params than constants stay readable for: the statement is composed when it runs. */
    static final String SEARCH5 = "Post.objects.filter(title__icontains=Param(\"a\", optional=True), slug__icontains="
            + "Param(\"b\", optional=True), body__icontains=Param(\"c\", optional=True), view_count__gte=Param(\"d\", "
            + "optional=True), word_count__lte=Param(\"e\", optional=True), published_at__isnull=False).order_by(\"id\")"
            + "[:30]";

    /** An IN-list Param beside optional Params: the constants of each combination, the list widened in each. */
    static final String IN_AND_OPTIONAL = "Post.objects.filter(author__in=Param(\"authors\"), view_count__gte=Param("
            + "\"min_views\", optional=True), title__icontains=Param(\"q\", optional=True)).order_by(\"id\")[:20]";

    /** Optional Params in HAVING (conditions on aggregates) and WHERE, more than three: composed. */
    static final String HAVING5 = "Author.objects.annotate(n=Count(\"posts\"), views=Sum(\"posts__view_count\"))"
            + ".filter(n__gte=Param(\"min_posts\", optional=True), n__lte=Param(\"max_posts\", optional=True), "
            + "views__gte=Param(\"min_views\", optional=True), views__lte=Param(\"max_views\", optional=True), "
            + "name__icontains=Param(\"name\", optional=True)).order_by(\"id\")";

    /**
     * Four optional Params as alternatives of an OR, one more beside it and a fixed condition: composed, the OR
     * from what is given.
     */
    static final String OR5 = "Post.objects.filter(Q(title__icontains=Param(\"a\", optional=True)) | Q(slug__icontains="
            + "Param(\"b\", optional=True)) | Q(body__icontains=Param(\"c\", optional=True)) | Q(view_count__gt="
            + "Param(\"d\", optional=True)), word_count__lt=Param(\"w\", optional=True), published_at__isnull=False)"
            + ".order_by(\"id\")[:30]";

    /** Twelve optional Params: composed from fragments, proven on a sample of the 4096 combinations. */
    static final String SEARCH12 = "Post.objects.filter(title__icontains=Param(\"title\", optional=True), "
            + "slug__icontains=Param(\"slug\", optional=True), body__icontains=Param(\"body\", optional=True), "
            + "view_count__gte=Param(\"min_views\", optional=True), view_count__lte=Param(\"max_views\", "
            + "optional=True), word_count__gte=Param(\"min_words\", optional=True), word_count__lte=Param("
            + "\"max_words\", optional=True), author=Param(\"author\", optional=True), published_at__gte=Param("
            + "\"since\", optional=True), published_at__lt=Param(\"before\", optional=True), id__gte=Param(\"from_id\", "
            + "optional=True), id__lte=Param(\"to_id\", optional=True)).order_by(\"id\")[:25]";

    static final List<Case> ALL = List.of(
            // lookups
            q("icontains", "Post.objects.filter(title__icontains=\"django\").order_by(\"id\")"),
            q("gte and year transform", "Post.objects.filter(view_count__gte=500, published_at__year=2024)"
                    + ".order_by(\"-view_count\", \"id\")[:20]"),
            q("isnull", "Post.objects.filter(published_at__isnull=True).order_by(\"id\")[:10]"),
            q("startswith, Meta.ordering", "Author.objects.filter(name__startswith=\"A\")"),
            q("endswith and range", "Post.objects.filter(slug__endswith=\"-1\", view_count__range=(10, 500))"
                    + ".order_by(\"id\")"),
            q("in", "Post.objects.filter(id__in=[1, 2, 3, 50])"),
            q("date transform", "Comment.objects.filter(created_at__date=date(2024, 3, 5)).order_by(\"id\")"),
            q("isnull across a reverse one-to-one", "Comment.objects.filter(post__author__profile__website__isnull="
                    + "False).order_by(\"id\")[:5]"),
            q("regex", "Post.objects.filter(title__regex=r\"^How to\").order_by(\"id\")[:5]"),
            // Q trees and F
            q("Q or, negated Q", "Post.objects.filter(Q(title__icontains=\"python\") | Q(body__icontains=\"python\"), "
                    + "~Q(author__name__startswith=\"B\")).order_by(\"id\")[:30]"),
            q("exclude across m2m", "Post.objects.exclude(tags__name=\"python\").filter(view_count__gt=900)"
                    + ".order_by(\"id\")"),
            q("F arithmetic", "Post.objects.filter(word_count__gt=F(\"view_count\") * 2).order_by(\"id\")[:20]"),
            // annotate and aggregate
            q("annotate Count, filter on it", "Author.objects.annotate(n=Count(\"posts\")).filter(n__gt=25)"
                    + ".order_by(\"-n\", \"name\")"),
            q("aggregate with filter= in annotate", "Author.objects.annotate(published=Count(\"posts\", filter=Q("
                    + "posts__published_at__isnull=False)), views=Sum(\"posts__view_count\")).order_by(\"id\")[:15]"),
            q("aggregate", "Post.objects.aggregate(total=Sum(\"view_count\"), avg=Avg(\"word_count\"), "
                    + "n=Count(\"id\"), latest=Max(\"published_at\"), earliest=Min(\"updated_at\"))"),
            q("aggregate with filter= and distinct", "Comment.objects.aggregate(n=Count(\"id\", filter=Q("
                    + "author_name__startswith=\"A\")), posts=Count(\"post\", distinct=True))"),
            q("Case/When", "Post.objects.annotate(bucket=Case(When(view_count__gte=500, then=Value(\"high\")), "
                    + "default=Value(\"low\"))).values(\"id\", \"bucket\").order_by(\"id\")[:10]"),
            q("functions", "Author.objects.annotate(lower=Lower(\"name\"), len=Length(\"email\"))"
                    + ".values(\"lower\", \"len\").order_by(\"id\")[:5]"),
            q("TruncMonth and grouping", "Post.objects.annotate(month=TruncMonth(\"published_at\")).values(\"month\")"
                    + ".annotate(n=Count(\"id\")).order_by(\"month\")"),
            q("ExpressionWrapper", "Post.objects.annotate(ratio=ExpressionWrapper(F(\"view_count\") * 1.0 / "
                    + "F(\"word_count\"), output_field=FloatField())).values(\"id\", \"ratio\").order_by(\"id\")[:5]"),
            q("datetime difference (exact on SQLite, as Django's django_timestamp_diff)", "Post.objects.annotate("
                    + "age=ExpressionWrapper(F(\"updated_at\") - F(\"published_at\"), output_field=DurationField()))"
                    + ".filter(published_at__isnull=False).values(\"id\", \"age\").order_by(\"id\")[:20]"),
            q("boolean annotation", "Post.objects.annotate(popular=Q(view_count__gt=500)).values(\"id\", \"popular\")"
                    + ".order_by(\"id\")[:5]"),
            // subqueries
            q("Subquery with OuterRef", "Author.objects.annotate(latest_title=Subquery(Post.objects.filter(author="
                    + "OuterRef(\"pk\")).order_by(\"-published_at\").values(\"title\")[:1])).order_by(\"id\")[:20]"),
            q("Exists", "Author.objects.filter(Exists(Post.objects.filter(author=OuterRef(\"pk\"), "
                    + "view_count__gt=990)))"),
            // values and values_list
            q("values across a FK", "Post.objects.values(\"id\", \"title\", \"author__name\")"
                    + ".order_by(\"-view_count\", \"id\")[:10]"),
            q("values + annotate (GROUP BY)", "Post.objects.values(\"author__name\").annotate(n=Count(\"id\"))"
                    + ".order_by(\"-n\", \"author__name\")[:5]"),
            q("values_list", "Post.objects.values_list(\"id\", \"title\", \"published_at\").order_by(\"id\")[:10]"),
            q("values_list flat", "Tag.objects.values_list(\"name\", flat=True).order_by(\"name\")"),
            q("values_list named", "Post.objects.values_list(\"id\", \"view_count\", named=True).order_by(\"id\")[:5]"),
            q("union", "Post.objects.filter(view_count__gt=995).values(\"id\").union(Post.objects.filter("
                    + "view_count__lt=3).values(\"id\"))"),
            q("only", "Post.objects.only(\"id\", \"title\").order_by(\"id\")[:5]"),
            // select_related
            q("select_related", "Post.objects.select_related(\"author\").order_by(\"id\")[:10]"),
            q("select_related nested, LEFT OUTER one-to-one", "Post.objects.select_related(\"author__profile\")"
                    + ".filter(view_count__gt=950).order_by(\"id\")"),
            q("select_related from the one-to-one", "Profile.objects.select_related(\"author\").order_by(\"id\")[:5]"),
            q("select_related two levels", "Comment.objects.select_related(\"post__author\")"
                    + ".order_by(\"-created_at\", \"id\")[:10]"),
            // prefetch_related
            q("prefetch m2m", "Post.objects.prefetch_related(\"tags\").order_by(\"id\")[:10]"),
            q("Prefetch to_attr", "Author.objects.prefetch_related(Prefetch(\"posts\", queryset=Post.objects.filter("
                    + "view_count__gt=800).order_by(\"-view_count\"), to_attr=\"popular\")).order_by(\"id\")[:10]"),
            q("nested prefetch", "Author.objects.prefetch_related(\"posts__tags\").order_by(\"id\")[:3]"),
            q("select_related + prefetch", "Post.objects.select_related(\"author\").prefetch_related(\"comments\")"
                    + ".filter(view_count__gt=990).order_by(\"id\")"),
            q("prefetch a FK", "Comment.objects.prefetch_related(\"post\").order_by(\"id\")[:10]"),
            q("prefetch reverse m2m", "Tag.objects.prefetch_related(\"posts\").filter(name__in=[\"python\", \"sql\"])"),
            // distinct, ordering, slicing
            q("distinct", "Author.objects.filter(posts__tags__name=\"python\").distinct().order_by(\"id\")"),
            q("nulls_last", "Post.objects.order_by(F(\"published_at\").desc(nulls_last=True), \"id\")[:10]"),
            q("offset slice", "Post.objects.order_by(\"id\")[100:110]"),
            q("iterator(chunk_size)", "Post.objects.filter(view_count__gt=900).order_by(\"id\")"
                    + ".iterator(chunk_size=100)"),
            // terminals
            q("count", "Post.objects.filter(author__name__icontains=\"a\").count()"),
            q("count over annotation", "Author.objects.annotate(n=Count(\"posts\")).filter(n__gt=20).count()"),
            q("exists", "Post.objects.filter(view_count__gt=999).exists()"),
            q("exists, none", "Post.objects.filter(title=\"no such title\").exists()"),
            q("first", "Post.objects.filter(view_count__lt=10).order_by(\"view_count\", \"id\").first()"),
            q("first, none", "Post.objects.filter(title=\"nope\").first()"),
            q("last", "Comment.objects.last()"),
            q("get with select_related", "Post.objects.select_related(\"author\").get(pk=42)"),
            q("get, DoesNotExist", "Post.objects.get(pk=999999)"),
            q("get, MultipleObjectsReturned", "Post.objects.get(author_id=5)"),
            q("latest", "Post.objects.latest(\"updated_at\")"),
            q("index", "Author.objects.order_by(\"name\")[3]"),
            q("raw", "Post.objects.raw(\"SELECT id, title, view_count FROM blog_post WHERE view_count > %s "
                    + "ORDER BY id\", [990])"),
            q("raw with a column that is no field", "Author.objects.raw(\"SELECT id, name, (SELECT COUNT(*) FROM "
                    + "blog_post WHERE author_id = blog_author.id) AS n FROM blog_author ORDER BY id LIMIT 5\")"),
            // Params
            q("Param", "Post.objects.filter(title__icontains=Param(\"query\")).order_by(\"id\")", "query", "go"),
            q("Param with wildcards in the value", "Post.objects.filter(title__icontains=Param(\"query\"))"
                    + ".order_by(\"id\")", "query", "100%_"),
            q("optional Param left out", SEARCH, "query", "query", "author", null),
            q("optional Param given", SEARCH, "query", "query", "author", 31L),
            q("two optional Params, none", SEARCH2, "q", "python", "min_views", null, "year", null),
            q("two optional Params, one", SEARCH2, "q", "python", "min_views", null, "year", 2024L),
            q("two optional Params, both", SEARCH2, "q", "python", "min_views", 300L, "year", 2024L),
            q("five optional Params, composed from fragments: none", SEARCH5, "a", null, "b", null, "c", null, "d", null,
                    "e", null),
            q("five optional Params, composed from fragments: some", SEARCH5, "a", "o", "b", null, "c", "e", "d", 100L,
                    "e", null),
            q("five optional Params, composed from fragments: all", SEARCH5, "a", "o", "b", "-", "c", "e", "d", 10L,
                    "e", 300L),
            q("optional Param in an OR", "Post.objects.filter(Q(title__icontains=Param(\"q\")) | Q(author__name="
                    + "Param(\"author_name\", optional=True))).order_by(\"id\")[:40]", "q", "rust", "author_name",
                    "Edsger Chen"),
            q("datetime Param", "Comment.objects.filter(created_at__gte=Param(\"since\")).count()", "since",
                    LocalDateTime.of(2024, 6, 1, 12, 30)),
            q("Param in a select_related get", "Post.objects.select_related(\"author\").get(slug=Param(\"slug\"))",
                    "slug", "how-to-profile-querysets-in-go-1"),
            q("Params in F arithmetic", "Post.objects.filter(view_count__gt=F(\"word_count\") * Param(\"factor\"))"
                    + ".annotate(boosted=F(\"view_count\") + Param(\"by\")).values(\"id\", \"boosted\")"
                    + ".order_by(\"id\")[:10]", "factor", 5L, "by", 1000L),
            q("IN-list Param", "Post.objects.filter(id__in=Param(\"ids\")).order_by(\"id\")", "ids",
                    List.of(3L, 5L, 8L, 13L)),
            q("IN-list Param across relations, and a Param after it", "Author.objects.filter(posts__tags__name__in="
                    + "Param(\"tags\"), posts__view_count__gt=Param(\"views\")).distinct().order_by(\"id\")[:5]",
                    "tags", List.of("python", "go"), "views", 900L),
            q("empty IN-list Param: no rows, no IN ()", "Post.objects.filter(id__in=Param(\"ids\")).order_by(\"id\")",
                    "ids", List.of()),
            q("empty IN-list Param, count", "Post.objects.filter(id__in=Param(\"ids\"), view_count__gt=Param("
                    + "\"views\")).count()", "ids", List.of(), "views", 10L),
            q("empty IN-list Param excluded: every row", "Post.objects.exclude(id__in=Param(\"ids\")).count()", "ids",
                    List.of()),
            q("empty IN-list Param in an OR", "Post.objects.filter(Q(id__in=Param(\"ids\")) | Q(view_count__gt="
                    + "Param(\"views\"))).order_by(\"id\")", "ids", List.of(), "views", 990L),
            q("empty IN-list Param in an aggregate", "Post.objects.filter(id__in=Param(\"ids\")).aggregate("
                    + "n=Count(\"id\"), views=Sum(\"view_count\"))", "ids", List.of()),
            q("IN-list Param beside optional Params, none given", IN_AND_OPTIONAL, "authors", List.of(3L, 5L, 8L),
                    "min_views", null, "q", null),
            q("IN-list Param beside optional Params, one given", IN_AND_OPTIONAL, "authors", List.of(3L, 5L, 8L),
                    "min_views", 400L, "q", null),
            q("IN-list Param beside optional Params, both given", IN_AND_OPTIONAL, "authors", List.of(3L, 5L, 8L,
                    13L), "min_views", 100L, "q", "o"),
            q("IN-list Param beside optional Params, the list empty", IN_AND_OPTIONAL, "authors", List.of(),
                    "min_views", 100L, "q", null),
            q("Param in a Prefetch queryset", "Author.objects.prefetch_related(Prefetch(\"posts\", queryset="
                    + "Post.objects.filter(view_count__gt=Param(\"views\")).order_by(\"id\"))).filter(name__startswith="
                    + "Param(\"initial\")).order_by(\"id\")", "initial", "A", "views", 800L),
            q("Params in nested Prefetch querysets", "Author.objects.prefetch_related(Prefetch(\"posts\", queryset="
                    + "Post.objects.filter(view_count__gt=Param(\"views\")).order_by(\"id\")), Prefetch(\"posts__"
                    + "comments\", queryset=Comment.objects.filter(author_name__startswith=Param(\"commenter\"))"
                    + ".order_by(\"id\"))).order_by(\"id\")[:6]", "views", 500L, "commenter", "A"),
            q("IN-list Param in a Prefetch queryset", "Post.objects.prefetch_related(Prefetch(\"tags\", queryset="
                    + "Tag.objects.filter(name__in=Param(\"names\")))).order_by(\"id\")[:15]", "names",
                    List.of("python", "sql")),
            q("five optional Params in HAVING and WHERE, composed: none", HAVING5, "min_posts", null, "max_posts",
                    null, "min_views", null, "max_views", null, "name", null),
            q("five optional Params in HAVING and WHERE, composed: some", HAVING5, "min_posts", 20L, "max_posts",
                    null, "min_views", null, "max_views", 30000L, "name", "a"),
            q("five optional Params in HAVING and WHERE, composed: all", HAVING5, "min_posts", 10L, "max_posts",
                    40L, "min_views", 1000L, "max_views", 40000L, "name", "e"),
            q("four optional Params in an OR, composed: none", OR5, "a", null, "b", null, "c", null, "d", null, "w",
                    null),
            q("four optional Params in an OR, composed: one, bare", OR5, "a", null, "b", null, "c", "python", "d", null,
                    "w", 800L),
            q("four optional Params in an OR, composed: two", OR5, "a", "go", "b", null, "c", null, "d", 990L, "w",
                    null),
            q("four optional Params in an OR, composed: all", OR5, "a", "go", "b", "sql", "c", "rust", "d", 995L, "w",
                    1500L),
            q("twelve optional Params, composed: none", SEARCH12, "title", null, "slug", null, "body", null,
                    "min_views", null, "max_views", null, "min_words", null, "max_words", null, "author", null,
                    "since", null, "before", null, "from_id", null, "to_id", null),
            q("twelve optional Params, composed: seven given", SEARCH12, "title", "o", "slug", null, "body", "e",
                    "min_views", 50L, "max_views", null, "min_words", null, "max_words", 2000L, "author", null,
                    "since", LocalDateTime.of(2023, 1, 1, 0, 0), "before", LocalDateTime.of(2025, 6, 1, 0, 0),
                    "from_id", 20L, "to_id", null),
            q("twelve optional Params, composed: all given", SEARCH12, "title", "o", "slug", "-", "body", "e",
                    "min_views", 10L, "max_views", 900L, "min_words", 10L, "max_words", 5000L, "author", 4L,
                    "since", LocalDateTime.of(2020, 1, 1, 0, 0), "before", LocalDateTime.of(2030, 1, 1, 0, 0),
                    "from_id", 1L, "to_id", 900L),
            // terminals used as values: run first, as Django runs them while the QuerySet is built
            q("evaluated aggregate key", "Post.objects.filter(view_count__gte=Post.objects.aggregate(m=Max("
                    + "\"view_count\"))[\"m\"]).order_by(\"id\")"),
            q("evaluated count and first", "Post.objects.filter(view_count__gt=Comment.objects.count(), author="
                    + "Author.objects.order_by(\"id\").first()).order_by(\"id\")"),
            q("evaluated get attribute and list", "Post.objects.filter(author_id=Post.objects.get(pk=3).author_id, "
                    + "id__in=list(Post.objects.order_by(\"-view_count\", \"id\").values_list(\"id\", flat=True)[:40]))"
                    + ".order_by(\"id\")"),
            // writes (last: they change the data)
            q("update with F", "Post.objects.filter(view_count__lt=50).update(view_count=F(\"view_count\") + 1)"),
            q("update with Params", "Author.objects.filter(pk=Param(\"id\")).update(name=Param(\"name\"))", "id", 7L,
                    "name", "Ada Renamed"),
            q("delete", "Comment.objects.filter(author_name__startswith=\"Z\").delete()"),
            q("delete with cascades", "Post.objects.filter(view_count__lt=5).delete()"));

    private CodegenCases() {
    }

    private static Case q(String name, String expr, Object... params) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < params.length; i += 2) {
            values.put((String) params[i], params[i + 1]);
        }
        return new Case(name, expr, Collections.unmodifiableMap(values));
    }

    static List<Case> named(String... names) {
        List<Case> out = new ArrayList<>();
        for (String n : names) {
            out.add(ALL.stream().filter(c -> c.name().equals(n)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no case " + n)));
        }
        return out;
    }
}
