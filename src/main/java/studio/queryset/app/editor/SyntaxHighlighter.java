package studio.queryset.app.editor;

import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fxmisc.richtext.model.StyleSpans;
import org.fxmisc.richtext.model.StyleSpansBuilder;

/**
 * Syntax colouring the RichTextFX way: one precompiled pattern with named groups; each match's group name
 * is its CSS class (lower-cased) in {@code studio.css}.
 */
public final class SyntaxHighlighter {
    private static final String SQL_KEYWORDS = String.join("|", "SELECT", "FROM", "WHERE", "AND", "OR", "NOT", "IN",
            "IS", "NULL", "AS", "ON", "JOIN", "INNER", "LEFT", "RIGHT", "OUTER", "FULL", "CROSS", "GROUP", "BY",
            "ORDER", "HAVING", "LIMIT", "OFFSET", "ASC", "DESC", "DISTINCT", "UNION", "ALL", "EXCEPT", "INTERSECT",
            "CASE", "WHEN", "THEN", "ELSE", "END", "EXISTS", "LIKE", "ILIKE", "ESCAPE", "BETWEEN", "CAST", "INSERT",
            "UPDATE", "DELETE", "SET", "VALUES", "INTO", "WITH", "RECURSIVE", "OVER", "PARTITION", "TRUE", "FALSE",
            "FILTER", "NULLS", "FIRST", "LAST", "COLLATE", "GLOB", "REGEXP", "WINDOW", "ROWS", "RANGE");
    private static final String SQL_FUNCTIONS = String.join("|", "COUNT", "SUM", "AVG", "MIN", "MAX", "COALESCE",
            "LENGTH", "LOWER", "UPPER", "SUBSTR", "SUBSTRING", "TRIM", "ROUND", "ABS", "NULLIF", "STRFTIME",
            "DATE", "DATETIME", "EXTRACT", "DATE_TRUNC", "ROW_NUMBER", "RANK", "DENSE_RANK", "JSON_EXTRACT");

    private static final Pattern SQL = Pattern.compile(
            "(?<COMMENT>--[^\\n]*|/\\*(?s:.*?)\\*/)"
                    + "|(?<STRING>'(?:[^']++|'')*+')"
                    + "|(?<IDENTIFIER>\"(?:[^\"]++|\"\")*+\")"
                    + "|(?<KEYWORD>\\b(?:" + SQL_KEYWORDS + ")\\b)"
                    + "|(?<FUNCTION>\\b(?:" + SQL_FUNCTIONS + ")(?=\\s*\\())"
                    + "|(?<NUMBER>\\b\\d+(?:\\.\\d+)?\\b)"
                    + "|(?<PARAM>\\?|%s|\\$\\d+)"
                    + "|(?<OPERATOR>[=<>!]+|\\|\\||[+*/-])",
            Pattern.CASE_INSENSITIVE);
    private static final List<String> SQL_GROUPS = List.of("COMMENT", "STRING", "IDENTIFIER", "KEYWORD", "FUNCTION",
            "NUMBER", "PARAM", "OPERATOR");

    private static final Pattern JAVA = Pattern.compile(
            "(?<COMMENT>//[^\\n]*|/\\*(?s:.*?)\\*/)"
                    + "|(?<STRING>\"(?:[^\"\\\\]++|\\\\.)*+\")"
                    + "|(?<KEYWORD>\\b(?:import|package|public|private|final|static|class|new|return|var|void|null"
                    + "|true|false|try|catch|throws|for|if|else)\\b)"
                    + "|(?<TYPE>\\b[A-Z][A-Za-z0-9_]*\\b)"
                    + "|(?<NUMBER>\\b\\d+(?:\\.\\d+)?\\b)");
    private static final List<String> JAVA_GROUPS = List.of("COMMENT", "STRING", "KEYWORD", "TYPE", "NUMBER");

    private static final Pattern PYTHON = Pattern.compile(
            "(?<COMMENT>#[^\\n]*)"
                    + "|(?<STRING>[rbfRBF]?\"(?:[^\"\\\\]++|\\\\.)*+\"|[rbfRBF]?'(?:[^'\\\\]++|\\\\.)*+')"
                    + "|(?<KEYWORD>\\b(?:from|import|as|and|or|not|in|is|None|True|False|lambda)\\b)"
                    + "|(?<TYPE>\\b[A-Z][A-Za-z0-9_]*\\b)"
                    + "|(?<METHOD>(?<=\\.)[a-z_][A-Za-z0-9_]*(?=\\s*\\())"
                    + "|(?<KWARG>\\b[a-z_][A-Za-z0-9_]*(?=\\s*=(?!=)))"
                    + "|(?<NUMBER>\\b\\d+(?:\\.\\d+)?\\b)"
                    + "|(?<OPERATOR>[|&~]|==|!=|<=|>=|[<>+*/-])");
    private static final List<String> PYTHON_GROUPS = List.of("COMMENT", "STRING", "KEYWORD", "TYPE", "METHOD",
            "KWARG", "NUMBER", "OPERATOR");

    private final Pattern pattern;
    private final List<String> groups;

    private SyntaxHighlighter(Pattern pattern, List<String> groups) {
        this.pattern = pattern;
        this.groups = groups;
    }

    public static SyntaxHighlighter sql() {
        return new SyntaxHighlighter(SQL, SQL_GROUPS);
    }

    public static SyntaxHighlighter java() {
        return new SyntaxHighlighter(JAVA, JAVA_GROUPS);
    }

    public static SyntaxHighlighter python() {
        return new SyntaxHighlighter(PYTHON, PYTHON_GROUPS);
    }

    /**
     * The colour runs of {@code text}. Blanks after a token join its run and neighbouring runs of one class
     * merge: every run is a text node of its line, and a line of SQL with hundreds of conditions costs its
     * layout per node (the blanks are invisible whatever their class; the code font is monospaced).
     */
    public StyleSpans<Collection<String>> highlight(String text) {
        Matcher matcher = pattern.matcher(text);
        Runs runs = new Runs();
        int last = 0;
        while (matcher.find()) {
            runs.gap(text, last, matcher.start());
            runs.add(Collections.singleton(styleClass(matcher)), matcher.end() - matcher.start());
            last = matcher.end();
        }
        runs.gap(text, last, text.length());
        return runs.create();
    }

    /** Builds the spans, merging a run into the one before it when their classes are equal. */
    private static final class Runs {
        private final StyleSpansBuilder<Collection<String>> spans = new StyleSpansBuilder<>();
        private Collection<String> style;
        private int length;

        /** The unmatched text {@code [from, to)}: blanks extend the token before them, anything else is plain. */
        void gap(String text, int from, int to) {
            if (to == from) {
                return;
            }
            if (style != null && !style.isEmpty() && blanks(text, from, to)) {
                length += to - from;
            } else {
                add(Collections.emptyList(), to - from);
            }
        }

        void add(Collection<String> s, int n) {
            if (s.equals(style)) {
                length += n;
                return;
            }
            flush();
            style = s;
            length = n;
        }

        private void flush() {
            if (style != null) {
                spans.add(style, length);
            }
        }

        StyleSpans<Collection<String>> create() {
            flush();
            if (style == null) {
                spans.add(Collections.emptyList(), 0);
            }
            return spans.create();
        }

        private static boolean blanks(String text, int from, int to) {
            for (int i = from; i < to; i++) {
                char c = text.charAt(i);
                if (c != ' ' && c != '\t') {
                    return false;
                }
            }
            return true;
        }
    }

    private String styleClass(Matcher matcher) {
        for (String group : groups) {
            if (matcher.group(group) != null) {
                return "syntax-" + group.toLowerCase(java.util.Locale.ROOT);
            }
        }
        return "syntax-plain";
    }
}
