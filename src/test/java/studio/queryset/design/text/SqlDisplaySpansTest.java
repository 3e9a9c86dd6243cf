package studio.queryset.design.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import studio.queryset.design.NodeSpans;
import studio.queryset.django.DjangoParser;
import studio.queryset.query.QuerySet;
import studio.queryset.schema.ModelsPyImporter;
import studio.queryset.schema.Schema;
import studio.queryset.sql.Dialect;
import studio.queryset.sql.QueryPlan;
import studio.queryset.sql.SqlCompiler;

/** Node spans follow the SQL tab's text: laid out a clause a line, with or without the values inlined. */
class SqlDisplaySpansTest {
    static Schema schema;

    @BeforeAll
    static void load() throws Exception {
        schema = ModelsPyImporter.importFile(Path.of("sample-db/blog/models.py"), null);
    }

    static List<String> shown(String text, Dialect d, boolean inline, String nodeId) {
        QuerySet qs = DjangoParser.parse(text, schema);
        QueryPlan plan = SqlCompiler.plan(schema, qs, d);
        String display = SqlDisplay.text(plan, d, inline);
        NodeSpans spans = SqlDisplay.nodeSpans(plan, qs, d, inline);
        return spans.rangesOf(nodeId).stream().map(r -> display.substring(r.start(), r.end())).toList();
    }

    @ParameterizedTest
    @EnumSource(value = Dialect.class, names = {"SQLITE", "POSTGRESQL"}) // their shared lookup SQL; MariaDB: MariaDbSpansTest
    void spansFollowLayoutAndInlinedValues(Dialect d) {
        String text = "Post.objects.filter(title__startswith=\"Dj\", view_count__gte=3)"
                + ".values(\"title\", \"view_count\").order_by(\"-view_count\")[:5]";
        String title = d.quote("blog_post") + ".\"title\"";
        String like = title + " LIKE ? ESCAPE '\\'";
        assertThat(shown(text, d, false, "s0.k0")).containsExactly(like);
        assertThat(shown(text, d, true, "s0.k0")).containsExactly(like.replace("?", "'Dj%'"));
        assertThat(shown(text, d, true, "s0.k1")).containsExactly(d.quote("blog_post") + ".\"view_count\" >= 3");
        // values(): the select list, laid out a column a line
        assertThat(shown(text, d, true, "s1")).containsExactly(title + ",\n       " + d.quote("blog_post")
                + ".\"view_count\"");
        assertThat(shown(text, d, true, "s2")).containsExactly(d.quote("blog_post") + ".\"view_count\" DESC");
        assertThat(shown(text, d, true, "s3")).containsExactly("LIMIT 5");
    }

    @ParameterizedTest
    @EnumSource(value = Dialect.class, names = {"SQLITE", "POSTGRESQL"}) // their shared lookup SQL; MariaDB: MariaDbSpansTest
    void aWriteStatementMapsItsConditionsBelowTheHeaderComment(Dialect d) {
        String text = "Post.objects.filter(view_count__lt=5).update(view_count=F(\"view_count\") + 1)";
        assertThat(shown(text, d, false, "s0.k0")).containsExactly(d.quote("blog_post") + ".\"view_count\" < ?");
        assertThat(shown(text, d, true, "s0.k0")).containsExactly(d.quote("blog_post") + ".\"view_count\" < 5");
    }

    @ParameterizedTest
    @EnumSource(value = Dialect.class, names = {"SQLITE", "POSTGRESQL"}) // their shared lookup SQL; MariaDB: MariaDbSpansTest
    void prefetchQueriesAfterTheMainOneDoNotShiftItsSpans(Dialect d) {
        String text = "Author.objects.filter(name__startswith=\"A\").prefetch_related(\"posts\")";
        assertThat(shown(text, d, true, "s0.k0")).containsExactly(d.quote("blog_author") + ".\"name\" LIKE 'A%' ESCAPE '\\'");
    }
}
