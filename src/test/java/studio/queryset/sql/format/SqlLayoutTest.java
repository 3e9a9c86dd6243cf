package studio.queryset.sql.format;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SqlLayoutTest {

    @Test
    void putsClausesAndColumnsOnTheirOwnLines() {
        String sql = "SELECT \"t\".\"a\", \"t\".\"b\" FROM \"t\" WHERE \"t\".\"a\" = ? ORDER BY \"t\".\"b\" ASC";
        assertThat(SqlLayout.format(sql)).isEqualTo("SELECT \"t\".\"a\",\n       \"t\".\"b\"\nFROM \"t\"\n"
                + "WHERE \"t\".\"a\" = ?\nORDER BY \"t\".\"b\" ASC");
    }

    @Test
    void leavesLiteralsQuotedNamesAndSubqueriesAlone() {
        String sql = "SELECT COUNT(*) FROM \"a from b\" WHERE x IN (SELECT y FROM z) AND s = ' FROM , x'";
        String out = SqlLayout.format(sql);
        assertThat(out.replaceAll("\\s+", " ")).isEqualTo(sql);
        assertThat(out).contains("\"a from b\"", "(SELECT y FROM z)", "' FROM , x'");
    }

    @Test
    void aLongWhereGetsAConditionALineInsideDjangosParentheses() {
        String where = "WHERE (\"t\".\"title\" = ? OR \"t\".\"title\" = ? OR (\"t\".\"views\" > ? AND \"t\".\"body\" = ?)"
                + " OR \"t\".\"slug\" LIKE ? ESCAPE '\\' OR \"t\".\"n\" BETWEEN ? AND ?)";
        String sql = "SELECT \"t\".\"a\" FROM \"t\" " + where + " ORDER BY \"t\".\"a\" ASC";
        String out = SqlLayout.format(sql);
        assertThat(out).isEqualTo("SELECT \"t\".\"a\"\nFROM \"t\"\n"
                + "WHERE (\"t\".\"title\" = ?\n"
                + "       OR \"t\".\"title\" = ?\n"
                + "       OR (\"t\".\"views\" > ? AND \"t\".\"body\" = ?)\n"
                + "       OR \"t\".\"slug\" LIKE ? ESCAPE '\\'\n"
                + "       OR \"t\".\"n\" BETWEEN ? AND ?)\n"
                + "ORDER BY \"t\".\"a\" ASC");
        assertThat(out.replaceAll("\\s+", " ")).isEqualTo(sql);
    }

    @Test
    void aShortWhereStaysOnOneLineAndCaseKeepsItsAnds() {
        String sql = "SELECT \"t\".\"a\" FROM \"t\" WHERE \"t\".\"a\" = ? AND \"t\".\"b\" = ?";
        assertThat(SqlLayout.format(sql)).endsWith("WHERE \"t\".\"a\" = ? AND \"t\".\"b\" = ?");
        String longCase = "SELECT 1 FROM \"t\" WHERE CASE WHEN \"t\".\"aaaaaaaaaaaa\" = ? AND \"t\".\"bbbbbbbbbbbbb\" = ? "
                + "THEN 1 ELSE 0 END = ? AND \"t\".\"cccccccccccccccccccccccc\" IS NOT NULL";
        assertThat(SqlLayout.format(longCase)).contains("WHEN \"t\".\"aaaaaaaaaaaa\" = ? AND \"t\"")
                .contains("END = ?\n       AND \"t\".\"cccccccccccccccccccccccc\" IS NOT NULL");
    }
}
