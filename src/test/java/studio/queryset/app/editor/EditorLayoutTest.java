package studio.queryset.app.editor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import studio.queryset.app.document.QueryViewModel;
import studio.queryset.django.DjangoParser;
import studio.queryset.query.QuerySet;
import studio.queryset.schema.ModelsPyImporter;
import studio.queryset.schema.Schema;

/** The editor's layout of long QuerySets: a step a line, a long step a line per argument; same meaning. */
class EditorLayoutTest {
    static Schema schema;

    @BeforeAll
    static void load() throws Exception {
        schema = ModelsPyImporter.importFile(Path.of("sample-db", "blog", "models.py"), null);
    }

    private static String orOf(int n) {
        StringBuilder text = new StringBuilder("Post.objects.filter(");
        for (int i = 0; i < n; i++) {
            text.append(i == 0 ? "" : " | ").append("Q(title__icontains=\"a, b | c & d ").append(i).append("\")");
        }
        return text.append(", view_count__gt=3)").toString();
    }

    @Test
    void aLongStepGetsALinePerOperandAndParsesToTheSameQuerySet() {
        QuerySet qs = DjangoParser.parse(orOf(40), schema);
        String laid = QueryViewModel.layout(qs);
        assertThat(laid.lines().count()).isEqualTo(42);
        assertThat(laid).startsWith("(Post.objects\n    .filter(Q(title__icontains=\"a, b | c & d 0\")\n        | Q(");
        assertThat(laid).contains("\n        view_count__gt=3))");
        assertThat(DjangoParser.parse(laid, schema)).isEqualTo(qs);
    }

    @Test
    void shortTextsStayOnOneLine() {
        QuerySet qs = DjangoParser.parse("Post.objects.filter(Q(title__icontains=\"x\") | Q(view_count=2))", schema);
        assertThat(QueryViewModel.layout(qs)).doesNotContain("\n");
    }
}
