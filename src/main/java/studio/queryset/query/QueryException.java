package studio.queryset.query;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A query that cannot be built or run, typed like Django's exceptions ({@code FieldError},
 * {@code DoesNotExist}, {@code NotSupportedError}...).
 *
 * <p>Where it is: a parse error has the offset in the query text ({@link #position}); an error of the compiler
 * names the query-model objects it was raised in, innermost first ({@link #trail}, added by each level it passes),
 * and, where it is about one name, that name ({@link #name}, e.g. {@code titel} of {@code titel__icontains}).
 * {@link ErrorSite#of} turns that into the {@link NodePath} of the part, so the text span, the canvas node and the
 * command line's position all come from the part.
 */
public class QueryException extends RuntimeException {
    private final String kind;
    private final int position;
    private final List<Object> trail = new ArrayList<>();
    private String name;

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

    /** The offset in the query text of a parse error, else -1 (compile errors name their part instead). */
    public int position() {
        return position;
    }

    /** Adds {@code part}, the query-model object (step, Q, expression, Prefetch) being compiled; returns this. */
    public QueryException in(Object part) {
        if (part != null && (trail.isEmpty() || trail.get(trail.size() - 1) != part)) {
            trail.add(part);
        }
        return this;
    }

    /** The objects the error passed through, innermost first. */
    public List<Object> trail() {
        return Collections.unmodifiableList(trail);
    }

    /** Marks the one name the error is about (a field name, a lookup, an alias, as written); returns this. */
    public QueryException about(String name) {
        if (this.name == null) {
            this.name = name;
        }
        return this;
    }

    /** The name the error is about, or null. */
    public String name() {
        return name;
    }

    public static QueryException fieldError(String message) {
        return new QueryException("FieldError", message);
    }
}
