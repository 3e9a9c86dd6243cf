package studio.queryset.sql;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import studio.queryset.query.Prefetch;

/**
 * What a query loads besides its own columns' defaults: Django's {@code deferred_loading} (only() / defer()),
 * {@code select_related} and the prefetch lookups. {@link SqlQuery} checks the names; {@link SelectList} reads it.
 */
final class Loading {
    /** only()'s names, or null when only() was not called. */
    Set<String> onlyFields;
    final Set<String> deferFields = new LinkedHashSet<>();
    final List<String> selectRelated = new ArrayList<>();
    /** select_related() with no arguments. */
    boolean selectRelatedAll;
    final List<Prefetch> prefetches = new ArrayList<>();

    /** defer(*names); defer(None) (no names) clears the deferred set. */
    void addDeferred(List<String> fields) {
        if (fields.isEmpty()) {
            deferFields.clear();
        } else {
            deferFields.addAll(fields);
        }
    }

    /** only(*names): names deferred before stay deferred (Django's add_immediate_loading). */
    void addImmediate(List<String> fields) {
        onlyFields = new LinkedHashSet<>(fields);
        onlyFields.removeAll(deferFields);
        deferFields.clear();
    }

    void addSelectRelated(List<String> paths) {
        if (paths.isEmpty()) {
            selectRelatedAll = true;
        }
        for (String p : paths) {
            if (!selectRelated.contains(p)) {
                selectRelated.add(p);
            }
        }
    }

    /** A count, an aggregate or a write loads no related objects. */
    void dropRelated() {
        selectRelated.clear();
        selectRelatedAll = false;
        prefetches.clear();
    }
}
