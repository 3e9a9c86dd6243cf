package studio.queryset.app.canvas.editor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import studio.queryset.design.DesignGraph;
import studio.queryset.django.DjangoParser;
import studio.queryset.query.QuerySet;
import studio.queryset.schema.ModelsPyImporter;
import studio.queryset.schema.Schema;

/** Which node each gotcha and lint flag lands on, and what it says (no window needed). */
class CanvasWarningsTest {
    static Schema schema;

    @BeforeAll
    static void load() throws Exception {
        schema = ModelsPyImporter.importFile(Path.of("sample-db/blog/models.py"), null);
    }

    static List<CanvasWarnings.Warning> find(String text) {
        QuerySet qs = DjangoParser.parse(text, schema);
        return CanvasWarnings.find(schema, qs, DesignGraph.of(qs));
    }

    @Test
    void aGotchaLandsOnItsStepAndAnExcludeGotchaOnTheLookupItNames() {
        assertThat(find("Author.objects.annotate(a=Count(\"posts\"), b=Count(\"posts__comments\"))"))
                .extracting(CanvasWarnings.Warning::nodeId, CanvasWarnings.Warning::source)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("s0", "Gotcha"));
        List<CanvasWarnings.Warning> exclude = find("Post.objects.exclude(title=\"x\", tags__name=\"django\")");
        assertThat(exclude).singleElement().satisfies(w -> {
            assertThat(w.nodeId()).isEqualTo("s0.k1");
            assertThat(w.title()).isEqualTo("exclude(tags__name) runs as a subquery");
            assertThat(w.detail()).startsWith("Why: ").contains("\nFix: ");
            assertThat(w.line("tags__name")).startsWith("Node tags__name (s0.k1): exclude(tags__name) runs as a "
                    + "subquery — Why: ");
        });
    }

    @Test
    void lintFlagsComeWithTheGotchas() {
        assertThat(find("Post.objects.order_by(\"?\").count()"))
                .extracting(CanvasWarnings.Warning::nodeId, CanvasWarnings.Warning::source)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("s0", "Gotcha"),
                        org.assertj.core.groups.Tuple.tuple("s0", "Lint"));
        assertThat(find("Post.objects.filter(title=\"a\")")).isEmpty();
    }
}
