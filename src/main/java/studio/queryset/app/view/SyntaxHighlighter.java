package studio.queryset.app.view;

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

    public StyleSpans<Collection<String>> highlight(String text) {
        Matcher matcher = pattern.matcher(text);
        StyleSpansBuilder<Collection<String>> spans = new StyleSpansBuilder<>();
        int last = 0;
        while (matcher.find()) {
            String styleClass = styleClass(matcher);
            spans.add(Collections.emptyList(), matcher.start() - last);
            spans.add(Collections.singleton(styleClass), matcher.end() - matcher.start());
            last = matcher.end();
        }
        spans.add(Collections.emptyList(), text.length() - last);
        return spans.create();
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
