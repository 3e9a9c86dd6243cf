package studio.queryset.schema;

/** A models.py or database that cannot be turned into a schema; says where and why. */
public class SchemaException extends RuntimeException {
    private final int line;
    private final String detail;
    private final String file;

    public SchemaException(String message, int line) {
        super(line > 0 ? "line " + line + ": " + message : message);
        this.line = line;
        this.detail = message;
        this.file = null;
    }

    /** An error in a named file: {@code file:line: message}. */
    public SchemaException(String file, String message, int line) {
        super(file + (line > 0 ? ":" + line : "") + ": " + message);
        this.line = line;
        this.detail = message;
        this.file = file;
    }

    /** The file at fault (in a project: the module that failed), or null when the text had no file. */
    public String file() {
        return file;
    }

    public int line() {
        return line;
    }

    /** The message without the file and line prefix. */
    public String detail() {
        return detail;
    }
}
