package studio.queryset.schema;

/**
 * A field's default for create(): a literal ({@code default=0}), the current time ({@code auto_now},
 * {@code auto_now_add}, {@code default=timezone.now}), a new UUID ({@code default=uuid.uuid4}), or a callable
 * the tool cannot evaluate ({@code source} names it, so the error can).
 */
public record FieldDefault(Kind kind, Object literal, String source) {
    public enum Kind { LITERAL, NOW, UUID4, UNKNOWN }
}
