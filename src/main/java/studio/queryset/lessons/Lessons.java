package studio.queryset.lessons;

import static studio.queryset.lessons.LessonStep.act;
import static studio.queryset.lessons.LessonStep.say;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import studio.queryset.lessons.Claim.BoundParameter;
import studio.queryset.lessons.Claim.ColumnsAddUp;
import studio.queryset.lessons.Claim.CompareColumn;
import studio.queryset.lessons.Claim.Fails;
import studio.queryset.lessons.Claim.Generated;
import studio.queryset.lessons.Claim.HasShape;
import studio.queryset.lessons.Claim.Loads;
import studio.queryset.lessons.Claim.LostUpdates;
import studio.queryset.lessons.Claim.NPlusOne;
import studio.queryset.lessons.Claim.On;
import studio.queryset.lessons.Claim.RunsAgain;
import studio.queryset.lessons.Claim.SameRows;
import studio.queryset.lessons.Claim.SameSql;
import studio.queryset.lessons.Claim.Shape;
import studio.queryset.lessons.Claim.SqlContains;
import studio.queryset.lessons.Claim.SqlLacks;
import studio.queryset.lessons.Claim.Statements;
import studio.queryset.sql.Dialect;

/**
 * Every lesson of the tutorial ("Part 7, Advanced ORM"), one per gallery sample plus the async twins, in the
 * tutorial's order. The words are the product's own; each lesson's claims say what those words assert, and
 * {@code LessonClaimsTest} checks them on SQLite and PostgreSQL, so a sentence that stops being true fails a build.
 */
public final class Lessons {
    private static final String Q_OR = "Post.objects.filter(Q(published_at__isnull=False) | Q(author__name=\"Ada "
            + "Dijkstra\"))";
    private static final String Q_OR_PROFILE = "Post.objects.filter(Q(published_at__isnull=False) | "
            + "Q(author__profile__website__isnull=False))";
    private static final String FILTER_EXCLUDE = "Post.objects.filter(tags__name=\"python\").exclude(author__name="
            + "\"Ada Dijkstra\")";
    private static final String Q_AND_NOT = "Post.objects.filter(Q(tags__name=\"python\") & ~Q(author__name=\"Ada "
            + "Dijkstra\"))";
    private static final String SEARCH = "Post.objects.filter(Q(title__icontains=Param(\"query\")) | "
            + "Q(body__icontains=Param(\"query\")), author=Param(\"author\", optional=True))";
    private static final String SEARCH_BY_AUTHOR = "Post.objects.filter(Q(title__icontains=\"django\") | "
            + "Q(body__icontains=\"django\"), author=1)";
    private static final String INCREMENT = "Post.objects.filter(pk=Param(\"pk\")).update(view_count=F(\"view_count\")"
            + " + 1)";
    private static final String POSTS_20 = "Post.objects.all()[:20]";
    private static final String WITH_AUTHOR = "Post.objects.select_related(\"author\")[:20]";
    private static final String WITH_PROFILE = "Post.objects.select_related(\"author__profile\")[:20]";
    private static final String WITH_TAGS = "Post.objects.prefetch_related(\"tags\")[:20]";
    private static final String PUBLISHED_POSTS = "Author.objects.prefetch_related(Prefetch(\"posts\", queryset="
            + "Post.objects.filter(published_at__isnull=False), to_attr=\"published_posts\"))[:20]";
    private static final String COUNT_MAX = "Author.objects.annotate(post_count=Count(\"posts\"), latest_post="
            + "Max(\"posts__published_at\")).order_by(\"-post_count\")";
    private static final String CONDITIONAL = "Author.objects.annotate(published_count=Count(\"posts\", filter="
            + "Q(posts__published_at__isnull=False)), draft_count=Count(\"posts\", filter="
            + "Q(posts__published_at__isnull=True)))";
    private static final String CONDITIONAL_TOTAL = "Author.objects.annotate(published_count=Count(\"posts\", filter="
            + "Q(posts__published_at__isnull=False)), draft_count=Count(\"posts\", filter="
            + "Q(posts__published_at__isnull=True)), total=Count(\"posts\"))";
    private static final String LATEST = "Author.objects.annotate(latest_post_title=Subquery(Post.objects.filter("
            + "author=OuterRef(\"pk\")).order_by(\"-published_at\").values(\"title\")[:1]))";
    private static final String TWO_COUNTS = "Author.objects.annotate(n_posts=Count(\"posts\"), n_comments="
            + "Count(\"posts__comments\")).order_by(\"-n_posts\")[:10]";
    private static final String TWO_COUNTS_FIXED = "Author.objects.annotate(n_posts=Count(\"posts\", distinct=True),"
            + " n_comments=Count(\"posts__comments\", distinct=True)).order_by(\"-n_posts\")[:10]";
    // the same counts in primary-key order, so that two queries' rows line up one for one
    private static final String TWO_COUNTS_BY_PK = "Author.objects.annotate(n_posts=Count(\"posts\"), n_comments="
            + "Count(\"posts__comments\")).order_by(\"pk\")";
    private static final String TWO_COUNTS_FIXED_BY_PK = "Author.objects.annotate(n_posts=Count(\"posts\", "
            + "distinct=True), n_comments=Count(\"posts__comments\", distinct=True)).order_by(\"pk\")";
    private static final String POSTS_ONLY_BY_PK = "Author.objects.annotate(n_posts=Count(\"posts\")).order_by(\"pk\")";
    // an author without posts has no row in the subquery: NULL, which Coalesce turns into the 0 Count gives
    private static final String POSTS_SUBQUERY_BY_PK = "Author.objects.annotate(n_posts=Coalesce(Subquery("
            + "Post.objects.filter(author=OuterRef(\"pk\")).values(\"author\").annotate(c=Count(\"pk\"))"
            + ".values(\"c\")), 0)).order_by(\"pk\")";
    private static final String DISTINCT_ON = "Post.objects.order_by(\"author_id\", \"-published_at\").distinct("
            + "\"author_id\")[:20]";

    private Lessons() {
    }

    /** All lessons, in the tutorial's order. */
    public static List<Lesson> all() {
        List<Lesson> out = new ArrayList<>();
        out.addAll(qObjects());
        out.addAll(fExpressions());
        out.addAll(relations());
        out.addAll(aggregation());
        out.addAll(shapes());
        out.addAll(rawAndFields());
        out.addAll(gotchas());
        return List.copyOf(out);
    }

    /** The lesson of a gallery sample, if it has one. */
    public static Optional<Lesson> forSample(String sampleId) {
        return all().stream().filter(l -> l.id().equals(sampleId)).findFirst();
    }

    private static Lesson lesson(String id, String section, String title, String query, List<LessonStep> steps,
                                 List<Claim> claims) {
        return new Lesson(id, section, title, query, Map.of(), null, List.of(), steps, claims);
    }

    // ------------------------------------------------------------------ Q objects

    private static List<Lesson> qObjects() {
        return List.of(
                lesson("q-or", "Q objects", "OR with Q objects", Q_OR, List.of(
                        say("Keyword arguments of filter() are ANDed. To say OR, wrap each condition in Q() and "
                                + "join them with |: the WHERE clause gets an OR.", " OR "),
                        say("The author branch crosses Post.author, a ForeignKey that cannot be null. Every post "
                                + "has an author, so the join stays INNER: no row the other branch keeps can be "
                                + "lost by it.", "INNER JOIN \"blog_author\""),
                        act("A relation that may be missing is different: some authors have no profile. Ask for "
                                + "the profile's website in the second branch and Django makes that join LEFT "
                                + "OUTER, so posts of authors without a profile still pass the first branch.",
                                new ShowMe.SetQuery("Show me: OR across an optional relation", Q_OR_PROFILE),
                                "LEFT OUTER JOIN \"blog_profile\"")),
                        List.of(new SqlContains(Q_OR, " OR "),
                                new SqlContains(Q_OR, "INNER JOIN \"blog_author\""),
                                new SqlLacks(Q_OR, "LEFT OUTER JOIN"),
                                new SqlContains(Q_OR_PROFILE, "LEFT OUTER JOIN \"blog_profile\""))),
                lesson("filter-exclude", "Q objects", "filter() then exclude()", FILTER_EXCLUDE, List.of(
                        say("exclude() keeps the rows its condition is false for: the SQL wraps the condition in "
                                + "NOT.", "NOT ("),
                        act("The same rule as a single condition: Q(...) & ~Q(...). Compare the SQL and the rows.",
                                new ShowMe.SetQuery("Show me: as Q & ~Q", Q_AND_NOT), "AND NOT (")),
                        List.of(new SqlContains(FILTER_EXCLUDE, "NOT (\"blog_author\".\"name\" = ?)"),
                                new SameRows(FILTER_EXCLUDE, Q_AND_NOT))),
                lesson("q-and-not", "Q objects", "Q & ~Q", Q_AND_NOT, List.of(
                        say("& is AND and ~ is NOT: one condition that says what filter().exclude() said in two "
                                + "calls.", "AND NOT ("),
                        say("Here both give the same rows because a post has one author. Across a many-valued "
                                + "relation exclude() is not a plain NOT: it becomes a NOT EXISTS subquery, "
                                + "'no tag of the post is python'."),
                        act("See exclude() across the many-to-many tags.", new ShowMe.SetQuery(
                                "Show me: exclude(tags__name=...)", "Post.objects.exclude(tags__name=\"python\")"),
                                "NOT (EXISTS(")),
                        List.of(new SqlContains(Q_AND_NOT, "AND NOT (\"blog_author\".\"name\" = ?)"),
                                new SameRows(Q_AND_NOT, FILTER_EXCLUDE),
                                new SqlContains("Post.objects.exclude(tags__name=\"python\")", "NOT (EXISTS("))),
                new Lesson("dynamic-search", "Q objects", "A search built from Q objects", SEARCH,
                        Map.of("query", "django"), null, List.of(), List.of(
                        say("The Q objects are combined at run time, the way a search view builds them from its "
                                + "form. The search text is a parameter: it is bound, never pasted into the SQL.",
                                "LIKE"),
                        say("The author parameter is optional. Left empty, its condition is not added at all; "
                                + "the WHERE clause has only the OR."),
                        act("Give an author and the filter gains AND author_id = ?.", new ShowMe.SetQuery(
                                "Show me: with an author", SEARCH_BY_AUTHOR), "\"blog_post\".\"author_id\" = ?")),
                        List.of(new BoundParameter(SEARCH, "django"),
                                new SqlLacks(SEARCH, "\"blog_post\".\"author_id\" = ?"),
                                new SqlContains(SEARCH_BY_AUTHOR, "\"blog_post\".\"author_id\" = ?"))));
    }

    // ------------------------------------------------------------------ F expressions

    private static List<Lesson> fExpressions() {
        String compare = "Post.objects.filter(updated_at__gt=F(\"published_at\"))";
        String arithmetic = "Post.objects.filter(published_at__isnull=False).annotate(days_live=ExpressionWrapper("
                + "Now() - F(\"published_at\"), output_field=DurationField())).order_by(\"-days_live\")[:20]";
        return List.of(
                new Lesson("f-increment", "F expressions", "F(): an atomic increment, and the race without it",
                        INCREMENT, Map.of("pk", 1), null, List.of(), List.of(
                        say("F(\"view_count\") + 1 is computed by the database from the value the row holds when "
                                + "the UPDATE locks it: one statement, nothing read into the program.",
                                "\"blog_post\".\"view_count\" + ?"),
                        say("Without F, code reads the post, adds 1 in Python and saves: two requests can both "
                                + "read 10 and both write 11. One increment is lost."),
                        act("Run both versions with two concurrent workers, on a scratch copy of the SQLite "
                                + "sample (your database is not touched), and count the lost updates.",
                                new ShowMe.RunRace("Show me: race both versions"))),
                        List.of(new SqlContains(INCREMENT, "SET \"view_count\" = (\"blog_post\".\"view_count\" + ?"),
                                new LostUpdates())),
                lesson("f-compare", "F expressions", "F(): compare two columns", compare, List.of(
                        say("F(\"published_at\") names a column of the same row, so the comparison is between "
                                + "two columns in SQL; no value is sent.", "\"blog_post\".\"updated_at\" > "
                                + "\"blog_post\".\"published_at\"")),
                        List.of(new SqlContains(compare, "\"blog_post\".\"updated_at\" > \"blog_post\".\"published_at\""),
                                new Claim.NoParameters(compare))),
                lesson("f-arithmetic", "F expressions", "F(): arithmetic with dates", arithmetic, List.of(
                        say("Now() - F(\"published_at\") is computed per row by the database. PostgreSQL "
                                + "subtracts timestamps directly; SQLite has no interval type, so Django (and the product) "
                                + "calls its own django_timestamp_diff() for the microseconds between them.",
                                "AS \"days_live\""),
                        say("ExpressionWrapper(..., output_field=DurationField()) says what type comes out, which "
                                + "the ORM cannot guess when a datetime meets a datetime.")),
                        List.of(new On(Dialect.POSTGRESQL, new SqlContains(arithmetic, "(STATEMENT_TIMESTAMP() - "
                                        + "\"blog_post\".\"published_at\") AS \"days_live\"")),
                                new On(Dialect.SQLITE, new SqlContains(arithmetic, "django_timestamp_diff("
                                        + "STRFTIME('%Y-%m-%d %H:%M:%f', 'NOW'), \"blog_post\".\"published_at\")")),
                                new SqlContains(arithmetic, "ORDER BY \"days_live\" DESC"))));
    }

    // ------------------------------------------------------------------ select_related / prefetch_related

    private static List<Lesson> relations() {
        return List.of(
                new Lesson("n-plus-one-author", "select_related and prefetch_related",
                        "N+1: post.author without select_related", POSTS_20, Map.of(), null, List.of("author"),
                        List.of(
                        say("The query itself is one SELECT of posts: Run it and the log shows 1 statement. The "
                                + "cost comes from the loop around it: for post in posts: post.author.name.",
                                "FROM \"blog_post\""),
                        act("Each post.author is loaded lazily, one query per post. Compare the loop naively "
                                + "against loading the author up front: 1 + 20 statements against 1.",
                                new ShowMe.CompareNPlusOne("Show me: compare naive vs select_related",
                                        List.of("author"))),
                        act("The fix: select_related(\"author\") joins the author into the same query.",
                                new ShowMe.SetQuery("Show me: add select_related", WITH_AUTHOR),
                                "INNER JOIN \"blog_author\"")),
                        List.of(new Statements(POSTS_20, 1),
                                new SqlLacks(POSTS_20, "JOIN"),
                                new NPlusOne(POSTS_20, List.of("author"), 21, 1))),
                new Lesson("select-related", "select_related and prefetch_related",
                        "select_related: one JOIN instead of N queries", WITH_AUTHOR, Map.of(), null,
                        List.of("author"), List.of(
                        say("select_related follows the foreign key inside the same query: the author's columns "
                                + "are selected next to the post's, through a JOIN.", "INNER JOIN \"blog_author\""),
                        act("Every post arrives with its author: reading post.author costs nothing more.",
                                new ShowMe.CompareNPlusOne("Show me: compare with the naive loop",
                                        List.of("author")))),
                        List.of(new SqlContains(WITH_AUTHOR, "INNER JOIN \"blog_author\""),
                                new Statements(WITH_AUTHOR, 1),
                                new NPlusOne(WITH_AUTHOR, List.of("author"), 21, 1))),
                new Lesson("select-related-chain", "select_related and prefetch_related",
                        "select_related through two relations", WITH_PROFILE, Map.of(), null,
                        List.of("author__profile"), List.of(
                        say("author__profile follows two relations in one query. Every post has an author (INNER "
                                + "JOIN); not every author has a profile, so that join is LEFT OUTER and a missing "
                                + "profile comes back as null.", "LEFT OUTER JOIN \"blog_profile\""),
                        act("Naively, post.author and then author.profile are two lazy queries per post.",
                                new ShowMe.CompareNPlusOne("Show me: compare naive vs joined",
                                        List.of("author__profile")))),
                        List.of(new SqlContains(WITH_PROFILE, "INNER JOIN \"blog_author\""),
                                new SqlContains(WITH_PROFILE, "LEFT OUTER JOIN \"blog_profile\""),
                                new NPlusOne(WITH_PROFILE, List.of("author__profile"), 41, 1))),
                new Lesson("prefetch-related", "select_related and prefetch_related",
                        "prefetch_related: two queries for many-to-many", WITH_TAGS, Map.of(), null,
                        List.of("tags"), List.of(
                        say("Tags are many-to-many: a JOIN would repeat each post once per tag. prefetch_related "
                                + "runs a second query for the tags of all these posts at once and attaches them "
                                + "in memory.", "IN ("),
                        act("Naively, post.tags.all() is one query per post: 1 + 20 against 2.",
                                new ShowMe.CompareNPlusOne("Show me: compare naive vs prefetch", List.of("tags"))),
                        say("Which to use: a forward ForeignKey or a OneToOneField (either direction) is one "
                                + "object, so select_related; a ManyToManyField or a reverse ForeignKey "
                                + "(author.posts) is many, so prefetch_related. The panel's table lists this "
                                + "query's relations.")),
                        List.of(new Statements(WITH_TAGS, 2),
                                new NPlusOne(WITH_TAGS, List.of("tags"), 21, 2),
                                new SqlContains(WITH_TAGS, "\"blog_post_tags\".\"post_id\" IN ("),
                                new Loads("Post", "author", "select_related"),
                                new Loads("Author", "profile", "select_related"),
                                new Loads("Post", "tags", "prefetch_related"),
                                new Loads("Author", "posts", "prefetch_related"))),
                lesson("prefetch-queryset", "select_related and prefetch_related", "Prefetch with its own queryset",
                        PUBLISHED_POSTS, List.of(
                        say("Prefetch(\"posts\", queryset=...) makes the second query any queryset of posts: here "
                                + "only published ones.", "\"blog_post\".\"published_at\" IS NOT NULL"),
                        say("to_attr=\"published_posts\" stores them under a new name, so author.posts still means "
                                + "all posts."),
                        act("Run it: two statements, whatever the number of authors.", new ShowMe.Run(
                                "Show me: run it"))),
                        List.of(new Statements(PUBLISHED_POSTS, 2),
                                new SqlContains(PUBLISHED_POSTS, "AND (\"blog_post\".\"published_at\" IS NOT NULL)"),
                                new HasShape(PUBLISHED_POSTS, Shape.OBJECTS, List.of("id", "name",
                                        "published_posts")))));
    }

    // ------------------------------------------------------------------ annotate, aggregate, subqueries

    private static List<Lesson> aggregation() {
        String avg = "Post.objects.aggregate(avg_words=Avg(\"word_count\"))";
        return List.of(
                lesson("annotate-count-max", "Annotations", "annotate(): Count and Max per author", COUNT_MAX,
                        List.of(
                        say("annotate() adds computed columns to each author; the aggregates make the query "
                                + "GROUP BY the author's columns.", "GROUP BY"),
                        say("The join to posts is LEFT OUTER, so an author without posts stays, with a count of "
                                + "0 and no latest post.", "LEFT OUTER JOIN \"blog_post\"")),
                        List.of(new SqlContains(COUNT_MAX, "GROUP BY \"blog_author\".\"id\""),
                                new SqlContains(COUNT_MAX, "LEFT OUTER JOIN \"blog_post\""),
                                new HasShape(COUNT_MAX, Shape.OBJECTS, List.of("id", "name", "post_count",
                                        "latest_post")))),
                lesson("conditional-aggregation", "Conditional aggregation", "Conditional aggregation", CONDITIONAL,
                        List.of(
                        say("Each Count has its own filter=Q(...): SQL's FILTER (WHERE ...) restricts the rows it "
                                + "counts. Both counts come from one pass over the same join.", "FILTER (WHERE"),
                        act("Add the unfiltered count: published + drafts is every post.", new ShowMe.SetQuery(
                                "Show me: add total=Count(\"posts\")", CONDITIONAL_TOTAL), "AS \"total\"")),
                        List.of(new SqlContains(CONDITIONAL, "COUNT(\"blog_post\".\"id\") FILTER (WHERE "
                                        + "\"blog_post\".\"published_at\" IS NOT NULL)"),
                                new Statements(CONDITIONAL, 1),
                                new ColumnsAddUp(CONDITIONAL_TOTAL, List.of("published_count", "draft_count"),
                                        "total"))),
                lesson("aggregate-avg", "Aggregation", "aggregate(): one dictionary for the whole set", avg,
                        List.of(
                        say("aggregate() reduces the whole queryset to one dictionary: no GROUP BY, one row. "
                                + "annotate() would add a value to every row instead.", "AVG("),
                        say("The tutorial averages a body_length field; the sample blog's computed column is "
                                + "word_count.")),
                        List.of(new HasShape(avg, Shape.ONE_DICT, List.of("avg_words")),
                                new SqlLacks(avg, "GROUP BY"))),
                lesson("subquery-latest-post", "Subqueries", "Subquery + OuterRef: each author's latest post",
                        LATEST, List.of(
                        say("The inner query refers to the outer row with OuterRef(\"pk\"): it becomes a "
                                + "correlated subquery in the SELECT list.",
                                "\"U0\".\"author_id\" = \"blog_author\".\"id\""),
                        say("A subquery used as a value must return one column and at most one row: "
                                + "values(\"title\") and [:1].", "LIMIT 1)")),
                        List.of(new SqlContains(LATEST, "WHERE \"U0\".\"author_id\" = \"blog_author\".\"id\""),
                                new SqlContains(LATEST, "ORDER BY \"U0\".\"published_at\" DESC LIMIT 1)"),
                                new Statements(LATEST, 1))));
    }

    // ------------------------------------------------------------------ values, values_list, only, defer

    private static List<Lesson> shapes() {
        String values = "Post.objects.values(\"id\", \"title\")[:20]";
        String tuples = "Post.objects.values_list(\"id\", \"title\")[:20]";
        String flat = "Post.objects.values_list(\"id\", flat=True)[:20]";
        String only = "Post.objects.only(\"id\", \"title\")[:20]";
        String defer = "Post.objects.defer(\"body\")[:20]";
        return List.of(
                lesson("values", "values, values_list, only/defer", "values(): dictionaries", values, List.of(
                        say("values() selects only the named columns and returns dictionaries, not model objects.",
                                "SELECT \"blog_post\".\"id\", \"blog_post\".\"title\" FROM")),
                        List.of(new HasShape(values, Shape.DICTS, List.of("id", "title")),
                                new SqlLacks(values, "\"body\""))),
                lesson("values-list", "values, values_list, only/defer", "values_list(): tuples", tuples, List.of(
                        say("values_list() returns tuples, in the order the fields are named.")),
                        List.of(new HasShape(tuples, Shape.TUPLES, List.of("id", "title")))),
                lesson("values-list-flat", "values, values_list, only/defer", "values_list(flat=True): plain values",
                        flat, List.of(say("One field and flat=True: each row is the value itself.")),
                        List.of(new HasShape(flat, Shape.VALUES, List.of()))),
                lesson("only", "values, values_list, only/defer", "only(): load a few columns", only, List.of(
                        say("only() still returns posts, but loads only id and title: the SELECT list is short.",
                                "SELECT \"blog_post\".\"id\", \"blog_post\".\"title\" FROM"),
                        say("Reading post.body later costs one more query per post. Worth it only when the skipped "
                                + "columns are large; for a few values, values() says what you mean.")),
                        List.of(new SqlLacks(only, "\"body\""),
                                new HasShape(only, Shape.OBJECTS, List.of("id", "title")))),
                lesson("defer", "values, values_list, only/defer", "defer(): skip a large column", defer, List.of(
                        say("defer(\"body\") is the opposite of only(): every column except body.", "\"title\"")),
                        List.of(new SqlLacks(defer, "\"blog_post\".\"body\""),
                                new SqlContains(defer, "\"blog_post\".\"word_count\""))));
    }

    // ------------------------------------------------------------------ raw SQL, full-text, async, GeneratedField

    private static List<Lesson> rawAndFields() {
        String raw = "Post.objects.raw(\"SELECT * FROM blog_post WHERE title LIKE %s ORDER BY id\", [\"%Django%\"])";
        String rawFts = "Post.objects.raw(\"SELECT * FROM blog_post WHERE to_tsvector(body) @@ plainto_tsquery(%s) "
                + "ORDER BY id LIMIT 20\", [\"django\"])";
        String search = "Post.objects.filter(body__search=\"django\")[:20]";
        String generated = "Post.objects.filter(word_count__gt=300).order_by(\"-word_count\").values(\"title\", "
                + "\"word_count\")[:20]";
        String count = "Post.objects.filter(view_count__gt=100).count()";
        return List.of(
                lesson("raw-sql", "Raw SQL", "raw(): your own SQL, mapped to posts", raw, List.of(
                        say("raw() runs your SQL as written and maps its columns onto post fields. %s becomes a "
                                + "bound parameter: the value is never pasted into the text.", "LIKE ?")),
                        List.of(new BoundParameter(raw, "%Django%"),
                                new HasShape(raw, Shape.OBJECTS, List.of("id", "title")))),
                new Lesson("raw-full-text", "Raw SQL", "raw(): PostgreSQL full-text search", rawFts, Map.of(),
                        Dialect.POSTGRESQL, List.of(), List.of(
                        say("to_tsvector / plainto_tsquery are PostgreSQL's full-text search; written by hand in "
                                + "raw(), the SQL only runs there.", "to_tsvector(body)")),
                        List.of(new On(Dialect.POSTGRESQL, new Statements(rawFts, 1)),
                                new On(Dialect.POSTGRESQL, new BoundParameter(rawFts, "django")))),
                new Lesson("full-text-search", "Raw SQL", "Full-text search with __search", search, Map.of(),
                        Dialect.POSTGRESQL, List.of(), List.of(
                        say("The __search lookup writes the to_tsvector ... @@ plainto_tsquery for you.",
                                "plainto_tsquery(?)")),
                        List.of(new On(Dialect.POSTGRESQL, new SqlContains(search, "@@ plainto_tsquery(?)")),
                                new On(Dialect.SQLITE, new Fails(search, "NotSupportedError")))),
                lesson("async-twins", "Async ORM", "Async twins: the same query, awaited", count, List.of(
                        say("Django 5 gives QuerySet methods async twins: acount(), aget(), afirst()... They run "
                                + "the same SQL; only the waiting differs."),
                        say("In the Java code the studio exports, the twins are countAsync(conn), listAsync(conn), "
                                + "firstAsync(conn)...: a CompletableFuture of the same answer. Iterating a "
                                + "queryset asynchronously is Python's async for; in Java, listAsync.")),
                        List.of(new Statements(count, 1), new HasShape(count, Shape.NUMBER, List.of()))),
                lesson("generated-field", "GeneratedField", "GeneratedField: a column the database computes",
                        generated, List.of(
                        say("word_count is a GeneratedField: the database computes it from body on every insert "
                                + "and update. It is filtered and ordered like any column.",
                                "\"blog_post\".\"word_count\" > ?"),
                        act("It can never be written: an update() of it is refused before anything runs.",
                                new ShowMe.SetQuery("Show me: try to update it",
                                        "Post.objects.filter(pk=1).update(word_count=3)"))),
                        List.of(new Generated("Post", "word_count"),
                                new SqlContains(generated, "\"blog_post\".\"word_count\" > ?"),
                                new Fails("Post.objects.filter(pk=1).update(word_count=3)", "FieldError"))));
    }

    // ------------------------------------------------------------------ gotchas

    private static List<Lesson> gotchas() {
        String update = "Post.objects.filter(author__name=\"Ada Dijkstra\").update(view_count=0)";
        String random = "Post.objects.order_by(\"?\")[:5]";
        String iterator = "Post.objects.iterator(chunk_size=2000)";
        String lazy = "Post.objects.filter(view_count__gt=100).count()";
        return List.of(
                lesson("gotcha-update-bypasses-save", "Gotchas", "Gotcha: update() skips save()", update, List.of(
                        say("update() is one SQL UPDATE. No model is loaded and no save() runs: no signals, no "
                                + "auto_now, no custom save logic. It sets exactly the columns you name.",
                                "UPDATE \"blog_post\" SET \"view_count\" = ?"),
                        say("The studio previews writes (it runs them and rolls back) unless you switch writes "
                                + "on.")),
                        List.of(new SqlContains(update, "UPDATE \"blog_post\" SET \"view_count\" = ?"),
                                new SqlLacks(update, "\"updated_at\" ="))),
                lesson("gotcha-join-multiplication", "Gotchas", "Gotcha: two counts multiply each other", TWO_COUNTS,
                        List.of(
                        say("Both counts come from one joined row set: author × posts × comments. Each post row "
                                + "is repeated once per comment, so n_posts counts comments.",
                                "LEFT OUTER JOIN \"blog_comment\""),
                        act("Fix it with distinct=True (or one Subquery per count).", new ShowMe.SetQuery(
                                "Show me: Count(distinct=True)", TWO_COUNTS_FIXED), "COUNT(DISTINCT")),
                        List.of(new CompareColumn(TWO_COUNTS_BY_PK, POSTS_ONLY_BY_PK, "n_posts", false),
                                new SqlContains(TWO_COUNTS, "LEFT OUTER JOIN \"blog_comment\""))),
                lesson("gotcha-join-multiplication-fixed", "Gotchas", "Gotcha fixed: Count(distinct=True)",
                        TWO_COUNTS_FIXED, List.of(
                        say("distinct=True counts each post once however many comments repeat it.",
                                "COUNT(DISTINCT \"blog_post\".\"id\")"),
                        act("For a Sum, DISTINCT would drop equal values; a Subquery per aggregate counts each "
                                + "relation on its own. An author without posts has no row in the subquery, so "
                                + "it gives NULL; Coalesce(..., 0) makes it the 0 that Count gives.", new ShowMe.SetQuery("Show me: the Subquery fix",
                                POSTS_SUBQUERY_BY_PK), "(SELECT COUNT(")),
                        List.of(new CompareColumn(TWO_COUNTS_FIXED_BY_PK, POSTS_ONLY_BY_PK, "n_posts", true),
                                new CompareColumn(POSTS_SUBQUERY_BY_PK, POSTS_ONLY_BY_PK, "n_posts", true))),
                new Lesson("gotcha-distinct-on", "Gotchas", "Gotcha: distinct() vs distinct(\"field\")",
                        DISTINCT_ON, Map.of(), Dialect.POSTGRESQL, List.of(), List.of(
                        say("distinct() removes duplicate rows: SELECT DISTINCT. distinct(\"author_id\") is "
                                + "PostgreSQL's DISTINCT ON: one row per author, the first in the ordering.",
                                "DISTINCT ON (\"blog_post\".\"author_id\")"),
                        say("The ordering must start with the DISTINCT ON fields. SQLite has no DISTINCT ON, and "
                                + "the product refuses it there.")),
                        List.of(new On(Dialect.POSTGRESQL, new SqlContains(DISTINCT_ON,
                                        "SELECT DISTINCT ON (\"blog_post\".\"author_id\")")),
                                new On(Dialect.SQLITE, new Fails(DISTINCT_ON, "NotSupportedError")),
                                new SqlContains("Post.objects.values(\"author_id\").distinct()", "SELECT DISTINCT "
                                        + "\"blog_post\".\"author_id\""))),
                lesson("gotcha-random-order", "Gotchas", "Gotcha: order_by(\"?\")", random, List.of(
                        say("order_by(\"?\") makes the database give every row a random key and sort them all "
                                + "before taking five: fine here, slow on millions. Count once and pick random "
                                + "offsets instead.", "ORDER BY RANDOM()")),
                        List.of(new SqlContains(random, "ORDER BY RANDOM() LIMIT 5"))),
                lesson("gotcha-iterator", "Gotchas", "Gotcha: iterator() for very large results", iterator, List.of(
                        say("iterator() sends the same SELECT; what changes is the reading: rows are streamed in "
                                + "chunks and not kept in the queryset's cache, so memory stays flat."),
                        act("Run it: the rows stream into the grid.", new ShowMe.Run("Show me: run it"))),
                        List.of(new SameSql(iterator, "Post.objects.all()"))),
                lesson("gotcha-lazy", "Gotchas", "Gotcha: querysets run again when reused", lazy, List.of(
                        say("Building a queryset runs nothing. Evaluating it runs its SQL, and evaluating it "
                                + "again runs the SQL again. Keep list(qs) when you need the rows twice."),
                        act("Run it, then run it again, and watch the query log grow by one statement each time.",
                                new ShowMe.Run("Show me: run it"))),
                        List.of(new RunsAgain(lazy, 2))));
    }
}
