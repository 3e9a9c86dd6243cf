package studio.queryset.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** GROUP BY's reading of a plain column reference {@code "alias"."column"}: which grouped table it is on. */
class GroupByColumnAliasTest {
    @Test
    void readsTheAliasOfAQualifiedColumn() {
        assertEquals("library_book", GroupBy.aliasOfColumn("\"library_book\".\"id\"", '"'));
        assertEquals("T3", GroupBy.aliasOfColumn("`T3`.`name`", '`'));
        assertEquals("a\"b", GroupBy.aliasOfColumn("\"a\"\"b\".\"c\"", '"'));
        assertEquals("a\".\"b", GroupBy.aliasOfColumn("\"a\"\".\"\"b\".\"c\"", '"'));
    }

    @Test
    void anythingButOneQualifiedColumnHasNoAlias() {
        assertNull(GroupBy.aliasOfColumn("\"id\"", '"'));
        assertNull(GroupBy.aliasOfColumn("\"\".\"id\"", '"'));
        assertNull(GroupBy.aliasOfColumn("\"t\".\"\"", '"'));
        assertNull(GroupBy.aliasOfColumn("\"t\".\"id\" + 1", '"'));
        assertNull(GroupBy.aliasOfColumn("LOWER(\"t\".\"name\")", '"'));
        assertNull(GroupBy.aliasOfColumn("\"t\".\"a\"\"", '"'));
        assertNull(GroupBy.aliasOfColumn("`t`.`id`", '"'));
        assertNull(GroupBy.aliasOfColumn("", '"'));
    }

    /** The scanner reads exactly what {@code "((?:[^"]|"")+)"\."(?:[^"]|"")+"} matches, on random texts of marks. */
    @Test
    void agreesWithTheGrammarOnRandomTexts() {
        Pattern grammar = Pattern.compile("\"((?:[^\"]|\"\")+)\"\\.\"(?:[^\"]|\"\")+\"");
        Random random = new Random(16);
        char[] alphabet = {'"', '"', '.', 'a', 'b'};
        for (int k = 0; k < 20_000; k++) {
            StringBuilder sb = new StringBuilder();
            int length = random.nextInt(12);
            for (int i = 0; i < length; i++) {
                sb.append(alphabet[random.nextInt(alphabet.length)]);
            }
            String text = sb.toString();
            Matcher m = grammar.matcher(text);
            String expected = m.matches() ? m.group(1).replace("\"\"", "\"") : null;
            assertEquals(expected, GroupBy.aliasOfColumn(text, '"'), text);
        }
    }
}
