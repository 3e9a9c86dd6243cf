package studio.queryset.lessons;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every lesson's claims, checked against what the product computes on the bundled sample: on SQLite and on
 * PostgreSQL (skipped, visibly, when no server answers; failing when QSS_REQUIRE_PG=1). A lesson whose words
 * are false fails here with what the product showed instead.
 */
class LessonClaimsTest {
    @TempDir
    static Path dir;

    static Stream<Arguments> lessons() {
        List<Arguments> out = new ArrayList<>();
        for (String db : List.of("sqlite", "postgresql")) {
            for (Lesson l : Lessons.all()) {
                out.add(Arguments.of(db, l.id()));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("lessons")
    void everyClaimOfTheLessonHolds(String db, String id) throws Exception {
        Lesson lesson = Lessons.all().stream().filter(l -> l.id().equals(id)).findFirst().orElseThrow();
        LessonBench bench = (db.equals("sqlite") ? LessonDatabases.sqlite(dir.resolve(id))
                : LessonDatabases.postgres()).withParams(lesson.params());
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (Claim c : lesson.claims()) {
            Verdict v;
            try {
                v = c.check(bench);
            } catch (RuntimeException e) {
                v = Verdict.of(false, "threw " + e);
            }
            System.out.printf("[lesson %s %s] %s %s: %s%n", db, id, v.holds() ? "ok  " : "FAIL", c.describe(),
                    v.observed());
            if (!v.holds()) {
                failures.add(c.describe() + " — observed " + v.observed());
            }
            checked += v.checked() ? 1 : 0;
        }
        assertThat(failures).as("false claims of lesson " + id + " on " + db).isEmpty();
        if (lesson.runsOn(bench.dialect())) {
            assertThat(checked).as("claims of " + id + " actually checked on " + db).isPositive();
        }
    }
}
