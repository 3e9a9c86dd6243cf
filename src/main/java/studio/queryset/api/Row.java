package studio.queryset.api;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One model instance (or values() dict) as the engine returns it: its loaded fields under their attnames
 * ({@code author_id}), its annotations, select_related objects as nested rows and prefetched lists as lists
 * of rows. Immutable.
 */
public final class Row {
    private final Map<String, Object> values;

    Row(Map<String, Object> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** Wraps an engine result object (a map) as a row; nested maps and lists of maps become rows too. */
    static Row of(Object engineObject) {
        if (!(engineObject instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException("not a row: " + engineObject);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : m.entrySet()) {
            out.put(String.valueOf(e.getKey()), wrap(e.getValue()));
        }
        return new Row(out);
    }

    private static Object wrap(Object v) {
        if (v instanceof Map<?, ?>) {
            return of(v);
        }
        if (v instanceof List<?> l && !l.isEmpty() && l.get(0) instanceof Map) {
            List<Row> rows = new ArrayList<>();
            for (Object o : l) {
                rows.add(of(o));
            }
            return Collections.unmodifiableList(rows);
        }
        return v;
    }

    public Set<String> keys() {
        return values.keySet();
    }

    public boolean has(String key) {
        return values.containsKey(key);
    }

    /** The raw value; an {@link IllegalArgumentException} names the keys when {@code key} was not loaded. */
    public Object get(String key) {
        if (!values.containsKey(key)) {
            throw new IllegalArgumentException("'" + key + "' is not in this row (deferred or not selected). Keys: "
                    + String.join(", ", values.keySet()));
        }
        return values.get(key);
    }

    public String getString(String key) {
        Object v = get(key);
        return v == null ? null : v.toString();
    }

    public Long getLong(String key) {
        Object v = get(key);
        return v == null ? null : ((Number) v).longValue();
    }

    public Double getDouble(String key) {
        Object v = get(key);
        return v == null ? null : ((Number) v).doubleValue();
    }

    public BigDecimal getDecimal(String key) {
        Object v = get(key);
        return v == null ? null : v instanceof BigDecimal b ? b : new BigDecimal(v.toString());
    }

    public Boolean getBoolean(String key) {
        return (Boolean) get(key);
    }

    public LocalDate getDate(String key) {
        return (LocalDate) get(key);
    }

    public LocalDateTime getDateTime(String key) {
        return (LocalDateTime) get(key);
    }

    /** A select_related object (null when the relation is empty). */
    public Row getRow(String relation) {
        return (Row) get(relation);
    }

    /** A prefetched list ({@code prefetch_related("tags")} → {@code getRows("tags")}). */
    @SuppressWarnings("unchecked")
    public List<Row> getRows(String relation) {
        Object v = get(relation);
        return v == null ? List.of() : (List<Row>) v;
    }

    /** The row as a plain map (nested rows stay rows). */
    public Map<String, Object> asMap() {
        return values;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Row r && r.values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
