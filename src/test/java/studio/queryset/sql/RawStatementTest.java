package studio.queryset.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import studio.queryset.query.QueryException;

/** Statements are split where the database splits them: never inside strings, names, comments or $$ quotes. */
class RawStatementTest {

    private static int count(String sql, Dialect d) {
        return SqlTokens.statements(sql, d).size();
    }

    @Test
    void separatorsInsideQuotesAndCommentsDoNotSplit() {
        for (Dialect d : Dialect.values()) {
            assertThat(count("SELECT ';' AS x, 'it''s; ok' AS y", d)).isEqualTo(1);
            assertThat(count("SELECT 1 AS \"a;b\" -- ; DELETE FROM t\n", d)).isEqualTo(1);
            assertThat(count("SELECT /* ; */ 1", d)).isEqualTo(1);
            assertThat(count("SELECT 1;", d)).as("a trailing ; adds no statement").isEqualTo(1);
            assertThat(count("SELECT 1; -- only a comment after", d)).isEqualTo(1);
            assertThat(count("SELECT 1; DELETE FROM t", d)).isEqualTo(2);
            assertThat(count("SELECT 'a'';'; DELETE FROM t", d)).isEqualTo(2);
        }
    }

    @Test
    void postgresDollarQuotesEscapeStringsAndNestedComments() {
        Dialect pg = Dialect.POSTGRESQL;
        assertThat(count("SELECT $$;DELETE FROM t$$", pg)).isEqualTo(1);
        assertThat(count("SELECT $body$ $$; $body$", pg)).isEqualTo(1);
        assertThat(count("SELECT $1; DELETE FROM t", pg)).as("$1 is a parameter, not a quote").isEqualTo(2);
        assertThat(count("SELECT E'\\'; DELETE FROM t; --'", pg)).as("E'' has backslash escapes").isEqualTo(1);
        assertThat(count("SELECT 'a\\'; DELETE FROM t", pg)).as("a plain string has none").isEqualTo(2);
        assertThat(count("SELECT /* a /* nested */ ; */ 1", pg)).isEqualTo(1);
        assertThat(count("SELECT /* a /* nested */ ; */ 1", Dialect.SQLITE))
                .as("SQLite ends a comment at the first */").isEqualTo(2);
    }

    @Test
    void sqliteBracketAndBacktickNames() {
        assertThat(count("SELECT [a;b], `c;d` FROM t", Dialect.SQLITE)).isEqualTo(1);
    }

    @Test
    void moreThanOneStatementIsRefusedNamingTheSecond() {
        assertThatThrownBy(() -> RawStatement.requireOne("SELECT 1 AS id; COMMIT; DELETE FROM t",
                Dialect.POSTGRESQL)).isInstanceOf(QueryException.class)
                .hasMessageContaining("one statement at a time").hasMessageContaining("3 statements")
                .hasMessageContaining("character 17").hasMessageContaining("'COMMIT; DELETE FROM t'");
        assertThatThrownBy(() -> RawStatement.requireOne("  -- nothing\n", Dialect.SQLITE))
                .hasMessageContaining("empty");
    }

    @Test
    void aNullCharacterIsAValueErrorBeforeAnyDriverCutsTheStatementThere() {
        assertThatThrownBy(() -> RawStatement.requireOne("SELECT id FROM blog_post\0 WHERE id < %s", Dialect.SQLITE))
                .isInstanceOf(QueryException.class)
                .hasMessageContaining("null character (U+0000 at character 25)")
                .extracting(e -> ((QueryException) e).kind()).isEqualTo("ValueError");
    }
}
