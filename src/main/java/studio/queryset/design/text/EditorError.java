package studio.queryset.design.text;

/**
 * Why the Django text does not give a QuerySet: the error's kind ({@code SyntaxError}, {@code FieldError}...),
 * its message, the offset it points at (-1 when unknown) and the character range to underline
 * ({@code start} inclusive, {@code end} exclusive; empty when nothing can be pointed at).
 */
public record EditorError(String kind, String message, int position, int start, int end) {

    /** {@code FieldError at 20: Cannot resolve keyword 'titel' into field. Choices are: ...}. */
    public String display() {
        return kind + (position >= 0 ? " at " + position : "") + ": " + message;
    }

    public boolean hasRange() {
        return end > start;
    }
}
