package studio.queryset.app.results;

import java.util.List;
import java.util.Map;

/**
 * A cell holding a prefetched list (a reverse FK or many-to-many relation loaded with prefetch_related): shown
 * as {@code 3 items}, previewed (bounded) in its tooltip and opened as a sub-grid on click.
 */
public record RelatedObjects(List<Map<String, Object>> items) {
    private static final int PREVIEWED = 6;
    private static final int LINE = 100;

    public RelatedObjects {
        items = List.copyOf(items);
    }

    public int size() {
        return items.size();
    }

    /**
     * A bounded preview for the tooltip: at most {@value #PREVIEWED} objects, each on one line of at most
     * {@value #LINE} characters, then how many more; the whole list opens as a grid on click.
     */
    public String describe() {
        if (items.isEmpty()) {
            return "(empty list)";
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < Math.min(PREVIEWED, items.size()); i++) {
            if (i > 0) {
                out.append('\n');
            }
            String line = ResultValues.inline(items.get(i));
            out.append(line.length() > LINE ? line.substring(0, LINE - 1) + "…" : line);
        }
        if (items.size() > PREVIEWED) {
            out.append("\n… and ").append(items.size() - PREVIEWED).append(" more");
        }
        return out.append("\nClick to open ").append(items.size() == 1 ? "it" : "them").append(" as a grid.")
                .toString();
    }

    /** The keys of the objects, in first-seen order: the sub-grid's columns. */
    public List<String> keys() {
        java.util.LinkedHashSet<String> keys = new java.util.LinkedHashSet<>();
        items.forEach(m -> keys.addAll(m.keySet()));
        return List.copyOf(keys);
    }

    @Override
    public String toString() {
        return ResultTable.plural(items.size(), "item", "items");
    }
}
