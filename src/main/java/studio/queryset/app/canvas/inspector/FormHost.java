package studio.queryset.app.canvas.inspector;

import studio.queryset.design.edit.Edit;
import studio.queryset.query.QuerySet;
import studio.queryset.schema.Schema;

/** What an inspector form edits through: the document's query as it stands and its history. FX-free. */
public interface FormHost {
    /** The query as it stands now (null before a model is picked). */
    QuerySet query();

    Schema schema();

    /**
     * Applies {@code edit} as one undo step, or merged into the step before it when that one has the same
     * non-null {@code mergeKey} (one run of typing in one field). Returns null when applied, else why not.
     */
    String commit(Edit edit, String mergeKey);
}
