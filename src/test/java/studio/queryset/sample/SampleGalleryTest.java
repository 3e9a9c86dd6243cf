package studio.queryset.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.queryset.design.Design;
import studio.queryset.query.QueryException;
import studio.queryset.query.Step;
import studio.queryset.run.Connections;
import studio.queryset.run.Executor;
import studio.queryset.run.QueryLog;
import studio.queryset.run.WritePreview;
import studio.queryset.schema.ModelsPyImporter;
import studio.queryset.schema.Schema;
import studio.queryset.sql.Dialect;
import studio.queryset.sql.SqlCompiler;
import studio.queryset.support.PostgresSupport;
import studio.queryset.support.SampleDatabases;

/** Every tutorial sample opens, explains itself and runs: on SQLite, and the PostgreSQL-only ones on PostgreSQL. */
class SampleGalleryTest {

    static Schema schema() throws Exception {
        return ModelsPyImporter.importFile(Path.of("sample-db/blog/models.py"), null);
    }

    @Test
    void everySampleHasAnExplanationAndCoversTheTutorial() throws Exception {
        List<SampleGallery.Sample> samples = SampleGallery.load(schema());
        assertThat(samples).hasSizeGreaterThanOrEqualTo(30);
        for (SampleGallery.Sample s : samples) {
            assertThat(s.design().notes()).as(s.id()).hasSizeGreaterThan(60);
        }
        assertThat(samples).extracting(SampleGallery.Sample::id).contains("q-or", "filter-exclude", "q-and-not",
                "dynamic-search", "f-increment", "f-compare", "f-arithmetic", "select-related", "prefetch-related",
                "prefetch-queryset", "annotate-count-max", "conditional-aggregation", "aggregate-avg",
                "subquery-latest-post", "values", "values-list", "values-list-flat", "only", "defer", "raw-sql",
                "full-text-search", "generated-field", "gotcha-update-bypasses-save", "gotcha-join-multiplication",
                "gotcha-distinct-on", "gotcha-random-order", "gotcha-iterator", "gotcha-lazy");
    }

    static void runAll(Connection conn, Dialect dialect) throws Exception {
        Schema schema = schema();
        for (SampleGallery.Sample s : SampleGallery.load(schema)) {
            if (!s.runsOn(dialect)) {
                assertThat(s.requires()).isNotNull();
                continue;
            }
            Design d = s.design();
            Step last = d.query().terminal();
            boolean write = last instanceof Step.Update || last instanceof Step.Terminal t && t.method()
                    .equals("delete");
            try {
                if (write) {
                    assertThat(WritePreview.preview(conn, schema, dialect, d.query(), d.params()).rowsAffected())
                            .as(s.id()).isPositive();
                } else {
                    Object result = new Executor(conn, dialect, new QueryLog()).withParams(d.params())
                            .execute(SqlCompiler.planFor(schema, d.query(), dialect, d.params()), Executor.WriteMode.DENY);
                    assertThat(result).as(s.id()).isNotNull();
                }
            } catch (QueryException e) {
                throw new AssertionError("sample " + s.id() + " failed on " + dialect + ": " + e.kind() + ": "
                        + e.getMessage(), e);
            }
        }
    }

    @Test
    void samplesRunOnSqlite(@TempDir Path dir) throws Exception {
        try (Connection conn = Connections.open("jdbc:sqlite:" + SampleDatabases.sqliteCopy(dir), true)) {
            runAll(conn, Dialect.SQLITE);
        }
    }

    @Test
    void samplesRunOnPostgresql() throws Exception {
        Connection conn = PostgresSupport.connectOrSkip();
        String schema = PostgresSupport.createTempSchema(conn, "qss_gallery");
        try {
            SampleDatabases.loadIntoPostgres(conn, schema);
            runAll(conn, Dialect.POSTGRESQL);
        } finally {
            PostgresSupport.dropSchema(conn, schema);
            conn.close();
        }
    }
}
