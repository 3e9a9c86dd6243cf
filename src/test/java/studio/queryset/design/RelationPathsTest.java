package studio.queryset.design;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import studio.queryset.design.RelationPaths.FieldPath;
import studio.queryset.schema.ModelsPyImporter;
import studio.queryset.schema.Schema;
import studio.queryset.sql.LookupCatalog;

/** The field picker's paths: every field within the depth, typed, and no path that walks in a circle. */
class RelationPathsTest {
    static Schema blog;

    @BeforeAll
    static void load() throws Exception {
        blog = ModelsPyImporter.importFile(Path.of("sample-db/blog/models.py"), null);
    }

    static List<String> paths(Schema s, String model, int depth) {
        return RelationPaths.fields(s, model, depth).stream().map(FieldPath::path).toList();
    }

    @Test
    void ownFieldsComeFirstThenEachRelationsFieldsWithTheirTypes() {
        List<FieldPath> fields = RelationPaths.fields(blog, "Post", 1);
        assertThat(fields.get(0).path()).isEqualTo("id");
        assertThat(fields).extracting(FieldPath::label).contains("title  CharField", "author  ForeignKey → Author",
                "author__name  CharField", "tags__name  CharField", "comments  reverse, many → Comment",
                "comments__author_name  CharField", "published_at  DateTimeField");
        assertThat(fields.stream().filter(f -> f.path().equals("author")).findFirst().orElseThrow().relation())
                .isTrue();
        assertThat(RelationPaths.typeOf(blog, "Author", "posts__view_count", 2)).contains("IntegerField");
        assertThat(RelationPaths.typeOf(blog, "Author", "posts__nope", 2)).isEmpty();
    }

    @Test
    void noPathReturnsToAModelAlreadyOnIt() {
        for (String model : List.of("Author", "Profile", "Tag", "Post", "Comment")) {
            for (int depth = 0; depth <= 4; depth++) {
                for (String path : paths(blog, model, depth)) {
                    List<String> hops = List.of(path.split("__"));
                    List<String> visited = new java.util.ArrayList<>(List.of(model));
                    for (int i = 0; i < hops.size() - 1; i++) {
                        String at = RelationPaths.target(blog, model, String.join("__", hops.subList(0, i + 1)))
                                .orElseThrow();
                        assertThat(visited).as(model + ": " + path).doesNotContain(at);
                        visited.add(at);
                    }
                }
            }
        }
        assertThat(paths(blog, "Profile", 3)).contains("author__name", "author__posts__title")
                .doesNotContain("author__profile", "author__profile__bio", "author__posts__author__name");
        assertThat(paths(blog, "Post", 3)).doesNotContain("author__posts", "tags__posts", "comments__post__title");
    }

    @Test
    void theDepthLimitsHowManyRelationsAPathWalks() {
        assertThat(paths(blog, "Post", 0)).contains("author", "title").doesNotContain("author__name");
        assertThat(paths(blog, "Post", 1)).contains("author__name", "author__profile")
                .doesNotContain("author__profile__bio");
        assertThat(paths(blog, "Post", 2)).contains("author__profile__bio");
        for (int depth = 0; depth <= 3; depth++) {
            for (String path : paths(blog, "Comment", depth)) {
                assertThat(path.split("__").length).as(path).isLessThanOrEqualTo(depth + 1);
            }
        }
    }

    @Test
    void everyPathIsOneTheLookupResolverTypes() {
        for (String path : paths(blog, "Author", 2)) {
            assertThat(LookupCatalog.typeOf(blog, "Author", path)).as(path).isPresent();
        }
    }

    @Test
    void aSelfRelationIsAFieldOfItsModelButNotWalkedAgain() {
        Schema s = ModelsPyImporter.importSource("shop", """
                from django.db import models

                class Category(models.Model):
                    name = models.CharField(max_length=50)
                    parent = models.ForeignKey("self", null=True, on_delete=models.CASCADE, related_name="children")
                """);
        List<String> paths = paths(s, "Category", 3);
        assertThat(paths).contains("name", "parent", "children")
                .doesNotContain("parent__name", "parent__parent", "children__name");
    }
}
