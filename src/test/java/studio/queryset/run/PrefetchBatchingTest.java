package studio.queryset.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import org.junit.jupiter.api.Test;
import studio.queryset.django.DjangoParser;
import studio.queryset.schema.ModelsPyImporter;
import studio.queryset.schema.Schema;
import studio.queryset.sql.Dialect;
import studio.queryset.sql.QueryPlan;
import studio.queryset.sql.SqlCompiler;

/** Prefetch IN-lists split into batches give the same objects as one list, one query per batch. */
class PrefetchBatchingTest {
    @Test
    void batchesSplitTheKeysAndStitchTheSame() throws Exception {
        Schema schema = ModelsPyImporter.importFile(Path.of("sample-db/blog/models.py"), null);
        QueryPlan plan = SqlCompiler.plan(schema, DjangoParser.parse(
                "Post.objects.prefetch_related(\"tags\", \"comments\").order_by(\"id\")", schema), Dialect.SQLITE);
        try (Connection conn = Connections.open("jdbc:sqlite:sample-db/blog.sqlite3", false)) {
            QueryLog whole = new QueryLog();
            Object once = new Executor(conn, Dialect.SQLITE, whole).execute(plan, Executor.WriteMode.DENY);
            QueryLog split = new QueryLog();
            Object batched = new Executor(conn, Dialect.SQLITE, split).withPrefetchBatch(700)
                    .execute(plan, Executor.WriteMode.DENY);
            assertThat(batched).isEqualTo(once);
            assertThat(whole.entries()).hasSize(3); // posts, tags, comments
            // 5000 posts in batches of 700: 8 tag queries and 8 comment queries
            assertThat(split.entries()).hasSize(1 + 8 + 8);
            assertThat(split.entries().get(1).params()).hasSize(700);
        }
    }
}
