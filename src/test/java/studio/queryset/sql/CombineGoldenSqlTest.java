package studio.queryset.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden SQL and parameters per dialect for {@code qs | qs} and {@code qs & qs} (Django 3.2's Query.combine) on the
 * differential library schema: joins reused under OR and added under AND, the JoinPromoter's LEFT OUTER joins, a
 * negated multi-valued side, precedence, ordering from the right side, a sliced side as {@code pk__in}, an
 * aggregate condition taking the OR to HAVING, a combination inside a subquery, and Django's errors. Each was
 * compared by hand with Django 3.2's {@code str(qs.query)} for the same expression; the one known difference (a
 * forward FK joined once under AND where Django adds a duplicate join) is named in QueryCombiner.
 *
 * <p>Files: {@code src/test/resources/golden/sql-combine/<n>-<slug>.<dialect>.txt}, in GoldenSqlTest's format;
 * {@code -Dgolden.update=true} rewrites them.
 */
class CombineGoldenSqlTest {
    static final Path DIR = GoldenSqlTest.PROJECT.resolve("src/test/resources/golden/sql-combine");

    @BeforeAll
    static void loadSchema() throws IOException {
        LibraryGoldenSqlTest.loadSchema();
    }

    static final List<GoldenSqlTest.Case> CASES = List.of(
            GoldenSqlTest.c("or-same-table", "Author.objects.filter(name__in=[\"Ann\", \"Eve\"]) "
                    + "| Author.objects.filter(rating=5)"),
            GoldenSqlTest.c("or-reuses-m2m-join", "Author.objects.filter(books__pages__gt=300) "
                    + "| Author.objects.filter(books__title__startswith=\"b\")"),
            GoldenSqlTest.c("and-adds-m2m-join", "Author.objects.filter(books__pages__gt=300) "
                    + "& Author.objects.filter(books__title__startswith=\"b\")"),
            GoldenSqlTest.c("or-promotes-one-sided-join", "Author.objects.filter(books__pages__gt=300) "
                    + "| Author.objects.filter(rating=5)"),
            GoldenSqlTest.c("or-two-joins-stay-two", "Book.objects.filter(genres__name=\"Poetry\")"
                    + ".filter(genres__name=\"Fiction\") | Book.objects.filter(genres__name=\"History\")"),
            GoldenSqlTest.c("or-with-exclude", "Author.objects.exclude(books__title__startswith=\"b\") "
                    + "| Author.objects.filter(mentor__name=\"Ann\")"),
            GoldenSqlTest.c("and-binds-tighter", "Author.objects.filter(rating=5) "
                    + "| Author.objects.filter(name=\"Ann\") & Author.objects.filter(country=\"NO\")"),
            GoldenSqlTest.c("sliced-side-pk-in-and-right-ordering", "Author.objects.filter(rating=4)"
                    + ".order_by(\"name\")[:2] | Author.objects.filter(name=\"Ann\").order_by(\"-rating\")"),
            GoldenSqlTest.c("filter-after-or", "(Author.objects.filter(rating=5) "
                    + "| Author.objects.filter(name=\"Ann\")).filter(country=\"NO\")"),
            GoldenSqlTest.c("or-with-unfiltered-side", "Author.objects.all() | Author.objects.filter(rating=5)"),
            GoldenSqlTest.c("none-side", "Author.objects.none() | Author.objects.filter(rating=5)"),
            GoldenSqlTest.c("or-aggregate-condition-in-having", "Author.objects.annotate(n=Count(\"books\"))"
                    + ".filter(n__gte=2) | Author.objects.filter(rating=5)"),
            GoldenSqlTest.c("or-inside-subquery", "Book.objects.filter(id__in=Book.objects.filter(pages__gt=500) "
                    + "| Book.objects.filter(price__lt=10))"),
            GoldenSqlTest.c("different-models-refused", "Author.objects.filter(rating=5) | Book.objects.all()"),
            GoldenSqlTest.c("sliced-and-refused", "Author.objects.filter(rating=4)[:2] "
                    + "& Author.objects.filter(name=\"Ann\")"),
            GoldenSqlTest.c("distinct-mismatch-refused", "Author.objects.filter(rating=5).distinct() "
                    + "| Author.objects.filter(name=\"Ann\")"),
            GoldenSqlTest.c("values-mismatch-refused", "Author.objects.values(\"name\") | Author.objects.values(\"id\")"));

    static Stream<Arguments> cases() {
        return IntStream.range(0, CASES.size()).boxed().flatMap(i -> Stream.of(Dialect.values())
                .map(d -> Arguments.of(i + 1, CASES.get(i).slug(), d, CASES.get(i).expr())));
    }

    @ParameterizedTest(name = "{0}-{1} [{2}]")
    @MethodSource("cases")
    void matchesGoldenFile(int n, String slug, Dialect dialect, String expr) throws IOException {
        String actual = LibraryGoldenSqlTest.render(expr, dialect);
        Path file = DIR.resolve(LibraryGoldenSqlTest.fileName(n, new GoldenSqlTest.Case(slug, expr), dialect));
        if (GoldenSqlTest.UPDATE) {
            Files.createDirectories(DIR);
            Files.writeString(file, actual, StandardCharsets.UTF_8);
            return;
        }
        if (!Files.exists(file)) {
            fail("No golden file " + file + "; run with -Dgolden.update=true, then review it");
        }
        assertThat(actual).as("golden %s", file.getFileName()).isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
    }

    @Test
    void noStaleGoldenFiles() throws IOException {
        Set<String> expected = new TreeSet<>();
        for (int i = 0; i < CASES.size(); i++) {
            for (Dialect d : Dialect.values()) {
                expected.add(LibraryGoldenSqlTest.fileName(i + 1, CASES.get(i), d));
            }
        }
        Set<String> present = new TreeSet<>();
        if (Files.isDirectory(DIR)) {
            try (Stream<Path> files = Files.list(DIR)) {
                files.forEach(p -> present.add(p.getFileName().toString()));
            }
        }
        if (!GoldenSqlTest.UPDATE) {
            assertThat(present).isEqualTo(expected);
        }
    }
}
