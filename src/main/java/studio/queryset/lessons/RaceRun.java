package studio.queryset.lessons;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.util.List;
import studio.queryset.django.DjangoParser;
import studio.queryset.query.QueryException;
import studio.queryset.run.Connections;
import studio.queryset.run.Executor;
import studio.queryset.run.QueryLog;
import studio.queryset.run.RaceLesson;
import studio.queryset.schema.Schema;
import studio.queryset.sql.Dialect;
import studio.queryset.sql.SqlCompiler;

/**
 * The race lesson as the product runs it: on a scratch copy of an SQLite database (the bundled sample or the
 * connected file), never on the user's own data, since the race writes. The copy is deleted afterwards.
 */
public final class RaceRun {
    private RaceRun() {
    }

    /** Two workers, 200 increments each: enough collisions to lose updates on SQLite, done in a few seconds. */
    public static RaceLesson.Options options(Object pk) {
        return RaceLesson.Options.forPost(pk).withIncrements(200);
    }

    /** Copies {@code sqliteFile} to a temporary file, races on the first post there, deletes the copy. */
    public static RaceLesson.Result onScratchCopy(Path sqliteFile, Schema schema) {
        return withScratchCopy(sqliteFile, url -> on(url, schema));
    }

    /** Runs {@code work} with the JDBC URL of a temporary copy of {@code sqliteFile}, deleted afterwards. */
    public static <T> T withScratchCopy(Path sqliteFile, java.util.function.Function<String, T> work) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("qss-race-");
            Path copy = dir.resolve("scratch.sqlite3");
            Files.copy(sqliteFile, copy, StandardCopyOption.REPLACE_EXISTING);
            return work.apply("jdbc:sqlite:" + copy);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a scratch copy of " + sqliteFile + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(dir);
        }
    }

    /** Races on {@code url}, which the caller guarantees is scratch (a copy, or a test's own schema). */
    public static RaceLesson.Result on(String url, Schema schema) {
        return RaceLesson.run(url, schema, options(firstPostPk(url, schema)));
    }

    private static Object firstPostPk(String url, Schema schema) {
        try (Connection c = Connections.open(url, false)) {
            Dialect d = Dialect.fromJdbcUrl(url);
            Object pks = new Executor(c, d, new QueryLog()).execute(SqlCompiler.plan(schema, DjangoParser.parse(
                    "Post.objects.order_by(\"pk\").values_list(\"pk\", flat=True)[:1]", schema), d),
                    Executor.WriteMode.DENY);
            if (pks instanceof List<?> l && !l.isEmpty()) {
                return l.get(0);
            }
            throw new QueryException("DoesNotExist", "the database has no posts to race on");
        } catch (java.sql.SQLException e) {
            throw Connections.translate(e);
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp directory left behind is harmless; the OS cleans it
        }
    }

    /** A one-line account: {@code read-modify-write lost 173 of 400 increments; F() lost 0}. */
    public static String summary(RaceLesson.Result r) {
        long total = r.readModifyWrite().expected() - r.readModifyWrite().start();
        return "read-modify-write lost " + r.readModifyWrite().lost() + " of " + total + " increments; F() lost "
                + r.fExpression().lost() + " of " + total;
    }
}
