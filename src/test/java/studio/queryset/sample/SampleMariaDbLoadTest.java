package studio.queryset.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import studio.queryset.support.MariaDbSupport;

/**
 * Loads the default sample into a database of its own on MariaDB through the command line
 * ({@code sample-db --db jdbc:mariadb://...}), and checks it holds what the committed sample-db/blog.sqlite3
 * holds: row counts, column sums (word_count is the generated column) and the digest of every row.
 */
class SampleMariaDbLoadTest {

    private static final String AGGREGATES = "SELECT"
            + " (SELECT SUM(view_count) FROM blog_post),"
            + " (SELECT SUM(word_count) FROM blog_post),"
            + " (SELECT SUM(CASE WHEN published_at IS NULL THEN 1 ELSE 0 END) FROM blog_post),"
            + " (SELECT SUM(%s(body)) FROM blog_post),"
            + " (SELECT SUM(author_id) FROM blog_post),"
            + " (SELECT SUM(tag_id * post_id) FROM blog_post_tags),"
            + " (SELECT SUM(post_id) FROM blog_comment),"
            + " (SELECT COUNT(website) FROM blog_profile)";

    @Test
    void defaultSampleOnMariaDbEqualsTheCommittedSqliteFile() throws Exception {
        Path committed = BlogDataGeneratorTest.projectDir().resolve("sample-db/blog.sqlite3");
        try (Connection admin = MariaDbSupport.connectOrSkip()) {
            String db = MariaDbSupport.createTempDatabase(admin, "qss_sample", null);
            try {
                String url = MariaDbSupport.url(db);
                BlogDataGeneratorTest.Run run = BlogDataGeneratorTest.cli("--db", url);
                assertThat(run.exit()).as(run.err()).isZero();
                assertThat(run.out()).contains("MariaDB", "5000 posts");

                BlogDataGeneratorTest.Run again = BlogDataGeneratorTest.cli("--db", url);
                assertThat(again.exit()).isEqualTo(1);
                assertThat(again.err()).contains("--force");

                try (Connection maria = java.sql.DriverManager.getConnection(url);
                     Connection lite = BlogDataGeneratorTest.sqlite(committed)) {
                    Map<String, Long> counts = counts(maria, '`');
                    assertThat(counts).isEqualTo(counts(lite, '"'));
                    assertThat(counts).containsEntry("blog_post", 5_000L).containsEntry("blog_comment", 20_000L);
                    assertThat(aggregates(maria, "CHAR_LENGTH")).isEqualTo(aggregates(lite, "LENGTH"));
                    assertThat(SampleDigest.of(maria, null)).isEqualTo(SampleDigest.of(lite, null));
                }
            } finally {
                MariaDbSupport.dropDatabase(admin, db);
            }
        }
    }

    private static Map<String, Long> counts(Connection c, char quote) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : SampleDbLoader.TABLES) {
            counts.put(table, BlogDataGeneratorTest.scalar(c, "SELECT COUNT(*) FROM " + quote + table + quote));
        }
        return counts;
    }

    private static String aggregates(Connection c, String length) throws SQLException {
        StringBuilder sb = new StringBuilder();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(String.format(AGGREGATES, length))) {
            rs.next();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                sb.append(rs.getLong(i)).append(' ');
            }
        }
        return sb.toString().strip();
    }
}
