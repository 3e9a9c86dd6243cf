package studio.queryset.schema.pytext;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits Python source into tokens. Newlines inside brackets and after a backslash are dropped, as in
 * Python, so every NEWLINE token ends a logical line; comments are skipped.
 */
public final class PyLexer {
    private static final String[] OPS = {"**", "//", "==", "!=", "<=", ">=", "->", ":=", "(", ")", "[", "]", "{",
        "}", ",", ":", ".", "=", "*", "/", "+", "-", "%", "&", "|", "~", "<", ">", "@", "^", ";"};
    /** The first chars of the "x=" operators, at their places 2..5 and 7 of OPS (see {@link #opAt}). */
    private static final String TWO_EQ = "\u0000\u0000=!<>\u0000:";
    private static final int FIRST_SINGLE = 8;
    private static final String SINGLE = "()[]{},:.=*/+-%&|~<>@^;";

    private final String src;
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
    private static final int SHARE_FROM = 8192;
    private boolean ended;

    private PyLexer(String src) {
        this.src = src;
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
            out.removeIf(t -> t.kind() == PyToken.Kind.NEWLINE || t.kind() == PyToken.Kind.END);
            if (!out.isEmpty()) {
                return List.copyOf(out);
            }
            if (ended) {
                return null;
            }
        }
    }

    private String shared(String text) {
        // a one-line expression repeats few words: sharing them would cost more than the copies it saves
        return text.length() > 40 || src.length() < SHARE_FROM ? text : shared.computeIfAbsent(text, t -> t);
    }

    /** Lexes one token (or skips one blank, comment or line continuation). */
    private void advance() {
        char c = src.charAt(i);
        if (c == '\n') {
            if (depth == 0) {
                add(PyToken.Kind.NEWLINE, "\n", "\n", i);
            }
            line++;
            i++;
        } else if (c == '\\' && i + 1 < src.length() && src.charAt(i + 1) == '\n') {
            i += 2;
            line++;
        } else if (Character.isWhitespace(c)) {
            i++;
        } else if (c == '#') {
            while (i < src.length() && src.charAt(i) != '\n') {
                i++;
            }
        } else if (isStringStart()) {
            string();
        } else if (Character.isDigit(c) || (c == '.' && i + 1 < src.length()
                && Character.isDigit(src.charAt(i + 1)))) {
            number();
        } else if (isNameStart(src.codePointAt(i))) {
            int start = i;
            while (i < src.length()) {
                char ch = src.charAt(i);
                if (ch < 128) { // ASCII, nearly every name: no code point lookup
                    if (!(ch == '_' || ch >= 'a' && ch <= 'z' || ch >= 'A' && ch <= 'Z' || ch >= '0' && ch <= '9')) {
                        break;
                    }
                    i++;
                    continue;
                }
                int cp = src.codePointAt(i);
                if (!isNamePart(cp)) {
                    break;
                }
                i += Character.charCount(cp);
            }
            String name = shared(src.substring(start, i));
            add(PyToken.Kind.NAME, name, name, start);
        } else {
            op();
        }
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
        while (j < src.length() && j - i < 2 && "rRbBuUfF".indexOf(src.charAt(j)) >= 0) {
            j++;
        }
        return j < src.length() && (src.charAt(j) == '"' || src.charAt(j) == '\'');
    }

    private void string() {
        int start = i;
        boolean raw = false;
        while ("rRbBuUfF".indexOf(src.charAt(i)) >= 0) {
            if (src.charAt(i) == 'r' || src.charAt(i) == 'R') {
                raw = true;
            }
            i++;
        }
        char q = src.charAt(i);
        boolean triple = src.startsWith(String.valueOf(q).repeat(3), i);
        String close = triple ? String.valueOf(q).repeat(3) : String.valueOf(q);
        i += close.length();
        int startLine = line;
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (i >= src.length()) {
                throw new PySyntaxError("unterminated string", start, startLine);
            }
            if (src.startsWith(close, i)) {
                i += close.length();
                break;
            }
            char c = src.charAt(i);
            if (c == '\n') {
                if (!triple) {
                    throw new PySyntaxError("unterminated string", start, startLine);
                }
                line++;
            }
            if (c == '\\' && i + 1 < src.length()) {
                char n = src.charAt(i + 1);
                if (raw) {
                    sb.append(c).append(n);
                } else {
                    int used = escape(n, sb);
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

    /** The operator at {@code i}, longest first (as {@link #OPS} lists them), or null; one char test, no scan. */
    private String opAt() {
        char c = src.charAt(i);
        if (i + 1 < src.length()) {
            String two = switch (c) {
                case '*' -> src.charAt(i + 1) == '*' ? "**" : null;
                case '/' -> src.charAt(i + 1) == '/' ? "//" : null;
                case '=', '!', '<', '>', ':' -> src.charAt(i + 1) == '=' ? OPS[TWO_EQ.indexOf(c)] : null;
                case '-' -> src.charAt(i + 1) == '>' ? "->" : null;
                default -> null;
            };
            if (two != null) {
                return two;
            }
        }
        int one = SINGLE.indexOf(c);
        return one < 0 ? null : OPS[FIRST_SINGLE + one];
    }

    private void op() {
        String op = opAt();
        if (op != null) {
            switch (op.charAt(0)) {
                case '(', '[', '{' -> {
                    depth++;
                    open.push(new int[] {i, line});
                }
                case ')', ']', '}' -> {
                    depth = Math.max(0, depth - 1);
                    open.poll();
                }
                default -> { }
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
        if (cp < 128) {
            return cp == '_' || cp >= 'a' && cp <= 'z' || cp >= 'A' && cp <= 'Z';
        }
        return Character.isUnicodeIdentifierStart(cp);
    }

    private static boolean isNamePart(int cp) {
        return Character.isUnicodeIdentifierPart(cp) && !Character.isIdentifierIgnorable(cp);
    }
}
