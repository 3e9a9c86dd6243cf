package studio.queryset.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;
import studio.queryset.support.PostgresSupport;

/**
 * Loads the default sample into a schema of its own on PostgreSQL through the command line, and checks it
 * holds exactly what the committed sample-db/blog.sqlite3 holds.
 */
class SamplePostgresLoadTest {

    private static final String AGGREGATES = "SELECT"
            + " (SELECT SUM(view_count) FROM %1$sblog_post),"
            + " (SELECT SUM(word_count) FROM %1$sblog_post),"
            + " (SELECT SUM(CASE WHEN published_at IS NULL THEN 1 ELSE 0 END) FROM %1$sblog_post),"
            + " (SELECT SUM(LENGTH(body)) FROM %1$sblog_post),"
            + " (SELECT SUM(author_id) FROM %1$sblog_post),"
            + " (SELECT SUM(tag_id * post_id) FROM %1$sblog_post_tags),"
            + " (SELECT SUM(post_id) FROM %1$sblog_comment),"
            + " (SELECT COUNT(website) FROM %1$sblog_profile)";

    @Test
    void defaultSampleOnPostgresEqualsTheCommittedSqliteFile() throws Exception {
        Path committed = BlogDataGeneratorTest.projectDir().resolve("sample-db/blog.sqlite3");
        assertThat(committed).exists();
        try (Connection pg = PostgresSupport.connectOrSkip()) {
            String schema = PostgresSupport.createTempSchema(pg, "qss_sample");
            try {
                // the stored instants must not depend on the loader's time zone (the JDBC driver gives the
                // JVM's to the session): load from a zone far from UTC
                BlogDataGeneratorTest.Run run;
                TimeZone zone = TimeZone.getDefault();
                try {
                    TimeZone.setDefault(TimeZone.getTimeZone("Asia/Kathmandu"));
                    run = BlogDataGeneratorTest.cli("--db", PostgresSupport.url(), "--schema", schema);
                } finally {
                    TimeZone.setDefault(zone);
                }
                assertThat(run.exit()).as(run.err()).isZero();
                assertThat(run.out()).contains("schema " + schema, "PostgreSQL", "5000 posts");

                // a second load into the same schema is refused without --force
                BlogDataGeneratorTest.Run again = BlogDataGeneratorTest.cli(
                        "--db", PostgresSupport.url(), "--schema", schema);
                assertThat(again.exit()).isEqualTo(1);
                assertThat(again.err()).contains("--force");

                String prefix = PostgresSupport.quote(schema) + ".";
                try (Connection lite = BlogDataGeneratorTest.sqlite(committed)) {
                    Map<String, Long> pgCounts = counts(pg, prefix);
                    Map<String, Long> liteCounts = counts(lite, "");
                    assertThat(pgCounts).isEqualTo(liteCounts);
                    assertThat(pgCounts).containsEntry("blog_author", 220L).containsEntry("blog_tag", 50L)
                            .containsEntry("blog_post", 5_000L).containsEntry("blog_comment", 20_000L);

                    assertThat(aggregates(pg, prefix)).isEqualTo(aggregates(lite, ""));
                    assertThat(SampleDigest.of(pg, schema)).isEqualTo(SampleDigest.of(lite, null));
                }

                // identity sequences were moved past the loaded ids
                try (Statement st = pg.createStatement();
                     ResultSet rs = st.executeQuery("SELECT nextval(pg_get_serial_sequence('" + prefix
                             + "\"blog_tag\"', 'id'))")) {
                    rs.next();
                    assertThat(rs.getLong(1)).isEqualTo(51);
                }
            } finally {
                PostgresSupport.dropSchema(pg, schema);
            }
        }
    }

    private static Map<String, Long> counts(Connection c, String prefix) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : SampleDbLoader.TABLES) {
            counts.put(table, BlogDataGeneratorTest.scalar(c, "SELECT COUNT(*) FROM " + prefix + "\"" + table + "\""));
        }
        return counts;
    }

    private static String aggregates(Connection c, String prefix) throws SQLException {
        StringBuilder sb = new StringBuilder();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(String.format(AGGREGATES, prefix))) {
            rs.next();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                sb.append(rs.getLong(i)).append(' ');
            }
        }
        return sb.toString().strip();
    }
}
