package studio.queryset.design.text;

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
}
