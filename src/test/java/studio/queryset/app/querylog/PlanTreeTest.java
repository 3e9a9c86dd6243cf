package studio.queryset.app.querylog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Plan lines become a tree by indentation, for SQLite's drawing and PostgreSQL's EXPLAIN text. */
class PlanTreeTest {
    @Test
    void sqliteQueryPlanNestsByItsDrawing() {
        List<PlanTree> roots = PlanTree.parse(List.of("QUERY PLAN",
                "|--SCAN blog_post",
                "|--CORRELATED SCALAR SUBQUERY 1",
                "|  `--SEARCH blog_comment USING INDEX idx (post_id=?)",
                "`--USE TEMP B-TREE FOR ORDER BY"));
        assertThat(roots).hasSize(1);
        PlanTree plan = roots.get(0);
        assertThat(plan.label()).isEqualTo("QUERY PLAN");
        assertThat(plan.children()).extracting(PlanTree::label).containsExactly("SCAN blog_post",
                "CORRELATED SCALAR SUBQUERY 1", "USE TEMP B-TREE FOR ORDER BY");
        assertThat(plan.children().get(1).children()).extracting(PlanTree::label)
                .containsExactly("SEARCH blog_comment USING INDEX idx (post_id=?)");
    }

    @Test
    void postgresqlNodesAndTheirDetailsNestUnderTheirParents() {
        List<PlanTree> roots = PlanTree.parse(List.of(
                "Sort  (cost=10.1..10.2 rows=5 width=8)",
                "  Sort Key: p.view_count DESC",
                "  ->  Hash Join  (cost=1.1..9.9 rows=5 width=8)",
                "        Hash Cond: (p.author_id = a.id)",
                "        ->  Seq Scan on blog_post p  (cost=0.0..7.0 rows=100 width=12)",
                "        ->  Hash  (cost=1.0..1.0 rows=1 width=4)",
                "              ->  Seq Scan on blog_author a  (cost=0.0..1.0 rows=1 width=4)",
                "                    Filter: (name = 'x'::text)"));
        assertThat(roots).extracting(PlanTree::label).containsExactly("Sort  (cost=10.1..10.2 rows=5 width=8)");
        PlanTree join = roots.get(0).children().get(1);
        assertThat(join.label()).startsWith("Hash Join");
        assertThat(join.children()).extracting(PlanTree::label).containsExactly("Hash Cond: (p.author_id = a.id)",
                "Seq Scan on blog_post p  (cost=0.0..7.0 rows=100 width=12)", "Hash  (cost=1.0..1.0 rows=1 width=4)");
        PlanTree author = join.children().get(2).children().get(0);
        assertThat(author.label()).startsWith("Seq Scan on blog_author a");
        assertThat(author.children()).extracting(PlanTree::label).containsExactly("Filter: (name = 'x'::text)");
    }
}
