package studio.queryset.sql;

import java.util.List;

/**
 * A compiled SELECT and how to read it: its columns (with select_related nesting), the row shape, and the
 * prefetch queries to run after it.
 *
 * @param paramsBeforeKeys for a prefetch child query: how many parameters precede the keys marker
 */
public record SelectPlan(CompiledQuery query, String model, List<OutColumn> columns, RowShape shape,
                         List<PrefetchPlan> prefetches, boolean ordered, int paramsBeforeKeys) {
    public SelectPlan {
        columns = List.copyOf(columns);
        prefetches = List.copyOf(prefetches);
    }
}
