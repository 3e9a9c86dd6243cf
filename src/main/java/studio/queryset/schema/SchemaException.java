package studio.queryset.schema;

/** A models.py or database that cannot be turned into a schema; says where and why. */
public class SchemaException extends RuntimeException {
    private final int line;

    public SchemaException(String message, int line) {
        super(line > 0 ? "line " + line + ": " + message : message);
        this.line = line;
    }

    public int line() {
        return line;
    }
}
