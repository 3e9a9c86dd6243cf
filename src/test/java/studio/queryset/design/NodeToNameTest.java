package studio.queryset.design;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import studio.queryset.django.DjangoParser;
import studio.queryset.schema.Schema;
import studio.queryset.schema.ModelsPyImporter;

/** Which node a command added for the user to name or fill next: one new named entry, or an empty lookup. */
class NodeToNameTest {
    private static Schema schema;

    @org.junit.jupiter.api.BeforeAll
    static void load() throws Exception {
        schema = ModelsPyImporter.importFile(Path.of("sample-db/blog/models.py"), null);
    }

    private DesignGraph graph(String text) {
        return DesignGraph.of(DjangoParser.parse(text, schema));
    }

    private String of(String before, String after) {
        return NodeToName.of(graph(before), graph(after));
    }

    @Test
    void aNewAnnotationIsNamedNext() {
        assertThat(of("Author.objects.all()", "Author.objects.annotate(count=Count(\"posts\"))"))
                .isEqualTo("s0.n.count");
        assertThat(of("Author.objects.annotate(n=Count(\"posts\"))",
                "Author.objects.annotate(n=Count(\"posts\"), posts__published_at__max=Max(\"posts__published_at\"))"))
                .isEqualTo("s0.n.posts__published_at__max");
    }

    @Test
    void settingTheArgumentOfANamedAnnotationOrRenamingItOpensNothing() {
        assertThat(of("Author.objects.annotate(post_count=Count(\"id\"))",
                "Author.objects.annotate(post_count=Count(\"posts\"))")).isNull();
    }

    @Test
    void aStepInsertedAheadShiftsIdsButAddsNothingToName() {
        assertThat(of("Author.objects.annotate(n=Count(\"posts\"))",
                "Author.objects.filter(name=\"Alice\").annotate(n=Count(\"posts\"))")).isNull();
    }

    @Test
    void aLookupLeftComparingWithAnEmptyStringIsFilledNext() {
        assertThat(of("Post.objects.filter(Q(published_at__isnull=False) | Q(title=\"x\"))",
                "Post.objects.filter(Q(published_at__isnull=False) | Q(author__name=\"\"))")).isEqualTo("s0.a0.c1");
        assertThat(of("Post.objects.all()", "Post.objects.filter(published_at__isnull=False)")).isNull();
    }

    @Test
    void aNumberLookupLeftAtItsZeroIsFilledNextAComparisonWithZeroIsNot() {
        assertThat(of("Post.objects.all()", "Post.objects.filter(id=0)")).isEqualTo("s0.k0");
        assertThat(of("Post.objects.all()", "Post.objects.filter(author__id__exact=0)")).isEqualTo("s0.k0");
        assertThat(of("Post.objects.all()", "Post.objects.filter(view_count__gt=0)")).isNull();
        assertThat(of("Post.objects.all()", "Post.objects.filter(view_count=10)")).isNull();
    }

    @Test
    void aNewRawQueryIsWrittenNextItsEditIsNot() {
        assertThat(of("Author.objects.all()", "Author.objects.raw(\"SELECT * FROM blog_author WHERE id > %s\", [0])"))
                .isEqualTo("s0");
        assertThat(of("Author.objects.raw(\"SELECT * FROM blog_author\")",
                "Author.objects.raw(\"SELECT * FROM blog_author WHERE id > %s\", [0])")).isNull();
    }

    @Test
    void twoCandidatesAreNoChoice() {
        assertThat(of("Post.objects.all()", "Post.objects.filter(Q(title=\"\") | Q(body=\"\"))")).isNull();
    }

    @Test
    void aNewPrefetchObjectIsNamedNextAPlainLookupIsNot() {
        assertThat(of("Author.objects.all()",
                "Author.objects.prefetch_related(Prefetch(\"posts\", queryset=Post.objects.all()))")).isNotNull();
        assertThat(of("Author.objects.all()", "Author.objects.prefetch_related(\"posts\")")).isNull();
    }
}
