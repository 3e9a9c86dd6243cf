package studio.queryset.design.edit;

import studio.queryset.query.Segment;
import studio.queryset.query.NodePath;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.BeforeContainer;
import studio.queryset.design.DesignFile;
import studio.queryset.design.DesignGraph;
import studio.queryset.design.DesignNode;
import studio.queryset.sample.SampleGallery;
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

/**
 * For every node of every sample design and of generated designs: replacing, removing and inserting through
 * the lens changes that node only (every part outside it and its ancestors is the very same object afterwards),
 * insert and remove undo each other, and every result prints as Django text that parses back to itself.
 */
class QueryLensPropertyTest {
    private static Schema schema;

    @BeforeContainer
    static void load() throws Exception {
        schema = ModelsPyImporter.importFile(Path.of("sample-db/blog/models.py"), null);
    }

    @Property(tries = 1)
    void everyNodeOfEverySampleAndSavedDesign() throws Exception {
        List<QuerySet> designs = new ArrayList<>();
        SampleGallery.load(schema).forEach(s -> designs.add(s.design().query()));
        try (var files = Files.list(Path.of("src/test/resources/design"))) {
            for (Path f : files.toList()) {
                designs.add(DesignFile.read(f, schema).query());
            }
        }
        int checked = 0;
        for (QuerySet qs : designs) {
            checked += checkEveryNode(qs);
        }
        assertThat(checked).isGreaterThan(100);
    }

    @Property(tries = 200)
    void everyNodeOfGeneratedDesigns(@ForAll("designs") QuerySet qs) {
        assertThat(roundTrip(qs)).as("the generated design is canonical Django").isEqualTo(qs);
        checkEveryNode(qs);
    }

    // ---------------------------------------------------------------- the checks

    private static int checkEveryNode(QuerySet qs) {
        DesignGraph g = DesignGraph.of(qs);
        for (DesignNode n : g.nodes()) {
            Object part = QueryLens.get(qs, n.path());
            assertThat(QueryLens.set(qs, n.path(), part)).as(n.id()).isEqualTo(qs);
            checkReplace(qs, g, n, part);
            checkRemoveAndInsert(qs, g, n, part);
        }
        return g.nodes().size();
    }

    private static void checkReplace(QuerySet qs, DesignGraph g, DesignNode n, Object part) {
        Object other = replacementFor(part, n.path());
        QuerySet replaced;
        try {
            replaced = QueryLens.set(qs, n.path(), other);
        } catch (QueryException e) {
            // only a kwarg slot refuses a group: anything else of the same kind fits where the old part was
            assertThat(n.path().last()).as(n.id() + ": " + e.getMessage()).isInstanceOf(Segment.Kwarg.class);
            return;
        }
        assertThat(QueryLens.get(replaced, n.path())).as(n.id()).isEqualTo(other instanceof Expression e
                && part instanceof Q.ExpressionCondition ? new Q.ExpressionCondition(e) : other);
        assertUntouchedOutside(qs, replaced, g, n.path());
        assertThat(roundTrip(replaced)).as(n.id() + " replaced: " + DjangoPrinter.print(replaced)).isEqualTo(replaced);
    }

    private static void checkRemoveAndInsert(QuerySet qs, DesignGraph g, DesignNode n, Object part) {
        QuerySet removed;
        try {
            removed = QueryLens.remove(qs, n.path());
        } catch (QueryException e) {
            // a part its parent cannot do without: the message names the node
            assertThat(e.getMessage()).as(n.id()).contains(n.id());
            return;
        }
        assertThat(roundTrip(removed)).as(n.id() + " removed: " + DjangoPrinter.print(removed)).isEqualTo(removed);
        Segment last = n.path().last();
        if (last instanceof Segment.Indexed || last instanceof Segment.Named) {
            // remove, then insert the same part at the same place: the query it came from
            if (last instanceof Segment.QChild && QueryLens.get(qs, n.path().parent()) instanceof Q.Node group
                    && group.children().size() == 2) {
                // a group left with one child is Q(a=1): it reads AND, and inside another group it is spliced
                // into that one (Django's Node.add), so putting the child back cannot rebuild the old shape
                return;
            }
            QuerySet back = QueryLens.insert(removed, n.path(), part);
            assertThat(back).as(n.id()).isEqualTo(qs);
            // insert a copy before it: the node shows the copy, the original moved one along, the rest stays
            if (last instanceof Segment.Indexed ix) {
                QuerySet twice;
                try {
                    twice = QueryLens.insert(qs, n.path(), part);
                } catch (QueryException e) {
                    // refused only where Python or Django refuse it: a repeated keyword, a second terminal
                    assertThat(e.getMessage()).as(n.id()).containsAnyOf("keyword argument repeated: ",
                            "must be the last step");
                    return;
                }
                NodePath moved = n.path().parent() == null ? NodePath.of(ix.at(ix.index() + 1))
                        : n.path().parent().child(ix.at(ix.index() + 1));
                assertThat(QueryLens.get(twice, moved)).as(n.id()).isSameAs(part);
                assertThat(QueryLens.remove(twice, moved)).as(n.id()).isEqualTo(qs);
                assertThat(roundTrip(twice)).as(n.id() + " doubled").isEqualTo(twice);
            }
        } else {
            assertThat(QueryLens.set(removed, n.path(), part)).as(n.id()).isEqualTo(qs);
        }
    }

    /**
     * Every node that is neither inside {@code at} nor one of its ancestors shows the very same object. A source
     * stands for its whole pipeline, so the pipeline's steps are inside it.
     */
    private static void assertUntouchedOutside(QuerySet before, QuerySet after, DesignGraph g, NodePath at) {
        for (DesignNode m : g.nodes()) {
            if (holds(at, m.path()) || holds(m.path(), at)) {
                continue;
            }
            assertThat(QueryLens.get(after, m.path())).as("%s after editing %s", m.id(), at)
                    .isSameAs(QueryLens.get(before, m.path()));
        }
    }

    /** True when the part at {@code b} is inside the part at {@code a} (a source holds its pipeline's steps). */
    private static boolean holds(NodePath a, NodePath b) {
        return a.contains(b) || a.isSource() && (a.frame() == null || a.frame().contains(b));
    }

    /** A different part of the same kind, valid wherever the old one was. */
    private static Object replacementFor(Object part, NodePath at) {
        if (part instanceof QuerySet q) {
            return QuerySet.of(q.model()).then(new Step.Distinct(List.of()));
        }
        if (part instanceof Step s) {
            return s.terminal() ? new Step.Terminal("count", null, List.of()) : new Step.Distinct(List.of());
        }
        if (part instanceof Prefetch p) {
            return new Prefetch(p.lookup(), null, null, !p.plain());
        }
        if (part instanceof Q.Lookup) {
            return new Q.Lookup("pk", Expression.Value.of(7L)); // a lookup is only ever a keyword or a Q child
        }
        if (part instanceof Q) {
            // negated, so that no group around it splices it in
            return new Q.Node(Q.Connector.OR, true, List.of(new Q.Lookup("pk", Expression.Value.of(7L)),
                    new Q.Lookup("pk__gte", Expression.Value.of(1L))));
        }
        if (part instanceof Expression.When) {
            return new Expression.When(Q.of("pk", 7L), new Expression.F("pk"));
        }
        if (part instanceof Expression.Subquery || part instanceof Expression.QueryValue) {
            return new Expression.Subquery(QuerySet.of("Post").then(new Step.Values(List.of("pk"), Map.of()))
                    .then(new Step.Slice(null, 1L)));
        }
        if (part instanceof Expression.Exists) {
            return new Expression.Exists(QuerySet.of("Post").then(new Step.Distinct(List.of())));
        }
        if (at.last() instanceof Segment.Positional) {
            return count("pk"); // a positional annotation needs a default alias: an aggregate of a field
        }
        return new Expression.Func("Lower", List.of(new Expression.F("pk")), Map.of());
    }

    private static QuerySet roundTrip(QuerySet qs) {
        String text = DjangoPrinter.print(qs);
        try {
            return DjangoParser.parse(text, schema);
        } catch (QueryException e) {
            throw new AssertionError("does not parse back: " + text + " — " + e.getMessage(), e);
        }
    }

    // ---------------------------------------------------------------- generated designs

    private static Expression count(String path) {
        return new Expression.Aggregate("Count", new Expression.F(path), false, null, null, Map.of());
    }

    @Provide
    Arbitrary<QuerySet> designs() {
        Arbitrary<Step> step = Arbitraries.oneOf(filter(2), annotate(), order(), exists(), prefetch());
        return step.list().ofMinSize(1).ofMaxSize(4).map(steps -> new QuerySet("Post", steps));
    }

    private static Arbitrary<Q> lookup() {
        return Combinators.combine(Arbitraries.of("view_count__gt", "title__icontains", "author__name",
                        "word_count__lte", "tags__name"), Arbitraries.integers().between(0, 9))
                .as((path, v) -> new Q.Lookup(path, path.startsWith("title") || path.contains("name")
                        ? Expression.Value.of("x" + v) : Expression.Value.of((long) v)));
    }

    private static Arbitrary<Q> q(int depth) {
        if (depth == 0) {
            return lookup();
        }
        Arbitrary<Q> group = Combinators.combine(Arbitraries.of(Q.Connector.AND, Q.Connector.OR),
                        Arbitraries.of(true, false), q(depth - 1).list().ofMinSize(2).ofMaxSize(3))
                .as(Q.Node::new);
        return Arbitraries.oneOf(lookup(), group);
    }

    private static Arbitrary<Step> filter(int depth) {
        Arbitrary<List<Q>> args = Arbitraries.oneOf(q(depth).filter(x -> x instanceof Q.Node), q(depth)
                .filter(x -> x instanceof Q.Node)).list().ofMaxSize(2);
        Arbitrary<List<Q.Lookup>> kwargs = lookup().map(x -> (Q.Lookup) x).list().ofMaxSize(2)
                .uniqueElements(Q.Lookup::path);
        return Combinators.combine(args, kwargs, Arbitraries.of(true, false))
                .filter((a, k, ex) -> !a.isEmpty() || !k.isEmpty()).as(Step.Filter::new);
    }

    private static Arbitrary<Expression> expression(int depth) {
        Arbitrary<Expression> leaf = Arbitraries.oneOf(
                Arbitraries.of("view_count", "word_count", "pk").map(f -> (Expression) new Expression.F(f)),
                Arbitraries.of("posts", "pk").map(QueryLensPropertyTest::count));
        if (depth == 0) {
            return leaf;
        }
        Arbitrary<Expression> arithmetic = Combinators.combine(expression(depth - 1), Arbitraries.of("+", "*", "-"),
                expression(depth - 1)).as(Expression.Combined::new);
        Arbitrary<Expression> coalesce = expression(depth - 1).list().ofMinSize(2).ofMaxSize(3)
                .map(args -> new Expression.Func("Coalesce", args, Map.of()));
        Arbitrary<Q> condition = q(1).map(c -> c instanceof Q.Node ? c : Q.and(List.of(c)));
        Arbitrary<Expression> conditional = Combinators.combine(condition, Arbitraries.integers().between(0, 3))
                .as((cond, v) -> new Expression.Aggregate("Sum", new Expression.Case(List.of(new Expression.When(
                        cond, Expression.Value.of((long) v))), Expression.Value.of(0L), null), false, null, null,
                        Map.of()));
        Arbitrary<Expression> filtered = condition.map(cond -> new Expression.Aggregate("Count", new Expression.F("pk"),
                false, cond, null, Map.of()));
        return Arbitraries.oneOf(leaf, arithmetic, coalesce, conditional, filtered);
    }

    private static Arbitrary<Step> annotate() {
        return Combinators.combine(Arbitraries.of("score", "s0", "v", "sum", "n", "src", "total"),
                        expression(2).list().ofMinSize(1).ofMaxSize(3))
                .as((first, values) -> {
                    Map<String, Expression> named = new LinkedHashMap<>();
                    for (int i = 0; i < values.size(); i++) {
                        named.put(i == 0 ? first : first + "_" + i, values.get(i));
                    }
                    return new Step.Annotate(List.of(), named, false);
                });
    }

    private static Arbitrary<Step> order() {
        return Arbitraries.of("view_count", "title", "pk").list().ofMinSize(1).ofMaxSize(2).uniqueElements()
                .map(fields -> new Step.OrderBy(fields.stream().map(f -> new Expression.OrderBy(new Expression.F(f),
                        f.equals("view_count"), null, null, false)).toList()));
    }

    private static Arbitrary<Step> exists() {
        return filter(1).map(inner -> new Step.Filter(List.of(new Q.ExpressionCondition(new Expression.Exists(
                new QuerySet("Comment", List.of(inner instanceof Step.Filter f ? commentFilter(f) : inner))))),
                List.of(), false));
    }

    /** The generated filter rewritten onto Comment, tied to the outer Post. */
    private static Step commentFilter(Step.Filter f) {
        return new Step.Filter(List.of(), List.of(new Q.Lookup("post", new Expression.OuterRef("pk", 1)),
                new Q.Lookup("body__icontains", Expression.Value.of("x"))), f.exclude());
    }

    private static Arbitrary<Step> prefetch() {
        return filter(1).map(f -> new Step.PrefetchRelated(List.of(new Prefetch("tags", null, null, true),
                new Prefetch("comments", new QuerySet("Comment", List.of(commentFilter((Step.Filter) f))), null,
                        false))));
    }
}
