package studio.queryset.query;

/**
 * A query that cannot be built or run, typed like Django's exceptions ({@code FieldError},
 * {@code DoesNotExist}, {@code NotSupportedError}...), with the offset in the query text when known (-1 if not).
 */
public class QueryException extends RuntimeException {
    private final String kind;
    private final int position;

    public QueryException(String kind, String message) {
        this(kind, message, -1);
    }

    public QueryException(String kind, String message, int position) {
        super(message);
        this.kind = kind;
        this.position = position;
    }

    public String kind() {
        return kind;
    }

    public int position() {
        return position;
    }

    public static QueryException fieldError(String message) {
        return new QueryException("FieldError", message);
    }
}
