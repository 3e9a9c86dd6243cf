package studio.queryset.schema;

import java.util.List;

/**
 * A field path naming something a model does not have; worded as Django's FieldError
 * ({@code Cannot resolve keyword 'titel' into field. Choices are: ...}).
 */
public final class FieldPathException extends RuntimeException {
    private final String name;
    private final List<String> choices;

    FieldPathException(String message, String name, List<String> choices) {
        super(message);
        this.name = name;
        this.choices = List.copyOf(choices);
    }

    /** The part of the path at fault. */
    public String name() {
        return name;
    }

    /** What would have been valid in its place. */
    public List<String> choices() {
        return choices;
    }
}
