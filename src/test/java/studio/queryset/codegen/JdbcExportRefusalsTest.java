package studio.queryset.codegen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import studio.queryset.django.DjangoParser;
import studio.queryset.schema.ModelsPyImporter;
import studio.queryset.schema.Schema;
import studio.queryset.sql.Dialect;

/**
 * What the plain-JDBC export cannot write is refused with the reason, never written as code that would not
 * compile or would bind the wrong values; the constructs it took over from the refusals are shown in the code.
 */
class JdbcExportRefusalsTest {
    static Schema schema;

    @BeforeAll
    static void load() throws Exception {
        schema = ModelsPyImporter.importFile(Path.of("sample-db/blog/models.py"), null);
    }

    private static String jdbc(String expr) {
        return new JavaJdbcGenerator(schema, Dialect.SQLITE).generate("gen", "Q", "run",
                DjangoParser.parse(expr, schema));
    }

    private static String api(String expr) {
        return new JavaApiGenerator(schema, Dialect.SQLITE).generate("gen", "Q", "run",
                DjangoParser.parse(expr, schema));
    }

    @Test
    void aParamInAPrefetchQuerysetIsPassedToThePrefetchHelper() {
        String expr = "Author.objects.prefetch_related(Prefetch(\"posts\", queryset=Post.objects.filter("
                + "view_count__gt=Param(\"v\")))).order_by(\"id\")";
        assertThat(jdbc(expr)).contains("public static List<AuthorWithPostsRow> run(Connection connection, long v)",
                "authors = prefetchPosts(connection, authors, v);", "long v) throws SQLException {",
                "statement.setLong(index++, v);");
        assertThat(api(expr)).contains("public static List<AuthorRow> run(Connection connection, Long v)");
    }

    @Test
    void anInListParamBesideOptionalParamsChoosesTheStatementThenWidensIt() {
        String expr = "Post.objects.filter(id__in=Param(\"ids\"), title__icontains=Param(\"q\", optional=True))";
        assertThat(jdbc(expr)).contains("run(Connection connection, Collection<Long> ids, String q)",
                "inList(runSql(q, ids), 0, ids.size())", "if (q != null && !ids.isEmpty()) {");
        assertThat(api(expr)).contains("run(Connection connection, Collection<Long> ids, String q)");
    }

    @Test
    void anEmptyInListIsTheCompilersAlwaysFalseStatementNeverInParentheses() {
        String java = jdbc("Post.objects.filter(id__in=Param(\"ids\")).count()");
        assertThat(java).contains("ids.isEmpty() ? RUN_EMPTY_IDS_SQL : RUN_SQL", "WHERE (1 = 0) AND (1 = 0)")
                .doesNotContain("IllegalArgumentException");
        assertThat(java.replace("{@code IN ()}", "")).as("IN () only in the Javadoc saying it is never sent")
                .doesNotContain("IN ()");
    }

    @Test
    void anInListBesideThreeOptionalParamsIsRefusedWithTheReason() {
        String expr = "Post.objects.filter(id__in=Param(\"ids\"), title__icontains=Param(\"a\", optional=True), "
                + "slug__icontains=Param(\"b\", optional=True), view_count__gt=Param(\"c\", optional=True))";
        assertThatThrownBy(() -> jdbc(expr)).isInstanceOf(CodegenException.class)
                .hasMessageContaining("3 optional Params beside the IN-list Param(s) ids")
                .hasMessageContaining("an empty IN list makes the compiler rewrite the whole condition");
    }

    @Test
    void anOptionalInListParamIsRefusedWithTheReason() {
        assertThatThrownBy(() -> jdbc("Post.objects.filter(id__in=Param(\"ids\", optional=True)).count()"))
                .isInstanceOf(CodegenException.class).hasMessageContaining("Param(\"ids\", optional=True) is a whole "
                + "IN list").hasMessageContaining("make it required");
    }

    @Test
    void optionalParamsAsTheAlternativesOfAnOrAreComposed() {
        String java = jdbc(CodegenCases.OR5);
        assertThat(java).contains("alternatives1.add(RUN_IF_A);", "anyOf(conditions, alternatives1);",
                "if (w != null) {");
    }

    @Test
    void optionalParamsNestedDeeperThanOneOrAreRefusedWithTheReason() {
        String expr = "Post.objects.filter(Q(title__icontains=Param(\"a\", optional=True)) | Q(Q(slug__icontains="
                + "Param(\"b\", optional=True)) & Q(body__icontains=Param(\"c\", optional=True))) | Q(view_count__gt="
                + "Param(\"d\", optional=True)))";
        assertThatThrownBy(() -> jdbc(expr)).isInstanceOf(CodegenException.class)
                .hasMessageContaining("4 optional Params").hasMessageContaining("nested deeper than one OR");
    }

    @Test
    void manyOptionalParamsAreComposedFromFixedFragments() {
        String java = jdbc("Post.objects.filter(" + java14() + ").order_by(\"id\")");
        assertThat(java).contains("conditions.add(RUN_IF_P13);", "private static final String RUN_IF_P0 =")
                .doesNotContain("+ p0 +");
    }

    private static String java14() {
        List<String> lookups = List.of("title__icontains", "slug__icontains", "body__icontains", "view_count__gte",
                "view_count__lte", "view_count__gt", "view_count__lt", "word_count__gte", "word_count__lte",
                "word_count__gt", "word_count__lt", "id__gte", "id__lte", "author_id");
        List<String> parts = new java.util.ArrayList<>();
        for (int i = 0; i < lookups.size(); i++) {
            parts.add(lookups.get(i) + "=Param(\"p" + i + "\", optional=True)");
        }
        return String.join(", ", parts);
    }

    @Test
    void anInListParamTakesACollectionOfTheFieldsType() {
        assertThat(jdbc("Post.objects.filter(author__in=Param(\"authors\")).count()"))
                .contains("long run(Connection connection, Collection<Long> authors)")
                .contains("inList(authors.isEmpty() ? RUN_EMPTY_AUTHORS_SQL : RUN_SQL, 0, authors.size())",
                        "for (Long element : authors) {");
        assertThat(api("Post.objects.filter(tags__name__in=Param(\"t\")).count()"))
                .contains("long run(Connection connection, Collection<String> t)");
    }

    @Test
    void anEvaluatedTerminalIsAPrivateMethodCalledFirstOrRefusedWithTheReason() {
        String java = jdbc("Post.objects.filter(view_count__gte=Post.objects.aggregate(m=Max(\"view_count\"))[\"m\"])");
        assertThat(java).contains("public static List<PostRow> run(Connection connection) throws SQLException {",
                "long evaluated1 = aggregatePosts(connection).m();", "private static PostAggregates aggregatePosts(");
        assertThatThrownBy(() -> jdbc("Post.objects.filter(view_count__gt=Post.objects.aggregate(a=Avg("
                + "\"view_count\"))[\"a\"])")).isInstanceOf(CodegenException.class)
                .hasMessageContaining("gives a float value where the query compares integer values");
        assertThatThrownBy(() -> jdbc("Post.objects.filter(id=Post.objects.filter(view_count__gt=Param(\"v\"))"
                + ".count())")).isInstanceOf(CodegenException.class).hasMessageContaining("a Param(...) in it");
    }
}
