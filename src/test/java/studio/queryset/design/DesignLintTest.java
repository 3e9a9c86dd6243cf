package studio.queryset.design;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import studio.queryset.design.DesignLint.Code;
import studio.queryset.design.DesignLint.Lint;
import studio.queryset.django.DjangoParser;
import studio.queryset.query.QuerySet;
import studio.queryset.schema.ModelsPyImporter;
import studio.queryset.schema.Schema;

/** Lint flags: each rule fires on the node it is about, with its message, and stays quiet on good designs. */
class DesignLintTest {
    static Schema schema;

    @BeforeAll
    static void load() throws Exception {
        schema = ModelsPyImporter.importFile(Path.of("sample-db/blog/models.py"), null);
    }

    static List<Lint> lint(String text) {
        QuerySet qs = DjangoParser.parse(text, schema);
        return DesignLint.lint(qs, DesignGraph.of(qs));
    }

    @Test
    void anAliasNeverUsedIsFlaggedOnItsNode() {
        List<Lint> lints = lint("Author.objects.alias(n=Count(\"posts\")).order_by(\"name\")");
        assertThat(lints).singleElement().satisfies(l -> {
            assertThat(l.code()).isEqualTo(Code.UNUSED_ANNOTATION);
            assertThat(l.nodeId()).isEqualTo("s0.n.n");
            assertThat(l.message()).startsWith("alias 'n' is never used");
        });
        assertThat(lint("Author.objects.alias(n=Count(\"posts\")).filter(n__gt=1)")).isEmpty();
    }

    @Test
    void anAnnotationThatValuesLeavesOutAndNothingReadsIsFlagged() {
        List<Lint> lints = lint("Author.objects.annotate(n=Count(\"posts\"), m=Max(\"posts__view_count\"))"
                + ".order_by(\"-m\").values(\"name\")");
        assertThat(lints).extracting(Lint::nodeId).containsExactly("s0.n.n");
        assertThat(lints.get(0).message()).contains("annotation 'n' is never read").contains("values()");
        // returned with the rows, or read by a later step: fine
        assertThat(lint("Author.objects.annotate(n=Count(\"posts\"))")).isEmpty();
        assertThat(lint("Author.objects.annotate(n=Count(\"posts\")).values(\"name\", \"n\")")).isEmpty();
        assertThat(lint("Author.objects.annotate(n=Count(\"posts\")).filter(n__gt=F(\"id\")).values(\"name\")"))
                .isEmpty();
    }

    @Test
    void anOuterRefOutsideAnySubqueryIsFlaggedOnItsLookup() {
        List<Lint> lints = lint("Post.objects.filter(author=OuterRef(\"pk\"))");
        assertThat(lints).singleElement().satisfies(l -> {
            assertThat(l.code()).isEqualTo(Code.OUTER_REF_OUTSIDE_SUBQUERY);
            assertThat(l.nodeId()).isEqualTo("s0.k0");
            assertThat(l.message()).contains("OuterRef(\"pk\") is outside any subquery");
        });
        assertThat(lint("Author.objects.annotate(t=Subquery(Post.objects.filter(author=OuterRef(\"pk\"))"
                + ".values(\"title\")[:1]))")).isEmpty();
    }

    @Test
    void contradictoryConditionsInOneAndGroupAreFlagged() {
        List<Lint> exact = lint("Post.objects.filter(title=\"a\", title__exact=\"b\")");
        assertThat(exact).singleElement().satisfies(l -> {
            assertThat(l.code()).isEqualTo(Code.CONTRADICTION);
            assertThat(l.nodeId()).isEqualTo("s0");
            assertThat(l.message()).isEqualTo("Contradictory conditions on 'title': title=\"a\" and "
                    + "title__exact=\"b\" cannot both hold, so this AND group matches no rows.");
        });
        List<Lint> range = lint("Post.objects.filter(Q(view_count__gt=10) | Q(Q(view_count__gte=5) & "
                + "Q(view_count__lt=5), title=\"x\"))");
        assertThat(range).singleElement().satisfies(l -> {
            assertThat(l.nodeId()).isEqualTo("s0.a0.c1");
            assertThat(l.message()).contains("view_count__gte=5 and view_count__lt=5 leave an empty range");
        });
        assertThat(lint("Post.objects.filter(view_count=3, view_count__gt=7)")).extracting(Lint::message)
                .containsExactly("Contradictory conditions on 'view_count': view_count=3 is not above 7, so this AND"
                        + " group matches no rows.");
        // OR groups, separate filter() calls and a non-empty range are not contradictions
        assertThat(lint("Post.objects.filter(Q(title=\"a\") | Q(title=\"b\"))")).isEmpty();
        assertThat(lint("Post.objects.filter(view_count__gte=5, view_count__lte=5)")).isEmpty();
        assertThat(lint("Post.objects.filter(Q(title__icontains=\"a\"), title__icontains=\"b\")")).isEmpty();
        assertThat(lint("Post.objects.filter(view_count=\"3\", view_count__gt=7)")).isEmpty(); // not comparable
        assertThat(lint("Post.objects.filter(published_at__year=2023, published_at__year__gt=2023)"))
                .extracting(Lint::message).singleElement().asString()
                .contains("'published_at__year': published_at__year=2023 is not above 2023");
        assertThat(lint("Post.objects.filter(tags__name=\"a\").filter(tags__name=\"b\")")).isEmpty();
    }

    @Test
    void aFilterAfterASliceIsFlagged() {
        List<Lint> lints = lint("Post.objects.order_by(\"id\")[:5].filter(view_count__gt=1)");
        assertThat(lints).singleElement().satisfies(l -> {
            assertThat(l.code()).isEqualTo(Code.FILTER_AFTER_SLICE);
            assertThat(l.nodeId()).isEqualTo("s2");
            assertThat(l.message()).contains("Cannot filter a query once a slice has been taken.");
        });
    }

    @Test
    void anOrderingThatCountOrAggregateDiscardsIsFlagged() {
        assertThat(lint("Post.objects.order_by(\"-published_at\").count()")).singleElement().satisfies(l -> {
            assertThat(l.code()).isEqualTo(Code.DISCARDED_ORDERING);
            assertThat(l.nodeId()).isEqualTo("s0");
            assertThat(l.message()).startsWith("order_by() is discarded: count() clears the ordering");
        });
        assertThat(lint("Post.objects.order_by(\"title\").aggregate(Avg(\"view_count\"))"))
                .extracting(Lint::nodeId).containsExactly("s0");
        // sliced first: the ordering picks the rows counted
        assertThat(lint("Post.objects.order_by(\"-published_at\")[:10].count()")).isEmpty();
    }

    @Test
    void nestedPipelinesAreLintedWithTheirOwnNodeIds() {
        List<Lint> lints = lint("Author.objects.filter(Exists(Post.objects.filter(author=OuterRef(\"pk\"), "
                + "view_count__gt=9, view_count__lt=3)))");
        assertThat(lints).extracting(Lint::nodeId).containsExactly("s0.a0.s0");
    }
}
