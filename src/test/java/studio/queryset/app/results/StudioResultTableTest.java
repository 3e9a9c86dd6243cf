package studio.queryset.app.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import studio.queryset.app.shell.ProjectHome;
import studio.queryset.app.shell.SampleProject;
import studio.queryset.django.DjangoParser;
import studio.queryset.run.Connections;
import studio.queryset.run.Executor;
import studio.queryset.run.QueryLog;
import studio.queryset.schema.Schema;
import studio.queryset.schema.ValueType;
import studio.queryset.sql.CompiledQuery;
import studio.queryset.sql.Dialect;
import studio.queryset.sql.OutColumn;
import studio.queryset.sql.QueryPlan;
import studio.queryset.sql.RowShape;
import studio.queryset.sql.SelectPlan;
import studio.queryset.sql.SqlCompiler;

/** The engine's results, in each of Django's shapes, laid out as the results grid shows them. */
class StudioResultTableTest {
    private static Schema schema;
    private static Connection conn;

    @BeforeAll
    static void open() {
        SampleProject sample = SampleProject.open(ProjectHome.locate());
        schema = sample.schema();
        conn = Connections.open("jdbc:sqlite:" + sample.database(), false);
    }

    @AfterAll
    static void close() throws Exception {
        conn.close();
    }

    private static ResultTable run(String text) {
        QueryPlan plan = SqlCompiler.plan(schema, DjangoParser.parse(text, schema), Dialect.SQLITE);
        QueryLog log = new QueryLog();
        Object result = new Executor(conn, Dialect.SQLITE, log).execute(plan, Executor.WriteMode.DENY);
        return ResultValues.table(result, plan, 1.0, log.entries().size(), 100);
    }

    @Test
    void dictsHaveAColumnPerKey() {
        ResultTable t = run("Post.objects.values(\"title\", \"author__name\").order_by(\"id\")[:3]");
        assertThat(t.kind()).isEqualTo("dicts");
        assertThat(t.columns()).containsExactly("title", "author__name");
        assertThat(t.rows()).hasSize(3);
        assertThat(t.describe()).isEqualTo("3 dicts");
    }

    @Test
    void tuplesHaveNumberedColumnsAndFlatListsOneNamedColumn() {
        ResultTable tuples = run("Post.objects.values_list(\"id\", \"title\").order_by(\"id\")[:2]");
        assertThat(tuples.kind()).isEqualTo("tuples");
        assertThat(tuples.columns()).containsExactly("0", "1");
        assertThat(tuples.column("0")).containsExactly(1L, 2L);

        ResultTable flat = run("Post.objects.values_list(\"title\", flat=True).order_by(\"id\")[:2]");
        assertThat(flat.kind()).isEqualTo("values");
        assertThat(flat.columns()).containsExactly("title");
        assertThat(flat.rows()).hasSize(2);
    }

    @Test
    void scalarsAreOneCellAndAggregatesOneRow() {
        ResultTable count = run("Author.objects.annotate(n=Count(\"posts\")).filter(n__gt=20).count()");
        assertThat(count.columns()).containsExactly("count");
        assertThat(count.rows()).hasSize(1);
        assertThat(count.describe()).startsWith("count() = ");

        ResultTable exists = run("Post.objects.filter(view_count__gt=0).exists()");
        assertThat(exists.rows()).containsExactly(List.of(true));
        assertThat(exists.describe()).isEqualTo("exists() = True");

        ResultTable aggregate = run("Post.objects.aggregate(total=Sum(\"view_count\"), n=Count(\"id\"))");
        assertThat(aggregate.kind()).isEqualTo("aggregate");
        assertThat(aggregate.columns()).containsExactly("total", "n");
        assertThat(aggregate.rows()).hasSize(1);

        ResultTable none = run("Post.objects.filter(id=-1).first()");
        assertThat(none.columns()).containsExactly("result");
        assertThat(none.rows()).containsExactly(Arrays.asList((Object) null));
        assertThat(none.describe()).isEqualTo("None");

        ResultTable one = run("Post.objects.select_related(\"author\").get(id=1)");
        assertThat(one.kind()).isEqualTo("object");
        assertThat(one.columns()).contains("title", "author.name");
        assertThat(one.rows()).hasSize(1);
    }

    @Test
    void anAbsentSelectRelatedObjectIsNullsAndPrefetchedListsAreItems() {
        SelectPlan select = new SelectPlan(new CompiledQuery("-", List.of()), "Post", List.of(
                new OutColumn(List.of(), "id", ValueType.INTEGER, false),
                new OutColumn(List.of("author"), "id", ValueType.INTEGER, false),
                new OutColumn(List.of("author"), "name", ValueType.TEXT, false)), RowShape.MODEL, List.of(), true, 0);
        QueryPlan plan = new QueryPlan(QueryPlan.Kind.ROWS, select, List.of(), "Post");
        Map<String, Object> first = new LinkedHashMap<>();
        first.put("id", 1L);
        first.put("author", null);
        first.put("tags", List.of());
        Map<String, Object> author = new LinkedHashMap<>();
        author.put("id", 7L);
        author.put("name", "");
        Map<String, Object> second = new LinkedHashMap<>();
        second.put("id", 2L);
        second.put("author", author);
        second.put("tags", List.of(Map.of("id", 1L, "name", "python")));
        List<Object> rows = new ArrayList<>(List.of(first, second));

        ResultTable t = ResultValues.table(rows, plan, 2.5, 2, 1);
        assertThat(t.columns()).containsExactly("id", "author.id", "author.name", "tags");
        assertThat(t.rows()).hasSize(1);
        assertThat(t.totalRows()).isEqualTo(2);
        assertThat(t.truncated()).isTrue();
        assertThat(t.rows().get(0)).containsExactly(1L, null, null, new RelatedObjects(List.of()));

        ResultTable all = ResultValues.table(rows, plan, 2.5, 2, 100);
        assertThat(all.column("author.name")).containsExactly(null, "");
        assertThat(all.column("tags").get(1).toString()).isEqualTo("1 item");
        assertThat(((RelatedObjects) all.column("tags").get(1)).describe()).contains("name=\"python\"");
        assertThat(ResultValues.text(null)).isEqualTo("NULL");
        assertThat(ResultValues.text("")).isEmpty();
    }
}
