package studio.queryset.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** children() as Django's get_source_expressions, and the one walker over them. */
class ExpressionWalkTest {
    private static final Expression.F PAGES = new Expression.F("pages");
    private static final Expression SUM = new Expression.Aggregate("Sum", PAGES, false, null, null, Map.of());

    @Test
    void childrenAreTheDirectSourceExpressions() {
        Expression.When when = new Expression.When(Q.of("pages__gt", 1L), SUM);
        Expression.Case c = new Expression.Case(List.of(when), Expression.Value.of(0L), null);
        assertThat(c.children()).containsExactly(when, Expression.Value.of(0L));
        assertThat(when.children()).containsExactly(SUM);
        assertThat(when.conditions()).containsExactly(Q.of("pages__gt", 1L));
        assertThat(new Expression.Combined(PAGES, "+", SUM).children()).containsExactly(PAGES, SUM);
        Expression.Window w = new Expression.Window(SUM, List.of(new Expression.F("publisher")),
                List.of(new Expression.OrderBy(PAGES, true, null, null, false)), null);
        assertThat(w.children()).hasSize(3).first().isEqualTo(SUM);
        QuerySet inner = new QuerySet("Book", List.of());
        assertThat(new Expression.Subquery(inner).children()).isEmpty();
        assertThat(new Expression.Subquery(inner).nestedQuery()).isSameAs(inner);
    }

    @Test
    void containsAggregateWalksEverySourceButAWindow() {
        assertThat(ExpressionWalk.containsAggregate(new Expression.Negated(SUM))).isTrue();
        assertThat(ExpressionWalk.containsAggregate(new Expression.Case(List.of(new Expression.When(
                Q.of("pages__gt", 1L), SUM)), Expression.Value.of(0L), null))).isTrue();
        assertThat(ExpressionWalk.containsAggregate(new Expression.Window(SUM, List.of(), List.of(), null)))
                .isFalse();
        assertThat(ExpressionWalk.containsAggregate(new Expression.Func("Lower", List.of(PAGES), Map.of())))
                .isFalse();
        Expression w = new Expression.Window(new Expression.Func("RowNumber", List.of(), Map.of()), List.of(),
                List.of(), null);
        assertThat(ExpressionWalk.containsWindow(new Expression.Combined(w, "+", Expression.Value.of(1L))))
                .isTrue();
    }

    @Test
    void eachVisitsConditionsButNotNestedQuerysets() {
        Expression.Param inCondition = Expression.Param.of("min");
        Expression.Param inSubquery = Expression.Param.of("nested");
        QuerySet inner = new QuerySet("Book", List.of(new Step.Filter(List.of(), List.of(
                new Q.Lookup("pages", inSubquery)), false)));
        Expression e = new Expression.Combined(new Expression.Aggregate("Count", PAGES, false,
                Q.of("pages__gt", inCondition), null, Map.of()), "+", new Expression.Subquery(inner));
        List<Expression> seen = new ArrayList<>();
        ExpressionWalk.each(e, seen::add);
        assertThat(seen).contains(inCondition).doesNotContain(inSubquery);
        QuerySet outer = new QuerySet("Book", List.of(new Step.Annotate(List.of(), Map.of("x", e), false)));
        assertThat(Params.of(outer).keySet()).containsExactly("min", "nested");
    }

    @Test
    void paramsInsideAWindowAreFound() {
        Expression w = new Expression.Window(SUM, List.of(new Expression.Combined(PAGES, "*",
                Expression.Param.of("k"))), List.of(), null);
        QuerySet qs = new QuerySet("Book", List.of(new Step.Annotate(List.of(), Map.of("s", w), false)));
        assertThat(Params.of(qs).keySet()).containsExactly("k");
    }

    @Test
    void rebuildReplacesChildrenAndKeepsTheRest() {
        Expression.Window w = new Expression.Window(SUM, List.of(new Expression.F("publisher")),
                List.of(new Expression.OrderBy(PAGES, true, null, Boolean.TRUE, false)), new Expression.Frame(true,
                -1L, 0L));
        Expression.Case c = new Expression.Case(List.of(new Expression.When(Q.of("pages__gt", 1L), w)),
                Expression.Value.of(List.of(1L, Expression.Param.of("p"))), "IntegerField");
        java.util.function.UnaryOperator<Expression>[] same = new java.util.function.UnaryOperator[1];
        same[0] = x -> ExpressionWalk.rebuild(x, same[0], q -> q, qs -> qs);
        assertThat(same[0].apply(c)).isEqualTo(c);
        java.util.function.UnaryOperator<Expression>[] pagesToId = new java.util.function.UnaryOperator[1];
        pagesToId[0] = x -> x.equals(PAGES) ? new Expression.F("id") : ExpressionWalk.rebuild(x, pagesToId[0],
                q -> q, qs -> qs);
        Expression.Window renamed = (Expression.Window) pagesToId[0].apply(w);
        assertThat(renamed.orderBy().get(0)).isEqualTo(new Expression.OrderBy(new Expression.F("id"), true, null,
                Boolean.TRUE, false));
        assertThat(renamed.expression().children()).containsExactly(new Expression.F("id"));
        assertThat(renamed.frame()).isEqualTo(w.frame());
    }
}
