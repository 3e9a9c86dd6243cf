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
import org.junit.jupiter.params.provider.Arguments;
import studio.queryset.django.DjangoParser;
import studio.queryset.query.QueryException;
import studio.queryset.schema.Schema;

/**
 * The golden-file mechanics the per-schema golden SQL tests share: one file per case and dialect,
 * {@code <n>-<slug>.<dialect>.txt} in GoldenSqlTest's format, {@code -Dgolden.update=true} rewrites them.
 */
final class GoldenFiles {
    private GoldenFiles() {
    }

    static String fileName(int n, GoldenSqlTest.Case cs, Dialect d) {
        return String.format(Locale.ROOT, "%03d-%s.%s.txt", n, cs.slug(), d.name().toLowerCase(Locale.ROOT));
    }

    /** (n, slug, dialect, expression) for every case on every dialect. */
    static Stream<Arguments> arguments(List<GoldenSqlTest.Case> cases) {
        return IntStream.range(0, cases.size()).boxed().flatMap(i -> Stream.of(Dialect.values())
                .map(d -> Arguments.of(i + 1, cases.get(i).slug(), d, cases.get(i).expr())));
    }

    /** Every statement's SQL and parameters (or the error), each statement's parameter count checked. */
    static String render(Schema schema, String expr, Dialect dialect) {
        StringBuilder sb = new StringBuilder("-- expression\n").append(expr).append('\n');
        List<CompiledQuery> statements;
        try {
            statements = SqlCompiler.plan(schema, DjangoParser.parse(expr, schema), dialect).statements();
        } catch (QueryException e) {
            return sb.append("-- error\n").append(e.kind()).append(": ").append(e.getMessage()).append('\n')
                    .toString();
        }
        for (int i = 0; i < statements.size(); i++) {
            sb.append("-- statement ").append(i + 1).append('\n').append(statements.get(i).sql()).append('\n');
            sb.append("-- params ").append(i + 1).append('\n').append(GoldenSqlTest.json(statements.get(i).params()))
                    .append('\n');
            assertThat(statements.get(i).params()).as("params of %s", statements.get(i).sql())
                    .hasSize(GoldenSqlTest.countPlaceholders(statements.get(i).sql()));
        }
        return sb.toString();
    }

    /** Compares {@code actual} with the case's file in {@code dir} (writes it under -Dgolden.update=true). */
    static void check(Path dir, int n, String slug, Dialect dialect, String expr, String actual) throws IOException {
        Path file = dir.resolve(fileName(n, new GoldenSqlTest.Case(slug, expr), dialect));
        if (GoldenSqlTest.UPDATE) {
            Files.createDirectories(dir);
            Files.writeString(file, actual, StandardCharsets.UTF_8);
            return;
        }
        if (!Files.exists(file)) {
            fail("No golden file " + file + "; run with -Dgolden.update=true, then review it");
        }
        assertThat(actual).as("golden %s", file.getFileName()).isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
    }

    /** {@code dir} holds exactly the files of {@code cases}: none left behind by a removed or renamed case. */
    static void assertNoStaleFiles(Path dir, List<GoldenSqlTest.Case> cases) throws IOException {
        Set<String> expected = new TreeSet<>();
        for (int i = 0; i < cases.size(); i++) {
            for (Dialect d : Dialect.values()) {
                expected.add(fileName(i + 1, cases.get(i), d));
            }
        }
        Set<String> present = new TreeSet<>();
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                files.forEach(p -> present.add(p.getFileName().toString()));
            }
        }
        if (!GoldenSqlTest.UPDATE) {
            assertThat(present).isEqualTo(expected);
        }
    }
}
