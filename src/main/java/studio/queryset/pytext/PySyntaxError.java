package studio.queryset.pytext;

/** Text that is not the Python the reader expects; carries the offset and line of the culprit. */
public class PySyntaxError extends RuntimeException {
    private final int position;
    private final int line;

    public PySyntaxError(String message, int position, int line) {
        super(message);
        this.position = position;
        this.line = line;
    }

    public int position() {
        return position;
    }

    public int line() {
        return line;
    }
}
