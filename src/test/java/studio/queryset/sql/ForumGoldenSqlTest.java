package studio.queryset.sql;


import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import studio.queryset.schema.ModelsPyImporter;
import studio.queryset.schema.Schema;

/**
 * Golden SQL and parameters per dialect on the differential forum schema (differential/forum/models.py), for the
 * Django 3.2 rules its expressions showed: a ForeignKey with to_field= (joins on the target field, trim_joins when
 * the path names it, RelatedIn selecting it, select_related, prefetch keys, ordering by the relation),
 * Meta.get_latest_by, relations a multi-table grandparent declares (select_related, prefetch_related, a split
 * exclude), a grandchild filled from its parent's row, a reverse-FK prefetch loading a deferred FK, set
 * operations with an EmptyQuerySet, ordering by a reverse relation (its model's Meta.ordering) and an inherited pk
 * trimmed down the parent chain. Each file was compared by hand with Django 3.2's {@code str(qs.query)} for the
 * same expression on the same backend (differential/record.py --app forum records the results).
 *
 * <p>Files: {@code src/test/resources/golden/sql-forum/<n>-<slug>.<dialect>.txt}, in GoldenSqlTest's format;
 * {@code -Dgolden.update=true} rewrites them.
 */
class ForumGoldenSqlTest {
    static final Path DIR = GoldenSqlTest.PROJECT.resolve("src/test/resources/golden/sql-forum");
    static Schema schema;

    @BeforeAll
    static void loadSchema() throws IOException {
        schema = ModelsPyImporter.importFile(GoldenSqlTest.PROJECT.resolve("differential/forum/models.py"), null);
    }

    static final List<GoldenSqlTest.Case> CASES = List.of(
            GoldenSqlTest.c("to-field-join", "Member.objects.filter(profile__home_board__name=\"Help\")"),
            GoldenSqlTest.c("to-field-trimmed", "Profile.objects.filter(home_board__slug=\"help\")"),
            GoldenSqlTest.c("to-field-pk-joins", "Profile.objects.filter(home_board__id=2)"),
            GoldenSqlTest.c("to-field-reverse-join", "Board.objects.filter(homed_profiles__karma__gt=4)"),
            GoldenSqlTest.c("to-field-in-queryset",
                    "Profile.objects.filter(home_board__in=Board.objects.filter(is_open=True))"),
            GoldenSqlTest.c("to-field-select-related", "Profile.objects.select_related(\"home_board\")"),
            GoldenSqlTest.c("to-field-order-by-relation", "Profile.objects.order_by(\"home_board\", \"pk\")"),
            GoldenSqlTest.c("to-field-prefetch-loads-deferred-fk", "Board.objects.prefetch_related(Prefetch("
                    + "\"homed_profiles\", queryset=Profile.objects.only(\"karma\").order_by(\"-pk\")))"),
            GoldenSqlTest.c("reverse-fk-prefetch-loads-deferred-fk", "Board.objects.prefetch_related(Prefetch("
                    + "\"threads\", queryset=Thread.objects.only(\"title\").order_by(\"id\")))"),
            GoldenSqlTest.c("latest-get-latest-by-list", "Post.objects.latest()"),
            GoldenSqlTest.c("earliest-get-latest-by-inherited", "Poll.objects.earliest()"),
            GoldenSqlTest.c("select-related-grandparent-fk", "Poll.objects.select_related(\"board\", \"author\")"),
            GoldenSqlTest.c("select-related-grandchild-from-parent",
                    "Thread.objects.select_related(\"announcement__poll\")"),
            GoldenSqlTest.c("prefetch-grandparent-reverse-fk", "Poll.objects.prefetch_related(\"posts\")"),
            GoldenSqlTest.c("exclude-grandparent-multivalued-split",
                    "Poll.objects.exclude(posts__author__name=\"ann\")"),
            GoldenSqlTest.c("empty-union-is-the-other",
                    "Member.objects.none().union(Member.objects.filter(pk__lt=3)).order_by(\"id\")"),
            GoldenSqlTest.c("union-leaves-out-empty-part",
                    "Member.objects.filter(pk__lt=3).union(Member.objects.none()).order_by(\"id\")"),
            GoldenSqlTest.c("empty-difference-is-itself", "Member.objects.none().difference(Member.objects.all())"),
            GoldenSqlTest.c("order-by-reverse-one-to-one-uses-its-ordering",
                    "Thread.objects.order_by(\"announcement\", \"id\").values_list(\"id\", flat=True)"),
            GoldenSqlTest.c("order-by-reverse-fk-uses-its-ordering",
                    "Board.objects.order_by(\"threads\", \"id\").values_list(\"id\", flat=True)"),
            GoldenSqlTest.c("order-by-pk-of-grandchild-trimmed", "Poll.objects.order_by(\"id\")"));

    static Stream<Arguments> cases() {
        return GoldenFiles.arguments(CASES);
    }

    static String render(String expr, Dialect dialect) {
        return GoldenFiles.render(schema, expr, dialect);
    }

    @ParameterizedTest(name = "{0}-{1} [{2}]")
    @MethodSource("cases")
    void matchesGoldenFile(int n, String slug, Dialect dialect, String expr) throws IOException {
        GoldenFiles.check(DIR, n, slug, dialect, expr, render(expr, dialect));
    }

    @Test
    void noStaleGoldenFiles() throws IOException {
        GoldenFiles.assertNoStaleFiles(DIR, CASES);
    }
}
