package studio.queryset.design.edit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import studio.queryset.django.DjangoParser;
import studio.queryset.django.DjangoPrinter;
import studio.queryset.query.NodePath;
import studio.queryset.query.QueryException;
import studio.queryset.schema.ModelsPyImporter;
import studio.queryset.schema.Schema;

/** Switching a stage between select_related and prefetch_related keeps its relations, or says why it cannot. */
class StepEditsTest {
    static Schema schema;

    @BeforeAll
    static void load() throws Exception {
        schema = ModelsPyImporter.importFile(Path.of("sample-db/blog/models.py"), null);
    }

    private static String switched(String text, String at) {
        return DjangoPrinter.print(StepEdits.switchRelatedLoading(DjangoParser.parse(text, schema),
                NodePath.parse(at)).query());
    }

    @Test
    void theSameRelationsGoFromAJoinToAQueryEachAndBack() {
        assertThat(switched("Comment.objects.select_related(\"post\", \"post__author\")[:5]", "s0"))
                .isEqualTo("Comment.objects.prefetch_related(\"post\", \"post__author\")[:5]");
        assertThat(switched("Post.objects.filter(id=1).prefetch_related(\"author\")", "s1"))
                .isEqualTo("Post.objects.filter(id=1).select_related(\"author\")");
    }

    @Test
    void whatOnlyOneOfThemCanSayIsRefusedWithTheWayOut() {
        assertThatThrownBy(() -> switched("Post.objects.select_related()", "s0"))
                .isInstanceOf(QueryException.class).hasMessageContaining("tick the relations first");
        assertThatThrownBy(() -> switched("Author.objects.prefetch_related(Prefetch(\"posts\", "
                + "queryset=Post.objects.all(), to_attr=\"all_posts\"))", "s0"))
                .isInstanceOf(QueryException.class).hasMessageContaining("change it to a plain lookup first");
        assertThatThrownBy(() -> switched("Post.objects.filter(id=1)", "s0"))
                .isInstanceOf(QueryException.class).hasMessageContaining("is not select_related()");
    }
}
