package studio.queryset.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import studio.queryset.cli.MainCommand;
import studio.queryset.schema.Field;
import studio.queryset.schema.Model;
import studio.queryset.schema.ModelsPyImporter;
import studio.queryset.schema.Schema;

class BlogDataGeneratorTest {

    /** Small enough to be quick, large enough for every kind of row to show up. */
    private static final int POSTS = 400;

    @TempDir
    Path dir;

    /** Runs {@code queryset-studio sample-db ARGS} as the jar does; returns exit code, stdout and stderr. */
    record Run(int exit, String out, String err) {
    }

    static Run cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = new CommandLine(new MainCommand());
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 1];
        all[0] = "sample-db";
        System.arraycopy(args, 0, all, 1, args.length);
        int exit = cmd.execute(all);
        return new Run(exit, out.toString(), err.toString());
    }

    private Path load(String name, String... extra) {
        Path file = dir.resolve(name);
        List<String> args = new ArrayList<>(List.of("--db", "jdbc:sqlite:" + file, "--posts", "" + POSTS));
        args.addAll(List.of(extra));
        Run run = cli(args.toArray(String[]::new));
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("Loaded the blog sample", POSTS + " posts");
        return file;
    }

    static Connection sqlite(Path file) throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + file);
    }

    static long scalar(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void sameSeedGivesIdenticalContent() throws Exception {
        Path a = load("a.sqlite3");
        Path b = load("nested/folder/b.sqlite3"); // missing folders are created
        Path c = load("c.sqlite3", "--seed", "7");
        Map<String, String> da;
        try (Connection ca = sqlite(a); Connection cb = sqlite(b); Connection cc = sqlite(c)) {
            da = SampleDigest.of(ca, null);
            assertThat(SampleDigest.of(cb, null)).isEqualTo(da);
            assertThat(SampleDigest.of(cc, null).get("blog_post")).isNotEqualTo(da.get("blog_post"));
        }
    }

    @Test
    void dataHasTheSkewTheTutorialNeeds() throws Exception {
        BlogDataGenerator.Sizes sizes = BlogDataGenerator.Sizes.forPosts(POSTS);
        try (Connection c = sqlite(load("skew.sqlite3"))) {
            assertThat(scalar(c, "SELECT COUNT(*) FROM blog_author")).isEqualTo(sizes.authors());
            assertThat(scalar(c, "SELECT COUNT(*) FROM blog_post")).isEqualTo(POSTS);
            assertThat(scalar(c, "SELECT COUNT(*) FROM blog_comment")).isEqualTo(sizes.comments());
            assertThat(scalar(c, "SELECT COUNT(*) FROM blog_tag")).isEqualTo(50);

            long authors = sizes.authors();
            long withoutPosts = scalar(c, "SELECT COUNT(*) FROM blog_author a WHERE NOT EXISTS"
                    + " (SELECT 1 FROM blog_post p WHERE p.author_id = a.id)");
            long withoutProfile = scalar(c, "SELECT COUNT(*) FROM blog_author a WHERE NOT EXISTS"
                    + " (SELECT 1 FROM blog_profile p WHERE p.author_id = a.id)");
            assertThat(withoutPosts).isPositive().isLessThan(authors / 4 + 2);
            assertThat(withoutProfile).isPositive().isLessThan(authors / 4 + 2);
            // a few prolific authors: the busiest one writes far more than an even share
            long top = scalar(c, "SELECT MAX(n) FROM (SELECT COUNT(*) n FROM blog_post GROUP BY author_id)");
            assertThat(top).isGreaterThan(4L * POSTS / authors);

            long unpublished = scalar(c, "SELECT COUNT(*) FROM blog_post WHERE published_at IS NULL");
            assertThat(unpublished).isBetween(POSTS * 5L / 100, POSTS * 20L / 100);
            assertThat(scalar(c, "SELECT COUNT(*) FROM blog_post WHERE updated_at < published_at")).isZero();
            assertThat(scalar(c, "SELECT COUNT(*) FROM blog_post WHERE published_at IS NULL AND view_count <> 0"))
                    .isZero();
            assertThat(scalar(c, "SELECT COUNT(*) FROM blog_post WHERE published_at NOT LIKE '____-__-__ __:__:__'"
                    + " OR updated_at NOT LIKE '____-__-__ __:__:__'")).isZero();

            // 0-6 tags a post; some posts without tags; the last three tags never used
            assertThat(scalar(c, "SELECT MAX(n) FROM (SELECT COUNT(*) n FROM blog_post_tags GROUP BY post_id)"))
                    .isBetween(3L, 6L);
            assertThat(scalar(c, "SELECT COUNT(*) FROM blog_post p WHERE NOT EXISTS"
                    + " (SELECT 1 FROM blog_post_tags t WHERE t.post_id = p.id)")).isPositive();
            assertThat(scalar(c, "SELECT COUNT(*) FROM blog_tag t WHERE NOT EXISTS"
                    + " (SELECT 1 FROM blog_post_tags pt WHERE pt.tag_id = t.id)")).isEqualTo(3);

            // comments: only on published posts, never before publication, concentrated on a few posts
            assertThat(scalar(c, "SELECT COUNT(*) FROM blog_comment c JOIN blog_post p ON p.id = c.post_id"
                    + " WHERE p.published_at IS NULL OR c.created_at < p.published_at")).isZero();
            assertThat(scalar(c, "SELECT COUNT(*) FROM blog_post p WHERE p.published_at IS NOT NULL AND NOT EXISTS"
                    + " (SELECT 1 FROM blog_comment c WHERE c.post_id = p.id)")).isPositive();
            assertThat(scalar(c, "SELECT MAX(n) FROM (SELECT COUNT(*) n FROM blog_comment GROUP BY post_id)"))
                    .isGreaterThan(5L * sizes.comments() / POSTS);

            assertThat(scalar(c, "SELECT COUNT(DISTINCT email) FROM blog_author")).isEqualTo(authors);
            assertThat(scalar(c, "SELECT COUNT(DISTINCT slug) FROM blog_post")).isEqualTo(POSTS);
        }
    }

    @Test
    void wordCountIsComputedByTheDatabaseAndCountsWords() throws Exception {
        try (Connection c = sqlite(load("words.sqlite3"));
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT body, word_count FROM blog_post ORDER BY id")) {
            int rows = 0;
            while (rs.next()) {
                String body = rs.getString(1);
                assertThat(body).doesNotContain("  ", "\n", "\t").doesNotStartWith(" ").doesNotEndWith(" ");
                assertThat(rs.getInt(2)).isEqualTo(body.split(" ").length).isBetween(20, 400);
                rows++;
            }
            assertThat(rows).isEqualTo(POSTS);
        }
    }

    @Test
    void defaultSizes() {
        BlogDataGenerator.Sizes sizes = BlogDataGenerator.Sizes.defaults();
        assertThat(sizes).isEqualTo(new BlogDataGenerator.Sizes(220, 50, 5_000, 20_000));
        assertThat(BlogDataGenerator.Sizes.forPosts(1_000_000))
                .isEqualTo(new BlogDataGenerator.Sizes(44_000, 50, 1_000_000, 4_000_000));
    }

    @Test
    void refusesExistingTablesUnlessForced() throws Exception {
        Path file = load("force.sqlite3");
        Map<String, String> before;
        try (Connection c = sqlite(file)) {
            before = SampleDigest.of(c, null);
        }
        Run refused = cli("--db", "jdbc:sqlite:" + file, "--posts", "" + POSTS);
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err().strip()).startsWith("sample-db: ").contains("--force").doesNotContain("\n");

        Run forced = cli("--db", "jdbc:sqlite:" + file, "--posts", "" + POSTS, "--force");
        assertThat(forced.exit()).as(forced.err()).isZero();
        try (Connection c = sqlite(file)) {
            assertThat(SampleDigest.of(c, null)).isEqualTo(before);
        }
    }

    @Test
    void errorsAreOneLineAndExitOne() {
        for (String[] args : List.of(
                new String[] {"--db", "jdbc:mysql://localhost/blog"},
                new String[] {"--db", "jdbc:postgresql://127.0.0.1:1/test?user=postgres&password=secret"},
                new String[] {"--db", "jdbc:sqlite:" + dir.resolve("x.sqlite3"), "--schema", "blog"},
                new String[] {"--db", "jdbc:sqlite:" + dir.resolve("x.sqlite3"), "--posts", "0"})) {
            Run run = cli(args);
            assertThat(run.exit()).as(String.join(" ", args)).isEqualTo(1);
            assertThat(run.err().strip()).startsWith("sample-db: ").doesNotContain("\n", "\tat ", "secret");
            assertThat(run.out()).isEmpty();
        }
    }

    @Test
    void ddlMatchesModelsPy() throws Exception {
        Path project = projectDir();
        Schema schema = ModelsPyImporter.importFile(project.resolve("sample-db/blog/models.py"), null);
        try (Connection c = sqlite(load("ddl.sqlite3"))) {
            for (Model model : schema.models()) {
                List<String> expected = new ArrayList<>();
                for (Field f : model.concreteFields()) {
                    expected.add(f.column());
                }
                assertThat(columns(c, model.table())).as(model.table()).containsExactlyInAnyOrderElementsOf(expected);
                for (Field f : model.fields()) {
                    if (f.isManyToMany()) {
                        assertThat(columns(c, f.relation().throughTable())).containsExactly("id",
                                f.relation().throughSourceColumn(), f.relation().throughTargetColumn());
                    }
                }
            }
            assertThat(schema.models()).extracting(Model::table).containsExactlyInAnyOrder(
                    "blog_author", "blog_profile", "blog_tag", "blog_post", "blog_comment");
        }
        // the ddl files in the jar are the ones in sample-db/ (one source of truth)
        for (String dialect : List.of("sqlite", "postgresql")) {
            String name = "schema." + dialect + ".sql";
            assertThat(SqlScript.fromClasspath("/sample-db/" + name))
                    .isEqualTo(SqlScript.split(Files.readString(project.resolve("sample-db").resolve(name))));
        }
    }

    /** The committed sample-db/blog.sqlite3 is what the generator makes today with the defaults. */
    @Test
    void committedSampleIsUpToDate() throws Exception {
        Path committed = projectDir().resolve("sample-db/blog.sqlite3");
        assertThat(committed).exists();
        Path fresh = dir.resolve("fresh.sqlite3");
        Run run = cli("--db", "jdbc:sqlite:" + fresh);
        assertThat(run.exit()).as(run.err()).isZero();
        try (Connection a = sqlite(committed); Connection b = sqlite(fresh)) {
            assertThat(SampleDigest.of(a, null))
                    .as("sample-db/blog.sqlite3 is stale: regenerate it (see sample-db/README.md)")
                    .isEqualTo(SampleDigest.of(b, null));
        }
    }

    static Path projectDir() {
        String env = System.getenv("QSS_PROJECT_DIR");
        return env == null ? Path.of("").toAbsolutePath() : Path.of(env);
    }

    private static List<String> columns(Connection c, String table) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT name FROM pragma_table_xinfo('" + table + "')")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }
}
