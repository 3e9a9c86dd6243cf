package studio.queryset.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.queryset.django.DjangoParser;
import studio.queryset.query.QuerySet;
import studio.queryset.schema.ModelsPyImporter;
import studio.queryset.schema.Schema;
import studio.queryset.sql.Dialect;

/**
 * Golden files for the generators (src/test/resources/golden/codegen): any change in what they write, style
 * included, shows as a diff. Regenerate with {@code mvn test -Dtest=CodegenGoldenTest -Dgolden.update=true}
 * and review the diff. The Java goldens must also compile cleanly.
 */
class CodegenGoldenTest {
    /** A representative query: file name, class and method, dialect, Django text. */
    record Golden(String file, String className, String method, Dialect dialect, String expr) {
    }

    static final List<Golden> GOLDENS = List.of(
            new Golden("SearchPosts", "PostSearch", "searchPosts", Dialect.SQLITE,
                    "Post.objects.filter(title__icontains=Param(\"query\"), author=Param(\"author\", optional=True))"
                            + ".order_by(\"-published_at\")"),
            new Golden("LatestPostsWithAuthorTagsComments", "LatestPosts", null, Dialect.POSTGRESQL,
                    "Post.objects.select_related(\"author__profile\").prefetch_related(\"tags\", "
                            + "Prefetch(\"comments\", queryset=Comment.objects.order_by(\"-created_at\"), "
                            + "to_attr=\"recent_comments\"))"
                            + ".filter(published_at__isnull=False).order_by(\"-published_at\")[:20]"),
            new Golden("AuthorStats", "AuthorStats", null, Dialect.POSTGRESQL,
                    "Author.objects.annotate(post_count=Count(\"posts\"), published_count=Count(\"posts\", filter=Q("
                            + "posts__published_at__isnull=False)), latest_post_title=Subquery(Post.objects.filter("
                            + "author=OuterRef(\"pk\")).order_by(\"-published_at\").values(\"title\")[:1]))"
                            + ".order_by(\"-post_count\")"),
            new Golden("BumpViews", "PostWrites", "bumpViews", Dialect.SQLITE,
                    "Post.objects.filter(published_at__year=Param(\"year\")).update(view_count=F(\"view_count\") + 1)"),
            new Golden("CommentActivity", "CommentActivity", null, Dialect.POSTGRESQL,
                    "Comment.objects.filter(post__author__name=Param(\"author\"), created_at__gte=datetime(2024, 1, 1))"
                            + ".aggregate(n=Count(\"id\"), first=Min(\"created_at\"), last=Max(\"created_at\"))"));

    @TempDir
    Path dir;

    @Test
    void generatedSourcesMatchTheGoldenFiles() throws Exception {
        Path project = GeneratedJdbcCompilesAndRunsTest.projectDir();
        Schema schema = ModelsPyImporter.importFile(project.resolve("sample-db/blog/models.py"), null);
        Path goldenDir = project.resolve("src/test/resources/golden/codegen");
        boolean update = Boolean.getBoolean("golden.update");
        List<String> differ = new ArrayList<>();
        Map<String, String> java = new LinkedHashMap<>();
        for (Golden g : GOLDENS) {
            QuerySet qs = DjangoParser.parse(g.expr(), schema);
            String javaSource = new JavaJdbcGenerator(schema, g.dialect()).generate("com.example.blog", g.className(),
                    g.method(), qs);
            String python = new PythonGenerator(schema).generate(qs, g.method() == null ? null
                    : Names.python(g.method()));
            java.put("com.example.blog." + g.className(), javaSource);
            for (var file : Map.of(g.file() + ".java", javaSource, g.file() + ".py", python).entrySet()) {
                Path path = goldenDir.resolve(file.getKey());
                if (update) {
                    Files.createDirectories(goldenDir);
                    Files.writeString(path, file.getValue(), StandardCharsets.UTF_8);
                } else if (!Files.exists(path) || !Files.readString(path, StandardCharsets.UTF_8)
                        .equals(file.getValue())) {
                    Path actual = dir.resolve(file.getKey());
                    Files.writeString(actual, file.getValue(), StandardCharsets.UTF_8);
                    differ.add(file.getKey() + " (written: " + actual + "; diff it with " + path + ")");
                }
            }
        }
        assertThat(differ).as("generated code differs from the golden files; if the change is wanted, run with "
                + "-Dgolden.update=true and review the diff").isEmpty();
        List<String> style = new ArrayList<>();
        java.forEach((cls, source) -> style.addAll(GeneratedCode.styleProblems(cls, source)));
        assertThat(style).isEmpty();
        GeneratedCode.compile(java, dir.resolve("compiled"));
    }
}
