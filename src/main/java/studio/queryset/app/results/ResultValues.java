package studio.queryset.app.results;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import studio.queryset.sql.OutColumn;
import studio.queryset.sql.QueryPlan;
import studio.queryset.sql.RowShape;
import studio.queryset.sql.SelectPlan;

/**
 * Turns what the engine returns (Django's shapes: objects as maps with select_related objects nested and
 * prefetched lists attached, dicts, tuples, scalars) into a {@link ResultTable}: objects and dicts get one
 * column per key, nested objects {@code author.name} columns, prefetched lists one {@link RelatedObjects}
 * cell; tuples columns 0..n; a scalar one cell.
 */
public final class ResultValues {
    private ResultValues() {
    }

    public static ResultTable table(Object result, QueryPlan plan, double millis, int statements, int maxRows) {
        SelectPlan select = plan.select();
        switch (plan.kind()) {
            case COUNT:
                return single("count", "count", result, millis, statements);
            case EXISTS:
                return single("exists", "exists", result, millis, statements);
            case AGGREGATE:
                return objects("aggregate", List.of(result), select, millis, statements, maxRows);
            case GET:
            case FIRST:
            case LAST:
            case SINGLE:
            case INDEX:
                if (result == null) {
                    return single("none", "result", null, millis, statements);
                }
                return listTable("object", List.of(result), select, millis, statements, maxRows);
            case UPDATE:
            case DELETE:
                return single("value", "rows affected", result, millis, statements);
            default:
                List<?> list = result instanceof List<?> l ? l : List.of(result);
                return listTable(null, list, plan.kind() == QueryPlan.Kind.RAW ? null : select, millis, statements,
                        maxRows);
        }
    }

    private static ResultTable listTable(String kind, List<?> list, SelectPlan select, double millis,
                                         int statements, int maxRows) {
        RowShape shape = select == null ? RowShape.MODEL : select.shape();
        if (shape == RowShape.VALUES_LIST) {
            return tuples(kind, list, millis, statements, maxRows);
        }
        if (shape == RowShape.FLAT) {
            String name = "value";
            for (OutColumn c : select.columns()) {
                if (!c.hidden()) {
                    name = c.key();
                    break;
                }
            }
            List<List<Object>> rows = new ArrayList<>();
            for (int i = 0; i < Math.min(maxRows, list.size()); i++) {
                rows.add(java.util.Collections.singletonList(list.get(i)));
            }
            return new ResultTable(kind == null ? "values" : "value", List.of(name), rows, list.size(), millis,
                    statements);
        }
        String k = kind != null ? kind : shape == RowShape.MODEL ? "objects" : shape == RowShape.NAMED ? "rows"
                : "dicts";
        return objects(k, list, select, millis, statements, maxRows);
    }

    private static ResultTable single(String kind, String column, Object value, double millis, int statements) {
        return new ResultTable(kind, List.of(column), List.of(java.util.Collections.singletonList(value)), 1, millis,
                statements);
    }

    private static ResultTable tuples(String kind, List<?> list, double millis, int statements, int maxRows) {
        int width = 0;
        for (Object o : list) {
            width = Math.max(width, o instanceof List<?> t ? t.size() : 1);
        }
        List<String> columns = new ArrayList<>();
        for (int i = 0; i < width; i++) {
            columns.add(Integer.toString(i));
        }
        List<List<Object>> rows = new ArrayList<>();
        for (int r = 0; r < Math.min(maxRows, list.size()); r++) {
            Object o = list.get(r);
            List<Object> row = new ArrayList<>(width);
            if (o instanceof List<?> t) {
                for (int i = 0; i < width; i++) {
                    row.add(i < t.size() ? cell(t.get(i)) : null);
                }
            } else {
                row.add(cell(o));
            }
            rows.add(row);
        }
        return new ResultTable(kind == null ? "tuples" : "object", columns, rows, list.size(), millis, statements);
    }

    /** Maps flattened to columns: the plan's columns first (so a missing related object is NULLs), then the rest. */
    private static ResultTable objects(String kind, List<?> list, SelectPlan select, double millis, int statements,
                                       int maxRows) {
        Set<String> columns = new LinkedHashSet<>();
        Set<String> relationPaths = new LinkedHashSet<>();
        if (select != null && select.shape() != RowShape.VALUES_LIST && select.shape() != RowShape.FLAT) {
            for (OutColumn c : select.columns()) {
                if (c.hidden()) {
                    continue;
                }
                String prefix = "";
                for (String step : c.relationPath()) {
                    prefix = prefix + step;
                    relationPaths.add(prefix);
                    prefix = prefix + ".";
                }
                columns.add(prefix + c.key());
            }
        }
        List<Map<String, Object>> flat = new ArrayList<>();
        for (int r = 0; r < Math.min(maxRows, list.size()); r++) {
            Map<String, Object> out = new LinkedHashMap<>();
            Object o = list.get(r);
            if (o instanceof Map<?, ?> m) {
                flatten("", m, out, relationPaths);
            } else {
                out.put("value", cell(o));
            }
            columns.addAll(out.keySet());
            flat.add(out);
        }
        List<String> names = new ArrayList<>(columns);
        List<List<Object>> rows = new ArrayList<>(flat.size());
        for (Map<String, Object> m : flat) {
            List<Object> row = new ArrayList<>(names.size());
            for (String n : names) {
                row.add(m.get(n));
            }
            rows.add(row);
        }
        return new ResultTable(kind, names, rows, list.size(), millis, statements);
    }

    private static void flatten(String prefix, Map<?, ?> m, Map<String, Object> out, Set<String> relationPaths) {
        for (Map.Entry<?, ?> e : m.entrySet()) {
            String key = prefix + e.getKey();
            Object v = e.getValue();
            if (v instanceof Map<?, ?> nested) {
                flatten(key + ".", nested, out, relationPaths);
            } else if (v == null && relationPaths.contains(key)) {
                continue; // a select_related object that is absent: its columns stay NULL
            } else {
                out.put(key, cell(v));
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Object cell(Object v) {
        if (v instanceof List<?> l && (l.isEmpty() || l.get(0) instanceof Map)) {
            return new RelatedObjects((List<Map<String, Object>>) l);
        }
        return v;
    }

    /** A value as the grid shows it: NULL for null, Python's True/False, a space between date and time. */
    public static String text(Object v) {
        if (v == null) {
            return "NULL";
        }
        if (v instanceof Boolean b) {
            return b ? "True" : "False";
        }
        if (v instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (v instanceof LocalDateTime t) {
            return t.toString().replace('T', ' ');
        }
        if (v instanceof byte[] bytes) {
            StringBuilder hex = new StringBuilder("0x");
            for (byte b : bytes) {
                hex.append(String.format("%02x", b));
            }
            return hex.toString();
        }
        if (v instanceof Map<?, ?> m) {
            return "(" + inline(m) + ")";
        }
        return v.toString();
    }

    /** {@code id=1, name=python}: an object on one line. */
    public static String inline(Map<?, ?> m) {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (out.length() > 0) {
                out.append(", ");
            }
            Object v = e.getValue();
            String text = v instanceof List<?> l ? "[" + ResultTable.plural(l.size(), "item", "items") + "]"
                    : v instanceof String s ? '"' + abbreviate(s, 60) + '"' : text(v);
            out.append(e.getKey()).append('=').append(text);
        }
        return out.toString();
    }

    private static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
