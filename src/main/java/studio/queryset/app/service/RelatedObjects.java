package studio.queryset.app.service;

import java.util.List;
import java.util.Map;

/**
 * A cell holding a prefetched list (a reverse FK or many-to-many relation loaded with prefetch_related): shown
 * as {@code 3 items}, listed in full in its tooltip.
 */
public record RelatedObjects(List<Map<String, Object>> items) {
    private static final int LISTED = 25;

    public RelatedObjects {
        items = List.copyOf(items);
    }

    public int size() {
        return items.size();
    }

    /** One line an object ({@code id=1, name=python}), at most 25, then how many more. */
    public String describe() {
        if (items.isEmpty()) {
            return "(empty list)";
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < Math.min(LISTED, items.size()); i++) {
            if (i > 0) {
                out.append('\n');
            }
            out.append(ResultValues.inline(items.get(i)));
        }
        if (items.size() > LISTED) {
            out.append("\n… and ").append(items.size() - LISTED).append(" more");
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return ResultTable.plural(items.size(), "item", "items");
    }
}
