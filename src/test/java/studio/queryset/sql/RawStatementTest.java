package studio.queryset.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
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
    void mariadbCommentsStringsAndExecutableComments() {
        Dialect m = Dialect.MARIADB;
        assertThat(count("SELECT 1 # ; DELETE FROM t", m)).as("# starts a comment").isEqualTo(1);
        assertThat(count("SELECT 1 # ; DELETE FROM t", Dialect.SQLITE)).as("not on SQLite").isEqualTo(2);
        assertThat(count("SELECT 1 -- ; DELETE FROM t", m)).isEqualTo(1);
        assertThat(count("SELECT 1 --x; DELETE FROM t", m)).as("-- without a space is two minus signs").isEqualTo(2);
        assertThat(count("SELECT 1 --", m)).isEqualTo(1);
        assertThat(count("SELECT 'a\\'; DELETE FROM t'", m)).as("backslash escapes in every string").isEqualTo(1);
        assertThat(count("SELECT \"a;b\" AS x", m)).as("a double-quoted string").isEqualTo(1);
        assertThat(count("SELECT `a;b` FROM t", m)).isEqualTo(1);
        assertThat(count("SELECT 1 /*! ; DELETE FROM t */", m)).as("an executable comment is code").isEqualTo(2);
        assertThat(count("SELECT 1 /*M!100000 ; DELETE FROM t */", m)).isEqualTo(2);
        assertThat(count("SELECT 1 /* ; DELETE FROM t */", m)).as("an ordinary comment is not").isEqualTo(1);
        List<SqlTokens.Token> tokens = SqlTokens.of("SELECT \"x\", `y` FROM t", m);
        assertThat(tokens.get(1).kind()).isEqualTo(SqlTokens.Kind.STRING);
        assertThat(tokens.get(3).kind()).isEqualTo(SqlTokens.Kind.NAME);
    }

    @Test
    void mariadbRawParameterMismatchIsMysqldbsError() {
        assertThatThrownBy(() -> RawStatement.toJdbc("SELECT %s, %s", 1, Dialect.MARIADB))
                .isInstanceOf(QueryException.class).hasMessage("not enough arguments for format string");
        assertThatThrownBy(() -> RawStatement.toJdbc("SELECT %s", 2, Dialect.MARIADB))
                .hasMessage("not all arguments converted during bytes formatting");
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
