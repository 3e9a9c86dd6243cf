package studio.queryset.design;

import java.util.List;

/**
 * A node of the canvas, derived from the query model. Its {@code id} is its path in the model
 * ({@code s1} = step 1, {@code s1.a0} = that filter's first argument, {@code s1.a0.c2} = third child of that Q,
 * {@code s2.n.post_count} = annotation "post_count"...), so a node keeps its id — and its position on the
 * canvas — for as long as the part of the query it shows stays where it is.
 *
 * @param label   short title ("filter", "OR", "title__icontains")
 * @param text    the Django text of the part it shows
 * @param parent  id of the node holding it, or null for the source
 */
public record DesignNode(String id, NodeKind kind, String label, String text, String parent, List<String> children) {
    public DesignNode {
        children = List.copyOf(children);
    }
}
