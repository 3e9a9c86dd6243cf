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
import studio.queryset.django.DjangoParser;
import studio.queryset.django.DjangoPrinter;
import studio.queryset.query.Expression;
import studio.queryset.query.Q;
import studio.queryset.query.QueryException;
import studio.queryset.query.QuerySet;
import studio.queryset.schema.ModelsPyImporter;
import studio.queryset.schema.Schema;

/** Expression trees on the canvas: which parts get nodes, and edits addressed by their node paths. */
class ExpressionEditsTest {
    static Schema schema;

    @BeforeAll
    static void load() throws Exception {
        schema = ModelsPyImporter.importFile(Path.of("sample-db/blog/models.py"), null);
    }

    static NodePath p(String path) {
        return NodePath.parse(path);
    }

    static QuerySet parse(String text) {
        return DjangoParser.parse(text, schema);
    }

    @Test
    void complexPartsGetNodesSimpleOperandsDoNot() {
        DesignGraph g = DesignGraph.of(parse("Author.objects.annotate(n=Count(\"posts\"), published=Sum(Case(When("
                + "posts__published_at__isnull=False, then=1), default=0)), score=F(\"pk\") + Length(\"name\") * 2)"));
        assertThat(g.node("s0.n.n").children()).isEmpty();
        assertThat(g.node("s0.n.published.arg").label()).isEqualTo("of · Case");
        assertThat(g.node("s0.n.published.arg.w0").label()).isEqualTo("When 1 · When");
        assertThat(g.node("s0.n.published.arg.w0.cond").kind()).isEqualTo(NodeKind.Q_GROUP);
        assertThat(g.node("s0.n.published.arg.w0.cond.c0").text()).isEqualTo("posts__published_at__isnull=False");
        assertThat(g.node("s0.n.published.arg.w0.then")).as("a literal then stays on the When").isNull();
        assertThat(g.node("s0.n.score.l")).isNull();
        assertThat(g.node("s0.n.score.r").text()).isEqualTo("Length(\"name\") * 2");
        assertThat(g.node("s0.n.score.r.l").label()).isEqualTo("left · Length");

        DesignGraph f = DesignGraph.of(parse("Post.objects.filter(view_count__gt=F(\"word_count\") * 2)"));
        assertThat(f.node("s0.k0.e").kind()).isEqualTo(NodeKind.EXPRESSION);
        assertThat(f.node("s0.k0.e").text()).isEqualTo("F(\"word_count\") * 2");
    }

    @Test
    void editsAddressedBelowAnnotationsAndLookups() {
        QuerySet qs = parse("Author.objects.annotate(published=Sum(Case(When(posts__published_at__isnull=False, "
                + "then=Value(1)), default=Value(0))))");
        // a lookup inside a When edits like any condition
        QuerySet a = ConditionEdits.replace(qs, p("s0.n.published.arg.w0.cond.c0"),
                new Q.Lookup("posts__view_count__gt", Expression.Value.of(10L))).query();
        assertThat(DjangoPrinter.print(a)).isEqualTo("Author.objects.annotate(published=Sum(Case(When("
                + "posts__view_count__gt=10, then=Value(1)), default=Value(0))))");
        // a second When, then removing the first
        Edit addWhen = ExpressionEdits.addWhen(qs, p("s0.n.published.arg"), new Expression.When(
                Q.of("posts__view_count__gt", 5L), Expression.Value.of(2L)));
        assertThat(addWhen.selectAfter()).isEqualTo(p("s0.n.published.arg.w1"));
        QuerySet b = addWhen.query();
        assertThat(DesignGraph.of(b).node("s0.n.published.arg.w1")).isNotNull();
        QuerySet c = NodeEdits.delete(b, p("s0.n.published.arg.w0")).query();
        assertThat(DjangoPrinter.print(c)).isEqualTo("Author.objects.annotate(published=Sum(Case(When("
                + "posts__view_count__gt=5, then=Value(2)), default=Value(0))))");
        assertThatThrownBy(() -> NodeEdits.delete(c, p("s0.n.published.arg.w0")))
                .isInstanceOf(QueryException.class).hasMessageContaining("at least one When");

        QuerySet v = parse("Post.objects.filter(view_count__gt=F(\"word_count\") * 2)");
        QuerySet w = ExpressionEdits.replace(v, p("s0.k0.e.r"), Expression.Value.of(3L)).query();
        assertThat(DjangoPrinter.print(w)).isEqualTo("Post.objects.filter(view_count__gt=F(\"word_count\") * 3)");
        assertThat(QueryLens.get(w, p("s0.k0.e"))).isEqualTo(new Expression.Combined(
                new Expression.F("word_count"), "*", Expression.Value.of(3L)));
    }

    @Test
    void aggregateFilterConditionsAndNamesEdit() {
        QuerySet qs = parse("Author.objects.annotate(published=Count(\"posts\", filter=Q(posts__published_at__isnull"
                + "=False)))");
        assertThat(DesignGraph.of(qs).node("s0.n.published.filter").kind()).isEqualTo(NodeKind.Q_GROUP);
        Edit more = ConditionEdits.add(qs, p("s0.n.published.filter"),
                new Q.Lookup("posts__view_count__gte", Expression.Value.of(1L)));
        assertThat(DjangoPrinter.print(more.query())).isEqualTo("Author.objects.annotate(published=Count(\"posts\", "
                + "filter=Q(posts__published_at__isnull=False, posts__view_count__gte=1)))");
        assertThat(more.selectAfter()).isEqualTo(p("s0.n.published.filter.c1"));
        Expression count = new Expression.Aggregate("Count", new Expression.F("posts"), false, null, null,
                java.util.Map.of());
        QuerySet withN = AnnotationEdits.add(more.query(), p("s0"), "n", count, schema).query();
        Edit renamed = AnnotationEdits.rename(withN, p("s0.n.published"), "pub", schema);
        assertThat(renamed.selectAfter()).isEqualTo(p("s0.n.pub"));
        assertThat(DjangoPrinter.print(renamed.query())).startsWith("Author.objects.annotate(pub=Count(").endsWith(
                ", n=Count(\"posts\"))");
        assertThatThrownBy(() -> AnnotationEdits.rename(renamed.query(), p("s0.n.pub"), "n", schema))
                .isInstanceOf(QueryException.class).hasMessageContaining("keyword argument repeated: n");
        assertThatThrownBy(() -> AnnotationEdits.add(renamed.query(), p("s0"), "bad name", Expression.Value.of(1L),
                schema)).isInstanceOf(QueryException.class).hasMessageContaining("must be a Python name");
    }

    @Test
    void expressionTextRoundTrips() {
        for (String text : List.of("F(\"view_count\") + (F(\"word_count\") * 2)", "Coalesce(F(\"view_count\"), 0)",
                "OuterRef(\"pk\")", "Cast(\"view_count\", output_field=FloatField())",
                "Sum(Case(When(view_count__gt=1, then=Value(1)), default=Value(0)))")) {
            Expression e = ExpressionText.parse(text, schema, "Post");
            // the operand fields show the printed text: applying it unchanged gives the same expression
            assertThat(ExpressionText.parse(ExpressionText.print(e), schema, "Post")).as(text).isEqualTo(e);
        }
        assertThat(ExpressionText.printValue(Expression.Value.of(0L))).isEqualTo("0");
        assertThat(ExpressionText.printValue(Expression.Value.of("a b"))).isEqualTo("\"a b\"");
        assertThatThrownBy(() -> ExpressionText.parse("Count(\"posts\"", schema, "Author"))
                .isInstanceOf(QueryException.class);
    }
}
