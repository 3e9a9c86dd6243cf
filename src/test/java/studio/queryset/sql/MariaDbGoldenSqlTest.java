package studio.queryset.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import studio.queryset.schema.ModelsPyImporter;

/**
 * Golden SQL and parameters for what is MariaDB's own in Django 3.2's mysql backend, beyond the shared cases of
 * {@link GoldenSqlTest} (which run on MariaDB too): pattern lookups against columns (CONCAT and nested REPLACE),
 * LIKE BINARY, nulls placement, casts, POW, decimal division, the date functions (DAYOFWEEK, WEEKDAY, WEEK(x, 3),
 * DATE_FORMAT/DATE_SUB truncations, TIMESTAMPDIFF), CONCAT_WS, CHAR_LENGTH, INSTR, CASE WHEN for filter=,
 * GROUP BY collapsed to the pk, and intersection()/difference() refused before any SQL.
 *
 * <p>Files: {@code src/test/resources/golden/sql-mariadb/<n>-<slug>.mariadb.txt}, in GoldenSqlTest's format;
 * {@code -Dgolden.update=true} rewrites them. Each was compared with what Django 3.2 writes for the same expression
 * on MariaDB: {@code /usr/bin/python3 differential/golden/django_mysql_sql.py} prints Django's SQL and params
 * for every golden file of both folders (placeholders as ?, aliases such as U0 unquoted there).
 */
class MariaDbGoldenSqlTest {
    static final Path DIR = GoldenSqlTest.PROJECT.resolve("src/test/resources/golden/sql-mariadb");

    @BeforeAll
    static void loadSchema() throws IOException {
        GoldenSqlTest.schema = ModelsPyImporter.importFile(GoldenSqlTest.PROJECT.resolve("sample-db/blog/models.py"),
                null);
    }

    static final List<GoldenSqlTest.Case> CASES = List.of(
            GoldenSqlTest.c("contains-f-concat-replace", "Post.objects.filter(title__contains=F(\"slug\"))"),
            GoldenSqlTest.c("istartswith-iendswith-f", "Post.objects.filter(title__istartswith=F(\"author__name\"), "
                    + "body__iendswith=F(\"slug\"))"),
            GoldenSqlTest.c("iexact-escapes-backslash", "Post.objects.filter(title__iexact=\"50%_off\\\\\")"),
            GoldenSqlTest.c("intersection-refused", "Post.objects.values_list(\"id\", flat=True).intersection("
                    + "Post.objects.values_list(\"id\", flat=True))"),
            GoldenSqlTest.c("difference-refused", "Post.objects.values_list(\"id\", flat=True).difference("
                    + "Post.objects.filter(view_count__gt=100).values_list(\"id\", flat=True))"),
            GoldenSqlTest.c("nulls-first-desc", "Post.objects.order_by(F(\"published_at\").desc(nulls_first=True))"),
            GoldenSqlTest.c("nulls-last-asc", "Post.objects.order_by(F(\"published_at\").asc(nulls_last=True))"),
            GoldenSqlTest.c("cast-integer-char", "Post.objects.annotate(v=Cast(\"title\", output_field=IntegerField()),"
                    + " t=Cast(\"view_count\", output_field=CharField()))"),
            GoldenSqlTest.c("power", "Post.objects.annotate(p=F(\"view_count\") ** 2)"),
            GoldenSqlTest.c("division-in-having", "Author.objects.annotate(n=Count(\"posts\")).filter(id__lt=F(\"n\") / 4)"),
            GoldenSqlTest.c("iso-week-day-week", "Post.objects.filter(published_at__iso_week_day=1, published_at__week=10)"),
            GoldenSqlTest.c("iso-year", "Post.objects.filter(published_at__iso_year=2024)"),
            GoldenSqlTest.c("trunc-week-quarter-date", "Post.objects.annotate(w=Trunc(\"published_at\", \"week\"), "
                    + "q=TruncQuarter(\"published_at\"), d=TruncDate(\"published_at\"), "
                    + "y=TruncYear(\"published_at\", output_field=DateField()), h=TruncHour(\"published_at\"))"),
            GoldenSqlTest.c("datetime-difference", "Post.objects.annotate(age=ExpressionWrapper(F(\"updated_at\") - "
                    + "F(\"published_at\"), output_field=DurationField()))"),
            GoldenSqlTest.c("text-functions", "Author.objects.annotate(i=StrIndex(\"name\", Value(\"a\")), "
                    + "n=Length(\"name\"), l=Left(\"name\", 2), r=Right(\"name\", 2), rp=Repeat(\"name\", 2))"),
            GoldenSqlTest.c("concat-three", "Author.objects.annotate(c=Concat(\"name\", Value(\" \"), \"name\"))"),
            GoldenSqlTest.c("sum-filter-case-when", "Author.objects.annotate(s=Sum(\"posts__view_count\", "
                    + "filter=Q(posts__title__icontains=\"orm\")))"),
            GoldenSqlTest.c("group-by-pk-with-select-related",
                    "Post.objects.select_related(\"author\").annotate(n=Count(\"comments\"))"),
            GoldenSqlTest.c("group-by-function-collapsed", "Author.objects.annotate(lower=Lower(\"name\"), "
                    + "n=Count(\"posts\"))"),
            GoldenSqlTest.c("year-gt-lte", "Post.objects.filter(published_at__year__gt=2020, updated_at__year__lte=2024)"),
            GoldenSqlTest.c("now", "Post.objects.filter(published_at__lt=Now())"),
            GoldenSqlTest.c("in-sliced-subquery", "Post.objects.filter(id__in=Comment.objects.values(\"post\")[:5])"),
            GoldenSqlTest.c("aggregate-grouped-order-by-null",
                    "Post.objects.values(\"author_id\").annotate(n=Count(\"id\")).order_by()"));

    static String fileName(int n, GoldenSqlTest.Case cs) {
        return String.format(Locale.ROOT, "%03d-%s.mariadb.txt", n, cs.slug());
    }

    static Stream<Arguments> cases() {
        return IntStream.range(0, CASES.size()).mapToObj(i -> Arguments.of(i + 1, CASES.get(i).slug(),
                CASES.get(i).expr()));
    }

    @ParameterizedTest(name = "{0}-{1}")
    @MethodSource("cases")
    void matchesGoldenFile(int n, String slug, String expr) throws IOException {
        String actual = GoldenSqlTest.render(expr, Dialect.MARIADB);
        Path file = DIR.resolve(fileName(n, new GoldenSqlTest.Case(slug, expr)));
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

    @ParameterizedTest(name = "{0}-{1}")
    @MethodSource("cases")
    void parameterCountEqualsPlaceholderCount(int n, String slug, String expr) {
        List<CompiledQuery> statements = GoldenSqlTest.statementsOrNull(expr, Dialect.MARIADB);
        if (statements != null) {
            for (CompiledQuery q : statements) {
                assertThat(q.params()).as("params of %s", q.sql()).hasSize(GoldenSqlTest.countPlaceholders(q.sql()));
                assertThat(q.sql()).as("identifiers in backticks").doesNotContain("\"");
            }
        }
    }

    @Test
    void noStaleGoldenFiles() throws IOException {
        Set<String> expected = new TreeSet<>();
        for (int i = 0; i < CASES.size(); i++) {
            expected.add(fileName(i + 1, CASES.get(i)));
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
