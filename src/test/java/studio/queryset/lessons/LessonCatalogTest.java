package studio.queryset.lessons;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.queryset.sample.SampleGallery;
import studio.queryset.django.DjangoPrinter;
import studio.queryset.sql.Dialect;

/**
 * The lessons against the gallery and the tutorial: every sample has a lesson starting from the sample's own
 * query, every tutorial section is taught, and what a step points at is really in the SQL the step shows.
 */
class LessonCatalogTest {
    @TempDir
    static Path dir;

    @Test
    void everyGallerySampleHasALessonStartingFromItsQuery() throws Exception {
        List<SampleGallery.Sample> samples = SampleGallery.load(LessonDatabases.schema());
        for (SampleGallery.Sample s : samples) {
            Lesson l = Lessons.forSample(s.id()).orElse(null);
            assertThat(l).as("lesson of sample " + s.id()).isNotNull();
            assertThat(DjangoPrinter.print(new LessonBench(LessonDatabases.schema(), "jdbc:sqlite::memory:", null,
                    Map.of()).parse(l.query()))).as(s.id()).isEqualTo(DjangoPrinter.print(s.design().query()));
            assertThat(l.requires()).as(s.id() + " needs the database the sample needs").isEqualTo(s.requires());
        }
        assertThat(Lessons.all()).extracting(Lesson::id).doesNotHaveDuplicates();
    }

    @Test
    void everySectionOfTheTutorialIsTaught() {
        Set<String> sections = new HashSet<>();
        Lessons.all().forEach(l -> sections.add(l.section()));
        assertThat(sections).contains("Q objects", "F expressions", "select_related and prefetch_related",
                "Annotations", "Conditional aggregation", "Aggregation", "Subqueries",
                "values, values_list, only/defer", "Raw SQL", "Async ORM", "GeneratedField", "Gotchas");
        for (String gotcha : List.of("gotcha-update-bypasses-save", "gotcha-join-multiplication",
                "gotcha-join-multiplication-fixed", "gotcha-distinct-on", "gotcha-random-order", "gotcha-iterator",
                "gotcha-lazy")) {
            assertThat(Lessons.forSample(gotcha)).as(gotcha).isPresent();
        }
        for (Lesson l : Lessons.all()) {
            assertThat(l.steps()).as(l.id()).isNotEmpty();
            assertThat(l.claims()).as(l.id()).isNotEmpty();
        }
    }

    /** A step highlights fragments of the SQL shown while it is read: the lesson's query, or the one it sets. */
    @Test
    void whatAStepPointsAtIsInTheSqlItShows() throws Exception {
        List<String> missing = new ArrayList<>();
        int fragments = 0;
        for (Dialect d : Dialect.values()) {
            LessonBench bench = d == Dialect.SQLITE ? LessonDatabases.sqlite(dir.resolve("focus"))
                    : new LessonBench(LessonDatabases.schema(), "jdbc:postgresql://unused/db", null, Map.of());
            for (Lesson l : Lessons.all()) {
                if (!l.runsOn(d)) {
                    continue;
                }
                String current = l.query();
                for (LessonStep step : l.steps()) {
                    if (step.showMe() instanceof ShowMe.SetQuery set) {
                        current = set.django();
                    }
                    if (step.focus().isEmpty() || current.contains(".update(word_count")) {
                        continue;
                    }
                    String sql = String.join("\n", bench.withParams(l.params()).sql(current));
                    for (String f : step.focus()) {
                        fragments++;
                        if (!sql.contains(f)) {
                            missing.add(d + " " + l.id() + ": " + f);
                        }
                    }
                }
            }
        }
        assertThat(missing).isEmpty();
        assertThat(fragments).isGreaterThan(40);
    }

    /** Every "Show me" that changes the query gives text the product parses and compiles (or refuses on purpose). */
    @Test
    void everyShowMeQueryCompiles() throws Exception {
        LessonBench bench = LessonDatabases.sqlite(dir.resolve("showme"));
        int checked = 0;
        for (Lesson l : Lessons.all()) {
            for (LessonStep step : l.steps()) {
                if (step.showMe() instanceof ShowMe.SetQuery set) {
                    if (set.django().contains(".update(word_count")) {
                        // the GeneratedField lesson shows the refusal itself
                        assertThat(new Claim.Fails(set.django(), "FieldError").check(bench).holds()).isTrue();
                    } else {
                        assertThat(bench.withParams(l.params()).sql(set.django())).as(l.id()).isNotEmpty();
                    }
                    checked++;
                }
                if (step.showMe() instanceof ShowMe.CompareNPlusOne c) {
                    assertThat(c.touches()).as(l.id()).isEqualTo(l.touches());
                }
            }
        }
        assertThat(checked).isGreaterThan(8);
    }

    @Test
    void theLoopOffersTheModelsRelationsWithHowToLoadThem() throws Exception {
        List<LoopTouches.Relation> post = LoopTouches.offered(LessonDatabases.schema(), "Post");
        assertThat(post).extracting(LoopTouches.Relation::name).containsExactly("author", "tags", "comments");
        assertThat(post).extracting(LoopTouches.Relation::loader).containsExactly("select_related",
                "prefetch_related", "prefetch_related");
        List<LoopTouches.Relation> author = LoopTouches.offered(LessonDatabases.schema(), "Author");
        assertThat(author).extracting(r -> r.name() + " " + r.kind()).contains("profile reverse OneToOne",
                "posts reverse ForeignKey");
    }

    @Test
    void theComparisonSaysAsWrittenOnlyWhenItIs() throws Exception {
        LessonBench bench = LessonDatabases.sqlite(dir.resolve("labels"));
        NPlusOneReport plain = bench.compare("Post.objects.all()[:20]", List.of("author"));
        assertThat(plain.asWritten()).isFalse();
        assertThat(plain.optimizedLabel()).isEqualTo("Optimized: select_related(\"author\") added");
        assertThat(plain.optimizedQuery()).contains("select_related(\"author\")");
        assertThat(plain.headline()).contains("21").contains("1");
        assertThat(plain.timesExplained()).contains("round trips").contains("21 round trips instead of 1");

        NPlusOneReport written = bench.compare("Post.objects.prefetch_related(\"tags\")[:20]", List.of("tags"));
        assertThat(written.asWritten()).isTrue();
        assertThat(written.optimizedLabel()).isEqualTo("Optimized: as written");

        NPlusOneReport both = bench.compare("Post.objects.all()[:5]", List.of("author", "tags"));
        assertThat(both.optimizedLabel()).isEqualTo("Optimized: select_related(\"author\") + "
                + "prefetch_related(\"tags\") added");
        assertThat(both.comparison().naiveStatements()).isEqualTo(11);
        assertThat(both.comparison().optimizedStatements()).isEqualTo(2);

        NPlusOneReport none = bench.compare("Post.objects.all()[:5]", List.of());
        assertThat(none.headline()).startsWith("Tick the relations your loop reads");
    }
}
