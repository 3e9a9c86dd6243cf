package studio.queryset.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.queryset.django.DjangoParser;
import studio.queryset.query.QueryException;
import studio.queryset.schema.ModelsPyImporter;
import studio.queryset.schema.Schema;
import studio.queryset.sql.Dialect;
import studio.queryset.support.PostgresSupport;
import studio.queryset.support.SampleDatabases;

/** A preview runs the write, shows rows before and after, and leaves the data as it was. */
class WritePreviewTest {

    private static Schema schema() throws Exception {
        return ModelsPyImporter.importFile(Path.of("sample-db/blog/models.py"), null);
    }

    private static long count(Connection conn, Schema schema, Dialect d, String text) {
        Evaluation ev = new Engine(schema, conn, d).evaluate(text, DjangoParser.parse(text, schema), false);
        assertThat(ev.failed()).as(String.valueOf(ev.errorMessage())).isFalse();
        return ((Number) ev.result()).longValue();
    }

    private static void previewsChangeNothing(Connection conn, Dialect d) throws Exception {
        Schema schema = schema();
        long viewsBefore = count(conn, schema, d, "Post.objects.filter(author=3).count()");
        WritePreview.Result update = WritePreview.preview(conn, schema, d,
                DjangoParser.parse("Post.objects.filter(author=3).update(view_count=F(\"view_count\") + 1000)",
                        schema), Map.of());
        assertThat(update.rowsAffected()).isEqualTo(viewsBefore);
        assertThat(update.before()).hasSize((int) Math.min(WritePreview.SAMPLE, viewsBefore));
        for (int i = 0; i < update.before().size(); i++) {
            long was = (Long) ((Map<?, ?>) update.before().get(i)).get("view_count");
            long is = (Long) ((Map<?, ?>) update.after().get(i)).get("view_count");
            assertThat(is).isEqualTo(was + 1000);
        }
        String unchanged = "Post.objects.filter(author=3, view_count__gte=1000).count()";
        assertThat(count(conn, schema, d, unchanged)).isEqualTo(count(conn, schema, d, unchanged));

        long comments = count(conn, schema, d, "Comment.objects.count()");
        WritePreview.Result delete = WritePreview.preview(conn, schema, d,
                DjangoParser.parse("Post.objects.filter(pk__in=[1, 2]).delete()", schema), Map.of());
        assertThat(delete.before()).hasSize(2);
        assertThat(delete.after()).isEmpty();
        assertThat(delete.rowsAffected()).isGreaterThan(2); // comments and tag links cascade
        assertThat(count(conn, schema, d, "Comment.objects.count()")).isEqualTo(comments);
        assertThat(count(conn, schema, d, "Post.objects.filter(pk__in=[1, 2]).count()")).isEqualTo(2);

        WritePreview.Result create = WritePreview.preview(conn, schema, d, DjangoParser.parse(
                "Tag.objects.create(name=\"preview-only\")", schema), Map.of());
        assertThat(create.after()).hasSize(1);
        assertThat(count(conn, schema, d, "Tag.objects.filter(name=\"preview-only\").count()")).isZero();

        assertThatThrownBy(() -> WritePreview.preview(conn, schema, d, DjangoParser.parse("Post.objects.all()",
                schema), Map.of())).isInstanceOf(QueryException.class).hasMessageContaining("only reads");
    }

    @Test
    void sqlite(@TempDir Path dir) throws Exception {
        try (Connection conn = Connections.open("jdbc:sqlite:" + SampleDatabases.sqliteCopy(dir), true)) {
            previewsChangeNothing(conn, Dialect.SQLITE);
        }
    }

    @Test
    void postgresql() throws Exception {
        Connection conn = PostgresSupport.connectOrSkip();
        String schema = PostgresSupport.createTempSchema(conn, "qss_preview");
        try {
            SampleDatabases.loadIntoPostgres(conn, schema);
            previewsChangeNothing(conn, Dialect.POSTGRESQL);
        } finally {
            PostgresSupport.dropSchema(conn, schema);
            conn.close();
        }
    }

}
