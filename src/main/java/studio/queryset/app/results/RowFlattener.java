package studio.queryset.app.results;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import studio.queryset.sql.OutColumn;
import studio.queryset.sql.PrefetchPlan;
import studio.queryset.sql.RowShape;
import studio.queryset.sql.SelectPlan;

/**
 * Lays out streamed rows (Django's shapes) as fixed columns decided from the plan before the first row:
 * the model's fields and annotations, select_related objects as {@code author.name}, prefetched lists as one
 * {@link RelatedObjects} cell; values_list columns 0..n; a flat list one column.
 */
public final class RowFlattener {
    private final RowShape shape;
    private final List<String> names = new ArrayList<>();
    private final List<List<String>> paths = new ArrayList<>();

    public RowFlattener(SelectPlan plan) {
        this.shape = plan.shape();
        int index = 0;
        for (OutColumn c : plan.columns()) {
            if (c.hidden()) {
                continue;
            }
            if (shape == RowShape.VALUES_LIST) {
                names.add(Integer.toString(index++));
                continue;
            }
            if (shape == RowShape.FLAT) {
                names.add(c.key());
                break;
            }
            List<String> path = new ArrayList<>(c.relationPath());
            path.add(c.key());
            names.add(String.join(".", path));
            paths.add(path);
        }
        if (shape == RowShape.MODEL) {
            for (PrefetchPlan p : plan.prefetches()) {
                names.add(p.attribute());
                paths.add(List.of(p.attribute()));
            }
        }
        if (names.isEmpty()) {
            names.add("value");
        }
    }

    public List<String> columns() {
        return List.copyOf(names);
    }

    @SuppressWarnings("unchecked")
    public Object[] flatten(Object row) {
        Object[] out = new Object[names.size()];
        if (shape == RowShape.FLAT) {
            out[0] = row;
            return out;
        }
        if (row instanceof List<?> tuple && shape == RowShape.VALUES_LIST) {
            for (int i = 0; i < Math.min(out.length, tuple.size()); i++) {
                out[i] = cell(tuple.get(i));
            }
            return out;
        }
        if (!(row instanceof Map<?, ?> map)) {
            out[0] = row;
            return out;
        }
        for (int i = 0; i < paths.size(); i++) {
            Object v = map;
            for (String step : paths.get(i)) {
                v = v instanceof Map<?, ?> m ? m.get(step) : null;
            }
            out[i] = cell(v);
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    static Object cell(Object v) {
        if (v instanceof List<?> l && (l.isEmpty() || l.get(0) instanceof Map)) {
            return new RelatedObjects((List<Map<String, Object>>) l);
        }
        return v;
    }
}
