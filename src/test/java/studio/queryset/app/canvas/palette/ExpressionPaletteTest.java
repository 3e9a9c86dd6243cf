package studio.queryset.app.canvas.palette;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import studio.queryset.app.shell.ProjectHome;
import studio.queryset.app.shell.SampleProject;
import studio.queryset.design.edit.ExpressionText;
import studio.queryset.django.DjangoParser;
import studio.queryset.django.DjangoPrinter;
import studio.queryset.query.Expression;
import studio.queryset.query.QuerySet;
import studio.queryset.query.Step;
import studio.queryset.run.Connections;
import studio.queryset.run.Executor;
import studio.queryset.run.QueryLog;
import studio.queryset.schema.Schema;
import studio.queryset.sql.Dialect;
import studio.queryset.sql.SqlCompiler;

/** Every expression the palette adds compiles on both dialects and runs on the sample, for every model. */
class ExpressionPaletteTest {
    private static Schema schema;
    private static Connection conn;

    @BeforeAll
    static void open() {
        SampleProject sample = SampleProject.open(ProjectHome.locate());
        schema = sample.schema();
        conn = Connections.open("jdbc:sqlite:" + sample.database(), true);
    }

    @AfterAll
    static void close() throws Exception {
        conn.close();
    }

    static List<String> items() {
        return ExpressionPalette.ITEMS;
    }

    @ParameterizedTest
    @MethodSource("items")
    void paletteDefaultCompilesAndRunsOnEveryModel(String item) {
        for (String model : List.of("Post", "Author", "Comment", "Tag")) {
            Expression e = ExpressionPalette.create(item, schema, model);
            QuerySet qs = new QuerySet(model, List.of(new Step.Annotate(List.of(), Map.of("x", e), false),
                    new Step.Slice(0L, 3L)));
            String text = DjangoPrinter.print(qs);
            // the printed text is what the editor shows: it parses back to the same query
            assertThat(DjangoParser.parse(text, schema)).as(text).isEqualTo(qs);
            assertThat(ExpressionText.parse(ExpressionText.print(e), schema, model)).isEqualTo(e);
            SqlCompiler.plan(schema, qs, Dialect.POSTGRESQL);
            Object rows = new Executor(conn, Dialect.SQLITE, new QueryLog())
                    .execute(SqlCompiler.plan(schema, qs, Dialect.SQLITE), Executor.WriteMode.DENY);
            assertThat((List<?>) rows).as(text).hasSize(3);
        }
    }

    @org.junit.jupiter.api.Test
    void functionChipsAreTheRegistrysPaletteFunctions() {
        for (studio.queryset.sql.FunctionSpec spec : studio.queryset.sql.FunctionSpecs.palette()) {
            Expression e = ExpressionPalette.create(spec.name(), schema, "Post");
            String made = e instanceof Expression.Func f ? f.name()
                    : e instanceof Expression.Aggregate a ? a.function() : null;
            assertThat(made).as(spec.name()).isEqualTo(spec.name());
            assertThat(ExpressionPalette.aggregate(spec.name()))
                    .isEqualTo(spec.group() == studio.queryset.sql.FunctionSpec.Group.AGGREGATE);
        }
        assertThat(ExpressionPalette.ITEMS).containsAll(ExpressionPalette.STRUCTURAL).doesNotHaveDuplicates();
    }
}
