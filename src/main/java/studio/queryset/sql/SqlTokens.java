package studio.queryset.sql;

import java.util.ArrayList;
import java.util.List;
import studio.queryset.sql.dialect.Lexis;

/**
 * A tokenizer for SQL text a user wrote (raw()), as the database would read it: strings ({@code ''} escapes, and
 * backslash escapes in PostgreSQL's {@code E'...'} and in every MariaDB string, where {@code "..."} is a string too),
 * quoted identifiers ({@code "..."}, SQLite's {@code [...]} and backticks), {@code --} (MariaDB: only before a space),
 * {@code #} (MariaDB) and (nested, in PostgreSQL) block comments, MariaDB's executable {@code /*! ... *}{@code /}
 * whose text is read as code, and PostgreSQL's dollar quoting ({@link Lexis}). It exists
 * so that a {@code ;} or a keyword hidden in a string or comment is never mistaken for one, and one that is not
 * hidden is never missed.
 */
public final class SqlTokens {
    /** WORD: an unquoted identifier or keyword; NAME: a quoted identifier (text without quotes). */
    public enum Kind { WORD, NAME, STRING, NUMBER, PARAMETER, SEMICOLON, OPEN, CLOSE, DOT, OTHER }

    /** One token; {@code start} is its offset in the text, {@code depth} the parentheses open before it. */
    public record Token(Kind kind, String text, int start, int depth) {
        public boolean isWord(String upper) {
            return kind == Kind.WORD && text.equalsIgnoreCase(upper);
        }
    }

    private final String sql;
    private final Lexis lexis;
    private final List<Token> out = new ArrayList<>();
    private int i;
    private int depth;

    private SqlTokens(String sql, Lexis lexis) {
        this.sql = sql;
        this.lexis = lexis;
    }

    public static List<Token> of(String sql, Dialect dialect) {
        return of(sql, dialect.ops().lexis());
    }

    /** The tokens as a server reading with {@code lexis} sees them (see {@link Lexis#readings()}). */
    public static List<Token> of(String sql, Lexis lexis) {
        SqlTokens t = new SqlTokens(sql, lexis);
        t.scan();
        return t.out;
    }

    /**
     * The statements of {@code sql}: the tokens between top-level {@code ;}, leaving out empty ones (a trailing
     * {@code ;}, or one followed only by comments, adds none).
     */
    public static List<List<Token>> statements(String sql, Dialect dialect) {
        return statements(sql, dialect.ops().lexis());
    }

    public static List<List<Token>> statements(String sql, Lexis lexis) {
        List<List<Token>> statements = new ArrayList<>();
        List<Token> current = new ArrayList<>();
        for (Token t : of(sql, lexis)) {
            if (t.kind() == Kind.SEMICOLON) {
                if (!current.isEmpty()) {
                    statements.add(current);
                }
                current = new ArrayList<>();
            } else {
                current.add(t);
            }
        }
        if (!current.isEmpty()) {
            statements.add(current);
        }
        return statements;
    }

    private void scan() {
        while (i < sql.length()) {
            char c = sql.charAt(i);
            int start = i;
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '-' && peek(1) == '-' && (!lexis.dashCommentNeedsSpace() || i + 2 >= sql.length()
                    || Character.isWhitespace(peek(2)) || Character.isISOControl(peek(2)))) {
                skipLineComment();
            } else if (c == '#' && lexis.hashComments()) {
                skipLineComment();
            } else if (c == '/' && peek(1) == '*' && lexis.executableComments() && executableCommentOpener() > 0) {
                // /*! ... */ and /*M! ... */ are run by MySQL/MariaDB: their text is code, read on as such
                i += executableCommentOpener();
            } else if (c == '/' && peek(1) == '*') {
                skipBlockComment();
            } else if (c == '\'') {
                add(Kind.STRING, quoted('\'', lexis.backslashInStrings()), start);
            } else if (c == '"' && lexis.doubleQuotedStrings()) {
                add(Kind.STRING, quoted('"', lexis.backslashInStrings()), start);
            } else if (c == '"' || c == '`') {
                add(Kind.NAME, quoted(c, false), start);
            } else if (c == '[' && lexis.bracketNames()) {
                int end = sql.indexOf(']', i + 1);
                end = end < 0 ? sql.length() : end;
                add(Kind.NAME, sql.substring(i + 1, end), start);
                i = Math.min(sql.length(), end + 1);
            } else if (c == '$' && lexis.dollarQuoting() && dollarTag() != null) {
                add(Kind.STRING, dollarQuoted(dollarTag()), start);
            } else if (isIdentStart(c)) {
                word(start);
            } else if (Character.isDigit(c) || c == '.' && Character.isDigit(peek(1))) {
                while (i < sql.length() && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '.')) {
                    i++;
                }
                add(Kind.NUMBER, sql.substring(start, i), start);
            } else if (c == '?' || c == '$' || c == ':' && isIdentStart(peek(1)) || c == '@') {
                i++;
                while (i < sql.length() && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_')) {
                    i++;
                }
                add(Kind.PARAMETER, sql.substring(start, i), start);
            } else {
                i++;
                switch (c) {
                    case ';' -> add(Kind.SEMICOLON, ";", start);
                    case '(' -> {
                        add(Kind.OPEN, "(", start);
                        depth++;
                    }
                    case ')' -> {
                        depth = Math.max(0, depth - 1);
                        add(Kind.CLOSE, ")", start);
                    }
                    case '.' -> add(Kind.DOT, ".", start);
                    default -> add(Kind.OTHER, String.valueOf(c), start);
                }
            }
        }
    }

    private void add(Kind kind, String text, int start) {
        out.add(new Token(kind, text, start, depth));
    }

    private char peek(int ahead) {
        return i + ahead < sql.length() ? sql.charAt(i + ahead) : '\0';
    }

    private static boolean isIdentStart(char c) {
        return Character.isLetter(c) || c == '_';
    }

    private void word(int start) {
        while (i < sql.length() && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_'
                || sql.charAt(i) == '$' && lexis.dollarQuoting())) {
            i++;
        }
        String text = sql.substring(start, i);
        // E'...' (PostgreSQL escape string), X'...' / B'...' / N'...': one string token with its prefix
        if (i < sql.length() && sql.charAt(i) == '\'' && text.length() == 1 && "EeXxBbNn".indexOf(text.charAt(0)) >= 0) {
            boolean backslashes = lexis.backslashInStrings() || lexis.escapeStrings() && text.equalsIgnoreCase("E");
            add(Kind.STRING, quoted('\'', backslashes), start);
            return;
        }
        if (text.equalsIgnoreCase("U") && peek(0) == '&' && (peek(1) == '\'' || peek(1) == '"')) {
            char q = peek(1);
            i++;
            String body = quoted(q, false);
            // U&"\0070g_sleep" names pg_sleep: the name is what the server decodes, or a call hides behind it
            add(q == '\'' ? Kind.STRING : Kind.NAME, q == '"' ? unicodeEscapes(body, uescape()) : body, start);
            return;
        }
        add(Kind.WORD, text, start);
    }

    /** The escape character of a {@code UESCAPE 'c'} clause after a U& literal (consumed), else a backslash. */
    private char uescape() {
        java.util.regex.Matcher m = UESCAPE.matcher(sql).region(i, sql.length());
        if (m.lookingAt()) {
            i = m.end();
            return m.group(1).charAt(0);
        }
        return '\\';
    }

    private static final java.util.regex.Pattern UESCAPE = java.util.regex.Pattern.compile(
            "\\s*(?i:UESCAPE)\\s*'([^'])'");

    /**
     * PostgreSQL's U& decoding: {@code \XXXX} and {@code \+XXXXXX} are code points, a doubled escape character
     * stands for one ({@code escape} is the backslash unless UESCAPE names another).
     */
    static String unicodeEscapes(String body, char escape) {
        StringBuilder out = new StringBuilder();
        for (int k = 0; k < body.length(); k++) {
            char c = body.charAt(k);
            if (c != escape || k + 1 >= body.length()) {
                out.append(c);
            } else if (body.charAt(k + 1) == escape) {
                out.append(escape);
                k++;
            } else {
                boolean plus = body.charAt(k + 1) == '+';
                int from = k + (plus ? 2 : 1);
                int to = from + (plus ? 6 : 4);
                if (to <= body.length() && body.substring(from, to).chars().allMatch(h -> Character.digit(h, 16) >= 0)) {
                    out.appendCodePoint(Integer.parseInt(body.substring(from, to), 16));
                    k = to - 1;
                } else {
                    out.append(c); // the server refuses an invalid escape; nothing runs
                }
            }
        }
        return out.toString();
    }

    /** The text between the quote at {@code i} and its closing quote (doubled quotes stand for one). */
    private String quoted(char open, boolean backslashEscapes) {
        char close = open;
        StringBuilder text = new StringBuilder();
        i++;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (backslashEscapes && c == '\\' && i + 1 < sql.length()) {
                text.append(sql.charAt(i + 1));
                i += 2;
            } else if (c == close) {
                if (peek(1) == close) {
                    text.append(c);
                    i += 2;
                } else {
                    i++;
                    return text.toString();
                }
            } else {
                text.append(c);
                i++;
            }
        }
        return text.toString(); // unterminated: the database refuses it; nothing after it is a statement
    }

    /** {@code $tag$} at {@code i} (the tag may be empty), or null when the {@code $} starts a parameter. */
    private String dollarTag() {
        int j = i + 1;
        if (j < sql.length() && Character.isDigit(sql.charAt(j))) {
            return null;
        }
        while (j < sql.length() && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '_')) {
            j++;
        }
        return j < sql.length() && sql.charAt(j) == '$' ? sql.substring(i, j + 1) : null;
    }

    private String dollarQuoted(String tag) {
        int bodyStart = i + tag.length();
        int end = sql.indexOf(tag, bodyStart);
        if (end < 0) {
            i = sql.length();
            return sql.substring(bodyStart);
        }
        i = end + tag.length();
        return sql.substring(bodyStart, end);
    }

    private void skipLineComment() {
        while (i < sql.length() && sql.charAt(i) != '\n') {
            i++;
        }
    }

    /** The length of {@code /*!NNNNN} or {@code /*M!NNNNN} at {@code i}, or 0 when it is an ordinary comment. */
    private int executableCommentOpener() {
        int j = i + 2;
        if (j < sql.length() && sql.charAt(j) == 'M' && j + 1 < sql.length() && sql.charAt(j + 1) == '!') {
            j += 2;
        } else if (j < sql.length() && sql.charAt(j) == '!') {
            j++;
        } else {
            return 0;
        }
        while (j < sql.length() && Character.isDigit(sql.charAt(j))) {
            j++;
        }
        return j - i;
    }

    /** PostgreSQL nests block comments; SQLite and MariaDB end one at the first {@code *}{@code /}. */
    private void skipBlockComment() {
        int level = 0;
        while (i < sql.length()) {
            if (sql.startsWith("/*", i) && (level == 0 || lexis.nestedComments())) {
                level++;
                i += 2;
            } else if (sql.startsWith("*/", i)) {
                level--;
                i += 2;
                if (level == 0) {
                    return;
                }
            } else {
                i++;
            }
        }
    }
}
