package studio.queryset.app.lessons;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.queryset.lessons.Lesson;
import studio.queryset.lessons.LessonBench;
import studio.queryset.lessons.Lessons;
import studio.queryset.lessons.ShowMe;
import studio.queryset.schema.ModelsPyImporter;
import studio.queryset.schema.Schema;
import studio.queryset.support.SampleDatabases;

/** The lesson panel's view-model without a window: what each step asks of the main window, claims, the race. */
class LessonPanelModelTest {
    @TempDir
    Path dir;

    /** Records what the panel asked for, in order. */
    static final class Recorder implements LessonActions {
        final List<String> calls = new ArrayList<>();

        public void setQuery(String django) {
            calls.add("setQuery " + django);
        }

        public void run() {
            calls.add("run");
        }

        public void compare(List<String> touches) {
            calls.add("compare " + touches);
        }

        public int highlight(List<String> fragments) {
            calls.add("highlight " + fragments);
            return fragments.size();
        }
    }

    private static Schema schema() throws Exception {
        return ModelsPyImporter.importFile(Path.of("sample-db/blog/models.py"), null);
    }

    @Test
    void openingPointsAtTheFirstStepAndShowMeDoesWhatTheStepSays() {
        Recorder r = new Recorder();
        LessonPanelModel m = new LessonPanelModel(r, Runnable::run);
        Lesson n1 = Lessons.forSample("n-plus-one-author").orElseThrow();
        m.open(n1);
        assertThat(m.isOpen()).isTrue();
        assertThat(m.stepProperty().get()).isZero();
        assertThat(r.calls).containsExactly("highlight [FROM \"blog_post\"]");
        assertThat(m.claimsProperty().get()).hasSize(n1.claims().size()).allMatch(c -> c.verdict() == null);

        r.calls.clear();
        m.showMe(1, () -> null, null);
        assertThat(r.calls).containsExactly("compare [author]", "highlight []");
        r.calls.clear();
        m.showMe(2, () -> null, null);
        ShowMe.SetQuery set = (ShowMe.SetQuery) n1.steps().get(2).showMe();
        assertThat(r.calls).containsExactly("setQuery " + set.django(), "highlight [INNER JOIN \"blog_author\"]");
        assertThat(m.stepProperty().get()).isEqualTo(2);

        r.calls.clear();
        m.showMe(0, () -> null, null); // step 1 has no Show me: nothing happens
        assertThat(r.calls).isEmpty();

        m.close();
        assertThat(m.isOpen()).isFalse();
        assertThat(r.calls).containsExactly("highlight []");
    }

    @Test
    void claimsAreCheckedOnTheDatabaseAndTheRaceOnAScratchCopy() throws Exception {
        Path db = SampleDatabases.sqliteCopy(dir);
        long sizeBefore = java.nio.file.Files.size(db);
        long modifiedBefore = java.nio.file.Files.getLastModifiedTime(db).toMillis();
        LessonPanelModel m = new LessonPanelModel(new Recorder(), Runnable::run);
        m.open(Lessons.forSample("f-increment").orElseThrow());
        m.checkClaims(new LessonBench(schema(), "jdbc:sqlite:" + db, null, Map.of()), db);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (m.busyProperty().get() || m.claimsProperty().get().get(0).verdict() == null) {
            assertThat(System.nanoTime()).as("claims checked within 60 s").isLessThan(deadline);
            Thread.sleep(50);
        }
        assertThat(m.claimsProperty().get()).allMatch(c -> c.verdict().holds() && c.verdict().checked());
        assertThat(m.statusProperty().get()).isEqualTo("2 of 2 claims hold on SQLite (the race on a scratch copy "
                + "of blog.sqlite3)");
        // the database the claims were read from was not written by the race
        assertThat(java.nio.file.Files.size(db)).isEqualTo(sizeBefore);
        assertThat(java.nio.file.Files.getLastModifiedTime(db).toMillis()).isEqualTo(modifiedBefore);
    }

    @Test
    void withoutADatabaseTheClaimsSaySoInsteadOfFailing() {
        LessonPanelModel m = new LessonPanelModel(new Recorder(), Runnable::run);
        m.open(Lessons.forSample("q-or").orElseThrow());
        m.checkClaims(null, null);
        assertThat(m.statusProperty().get()).isEqualTo("Connect a database to check the lesson's claims.");
        m.race(null, null);
        assertThat(m.statusProperty().get()).startsWith("The race needs the SQLite sample");
    }
}
