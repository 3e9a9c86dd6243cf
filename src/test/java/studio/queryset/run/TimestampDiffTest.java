package studio.queryset.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import studio.queryset.django.DjangoParser;
import studio.queryset.schema.ModelsPyImporter;
import studio.queryset.schema.Schema;
import studio.queryset.sql.Dialect;

/**
 * SQLite datetime differences are exact, as Django's django_timestamp_diff makes them (julianday arithmetic in
 * floating point was 2-30 µs off for today's dates).
 */
class TimestampDiffTest {
    @Test
    void differencesAreWholeMicroseconds() {
        assertThat(TimestampDiff.timestamps("2024-03-01 02:00:00.000001", "2024-02-29 23:59:59.999999"))
                .isEqualTo(7_200_000_002L);
        assertThat(TimestampDiff.timestamps("2024-03-01", "2024-02-28 12:00:00")).isEqualTo(129_600_000_000L);
        assertThat(TimestampDiff.times("14:30:00.5", "09:15:00")).isEqualTo(18_900_500_000L);
    }

    @Test
    @SuppressWarnings("unchecked")
    void evalSubtractsTheSampleDatetimesExactly() throws Exception {
        Schema schema = ModelsPyImporter.importFile(Path.of("sample-db/blog/models.py"), null);
        try (Connection conn = Connections.open("jdbc:sqlite:sample-db/blog.sqlite3", false)) {
            String expr = "Post.objects.annotate(age=ExpressionWrapper(F(\"updated_at\") - F(\"published_at\"), "
                    + "output_field=DurationField())).filter(published_at__isnull=False).values(\"published_at\", "
                    + "\"updated_at\", \"age\")";
            Evaluation ev = new Engine(schema, conn, Dialect.SQLITE).evaluate(expr, DjangoParser.parse(expr, schema),
                    Executor.WriteMode.DENY);
            List<Map<String, Object>> rows = (List<Map<String, Object>>) ev.result();
            assertThat(rows).hasSizeGreaterThan(1000);
            for (Map<String, Object> r : rows) {
                assertThat(r.get("age")).as(r.toString()).isEqualTo(Duration.between(
                        (LocalDateTime) r.get("published_at"), (LocalDateTime) r.get("updated_at")));
            }
        }
    }
}
