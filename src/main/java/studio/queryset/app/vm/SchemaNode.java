package studio.queryset.app.vm;

import java.util.List;

/**
 * One row of the schema browser: a model, a field, a forward relation or a reverse relation. {@code name}
 * is what a lookup uses ({@code posts} for {@code Author.posts}); {@code model} is the model the row
 * belongs to.
 */
public record SchemaNode(Kind kind, String name, String detail, List<String> marks, String model,
                         List<SchemaNode> children) {

    public enum Kind { MODEL, FIELD, RELATION, REVERSE_RELATION }

    public SchemaNode {
        marks = List.copyOf(marks);
        children = List.copyOf(children);
    }

    /** {@code posts (reverse FK from Post.author)}. */
    @Override
    public String toString() {
        return detail.isEmpty() ? name : name + " (" + detail + ")";
    }
}
