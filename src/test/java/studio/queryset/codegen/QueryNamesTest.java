package studio.queryset.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import studio.queryset.django.DjangoParser;
import studio.queryset.query.QuerySet;
import studio.queryset.schema.ModelsPyImporter;
import studio.queryset.schema.Schema;

/** Names in a batch: queries that would share a name are told apart by what differs, numbered only as a last resort. */
class QueryNamesTest {
    static Schema schema;

    @BeforeAll
    static void load() throws Exception {
        schema = ModelsPyImporter.importFile(Path.of("sample-db/blog/models.py"), null);
    }

    private static List<String> names(String... exprs) {
        List<QuerySet> qs = java.util.Arrays.stream(exprs).map(e -> DjangoParser.parse(e, schema)).toList();
        return QueryNames.distinct(schema, qs, Collections.nCopies(qs.size(), null));
    }

    @Test
    void queriesAlikeByNameAreToldApartByWhatDiffers() {
        assertThat(names("Post.objects.filter(author__name=\"Ada\")", "Post.objects.filter(title__icontains=\"x\")",
                "Post.objects.order_by(\"-view_count\")[:10]", "Post.objects.select_related(\"author\")",
                "Post.objects.exclude(pk__in=[1, 2])", "Post.objects.all()", "Author.objects.count()"))
                .containsExactly("findPostsByAuthorName", "findPostsByTitle", "findPostsOrderedByViewCountDesc",
                        "findPostsWithAuthor", "findPostsExcludingId", "findPosts", "countAuthors");
    }

    @Test
    void qualifiersAreAddedOnlyWhileNamesStillCollide() {
        assertThat(names("Post.objects.filter(author__name=\"Ada\")",
                "Post.objects.filter(author__name=\"Ada\").order_by(\"id\")[:5]", "Post.objects.order_by(\"id\")"))
                .containsExactly("findPostsByAuthorName", "findPostsByAuthorNameOrderedById", "findPostsOrderedById");
        assertThat(names("Post.objects.filter(view_count=1)", "Post.objects.filter(view_count=2)"))
                .as("the same shape twice: numbered").containsExactly("findPostsByViewCount", "findPostsByViewCount2");
    }

    @Test
    void givenNamesAreKeptAndALoneQueryKeepsItsPlainName() {
        QuerySet a = DjangoParser.parse("Post.objects.filter(view_count=1)", schema);
        QuerySet b = DjangoParser.parse("Post.objects.filter(title=\"x\")", schema);
        assertThat(QueryNames.distinct(schema, List.of(a, b), java.util.Arrays.asList("popular", null)))
                .containsExactly("popular", "findPosts");
    }
}
