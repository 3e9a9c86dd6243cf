package studio.queryset.app.editor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.fxmisc.richtext.model.StyleSpan;
import org.fxmisc.richtext.model.StyleSpans;
import org.junit.jupiter.api.Test;

/** The colour runs: every token keeps its class, blanks join the token before them, equal neighbours merge. */
class SyntaxHighlighterTest {
    private static final String CONDITION = "\"blog_post\".\"title\" LIKE ? ESCAPE '\\' OR ";

    /** The class of each character (null for plain text). */
    private static List<String> classes(StyleSpans<Collection<String>> spans) {
        List<String> out = new ArrayList<>();
        for (StyleSpan<Collection<String>> span : spans) {
            for (int i = 0; i < span.getLength(); i++) {
                out.add(span.getStyle().isEmpty() ? null : span.getStyle().iterator().next());
            }
        }
        return out;
    }

    @Test
    void tokensKeepTheirClassAndTheSpansCoverTheText() {
        String sql = "SELECT \"blog_post\".\"id\" FROM \"blog_post\" WHERE \"blog_post\".\"view_count\" > ? -- note";
        StyleSpans<Collection<String>> spans = SyntaxHighlighter.sql().highlight(sql);
        assertThat(spans.length()).isEqualTo(sql.length());
        List<String> c = classes(spans);
        assertThat(c.get(sql.indexOf("SELECT"))).isEqualTo("syntax-keyword");
        assertThat(c.get(sql.indexOf("FROM") + 3)).isEqualTo("syntax-keyword");
        assertThat(c.get(sql.indexOf("\"id\"") + 1)).isEqualTo("syntax-identifier");
        assertThat(c.get(sql.indexOf('.'))).isNull(); // the dot between two identifiers is plain
        assertThat(c.get(sql.indexOf('>'))).isEqualTo("syntax-operator");
        assertThat(c.get(sql.indexOf('?'))).isEqualTo("syntax-param");
        assertThat(c.get(sql.length() - 1)).isEqualTo("syntax-comment");
    }

    @Test
    void blanksAfterATokenJoinItsRun() {
        StyleSpans<Collection<String>> spans = SyntaxHighlighter.sql().highlight("LIKE ? OR x");
        List<String> c = classes(spans);
        assertThat(c.get(4)).isEqualTo("syntax-keyword"); // the blank after LIKE
        assertThat(c.get(6)).isEqualTo("syntax-param"); // the blank after ?
        assertThat(c.get(10)).isNull(); // x is plain
        // LIKE·, ?·, OR·, x: one run each
        assertThat(spans.getSpanCount()).isEqualTo(4);
    }

    @Test
    void aLongWhereClauseHasAboutHalfTheRunsOfItsTokens() {
        String sql = "WHERE (" + CONDITION.repeat(200) + "1)";
        StyleSpans<Collection<String>> spans = SyntaxHighlighter.sql().highlight(sql);
        assertThat(spans.length()).isEqualTo(sql.length());
        // per condition: identifier, dot, identifier+blank, LIKE, ?, ESCAPE, string, OR (blank-separated tokens
        // alone would be 14 runs)
        assertThat(spans.getSpanCount()).isLessThanOrEqualTo(8 * 200 + 4);
    }

    @Test
    void blanksAtTheStartOrAfterPlainTextAndNewlinesStayPlain() {
        String text = "  x\nSELECT\n  1";
        List<String> c = classes(SyntaxHighlighter.sql().highlight(text));
        assertThat(c.get(0)).isNull();
        assertThat(c.get(text.indexOf('\n', 4))).isNull(); // the newline after SELECT is not a keyword's
        assertThat(c.get(text.length() - 1)).isEqualTo("syntax-number");
    }

    @Test
    void emptyTextIsOneEmptySpan() {
        assertThat(SyntaxHighlighter.python().highlight("").length()).isZero();
    }
}
