package studio.queryset.design.edit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import studio.queryset.sample.SampleGallery;
import studio.queryset.django.DjangoParser;
import studio.queryset.django.DjangoPrinter;
import studio.queryset.django.SourceMap;
import studio.queryset.query.NodePath;
import studio.queryset.query.QueryParts;
import studio.queryset.query.QuerySet;
import studio.queryset.schema.ModelsPyImporter;
import studio.queryset.schema.Schema;

/**
 * The paths errors and the source map use are the canvas's: every part {@link QueryParts} finds is the very object
 * {@link QueryLens} reads at its path, and the parser's source map has text for each of them, in every sample.
 */
class QueryPartsLensTest {
    static Schema schema;
    static List<QuerySet> queries = new ArrayList<>();

    static final List<String> MORE = List.of(
            "Post.objects.filter(Q(title__icontains=\"a\") | ~Q(author__name=\"b\"), view_count__gt=F(\"id\") * 2)"
                    + ".annotate(n=Count(\"comments\", filter=Q(comments__body__contains=\"x\")), m=Case(When("
                    + "view_count__gt=1, then=Value(\"big\")), default=Value(\"small\"))).order_by(\"-n\", \"title\")",
            "Post.objects.annotate(latest=Subquery(Comment.objects.filter(post=OuterRef(\"pk\")).order_by("
                    + "\"-created_at\").values(\"body\")[:1])).filter(Exists(Comment.objects.filter(post=OuterRef("
                    + "\"pk\"))))",
            "Author.objects.prefetch_related(Prefetch(\"posts\", queryset=Post.objects.filter(view_count__gt=1)))"
                    + ".values(\"name\", n=Lower(\"email\"))",
            "Post.objects.filter(id__in=Comment.objects.values(\"post\")).union(Post.objects.filter(title=\"x\"))",
            "(Post.objects.filter(title=\"a\") | Post.objects.filter(comments__body=\"b\") & Post.objects.filter("
                    + "id__in=Post.objects.filter(id=1) | Post.objects.filter(id=2))).order_by(\"-id\")");

    @BeforeAll
    static void load() throws Exception {
        schema = ModelsPyImporter.importFile(Path.of("sample-db/blog/models.py"), null);
        SampleGallery.load(schema).forEach(s -> queries.add(s.design().query()));
        MORE.forEach(t -> queries.add(DjangoParser.parse(t, schema)));
    }

    @Test
    void everyPartFoundIsTheObjectTheLensReadsAtItsPath() {
        int parts = 0;
        for (QuerySet qs : queries) {
            for (var e : QueryParts.of(qs).parts().entrySet()) {
                assertThat(QueryLens.get(qs, e.getKey())).as(e.getKey() + " in " + DjangoPrinter.print(qs))
                        .isSameAs(e.getValue());
                parts++;
            }
        }
        assertThat(parts).isGreaterThan(200);
    }

    @Test
    void theSourceMapHasTextForEveryPartOfEverySample() {
        for (QuerySet sample : queries) {
            String text = DjangoPrinter.print(sample);
            DjangoParser.Parsed parsed = DjangoParser.parseWithSource(text, schema);
            SourceMap map = parsed.source();
            for (NodePath p : QueryParts.of(parsed.query()).parts().keySet()) {
                SourceMap.Site site = map.site(p);
                assertThat(site).as(p + " in " + text).isNotNull();
                assertThat(site.whole().end()).as(p + " in " + text).isGreaterThan(site.whole().start())
                        .isLessThanOrEqualTo(text.length());
            }
        }
    }
}
