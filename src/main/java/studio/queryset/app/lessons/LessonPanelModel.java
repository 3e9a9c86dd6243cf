package studio.queryset.app.lessons;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import studio.queryset.lessons.Claim;
import studio.queryset.lessons.Lesson;
import studio.queryset.lessons.LessonBench;
import studio.queryset.lessons.LessonStep;
import studio.queryset.lessons.RaceRun;
import studio.queryset.lessons.ShowMe;
import studio.queryset.lessons.Verdict;
import studio.queryset.query.QueryException;
import studio.queryset.run.RaceLesson;
import studio.queryset.schema.Schema;

/**
 * The lesson panel's state: the open lesson (null when closed), the step being read, the claims as last checked
 * and the race's outcome. Commands are called on the FX thread; slow work (checking claims, the race) runs on
 * the panel's own worker and reports back on the FX thread. Holds no Nodes.
 */
public final class LessonPanelModel {
    /** A claim with what checking it found (null verdict: not checked yet). */
    public record CheckedClaim(Claim claim, Verdict verdict) {
        public String text() {
            String mark = verdict == null ? "·" : !verdict.checked() ? "–" : verdict.holds() ? "✓" : "✗";
            return mark + " " + claim.describe() + (verdict == null ? "" : " — " + verdict.observed());
        }
    }

    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "qss-lesson");
        t.setDaemon(true);
        return t;
    });
    private final ReadOnlyObjectWrapper<Lesson> lesson = new ReadOnlyObjectWrapper<>(this, "lesson");
    private final ReadOnlyIntegerWrapper step = new ReadOnlyIntegerWrapper(this, "step", -1);
    private final ReadOnlyObjectWrapper<List<CheckedClaim>> claims = new ReadOnlyObjectWrapper<>(this, "claims",
            List.of());
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyObjectWrapper<RaceLesson.Result> race = new ReadOnlyObjectWrapper<>(this, "race");
    private final LessonActions actions;
    /** Runs a piece of work on the FX thread later (Platform.runLater; tests pass a direct one). */
    private final java.util.concurrent.Executor fx;

    public LessonPanelModel(LessonActions actions) {
        this(actions, Platform::runLater);
    }

    LessonPanelModel(LessonActions actions, java.util.concurrent.Executor fx) {
        this.actions = actions;
        this.fx = fx;
    }

    /** Shows the lesson (replacing any open one); it stays until {@link #close}. */
    public void open(Lesson l) {
        lesson.set(l);
        race.set(null);
        status.set("");
        List<CheckedClaim> fresh = new ArrayList<>();
        l.claims().forEach(c -> fresh.add(new CheckedClaim(c, null)));
        claims.set(List.copyOf(fresh));
        step.set(-1);
        select(0);
    }

    public void close() {
        lesson.set(null);
        step.set(-1);
        actions.highlight(List.of());
    }

    public boolean isOpen() {
        return lesson.get() != null;
    }

    /** Makes step {@code i} the one being read and points at what it talks about. */
    public void select(int i) {
        Lesson l = lesson.get();
        if (l == null || i < 0 || i >= l.steps().size()) {
            return;
        }
        step.set(i);
        actions.highlight(l.steps().get(i).focus());
    }

    /** The step's "Show me": makes the change or runs the comparison, then points at what the step shows. */
    public void showMe(int i, Supplier<Path> raceDatabase, Schema schema) {
        Lesson l = lesson.get();
        if (l == null || i < 0 || i >= l.steps().size() || l.steps().get(i).showMe() == null) {
            return;
        }
        step.set(i);
        LessonStep s = l.steps().get(i);
        ShowMe action = s.showMe();
        if (action instanceof ShowMe.SetQuery q) {
            actions.setQuery(q.django());
        } else if (action instanceof ShowMe.Run) {
            actions.run();
        } else if (action instanceof ShowMe.CompareNPlusOne c) {
            actions.compare(c.touches());
        } else if (action instanceof ShowMe.RunRace) {
            race(raceDatabase.get(), schema);
        }
        // the SQL is recompiled after a change; point once the new text is shown
        fx.execute(() -> actions.highlight(s.focus()));
    }

    /** Runs the race on a scratch copy of {@code sqliteFile} (never the file itself). */
    public void race(Path sqliteFile, Schema schema) {
        if (busy.get()) {
            return;
        }
        if (sqliteFile == null || schema == null) {
            status.set("The race needs the SQLite sample (Samples → Bundled sample) to copy.");
            return;
        }
        start("Racing two workers on a scratch copy of " + sqliteFile.getFileName() + "…", () -> {
            RaceLesson.Result r = RaceRun.onScratchCopy(sqliteFile, schema);
            fx.execute(() -> {
                race.set(r);
                status.set(RaceRun.summary(r) + " (on a scratch copy; " + sqliteFile.getFileName()
                        + " is unchanged)");
            });
        });
    }

    /**
     * Checks every claim of the lesson on the bench (read-only), off the FX thread. A race claim races on a
     * scratch copy of {@code raceFile} (when there is one), never on the bench's database.
     */
    public void checkClaims(LessonBench bench, Path raceFile) {
        Lesson l = lesson.get();
        if (l == null || busy.get()) {
            return;
        }
        if (bench == null) {
            status.set("Connect a database to check the lesson's claims.");
            return;
        }
        LessonBench withParams = bench.withParams(l.params());
        boolean races = l.claims().stream().anyMatch(c -> c instanceof Claim.LostUpdates);
        start("Checking " + l.claims().size() + " claims on " + withParams.dialect().displayName() + "…", () -> {
            List<CheckedClaim> out = races && raceFile != null
                    ? RaceRun.withScratchCopy(raceFile, url -> check(l, new LessonBench(withParams.schema(),
                            withParams.url(), url, withParams.params())))
                    : check(l, withParams);
            int ok = (int) out.stream().filter(c -> c.verdict().holds() && c.verdict().checked()).count();
            int checked = (int) out.stream().filter(c -> c.verdict().checked()).count();
            String skipped = checked == out.size() ? "" : "; " + (out.size() - checked) + " not checked here";
            fx.execute(() -> {
                if (lesson.get() == l) {
                    claims.set(List.copyOf(out));
                    status.set(ok + " of " + checked + " claims hold on " + withParams.dialect().displayName() + skipped
                            + (races && raceFile != null ? " (the race on a scratch copy of "
                            + raceFile.getFileName() + ")" : ""));
                }
            });
        });
    }

    private static List<CheckedClaim> check(Lesson l, LessonBench bench) {
        List<CheckedClaim> out = new ArrayList<>();
        for (Claim c : l.claims()) {
            Verdict v;
            try {
                v = c.check(bench);
            } catch (QueryException e) {
                v = Verdict.of(false, e.kind() + ": " + e.getMessage());
            }
            out.add(new CheckedClaim(c, v));
        }
        return out;
    }

    private void start(String message, Runnable job) {
        busy.set(true);
        status.set(message);
        worker.execute(() -> {
            try {
                job.run();
            } catch (RuntimeException e) {
                String why = e instanceof QueryException q ? q.kind() + ": " + q.getMessage() : e.toString();
                fx.execute(() -> status.set(why));
            } finally {
                fx.execute(() -> busy.set(false));
            }
        });
    }

    public void dispose() {
        worker.shutdownNow();
    }

    public ReadOnlyObjectProperty<Lesson> lessonProperty() {
        return lesson.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty stepProperty() {
        return step.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<List<CheckedClaim>> claimsProperty() {
        return claims.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<RaceLesson.Result> raceProperty() {
        return race.getReadOnlyProperty();
    }
}
