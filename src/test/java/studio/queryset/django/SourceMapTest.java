package studio.queryset.django;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import studio.queryset.query.NodePath;
import studio.queryset.schema.ModelsPyImporter;
import studio.queryset.schema.Schema;

/** The parser's source map: each part's text, by the NodePath the canvas uses for it. */
class SourceMapTest {
    static Schema schema;

    @BeforeAll
    static void load() throws Exception {
        schema = ModelsPyImporter.importFile(Path.of("sample-db/blog/models.py"), null);
    }

    static String at(String text, Span s) {
        return text.substring(s.start(), s.end());
    }

    @Test
    void stepsArgumentsQChildrenAndExpressionsHaveTheirText() {
        String text = "Post.objects.filter(Q(title=\"a\") | Q(slug=\"b\"), view_count__gt=F(\"id\") + 1)"
                + ".annotate(n=Count(\"comments\"))[:5]";
        SourceMap m = DjangoParser.parseWithSource(text, schema).source();
        assertThat(at(text, m.site(NodePath.SOURCE).whole())).isEqualTo("Post.objects");
        assertThat(at(text, m.site(NodePath.parse("s0")).whole())).startsWith("filter(Q(title").endsWith("+ 1)");
        assertThat(at(text, m.site(NodePath.parse("s0.a0")).whole())).isEqualTo("Q(title=\"a\") | Q(slug=\"b\")");
        assertThat(at(text, m.site(NodePath.parse("s0.a0.c1")).whole())).isEqualTo("slug=\"b\"");
        assertThat(at(text, m.site(NodePath.parse("s0.a0.c1")).name())).isEqualTo("slug");
        assertThat(at(text, m.site(NodePath.parse("s0.k0")).whole())).isEqualTo("view_count__gt=F(\"id\") + 1");
        assertThat(at(text, m.site(NodePath.parse("s0.k0.e")).whole())).isEqualTo("F(\"id\") + 1");
        assertThat(at(text, m.site(NodePath.parse("s0.k0.e.l")).name())).isEqualTo("id");
        assertThat(at(text, m.site(NodePath.parse("s1.n.n")).whole())).isEqualTo("n=Count(\"comments\")");
        assertThat(at(text, m.site(NodePath.parse("s1.n.n")).key())).isEqualTo("n");
        assertThat(at(text, m.site(NodePath.parse("s1.n.n.arg")).name())).isEqualTo("comments");
        assertThat(at(text, m.site(NodePath.parse("s2")).whole())).isEqualTo("[:5]");
    }

    @Test
    void nestedPipelinesAndFieldArgumentsHaveTheirText() {
        String text = "Post.objects.annotate(c=Subquery(Comment.objects.filter(post=OuterRef(\"pk\"))"
                + ".values(\"id\")[:1])).order_by(\"-c\", \"title\")";
        SourceMap m = DjangoParser.parseWithSource(text, schema).source();
        assertThat(at(text, m.site(NodePath.parse("s0.n.c.src")).whole())).startsWith("Comment.objects");
        assertThat(at(text, m.site(NodePath.parse("s0.n.c.s0.k0")).whole())).isEqualTo("post=OuterRef(\"pk\")");
        assertThat(at(text, m.site(NodePath.parse("s0.n.c.s1")).whole())).isEqualTo("values(\"id\")");
        assertThat(at(text, m.argument(NodePath.parse("s1"), 0).whole())).isEqualTo("\"-c\"");
        assertThat(at(text, m.argument(NodePath.parse("s1"), 0).name())).isEqualTo("c");
        assertThat(at(text, m.argument(NodePath.parse("s1"), 1).name())).isEqualTo("title");
    }

    @Test
    void aParseErrorIsTheTokenAtItsOffset() {
        assertThat(SourceMap.tokenAt("Post.objects.fliter(x=1)", 13)).isEqualTo(new Span(13, 19));
        assertThat(SourceMap.tokenAt("abc", 3)).isEqualTo(new Span(2, 3));
    }
}
