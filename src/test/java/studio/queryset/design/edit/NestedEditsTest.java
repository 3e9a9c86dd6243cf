package studio.queryset.design.edit;

import studio.queryset.query.NodePath;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import studio.queryset.design.DesignGraph;
import studio.queryset.design.NodeKind;
import studio.queryset.design.RelationPaths;
import studio.queryset.django.DjangoParser;
import studio.queryset.django.DjangoPrinter;
import studio.queryset.query.Expression;
import studio.queryset.query.Prefetch;
import studio.queryset.query.Q;
import studio.queryset.query.QueryException;
import studio.queryset.query.QuerySet;
import studio.queryset.query.Step;
import studio.queryset.schema.ModelsPyImporter;
import studio.queryset.schema.Schema;

/** Edits of nested pipelines by node path, and the relation paths the pickers offer, on the sample blog. */
class NestedEditsTest {
    static Schema schema;

    @BeforeAll
    static void load() throws Exception {
        schema = ModelsPyImporter.importFile(Path.of("sample-db/blog/models.py"), null);
    }

    private static NodePath p(String path) {
        return NodePath.parse(path);
    }

    private static String frame(String path) {
        NodePath f = p(path).frame();
        return f == null ? null : f.toString();
    }

    private static QuerySet parse(String text) {
        return DjangoParser.parse(text, schema);
    }

    @Test
    void frameOfFindsThePipelineHoldingANode() {
        assertThat(frame("s0")).isNull();
        assertThat(frame("s0.a0.c1")).isNull();
        assertThat(frame("s0.n.latest.src")).isEqualTo("s0.n.latest");
        assertThat(frame("s0.n.latest.s1.k0")).isEqualTo("s0.n.latest");
        assertThat(frame("s2.f0.s0.a0.c1")).isEqualTo("s2.f0");
        assertThat(frame("s0.k0.v.s0")).isEqualTo("s0.k0.v");
        assertThat(frame("s0.n.x.s0.a1.s2.k0")).isEqualTo("s0.n.x.s0.a1");
    }

    @Test
    void stagesGoIntoAnExistsConditionFrame() {
        QuerySet qs = parse("Author.objects.filter(Exists(Post.objects.all()))");
        DesignGraph g = DesignGraph.of(qs);
        assertThat(g.node("s0.a0").kind()).isEqualTo(NodeKind.SUBQUERY);
        QuerySet edited = StepEdits.insert(qs, p("s0.a0.s0"), new Step.Filter(List.of(), List.of(
                new Q.Lookup("author", new Expression.OuterRef("pk", 1))), false)).query();
        assertThat(DjangoPrinter.print(edited))
                .isEqualTo("Author.objects.filter(Exists(Post.objects.filter(author=OuterRef(\"pk\"))))");
        assertThat(QueryLens.get(edited, p("s0.a0.s0"))).isInstanceOf(Step.Filter.class);
        assertThatThrownBy(() -> StepEdits.insert(qs, p("s0.a0.s0"), new Step.Terminal("count", null,
                List.of()))).isInstanceOf(QueryException.class).hasMessageContaining("nested queryset");
    }

    @Test
    void subqueryValueFramesGetANodeAndTheSingleValueShape() {
        QuerySet qs = parse("Post.objects.filter(author=Subquery(Author.objects.order_by(\"name\")))");
        DesignGraph g = DesignGraph.of(qs);
        assertThat(g.node("s0.k0.v").kind()).isEqualTo(NodeKind.SUBQUERY);
        assertThat(g.node("s0.k0").children()).contains("s0.k0.v");
        assertThat(g.node("s0.k0.v.src").label()).isEqualTo("Author.objects");
        QuerySet shaped = NestedEdits.singleValue(qs, p("s0.k0.v"), "pk").query();
        assertThat(DjangoPrinter.print(shaped)).isEqualTo(
                "Post.objects.filter(author=Subquery(Author.objects.order_by(\"name\").values(\"pk\")[:1]))");
        // applied twice it replaces, not stacks
        QuerySet again = NestedEdits.singleValue(shaped, p("s0.k0.v"), "id").query();
        assertThat(DjangoPrinter.print(again)).endsWith(".values(\"id\")[:1]))");
        // deleting the value frame deletes its lookup
        assertThat(DjangoPrinter.print(NodeEdits.delete(again, p("s0.k0.v")).query())).isEqualTo("Post.objects.filter()");
    }

    @Test
    void prefetchEditsKeepTheQuerysetOnlyForTheSameModel() {
        QuerySet qs = parse("Author.objects.prefetch_related(Prefetch(\"posts\", queryset=Post.objects.filter("
                + "published_at__isnull=False)))");
        Prefetch old = NestedEdits.prefetchAt(qs, p("s0.f0"));
        QuerySet toAttr = NestedEdits.setPrefetch(qs, p("s0.f0"), NestedEdits.prefetch("posts", "Post", old.queryset(),
                true, "published_posts")).query();
        assertThat(DjangoPrinter.print(toAttr)).isEqualTo("Author.objects.prefetch_related(Prefetch(\"posts\", "
                + "queryset=Post.objects.filter(published_at__isnull=False), to_attr=\"published_posts\"))");
        QuerySet tags = NestedEdits.setPrefetch(qs, p("s0.f0"), NestedEdits.prefetch("posts__tags", "Tag",
                old.queryset(), true, null)).query();
        assertThat(DjangoPrinter.print(tags)).isEqualTo(
                "Author.objects.prefetch_related(Prefetch(\"posts__tags\", queryset=Tag.objects.all()))");
        QuerySet plain = NestedEdits.setPrefetch(qs, p("s0.f0"), NestedEdits.prefetch("posts", "Post", old.queryset(),
                false, " ")).query();
        assertThat(DjangoPrinter.print(plain)).isEqualTo("Author.objects.prefetch_related(\"posts\")");
        assertThatThrownBy(() -> NestedEdits.prefetch("posts", "Post", null, false, "bad name"))
                .hasMessageContaining("to_attr");
    }

    @Test
    void rawChecksPlaceholdersAgainstParameters() {
        QuerySet raw = NestedEdits.raw("Post", "SELECT * FROM blog_post WHERE view_count > %s AND title LIKE '%s'",
                List.of(Expression.Value.of(10L)), "Raw SQL").query();
        assertThat(DjangoPrinter.print(raw)).isEqualTo(
                "Post.objects.raw(\"SELECT * FROM blog_post WHERE view_count > %s AND title LIKE '%s'\", [10])");
        assertThatThrownBy(() -> NestedEdits.raw("Post", "SELECT * FROM blog_post WHERE id = %s", List.of(), "Raw SQL"))
                .hasMessageContaining("1 %s placeholder but 0 parameters");
        assertThatThrownBy(() -> NestedEdits.raw("Post", " ", List.of(), "Raw SQL")).hasMessageContaining("SQL text");
    }

    @Test
    void relationPathsForPickers() {
        assertThat(RelationPaths.singleValued(schema, "Comment", 3))
                .containsExactly("post", "post__author", "post__author__profile");
        assertThat(RelationPaths.singleValued(schema, "Author", 2)).containsExactly("profile");
        assertThat(RelationPaths.manyValued(schema, "Author", 2)).contains("posts", "posts__tags", "posts__comments")
                .doesNotContain("profile");
        assertThat(RelationPaths.manyValued(schema, "Post", 1)).containsExactlyInAnyOrder("tags", "comments");
        assertThat(RelationPaths.target(schema, "Author", "posts__tags")).contains("Tag");
        assertThat(RelationPaths.concreteFields(schema, "Post")).startsWith("id", "title").contains("body")
                .doesNotContain("tags");
        assertThat(RelationPaths.outerRefPaths(schema, "Author")).startsWith("pk").contains("name", "posts__title");
        assertThat(RelationPaths.relatedModel(schema, "Author")).isEqualTo("Post");
        assertThat(RelationPaths.relatedModel(schema, "Comment")).isEqualTo("Post");
    }
}
