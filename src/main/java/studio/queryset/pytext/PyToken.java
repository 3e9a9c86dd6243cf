package studio.queryset.pytext;

/**
 * One token of Python source. {@code pos} is the character offset in the whole text; {@code line} is 1-based.
 * For strings, {@code text} is the decoded value and {@code raw} the source spelling.
 */
public record PyToken(Kind kind, String text, String raw, int pos, int line) {
    public enum Kind { NAME, NUMBER, STRING, OP, NEWLINE, END }

    public boolean is(String op) {
        return (kind == Kind.OP || kind == Kind.NAME) && text.equals(op);
    }
}
