package studio.queryset.app.schema;

import java.util.List;

/**
 * One row of the schema browser: a model, a field, a forward relation or a reverse relation. {@code name}
 * is what a lookup uses ({@code posts} for {@code Author.posts}); {@code model} is the model the row
 * belongs to. {@code icon} names its glyph: the value type of a field ({@code text}, {@code integer},
 * {@code date}...), the relation's kind ({@code fk}, {@code o2o}, {@code m2m}, {@code reverse-fk}...), or
 * {@code model}.
 */
public record SchemaNode(Kind kind, String name, String detail, List<String> marks, String model,
                         List<SchemaNode> children, String icon, List<String> warnings) {

    public enum Kind { MODEL, FIELD, RELATION, REVERSE_RELATION }

    /** The mark of a model with import warnings ({@code ⚠ 2}); {@link #warnings} holds their lines. */
    public static final String WARNING_MARK = "⚠";

    public SchemaNode {
        marks = List.copyOf(marks);
        children = List.copyOf(children);
        icon = icon == null ? kind.name().toLowerCase(java.util.Locale.ROOT) : icon;
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    public SchemaNode(Kind kind, String name, String detail, List<String> marks, String model,
                      List<SchemaNode> children, String icon) {
        this(kind, name, detail, marks, model, children, icon, List.of());
    }

    /** A row whose icon is its kind's. */
    public SchemaNode(Kind kind, String name, String detail, List<String> marks, String model,
                      List<SchemaNode> children) {
        this(kind, name, detail, marks, model, children, null);
    }

    /** {@code posts (reverse FK from Post.author)}. */
    @Override
    public String toString() {
        return detail.isEmpty() ? name : name + " (" + detail + ")";
    }
}
