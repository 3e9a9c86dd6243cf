package studio.queryset.api;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
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

    private Row(Map<String, Object> values) {
        // the engine hands over a fresh map per row: wrap it instead of copying it (streaming reads millions)
        this.values = Collections.unmodifiableMap(values);
    }

    /** Wraps an engine result object (a map) as a row; nested maps and lists of maps are rows when read. */
    @SuppressWarnings("unchecked")
    static Row of(Object engineObject) {
        if (!(engineObject instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException("not a row: " + engineObject);
        }
        return new Row((Map<String, Object>) m);
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
        Object v = get(relation);
        return v == null ? null : v instanceof Row r ? r : of(v);
    }

    /** A prefetched list ({@code prefetch_related("tags")} → {@code getRows("tags")}). */
    public List<Row> getRows(String relation) {
        Object v = get(relation);
        if (!(v instanceof List<?> list)) {
            return List.of();
        }
        List<Row> rows = new ArrayList<>(list.size());
        for (Object o : list) {
            rows.add(o instanceof Row r ? r : of(o));
        }
        return Collections.unmodifiableList(rows);
    }

    /** The row as a plain map (nested objects stay maps, prefetched lists stay lists of maps). */
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
