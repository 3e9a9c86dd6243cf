package studio.queryset.codegen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import studio.queryset.django.DjangoParser;
import studio.queryset.schema.ModelsPyImporter;
import studio.queryset.schema.Schema;
import studio.queryset.sql.Dialect;

/**
 * What the plain-JDBC export does not do yet is refused with the reason (and the flavour that does it), never
 * written as code that would not compile or would bind the wrong values.
 */
class JdbcExportRefusalsTest {
    static Schema schema;

    @BeforeAll
    static void load() throws Exception {
        schema = ModelsPyImporter.importFile(Path.of("sample-db/blog/models.py"), null);
    }

    private static String jdbc(String expr) {
        return new JavaJdbcGenerator(schema, Dialect.SQLITE).generate("gen", "Q", "run",
                DjangoParser.parse(expr, schema));
    }

    private static String api(String expr) {
        return new JavaApiGenerator(schema, Dialect.SQLITE).generate("gen", "Q", "run",
                DjangoParser.parse(expr, schema));
    }

    @Test
    void aParamInAPrefetchQuerysetIsRefusedByJdbcAndExportedByTheApi() {
        String expr = "Author.objects.prefetch_related(Prefetch(\"posts\", queryset=Post.objects.filter("
                + "view_count__gt=Param(\"v\")))).order_by(\"id\")";
        assertThatThrownBy(() -> jdbc(expr)).isInstanceOf(CodegenException.class)
                .hasMessageContaining("Param(\"v\") is in a Prefetch queryset").hasMessageContaining("QuerySet API");
        assertThat(api(expr)).contains("public static List<AuthorRow> run(Connection connection, Long v)");
    }

    @Test
    void anInListParamBesideOptionalParamsIsRefusedByJdbcAndExportedByTheApi() {
        String expr = "Post.objects.filter(id__in=Param(\"ids\"), title__icontains=Param(\"q\", optional=True))";
        assertThatThrownBy(() -> jdbc(expr)).isInstanceOf(CodegenException.class)
                .hasMessageContaining("IN-list Param (\"ids\") beside optional Params");
        assertThat(api(expr)).contains("run(Connection connection, Collection<Long> ids, String q)");
    }

    @Test
    void anInListParamTakesACollectionOfTheFieldsType() {
        assertThat(jdbc("Post.objects.filter(author__in=Param(\"authors\")).count()"))
                .contains("long run(Connection connection, Collection<Long> authors)")
                .contains("inList(RUN_SQL, 0, authors.size())", "for (Long element : authors) {");
        assertThat(api("Post.objects.filter(tags__name__in=Param(\"t\")).count()"))
                .contains("long run(Connection connection, Collection<String> t)");
    }
}
