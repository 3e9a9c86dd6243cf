package studio.queryset.lessons;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import studio.queryset.sample.SampleGallery;
import studio.queryset.sql.Dialect;

/**
 * The gallery's "What it shows" text against the SQL: an SQL construct a sample's explanation names (LEFT OUTER
 * JOIN, GROUP BY, FILTER (WHERE ...)...) is in the SQL the sample compiles to. This is how the Q OR sample's
 * "becomes a LEFT OUTER JOIN" over an INNER JOIN is caught.
 */
class SampleNotesTest {
    private static final List<String> CONSTRUCTS = List.of("LEFT OUTER JOIN", "INNER JOIN", "GROUP BY",
            "FILTER (WHERE", "DISTINCT ON", "RANDOM()", "NOT (", "LIMIT", "IN (", "UPDATE", "to_tsvector",
            "plainto_tsquery", "EXISTS");

    @Test
    void theSqlASampleExplanationNamesIsInTheSqlItShows() throws Exception {
        List<String> wrong = new ArrayList<>();
        int named = 0;
        for (SampleGallery.Sample s : SampleGallery.load(LessonDatabases.schema())) {
            Dialect d = s.requires() == null ? Dialect.SQLITE : s.requires();
            LessonBench bench = new LessonBench(LessonDatabases.schema(), d == Dialect.SQLITE ? "jdbc:sqlite::memory:"
                    : "jdbc:postgresql://unused/db", null, Map.of());
            Lesson lesson = Lessons.forSample(s.id()).orElseThrow();
            String sql = String.join("\n", bench.withParams(lesson.params()).sql(lesson.query()));
            String notes = s.design().notes();
            for (String c : CONSTRUCTS) {
                if (notes.contains(c)) {
                    named++;
                    if (!sql.contains(c)) {
                        wrong.add(s.id() + " says " + c);
                    }
                }
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(named).as("constructs the explanations name").isGreaterThanOrEqualTo(5);
    }
}
