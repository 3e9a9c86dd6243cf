package studio.queryset.design;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.queryset.design.edit.ConditionEdits;
import studio.queryset.design.edit.NodeEdits;
import studio.queryset.query.NodePath;
import studio.queryset.design.edit.StepEdits;
import studio.queryset.django.DjangoParser;
import studio.queryset.django.DjangoPrinter;
import studio.queryset.query.Expression;
import studio.queryset.query.Q;
import studio.queryset.query.QueryException;
import studio.queryset.query.QuerySet;
import studio.queryset.query.Step;
import studio.queryset.schema.ModelsPyImporter;
import studio.queryset.schema.Schema;

/** The canvas document: graph ids, edits by node id, undo/redo, layout and the file format. */
class DesignModelTest {
    static Schema schema;

    @BeforeAll
    static void load() throws Exception {
        schema = ModelsPyImporter.importFile(Path.of("sample-db/blog/models.py"), null);
    }

    static QuerySet parse(String text) {
        return DjangoParser.parse(text, schema);
    }

    static String print(QuerySet qs) {
        return DjangoPrinter.print(qs);
    }

    @Test
    void graphShowsPipelineConditionsAndNestedQuerysets() {
        DesignGraph g = DesignGraph.of(parse("Author.objects.filter(Q(name__startswith=\"A\") | ~Q(email__endswith="
                + "\".org\")).annotate(latest=Subquery(Post.objects.filter(author=OuterRef(\"pk\"))"
                + ".values(\"title\")[:1])).count()"));
        assertThat(g.node("src").label()).isEqualTo("Author.objects");
        assertThat(g.node("s0").kind()).isEqualTo(NodeKind.STAGE);
        assertThat(g.node("s0.a0").label()).isEqualTo("OR");
        assertThat(g.node("s0.a0.c1").label()).isEqualTo("NOT AND");
        assertThat(g.node("s0.a0.c1.c0").label()).isEqualTo("email__endswith");
        assertThat(g.node("s1.n.latest").kind()).isEqualTo(NodeKind.SUBQUERY);
        assertThat(g.node("s1.n.latest.src").label()).isEqualTo("Post.objects");
        assertThat(g.node("s1.n.latest.s0.k0").text()).isEqualTo("author=OuterRef(\"pk\")");
        assertThat(g.node("s2").kind()).isEqualTo(NodeKind.TERMINAL);
        assertThat(g.edges()).contains(new DesignGraph.Edge("src", "s0", true), new DesignGraph.Edge("s0", "s1", true),
                new DesignGraph.Edge("s0", "s0.a0", false));
    }

    @Test
    void graphShowsAQuerySetOperatorAsAStageWithItsOtherQuerySetNested() {
        DesignGraph g = DesignGraph.of(parse("(Post.objects.filter(title=\"a\") | Post.objects.filter("
                + "comments__body__contains=\"x\")).order_by(\"-id\")"));
        assertThat(g.node("s1").kind()).isEqualTo(NodeKind.STAGE);
        assertThat(g.node("s1").label()).isEqualTo("or");
        assertThat(g.node("s1").text()).isEqualTo(" | Post.objects.filter(comments__body__contains=\"x\")");
        assertThat(g.node("s1.o0").kind()).isEqualTo(NodeKind.SUBQUERY);
        assertThat(g.node("s1.o0").label()).isEqualTo("| part");
        assertThat(g.node("s1.o0.src").label()).isEqualTo("Post.objects");
        assertThat(g.node("s1.o0.s0.k0").text()).isEqualTo("comments__body__contains=\"x\"");
        assertThat(g.node("s2").label()).isEqualTo("order_by");
        assertThat(g.edges()).contains(new DesignGraph.Edge("s0", "s1", true), new DesignGraph.Edge("s1", "s2", true));
    }

    @Test
    void editsByNodeIdReachEveryLevel() {
        QuerySet qs = parse("Post.objects.filter(Q(title__icontains=\"a\") | Q(body__icontains=\"a\"))");
        QuerySet and = ConditionEdits.toggleConnector(qs, NodePath.parse("s0.a0")).query();
        assertThat(print(and)).isEqualTo("Post.objects.filter(Q(title__icontains=\"a\", body__icontains=\"a\"))");
        QuerySet added = ConditionEdits.add(qs, NodePath.parse("s0.a0"), Q.of("author__name", "ada")).query();
        assertThat(print(added)).contains("| Q(author__name=\"ada\")");
        QuerySet negated = ConditionEdits.negate(qs, NodePath.parse("s0.a0.c1")).query();
        assertThat(print(negated)).contains("| ~Q(body__icontains=\"a\")");
        QuerySet removed = NodeEdits.delete(qs, NodePath.parse("s0.a0.c0")).query();
        assertThat(print(removed)).isEqualTo("Post.objects.filter(Q(body__icontains=\"a\"))");

        QuerySet sub = parse("Author.objects.annotate(latest=Subquery(Post.objects.filter(author=OuterRef(\"pk\"))"
                + ".order_by(\"-published_at\").values(\"title\")[:1]))");
        QuerySet inner = StepEdits.replace(sub, NodePath.parse("s0.n.latest.s1"), new Step.OrderBy(java.util.List.of(
                new Expression.OrderBy(new Expression.F("view_count"), true, null, null, true)))).query();
        assertThat(print(inner)).contains(".order_by(\"-view_count\")");
        QuerySet noAnnotation = NodeEdits.delete(sub, NodePath.parse("s0.n.latest")).query();
        assertThat(print(noAnnotation)).isEqualTo("Author.objects.annotate()");

        QuerySet moved = StepEdits.move(parse("Post.objects.order_by(\"id\").filter(view_count__gt=1)"),
                NodePath.parse("s1"), 0).query();
        assertThat(print(moved)).isEqualTo("Post.objects.filter(view_count__gt=1).order_by(\"id\")");
        assertThatThrownBy(() -> StepEdits.move(parse("Post.objects.filter(id=1).count()"), NodePath.parse("s1"), 0))
                .isInstanceOf(QueryException.class).hasMessageContaining("last");
    }

    @Test
    void undoRedoRestoresExactDocumentsAndDragsMerge() {
        Design d0 = Design.of("d", parse("Post.objects.all()"));
        DesignHistory h = new DesignHistory(d0);
        Design d1 = h.apply("add filter", d0.withQuery(StepEdits.append(d0.query(), new Step.Filter(
                java.util.List.of(), java.util.List.of(new Q.Lookup("view_count__gt", Expression.Value.of(5L))),
                false)).query()));
        h.apply("move", d1.withPosition("s0", new Point(10, 10)), "move s0");
        h.apply("move", h.current().withPosition("s0", new Point(20, 20)), "move s0");
        // Undo says what the step was; the merge key only groups the drag's moves
        assertThat(h.undoName()).contains("move");
        assertThat(h.undoMergeKey()).contains("move s0");
        assertThat(h.undo()).isEqualTo(d1); // both drags were one step
        assertThat(h.undo()).isEqualTo(d0);
        assertThat(h.canUndo()).isFalse();
        assertThat(h.redo()).isEqualTo(d1);
        assertThat(h.redo().positions()).containsEntry("s0", new Point(20, 20));
    }

    @Test
    void positionsSurviveEditsOfOtherNodes() {
        Design d = Design.of("d", parse("Post.objects.filter(view_count__gt=1).order_by(\"id\")"))
                .withPosition("s0", new Point(1, 2)).withPosition("s1", new Point(3, 4));
        Design edited = d.withQuery(parse("Post.objects.filter(view_count__gt=1).order_by(\"-id\")"));
        assertThat(edited.positions()).containsOnlyKeys("s0", "s1");
        Design reshaped = d.withQuery(parse("Post.objects.order_by(\"id\")"));
        assertThat(reshaped.positions()).doesNotContainKey("s1"); // s0 is now order_by: its filter position is gone
    }

    @Test
    void autoLayoutPlacesEveryNodeAndKeepsUserPositions() {
        QuerySet qs = parse("Post.objects.filter(Q(a=1) | Q(b=2), c=3).annotate(n=Count(\"tags\")).order_by(\"-n\")");
        DesignGraph g = DesignGraph.of(qs);
        Map<String, Point> p = AutoLayout.layout(g, Map.of("s2", new Point(999, 999)));
        assertThat(p.keySet()).containsAll(g.nodes().stream().map(DesignNode::id).toList());
        assertThat(p.get("s0").x()).isLessThan(p.get("s1").x());
        assertThat(p.get("s0.a0").y()).isGreaterThan(p.get("s0").y());
        assertThat(p.get("s2")).isEqualTo(new Point(999, 999));
        assertThat(p.values().stream().distinct().count()).isEqualTo(p.size()); // no two nodes on one spot
    }

    @Test
    void designFilesRoundTripAndSaveAtomically(@TempDir Path dir) throws Exception {
        Design d = Design.of("Latest post", parse("Author.objects.filter(name__icontains=Param(\"q\"))"))
                .withPosition("s0", new Point(120.5, 80)).withParams(Map.of("q", "ada")).withNotes("tutorial");
        Path file = dir.resolve("latest" + DesignFile.EXTENSION);
        DesignFile.write(file, d);
        assertThat(DesignFile.read(file, schema)).isEqualTo(d);
        String first = Files.readString(file);
        DesignFile.write(file, d.withName("renamed"));
        assertThat(Files.readString(file)).contains("renamed").isNotEqualTo(first);
        try (var files = Files.list(dir)) {
            assertThat(files.toList()).containsExactly(file); // no temp file left behind
        }
        assertThatThrownBy(() -> DesignFile.fromJson("{\"format\": \"something-else\"}", schema))
                .hasMessageContaining("not a QuerySet Studio design");
        assertThatThrownBy(() -> DesignFile.fromJson("{\"format\": \"queryset-studio-design\", \"version\": 99}",
                schema)).hasMessageContaining("newer");
        // a query that no longer fits the schema still opens (nothing is lost); compiling it names the problem
        Design stale = DesignFile.fromJson("{\"format\": \"queryset-studio-design\", \"version\": 1, "
                + "\"django\": \"Post.objects.filter(titel=1)\"}", schema);
        assertThatThrownBy(() -> studio.queryset.sql.SqlCompiler.compile(schema, stale.query(),
                studio.queryset.sql.Dialect.SQLITE)).isInstanceOf(QueryException.class).hasMessageContaining("titel");
    }
}
