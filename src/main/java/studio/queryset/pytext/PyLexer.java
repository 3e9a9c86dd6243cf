package studio.queryset.pytext;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits Python source into tokens. Newlines inside brackets and after a backslash are dropped, as in
 * Python, so every NEWLINE token ends a logical line; comments are skipped.
 */
public final class PyLexer {
    private final String src;
    /**
     * The source's characters: a first import runs this code interpreted, where an array read costs far less
     * than {@code String.charAt}'s checks.
     */
    private final char[] s;
    private final int n;
    private int i;
    private int line = 1;
    private int depth;
    /** Offsets and lines of the brackets still open, innermost last. */
    private final java.util.ArrayDeque<int[]> open = new java.util.ArrayDeque<>();
    private final List<PyToken> out = new ArrayList<>();
    /**
     * One String per distinct short name, number or literal: a models file repeats the same few hundred words
     * (models, CharField, max_length...), and a 50 MB file would otherwise hold millions of copies.
     */
    private final java.util.HashMap<String, String> shared = new java.util.HashMap<>();
    /** Sources shorter than this (a Django expression, a small models file) share no strings. */
    private static final int SHARE_FROM = 8192;
    private boolean ended;

    private PyLexer(String src) {
        this.src = src;
        this.s = src.toCharArray();
        this.n = s.length;
    }

    public static List<PyToken> tokenize(String src) {
        PyLexer lx = new PyLexer(src);
        while (lx.i < src.length()) {
            lx.advance();
        }
        lx.finish();
        return lx.out;
    }

    /**
     * The logical lines of {@code src} one at a time (their tokens, without NEWLINE and END; empty lines left out),
     * so a big file is read without holding all its tokens at once. A syntax error is thrown when reached.
     */
    public static java.util.Iterator<List<PyToken>> logicalLines(String src) {
        PyLexer lx = new PyLexer(src);
        return new java.util.Iterator<>() {
            private List<PyToken> next;

            @Override
            public boolean hasNext() {
                if (next == null) {
                    next = lx.nextLine();
                }
                return next != null;
            }

            @Override
            public List<PyToken> next() {
                if (!hasNext()) {
                    throw new java.util.NoSuchElementException();
                }
                List<PyToken> line = next;
                next = null;
                return line;
            }
        };
    }

    /** Lexes up to the next NEWLINE at bracket depth 0; null once the source is used up. */
    private List<PyToken> nextLine() {
        while (true) {
            out.clear();
            while (!ended && (out.isEmpty() || out.get(out.size() - 1).kind() != PyToken.Kind.NEWLINE)) {
                if (i < src.length()) {
                    advance();
                } else {
                    finish();
                    ended = true;
                }
            }
            int size = out.size();
            while (size > 0 && (out.get(size - 1).kind() == PyToken.Kind.NEWLINE
                    || out.get(size - 1).kind() == PyToken.Kind.END)) {
                size--; // NEWLINE and END only ever end the tokens of a line
            }
            if (size > 0) {
                return List.copyOf(out.subList(0, size));
            }
            if (ended) {
                return null;
            }
        }
    }

    private String shared(String text) {
        // a one-line expression repeats few words: sharing them would cost more than the copies it saves
        return text.length() > 40 || n < SHARE_FROM ? text : shared.computeIfAbsent(text, t -> t);
    }

    /** Lexes one token (or skips one blank, comment or line continuation). */
    private void advance() {
        char c = s[i];
        if (c == ' ' || c == '\t') {
            do {
                i++;
            } while (i < n && (s[i] == ' ' || s[i] == '\t'));
        } else if (c == '\n') {
            if (depth == 0) {
                add(PyToken.Kind.NEWLINE, "\n", "\n", i);
            }
            line++;
            i++;
        } else if (c == '\\' && i + 1 < n && s[i + 1] == '\n') {
            i += 2;
            line++;
        } else if (c == '#') {
            int nl = src.indexOf('\n', i);
            i = nl < 0 ? n : nl;
        } else if (c == '"' || c == '\'' || isPrefixLetter(c) && isStringStart()) {
            string();
        } else if (c >= '0' && c <= '9' || c == '.' && i + 1 < n && s[i + 1] >= '0' && s[i + 1] <= '9') {
            number();
        } else if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_') {
            name();
        } else if (Character.isWhitespace(c)) {
            i++;
        } else if (c >= 0x80 && Character.isDigit(c)) {
            number();
        } else if (c >= 0x80 && isNameStart(src.codePointAt(i))) {
            name();
        } else {
            op(); // an operator, else the error naming the invalid character
        }
    }

    private static boolean isPrefixLetter(char c) {
        return c == 'r' || c == 'R' || c == 'b' || c == 'B' || c == 'u' || c == 'U' || c == 'f' || c == 'F';
    }

    /** An identifier: ASCII letters, digits and '_' read directly, anything else by its code point. */
    private void name() {
        int start = i;
        while (i < n) {
            char c = s[i];
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_') {
                i++;
            } else if (c >= 0x80 && isNamePart(src.codePointAt(i))) {
                i += Character.charCount(src.codePointAt(i));
            } else {
                break;
            }
        }
        String name = shared(src.substring(start, i));
        add(PyToken.Kind.NAME, name, name, start);
    }

    private void finish() {
        if (!open.isEmpty()) {
            int[] at = open.peekLast();
            throw new PySyntaxError("'" + src.charAt(at[0]) + "' was never closed", at[0], at[1]);
        }
        add(PyToken.Kind.NEWLINE, "\n", "", i);
        add(PyToken.Kind.END, "", "", i);
    }

    private void add(PyToken.Kind kind, String text, String raw, int pos) {
        out.add(new PyToken(kind, text, raw, pos, line));
    }

    private boolean isStringStart() {
        int j = i;
        while (j < n && j - i < 2 && isPrefixLetter(s[j])) {
            j++;
        }
        return j < n && (s[j] == '"' || s[j] == '\'');
    }

    private void string() {
        int start = i;
        boolean raw = false;
        while (isPrefixLetter(s[i])) {
            if (s[i] == 'r' || s[i] == 'R') {
                raw = true;
            }
            i++;
        }
        char q = s[i];
        boolean triple = i + 2 < n && s[i + 1] == q && s[i + 2] == q;
        i += triple ? 3 : 1;
        int startLine = line;
        if (!triple) {
            // most literals hold no escape: their value is a slice of the source, no builder needed
            int j = i;
            while (j < n && s[j] != q && s[j] != '\\' && s[j] != '\n') {
                j++;
            }
            if (j < n && s[j] == q) {
                String value = src.substring(i, j);
                i = j + 1;
                out.add(new PyToken(PyToken.Kind.STRING, shared(value), shared(src.substring(start, i)), start,
                        startLine));
                return;
            }
        }
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (i >= n) {
                throw new PySyntaxError("unterminated string", start, startLine);
            }
            char c = s[i];
            if (c == q && (!triple || i + 2 < n && s[i + 1] == q && s[i + 2] == q)) {
                i += triple ? 3 : 1;
                break;
            }
            if (c == '\n') {
                if (!triple) {
                    throw new PySyntaxError("unterminated string", start, startLine);
                }
                line++;
            }
            if (c == '\\' && i + 1 < n) {
                char e = s[i + 1];
                if (raw) {
                    sb.append(c).append(e);
                } else {
                    int used = escape(e, sb);
                    i += used;
                    continue;
                }
                i += 2;
                continue;
            }
            sb.append(c);
            i++;
        }
        out.add(new PyToken(PyToken.Kind.STRING, shared(sb.toString()), shared(src.substring(start, i)), start,
                startLine));
    }

    /**
     * Decodes the escape whose letter is {@code n} (at i + 1) as Python does; returns the characters consumed,
     * backslash included. Unknown escapes stay as typed, as in Python.
     */
    private int escape(char n, StringBuilder sb) {
        switch (n) {
            case 'n' -> sb.append('\n');
            case 't' -> sb.append('\t');
            case 'r' -> sb.append('\r');
            case 'a' -> sb.append('\u0007');
            case 'b' -> sb.append('\b');
            case 'f' -> sb.append('\f');
            case 'v' -> sb.append('\u000B');
            case '\n' -> { }
            case '\\', '\'', '"' -> sb.append(n);
            case 'x', 'u', 'U' -> {
                int digits = n == 'x' ? 2 : n == 'u' ? 4 : 8;
                if (i + 2 + digits > src.length()) {
                    throw new PySyntaxError("truncated \\" + n + " escape", i, line);
                }
                try {
                    sb.appendCodePoint(Integer.parseInt(src.substring(i + 2, i + 2 + digits), 16));
                } catch (IllegalArgumentException e) {
                    throw new PySyntaxError("invalid \\" + n + " escape", i, line);
                }
                return 2 + digits;
            }
            case 'N' -> {
                int close = src.indexOf('}', i);
                if (i + 2 >= src.length() || src.charAt(i + 2) != '{' || close < 0) {
                    throw new PySyntaxError("malformed \\N{...} escape", i, line);
                }
                String name = src.substring(i + 3, close);
                int cp;
                try {
                    cp = Character.codePointOf(name);
                } catch (IllegalArgumentException e) {
                    throw new PySyntaxError("unknown Unicode character name " + name, i, line);
                }
                sb.appendCodePoint(cp);
                return close + 1 - i;
            }
            default -> {
                if (n >= '0' && n <= '7') {
                    int end = i + 1;
                    while (end < src.length() && end < i + 4 && src.charAt(end) >= '0' && src.charAt(end) <= '7') {
                        end++;
                    }
                    sb.append((char) Integer.parseInt(src.substring(i + 1, end), 8));
                    return end - i;
                }
                sb.append('\\').append(n);
            }
        }
        return 2;
    }

    private void number() {
        int start = i;
        while (i < src.length() && (Character.isLetterOrDigit(src.charAt(i)) || src.charAt(i) == '.'
                || src.charAt(i) == '_' || ((src.charAt(i) == '+' || src.charAt(i) == '-')
                && (src.charAt(i - 1) == 'e' || src.charAt(i - 1) == 'E') && !src.startsWith("0x", start)))) {
            i++;
        }
        String text = shared(src.substring(start, i));
        add(PyToken.Kind.NUMBER, shared(text.replace("_", "")), text, start);
    }

    private void op() {
        char c = s[i];
        char next = i + 1 < n ? s[i + 1] : '\0';
        String op = switch (c) {
            case '(' -> "(";
            case ')' -> ")";
            case '[' -> "[";
            case ']' -> "]";
            case '{' -> "{";
            case '}' -> "}";
            case ',' -> ",";
            case '.' -> ".";
            case ';' -> ";";
            case '~' -> "~";
            case '%' -> "%";
            case '&' -> "&";
            case '|' -> "|";
            case '@' -> "@";
            case '^' -> "^";
            case '+' -> "+";
            case '*' -> next == '*' ? "**" : "*";
            case '/' -> next == '/' ? "//" : "/";
            case '=' -> next == '=' ? "==" : "=";
            case '!' -> next == '=' ? "!=" : null;
            case '<' -> next == '=' ? "<=" : "<";
            case '>' -> next == '=' ? ">=" : ">";
            case '-' -> next == '>' ? "->" : "-";
            case ':' -> next == '=' ? ":=" : ":";
            default -> null;
        };
        if (op != null) {
            if (c == '(' || c == '[' || c == '{') {
                depth++;
                open.push(new int[] {i, line});
            } else if (c == ')' || c == ']' || c == '}') {
                depth = Math.max(0, depth - 1);
                open.poll();
            }
            add(PyToken.Kind.OP, op, op, i);
            i += op.length();
            return;
        }
        int cp = src.codePointAt(i);
        int type = Character.getType(cp);
        boolean printable = !Character.isISOControl(cp) && type != Character.FORMAT && type != Character.SURROGATE
                && type != Character.PRIVATE_USE && type != Character.UNASSIGNED;
        String code = String.format("U+%04X", cp);
        throw new PySyntaxError(printable ? "invalid character '" + new String(Character.toChars(cp)) + "' (" + code
                + ")" : "invalid non-printable character " + code, i, line);
    }

    /** Python's identifiers (XID_Start / XID_Continue, as near as Java tells): no '$', no invisible characters. */
    private static boolean isNameStart(int cp) {
        return cp == '_' || Character.isUnicodeIdentifierStart(cp);
    }

    private static boolean isNamePart(int cp) {
        return Character.isUnicodeIdentifierPart(cp) && !Character.isIdentifierIgnorable(cp);
    }
}
