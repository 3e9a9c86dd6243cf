package studio.queryset.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import studio.queryset.schema.Schema;

/**
 * The race lesson on both databases with the tutorial's numbers (two workers, 300 increments each):
 * read-modify-write loses updates, update(F() + 1) loses none, and the counter is back where it was.
 */
class RaceLessonTest {
    private static final long POST = 42;

    @TempDir
    static Path dir;
    private static String sqliteUrl;
    private static Schema schema;

    private static Path shm;

    /**
     * The SQLite copy goes on tmpfs when there is one: 1,200 commits cost 1-2 s there instead of 5-10 s of
     * fsync on a busy disk. Locking, and so the race, is the same on any file system.
     */
    @BeforeAll
    static void setUp() throws Exception {
        schema = SampleBlog.schema();
        Path tmpfs = Path.of("/dev/shm");
        if (Files.isDirectory(tmpfs) && Files.isWritable(tmpfs)) {
            shm = Files.createTempDirectory(tmpfs, "qss-race");
        }
        sqliteUrl = SampleBlog.sqliteCopy(shm != null ? shm : dir);
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (shm != null) {
            try (var files = Files.list(shm)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(shm);
        }
    }

    private static long viewCount(String url, long pk) throws Exception {
        try (Connection c = Connections.open(url, false); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT view_count FROM blog_post WHERE id = " + pk)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void readModifyWriteLosesUpdatesAndFExpressionDoesNot(String db) throws Exception {
        String url = db.equals("sqlite") ? sqliteUrl : SampleBlog.postgresUrl();
        long before = viewCount(url, POST);

        RaceLesson.Result r = RaceLesson.run(url, schema, RaceLesson.Options.forPost(POST));

        RaceLesson.Outcome a = r.readModifyWrite();
        RaceLesson.Outcome b = r.fExpression();
        System.out.printf(Locale.ROOT, "[race] %-10s read-modify-write: expected %d, got %d, lost %d (%.0f ms);"
                        + " F(): expected %d, got %d, lost %d (%.0f ms)%n", db, a.expected(), a.actual(), a.lost(),
                a.ms(), b.expected(), b.actual(), b.lost(), b.ms());

        assertThat(r.original()).isEqualTo(before);
        assertThat(a.start()).isEqualTo(before);
        assertThat(a.expected()).isEqualTo(before + 600);
        assertThat(a.lost()).as("read-modify-write loses updates").isPositive();
        assertThat(a.actual()).isGreaterThan(before); // every value written is some value read, plus one
        assertThat(b.start()).isEqualTo(before);
        assertThat(b.expected()).isEqualTo(before + 600);
        assertThat(b.lost()).as("update(F() + 1) loses none").isZero();

        assertThat(a.code()).contains("post.view_count += 1", "post.save()");
        assertThat(a.sql()).hasSize(2);
        assertThat(a.sql().get(0)).startsWith("SELECT").contains("LIMIT 21");
        assertThat(a.sql().get(1)).startsWith("UPDATE \"blog_post\" SET \"view_count\" = ?");
        assertThat(b.code()).isEqualTo("Post.objects.filter(pk=42).update(view_count=F(\"view_count\") + 1)");
        assertThat(b.sql()).singleElement().asString().contains("(\"blog_post\".\"view_count\" + ?");

        assertThat(r.restored()).isTrue();
        assertThat(viewCount(url, POST)).isEqualTo(before);
    }
}
