package studio.queryset.design;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import studio.queryset.django.DjangoParser;
import studio.queryset.query.QuerySet;
import studio.queryset.schema.ModelsPyImporter;
import studio.queryset.schema.Schema;
import studio.queryset.sql.CompiledQuery;
import studio.queryset.sql.Dialect;
import studio.queryset.sql.SqlCompiler;

/** The SQL source map: which characters of the compiled SQL each canvas node wrote, per dialect. */
class NodeSpansTest {
    static Schema schema;

    @BeforeAll
    static void load() throws Exception {
        schema = ModelsPyImporter.importFile(Path.of("sample-db/blog/models.py"), null);
    }

    /** The SQL text of every range of a node, in text order. */
    static List<String> textsOf(String text, Dialect d, String nodeId) {
        QuerySet qs = DjangoParser.parse(text, schema);
        CompiledQuery q = SqlCompiler.compile(schema, qs, d);
        NodeSpans spans = NodeSpans.of(DesignGraph.of(qs), q.spans());
        return spans.rangesOf(nodeId).stream().map(r -> q.sql().substring(r.start(), r.end())).toList();
    }

    static String sql(String text, Dialect d) {
        return SqlCompiler.compile(schema, DjangoParser.parse(text, schema), d).sql();
    }

    @ParameterizedTest
    @EnumSource(value = Dialect.class, names = {"SQLITE", "POSTGRESQL"}) // their shared lookup SQL; MariaDB: MariaDbSpansTest
    void aLookupCoversExactlyItsCondition(Dialect d) {
        String text = "Post.objects.filter(Q(title__icontains=\"django\") | Q(view_count__gt=10))";
        String q = d.quote("blog_post");
        assertThat(textsOf(text, d, "s0.a0.c0")).containsExactly(d == Dialect.SQLITE
                ? q + ".\"title\" LIKE ? ESCAPE '\\'" : "UPPER(" + q + ".\"title\") LIKE UPPER(?) ESCAPE '\\'");
        assertThat(textsOf(text, d, "s0.a0.c1")).containsExactly(q + ".\"view_count\" > ?");
        // the OR group covers both lookups and the connector, the filter stage its whole WHERE condition
        assertThat(textsOf(text, d, "s0.a0")).singleElement().asString()
                .startsWith(textsOf(text, d, "s0.a0.c0").get(0) + " OR ").endsWith("\"view_count\" > ?");
        assertThat(sql(text, d)).contains(" WHERE " + textsOf(text, d, "s0").get(0));
    }

    @ParameterizedTest
    @EnumSource(value = Dialect.class, names = {"SQLITE", "POSTGRESQL"}) // their shared lookup SQL; MariaDB: MariaDbSpansTest
    void stagesAndAnnotationsMapToTheirClauses(Dialect d) {
        String text = "Author.objects.annotate(n=Count(\"posts\")).filter(n__gt=1).order_by(\"-n\")[:5]";
        assertThat(textsOf(text, d, "s0.n.n")).allMatch(s -> s.equals("COUNT(" + d.quote("blog_post") + ".\"id\")"))
                .isNotEmpty();
        assertThat(textsOf(text, d, "s1.k0")).containsExactly("COUNT(" + d.quote("blog_post") + ".\"id\") > ?");
        assertThat(textsOf(text, d, "s2")).containsExactly("\"n\" DESC");
        assertThat(textsOf(text, d, "s3")).containsExactly("LIMIT 5");
        // the annotate stage has no SQL of its own: it shows its annotation's
        assertThat(textsOf(text, d, "s0")).isEqualTo(textsOf(text, d, "s0.n.n"));
    }

    @ParameterizedTest
    @EnumSource(value = Dialect.class, names = {"SQLITE", "POSTGRESQL"}) // their shared lookup SQL; MariaDB: MariaDbSpansTest
    void aLookupInsideASubqueryMapsToItsNestedNode(Dialect d) {
        String text = "Author.objects.annotate(latest=Subquery(Post.objects.filter(author=OuterRef(\"pk\"))"
                + ".order_by(\"-published_at\").values(\"title\")[:1]))";
        assertThat(textsOf(text, d, "s0.n.latest.s0.k0")).containsExactly(
                "\"U0\".\"author_id\" = " + d.quote("blog_author") + ".\"id\"");
        assertThat(textsOf(text, d, "s0.n.latest")).singleElement().asString().startsWith("(SELECT ");
        // each pipeline's source node owns its FROM clause (with the joins)
        assertThat(textsOf(text, d, "src")).containsExactly("FROM " + d.quote("blog_author"));
        assertThat(textsOf(text, d, "s0.n.latest.src")).containsExactly("FROM " + d.quote("blog_post") + " \"U0\"");
    }

    @Test
    void nodeAtGivesTheInnermostNode() {
        String text = "Post.objects.filter(Q(title__icontains=\"django\") | Q(view_count__gt=10))";
        QuerySet qs = DjangoParser.parse(text, schema);
        CompiledQuery q = SqlCompiler.compile(schema, qs, Dialect.SQLITE);
        NodeSpans spans = NodeSpans.of(DesignGraph.of(qs), q.spans());
        assertThat(spans.nodeAt(q.sql().lastIndexOf("\"view_count\""))).isEqualTo("s0.a0.c1");
        assertThat(spans.nodeAt(q.sql().indexOf(" OR "))).isEqualTo("s0.a0");
        assertThat(spans.nodeAt(0)).isNull(); // SELECT belongs to no node
    }

    @Test
    void equalLookupsWrittenTwiceKeepTheirOwnSpans() {
        String text = "Post.objects.filter(view_count__gt=10).filter(view_count__gt=10)";
        List<String> first = textsOf(text, Dialect.SQLITE, "s0.k0");
        List<String> second = textsOf(text, Dialect.SQLITE, "s1.k0");
        assertThat(first).containsExactly("\"blog_post\".\"view_count\" > ?");
        assertThat(second).isEqualTo(first);
        QuerySet qs = DjangoParser.parse(text, schema);
        CompiledQuery q = SqlCompiler.compile(schema, qs, Dialect.SQLITE);
        NodeSpans spans = NodeSpans.of(DesignGraph.of(qs), q.spans());
        assertThat(spans.rangesOf("s0.k0").get(0).start()).isLessThan(spans.rangesOf("s1.k0").get(0).start());
    }
}
