package studio.queryset.design.edit;

import studio.queryset.query.Segment;
import studio.queryset.query.NodePath;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import studio.queryset.design.DesignGraph;
import studio.queryset.design.DesignNode;
import studio.queryset.design.Role;
import studio.queryset.sample.SampleGallery;
import studio.queryset.query.Segment.Fixed;
import studio.queryset.query.Segment.Part;
import studio.queryset.django.DjangoParser;
import studio.queryset.django.DjangoPrinter;
import studio.queryset.query.Expression;
import studio.queryset.query.QueryException;
import studio.queryset.query.QuerySet;
import studio.queryset.schema.ModelsPyImporter;
import studio.queryset.schema.Schema;

/** The one parser and printer of node paths, and the aliases that the old regexes read as something else. */
class NodePathTest {
    static Schema schema;

    @BeforeAll
    static void load() throws Exception {
        schema = ModelsPyImporter.importFile(Path.of("sample-db/blog/models.py"), null);
    }

    @Test
    void parsesToTypedSegmentsAndPrintsBack() {
        NodePath p = NodePath.parse("s1.n.score.r.x0");
        assertThat(p.segments()).containsExactly(new Segment.StepAt(1), new Segment.Named("score"),
                new Fixed(Part.RIGHT), new Segment.FuncArg(0));
        assertThat(p).hasToString("s1.n.score.r.x0");
        assertThat(NodePath.parse("s2.f0.s1.a0.c3").segments()).containsExactly(new Segment.StepAt(2),
                new Segment.PrefetchItem(0), new Segment.StepAt(1), new Segment.Arg(0), new Segment.QChild(3));
        assertThat(NodePath.parse("s0.k0.v.src").segments()).containsExactly(new Segment.StepAt(0),
                new Segment.Kwarg(0), new Fixed(Part.LOOKUP_QUERY), new Segment.Source());
    }

    @Test
    void aNameAfterNIsAlwaysAnAliasEvenWhenItLooksLikeASegment() {
        for (String alias : List.of("score", "s0", "v", "sum", "src", "n", "e", "filter", "k1", "a__b")) {
            NodePath p = NodePath.parse("s0.n." + alias);
            assertThat(p.last()).as(alias).isEqualTo(new Segment.Named(alias));
            assertThat(p.frame()).as(alias).isNull();
            assertThat(p.stepPath()).as(alias).isEqualTo(NodePath.step(0));
            assertThat(NodePath.parse(p.toString())).isEqualTo(p);
        }
        // a nested step under an annotation named like a step
        NodePath nested = NodePath.parse("s0.n.s0.s1");
        assertThat(nested.frame()).hasToString("s0.n.s0");
        assertThat(nested.stepIndex()).isEqualTo(1);
    }

    @Test
    void framesAndStepsOfNestedPipelines() {
        assertThat(NodePath.parse("s0").frame()).isNull();
        assertThat(NodePath.parse("s0.a0.c1").frame()).isNull();
        assertThat(NodePath.parse("s0.n.latest.src").frame()).hasToString("s0.n.latest");
        assertThat(NodePath.parse("s0.n.latest.s1.k0").stepPath()).hasToString("s0.n.latest.s1");
        assertThat(NodePath.parse("s0.n.latest.s1.k0").sourcePath()).hasToString("s0.n.latest.src");
        assertThat(NodePath.parse("s0.n.x.s0.a1.s2.k0").frame()).hasToString("s0.n.x.s0.a1");
        assertThat(NodePath.parse("s0.n.x.s0.a1.s2.k0").sibling(0)).hasToString("s0.n.x.s0.a1.s0");
    }

    @Test
    void badPathsSayWhatAndWhereAndWhatWouldBeValid() {
        assertThatThrownBy(() -> NodePath.parse("s1.n")).isInstanceOf(QueryException.class)
                .hasMessageContaining("'s1.n'").hasMessageContaining("annotation name");
        assertThatThrownBy(() -> NodePath.parse("s1.zz")).isInstanceOf(QueryException.class)
                .hasMessageContaining("unknown segment 'zz' at token 2").hasMessageContaining("valid are sN, src");
        assertThatThrownBy(() -> NodePath.parse("")).isInstanceOf(QueryException.class);
        assertThatThrownBy(() -> NodePath.parse("s0..k0")).isInstanceOf(QueryException.class)
                .hasMessageContaining("unknown segment ''");
    }

    @Test
    void everyNodeOfEverySampleHasAPathThatPrintsToItsIdAndNamesItsPart() {
        int nodes = 0;
        for (SampleGallery.Sample s : SampleGallery.load(schema)) {
            QuerySet qs = s.design().query();
            DesignGraph g = DesignGraph.of(qs);
            for (DesignNode n : g.nodes()) {
                assertThat(NodePath.parse(n.id())).as(s.id() + " " + n.id()).isEqualTo(n.path());
                assertThat(n.path()).as(s.id()).hasToString(n.id());
                assertThat(QueryLens.get(qs, n.path())).as(s.id() + " " + n.id()).isNotNull();
                nodes++;
            }
        }
        assertThat(nodes).isGreaterThan(100);
    }

    @Test
    void rolesComeFromTheModelNotTheLabel() {
        QuerySet qs = DjangoParser.parse("Author.objects.annotate(Exists=Exists(Post.objects.all()), "
                + "Subquery=Count(\"posts\")).filter(id__in=Post.objects.values(\"author\"))", schema);
        DesignGraph g = DesignGraph.of(qs);
        assertThat(g.node("s0.n.Exists").role()).isEqualTo(Role.EXISTS);
        assertThat(g.node("s0.n.Subquery").role()).isEqualTo(Role.ANNOTATION);
        assertThat(g.node("s1.k0.v").role()).isEqualTo(Role.QUERY_VALUE);
        assertThat(g.node("s1.k0.v.src").role()).isEqualTo(Role.SOURCE);
        assertThat(DjangoPrinter.print(NodeEdits.delete(qs, NodePath.parse("s1.k0.v.src")).query()))
                .as("a frame's source goes with its frame, here the lookup the queryset is the value of")
                .isEqualTo("Author.objects.annotate(Exists=Exists(Post.objects.all()), Subquery=Count(\"posts\"))"
                        + ".filter()");
        assertThat(QueryLens.get(qs, NodePath.parse("s0.n.Subquery"))).isInstanceOf(Expression.Aggregate.class);
    }
}
