package studio.queryset.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

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
        Object v = values.get(key);
        if (v == null && !values.containsKey(key)) { // one lookup for a present value: rows are read in millions
            throw new IllegalArgumentException("'" + key + "' is not in this row (deferred or not selected). Keys: "
                    + String.join(", ", values.keySet()));
        }
        return v;
    }

    public String getString(String key) {
        return asString(get(key));
    }

    public Long getLong(String key) {
        return asLong(get(key));
    }

    /** An IntegerField / SmallIntegerField value (the engine reads every integer as a long). */
    public Integer getInt(String key) {
        return asInt(get(key));
    }

    public Double getDouble(String key) {
        return asDouble(get(key));
    }

    public BigDecimal getDecimal(String key) {
        return asDecimal(get(key));
    }

    public Boolean getBoolean(String key) {
        return asBoolean(get(key));
    }

    public LocalDate getDate(String key) {
        return (LocalDate) get(key);
    }

    public LocalDateTime getDateTime(String key) {
        return (LocalDateTime) get(key);
    }

    public LocalTime getTime(String key) {
        return (LocalTime) get(key);
    }

    public Duration getDuration(String key) {
        return (Duration) get(key);
    }

    public UUID getUuid(String key) {
        return asUuid(get(key));
    }

    /** A select_related object (null when the relation is empty). */
    public Row getRow(String relation) {
        return asRow(get(relation));
    }

    /** A prefetched list ({@code prefetch_related("tags")} → {@code getRows("tags")}). */
    public List<Row> getRows(String relation) {
        return asRows(get(relation));
    }

    // The conversions below type a value the engine returned (in a row, a values_list tuple, an aggregate):
    // exported code reads its records through them.

    public static String asString(Object v) {
        return v == null ? null : v.toString();
    }

    public static Long asLong(Object v) {
        return v == null ? null : ((Number) v).longValue();
    }

    public static Integer asInt(Object v) {
        return v == null ? null : Math.toIntExact(((Number) v).longValue());
    }

    public static Double asDouble(Object v) {
        return v == null ? null : ((Number) v).doubleValue();
    }

    public static BigDecimal asDecimal(Object v) {
        return v == null ? null : v instanceof BigDecimal b ? b : new BigDecimal(v.toString());
    }

    public static Boolean asBoolean(Object v) {
        return v == null ? null : v instanceof Number n ? n.longValue() != 0 : (Boolean) v;
    }

    public static UUID asUuid(Object v) {
        return v == null ? null : v instanceof UUID u ? u : UUID.fromString(v.toString());
    }

    /** A datetime the engine read (the UTC wall time Django keeps with USE_TZ) at offset zero. */
    public static OffsetDateTime asOffsetDateTime(Object v) {
        return v == null ? null : v instanceof OffsetDateTime o ? o : ((LocalDateTime) v).atOffset(ZoneOffset.UTC);
    }

    /** A datetime the engine read (the UTC wall time Django keeps with USE_TZ) as the instant it is. */
    public static Instant asInstant(Object v) {
        return v == null ? null : v instanceof Instant i ? i : ((LocalDateTime) v).toInstant(ZoneOffset.UTC);
    }

    /** A Param's datetime as the UTC wall time the engine binds (Django's USE_TZ storage); null stays null. */
    public static LocalDateTime utc(OffsetDateTime v) {
        return v == null ? null : v.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
    }

    /** A Param's instant as the UTC wall time the engine binds (Django's USE_TZ storage); null stays null. */
    public static LocalDateTime utc(Instant v) {
        return v == null ? null : LocalDateTime.ofInstant(v, ZoneOffset.UTC);
    }

    /** An IN list of datetimes (OffsetDateTime or Instant) as the UTC wall times the engine binds. */
    public static List<LocalDateTime> utc(java.util.Collection<?> values) {
        if (values == null) {
            return null;
        }
        List<LocalDateTime> out = new ArrayList<>(values.size());
        for (Object v : values) {
            out.add(v instanceof Instant i ? utc(i) : v instanceof OffsetDateTime o ? utc(o) : (LocalDateTime) v);
        }
        return out;
    }

    /** A nested object (a map from the engine, or a row) as a row; null stays null. */
    public static Row asRow(Object v) {
        return v == null ? null : v instanceof Row r ? r : of(v);
    }

    /** A list of nested objects as rows; anything but a list is no rows. */
    public static List<Row> asRows(Object v) {
        if (!(v instanceof List<?> list)) {
            return List.of();
        }
        List<Row> rows = new ArrayList<>(list.size());
        for (Object o : list) {
            rows.add(asRow(o));
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
