package studio.queryset.sql;

import java.util.List;

/**
 * A prefetch_related step: after the parent rows are read, {@link #query} runs once (per batch of keys) with
 * the parent keys bound where the IN list goes, and its rows are stitched onto the parents.
 *
 * @param attribute      where the result lands on each parent (lookup name or to_attr)
 * @param parentKey      the parent's attname whose value is matched ({@code id}, or {@code author_id} for a FK)
 * @param childKeyColumn index of the child column holding the matching key
 * @param many           a list per parent (reverse FK, M2M) or one object (FK, one-to-one)
 * @param query          the child SELECT; its keys IN-list is inserted at {@link #keysMarker}
 * @param nested         prefetches to run on the children
 */
public record PrefetchPlan(String attribute, String parentKey, int childKeyColumn, boolean many, SelectPlan query,
                           List<PrefetchPlan> nested) {
    /** Stands in the SQL where the IN list of keys goes; replaced by {@code ?, ?, ...} when run. */
    public static final String KEYS_MARKER = "/*KEYS*/";

    public String keysMarker() {
        return KEYS_MARKER;
    }
}
