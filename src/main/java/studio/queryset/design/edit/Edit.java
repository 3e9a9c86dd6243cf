package studio.queryset.design.edit;

import studio.queryset.query.NodePath;
import studio.queryset.query.QuerySet;

/**
 * The outcome of one named edit: the new query, the node to select afterwards (null: keep the selection) and the
 * name its undo step gets ("Add filter", "Rename score to rating").
 */
public record Edit(QuerySet query, NodePath selectAfter, String undoName) {
    public Edit {
        if (query == null || undoName == null || undoName.isBlank()) {
            throw new IllegalArgumentException("an edit has a query and an undo name");
        }
    }
}
