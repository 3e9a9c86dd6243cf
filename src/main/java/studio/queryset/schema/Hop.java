package studio.queryset.schema;

/**
 * One relation a field path crosses: {@code author} from Post to Author, {@code posts} back from Author to Post.
 *
 * @param name  the name as the path wrote it ({@code pk} stays {@code pk}); for an inherited field, the parent
 *              link's name
 * @param kind  which way and through what
 * @param from  the model the hop leaves
 * @param to    the model it arrives at
 * @param field the relation field, on the model that declares it ({@code from} forwards, {@code to} backwards)
 */
public record Hop(String name, Kind kind, Model from, Model to, Field field) {

    /** The ways across a relation. */
    public enum Kind {
        /** A ForeignKey or OneToOneField of {@code from}. */
        FORWARD,
        /** A ManyToManyField of {@code from}: through its join table. */
        FORWARD_MANY,
        /** A ForeignKey of {@code to} pointing back at {@code from}. */
        REVERSE,
        /** A OneToOneField of {@code to} pointing back at {@code from}. */
        REVERSE_ONE,
        /** A ManyToManyField of {@code to} pointing back at {@code from}: through its join table. */
        REVERSE_MANY,
        /** Multi-table inheritance: a parent's field reached through {@code from}'s {@code <parent>_ptr}. */
        PARENT
    }

    /** Following the relation field the way it was declared. */
    public boolean forward() {
        return kind == Kind.FORWARD || kind == Kind.FORWARD_MANY || kind == Kind.PARENT;
    }

    /** Django's multi-valued relations (m2m or reverse FK): one row of {@code from} meets many of {@code to}. */
    public boolean multiValued() {
        return kind == Kind.FORWARD_MANY || kind == Kind.REVERSE || kind == Kind.REVERSE_MANY;
    }

    /** Whether a row of {@code from} can have no {@code to} (the join must be LEFT OUTER to keep it). */
    public boolean nullable() {
        return switch (kind) {
            case FORWARD -> field.nullable();
            case PARENT -> false;
            default -> true;
        };
    }

    /** An m2m hop, which crosses the join table first. */
    public boolean throughTable() {
        return kind == Kind.FORWARD_MANY || kind == Kind.REVERSE_MANY;
    }
}
