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
 * Golden SQL and parameters per dialect for Django 3.2's window expressions and for contains_aggregate walking
 * every source expression, on the library schema: the OVER clause (PARTITION BY, ORDER BY with nulls placement,
 * ROWS/RANGE frames), the window functions with the arguments Django's constructors fill in (Lag's offset),
 * integer arguments cast on PostgreSQL, a window over an aggregate annotation kept out of GROUP BY, and the
 * refusals (a window in a filter, RANGE offsets on PostgreSQL, a window in aggregate(), a function that takes no
 * OVER clause). Format and {@code -Dgolden.update=true} as {@link LibraryGoldenSqlTest}; each file was checked
 * against Django 3.2's {@code str(qs.query)} for the same expression and backend.
 */
class WindowGoldenSqlTest {
    static final Path DIR = GoldenSqlTest.PROJECT.resolve("src/test/resources/golden/sql-window");

    @BeforeAll
    static void loadSchema() throws IOException {
        LibraryGoldenSqlTest.loadSchema();
    }

    static final List<GoldenSqlTest.Case> CASES = List.of(
            GoldenSqlTest.c("row-number-nulls-last", "Book.objects.annotate(r=Window(expression=RowNumber(), "
                    + "order_by=F(\"pages\").desc(nulls_last=True))).values_list(\"id\", \"r\")"),
            GoldenSqlTest.c("sum-partition-rows-frame", "Book.objects.annotate(s=Window(Sum(\"pages\"), "
                    + "partition_by=[F(\"publisher\"), \"editor\"], order_by=[\"id\"], "
                    + "frame=RowRange(start=-1, end=0))).values_list(\"id\", \"s\")"),
            GoldenSqlTest.c("lag-lead-ntile-arguments", "Book.objects.annotate(p=Window(Lag(\"pages\", default=0), "
                    + "order_by=F(\"id\").asc()), n=Window(Ntile(3), order_by=F(\"id\").asc()), "
                    + "v=Window(NthValue(\"title\", 2), order_by=F(\"id\").asc(), frame=ValueRange())).values_list("
                    + "\"id\", \"p\", \"n\", \"v\")"),
            GoldenSqlTest.c("window-over-aggregate-not-grouped", "Author.objects.annotate(n=Count(\"books\"), "
                    + "r=Window(Rank(), order_by=F(\"n\").desc())).values_list(\"id\", \"n\", \"r\")"),
            GoldenSqlTest.c("range-offset", "Book.objects.annotate(m=Window(Max(\"pages\"), order_by=F(\"id\").asc(), "
                    + "frame=ValueRange(start=-3, end=3))).values_list(\"id\", \"m\")"),
            GoldenSqlTest.c("window-in-filter-refused", "Book.objects.annotate(r=Window(Rank(), "
                    + "order_by=F(\"pages\").desc())).filter(r=1)"),
            GoldenSqlTest.c("window-in-aggregate-refused", "Book.objects.aggregate(x=Window(Sum(\"pages\")))"),
            GoldenSqlTest.c("window-function-without-over-refused", "Book.objects.annotate(r=RowNumber())"),
            GoldenSqlTest.c("incompatible-expression-refused", "Book.objects.annotate(r=Window(Lower(\"title\")))"),
            GoldenSqlTest.c("aggregate-negated-sum", "Book.objects.aggregate(x=-Sum(\"pages\"))"),
            GoldenSqlTest.c("aggregate-case-around-sum", "Book.objects.aggregate(x=Case(When(pages__gt=100, "
                    + "then=Sum(\"pages\")), default=0))"));

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
        assertThat(present).isEqualTo(expected);
    }
}
