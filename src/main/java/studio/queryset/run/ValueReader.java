package studio.queryset.run;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import com.fasterxml.jackson.databind.ObjectMapper;
import studio.queryset.schema.ValueType;
import studio.queryset.sql.Temporal;

/**
 * Reads a column as the Java value Django's converters would give for its field type: SQLite's text dates
 * become LocalDateTime, its 0/1 booleans Boolean, its 32-hex UUIDs UUID, its microsecond durations Duration.
 */
final class ValueReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ValueReader() {
    }

    static Object read(ResultSet rs, int index, ValueType type) throws SQLException {
        // the common types read through typed getters: no boxing round trip through getObject
        switch (type) {
            case INTEGER: {
                long v = rs.getLong(index);
                return v == 0 && rs.wasNull() ? null : (Object) v;
            }
            case FLOAT: {
                double v = rs.getDouble(index);
                return v == 0 && rs.wasNull() ? null : (Object) v;
            }
            case TEXT:
                return rs.getString(index);
            default:
                break;
        }
        // Datetimes are read as text: a timestamptz then keeps the session's UTC wall time, whatever the JVM zone.
        Object raw = type == ValueType.DATETIME ? readDateTime(rs, index) : rs.getObject(index);
        if (raw == null) {
            return null;
        }
        return convert(raw, type);
    }

    /**
     * A datetime as the session's wall time. MariaDB's driver decodes DATETIME/TIMESTAMP straight into a
     * LocalDateTime (no zone is involved: the session runs in UTC), where getString would format it only for us to
     * parse it back — a third of a prefetch's time on 5,000 rows.
     */
    private static Object readDateTime(ResultSet rs, int index) throws SQLException {
        if (rs.getClass().getName().startsWith("org.mariadb.")) {
            return rs.getObject(index, LocalDateTime.class);
        }
        return rs.getString(index);
    }

    static Object convert(Object raw, ValueType type) {
        if (raw == null) {
            return null;
        }
        try {
            return convertTyped(raw, type);
        } catch (RuntimeException e) {
            // SQLite's dynamic typing can store anything in any column: show what is there rather than fail
            return raw instanceof byte[] bytes ? new String(bytes, java.nio.charset.StandardCharsets.UTF_8) : raw;
        }
    }

    private static Object convertTyped(Object raw, ValueType type) {
        switch (type) {
            case INTEGER:
                if (raw instanceof Number n) {
                    return n instanceof BigDecimal b && b.scale() > 0 && b.stripTrailingZeros().scale() > 0
                            ? b : (Object) n.longValue();
                }
                if (raw instanceof Boolean b) {
                    return b ? 1L : 0L;
                }
                return parseNumber(raw.toString());
            case FLOAT:
                return raw instanceof Number n ? (Object) n.doubleValue() : parseNumber(raw.toString());
            case DECIMAL:
                if (raw instanceof BigDecimal b) {
                    return b;
                }
                if (raw instanceof Double d) {
                    return new BigDecimal(Double.toString(d));
                }
                return raw instanceof Number n ? new BigDecimal(n.toString()) : parseNumber(raw.toString());
            case BOOLEAN:
                if (raw instanceof Boolean b) {
                    return b;
                }
                if (raw instanceof Number n) {
                    return n.intValue() != 0;
                }
                return raw.toString().equals("1") || raw.toString().equalsIgnoreCase("true")
                        || raw.toString().equals("t");
            case DATE:
                if (raw instanceof java.sql.Date d) {
                    return d.toLocalDate();
                }
                if (raw instanceof LocalDate d) {
                    return d;
                }
                if (raw instanceof Timestamp ts) {
                    return ts.toLocalDateTime().toLocalDate();
                }
                return LocalDate.parse(raw.toString().substring(0, Math.min(10, raw.toString().length())));
            case DATETIME:
                if (raw instanceof Timestamp ts) {
                    return ts.toLocalDateTime();
                }
                if (raw instanceof LocalDateTime dt) {
                    return dt;
                }
                if (raw instanceof OffsetDateTime odt) {
                    return odt.toLocalDateTime();
                }
                if (raw instanceof java.sql.Date d) {
                    return d.toLocalDate().atStartOfDay();
                }
                return Temporal.parseDateTime(raw.toString());
            case TIME:
                if (raw instanceof java.sql.Time t) {
                    return t.toLocalTime();
                }
                if (raw instanceof LocalTime t) {
                    return t;
                }
                return LocalTime.parse(raw.toString());
            case DURATION:
                if (raw instanceof Number n) {
                    return Duration.ofNanos(n.longValue() * 1000);
                }
                if (fromPostgresDriver(raw) && raw instanceof org.postgresql.util.PGInterval iv) {
                    long micros = Math.round(iv.getSeconds() * 1_000_000);
                    return Duration.ofDays(iv.getDays() + iv.getMonths() * 30L + iv.getYears() * 365L)
                            .plusHours(iv.getHours()).plusMinutes(iv.getMinutes()).plusNanos(micros * 1000);
                }
                return raw;
            case UUID:
                if (raw instanceof java.util.UUID u) {
                    return u;
                }
                String hex = raw.toString().replace("-", "");
                if (hex.length() == 32) {
                    return java.util.UUID.fromString(hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-"
                            + hex.substring(12, 16) + "-" + hex.substring(16, 20) + "-" + hex.substring(20));
                }
                return raw.toString();
            case JSON:
                try {
                    return JSON.readTree(raw.toString());
                } catch (Exception e) {
                    return raw.toString();
                }
            case TEXT:
            default:
                if (raw instanceof byte[] bytes) {
                    return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
                }
                if (fromPostgresDriver(raw) && raw instanceof org.postgresql.util.PGobject pg) {
                    return pg.getValue();
                }
                return raw instanceof String ? raw : raw.toString();
        }
    }

    private static Object parseNumber(String s) {
        try {
            if (s.matches("-?\\d+")) {
                return Long.parseLong(s);
            }
            return new BigDecimal(s.trim());
        } catch (NumberFormatException e) {
            return s; // SQLite's dynamic typing can hand back text; show it rather than fail
        }
    }

    /** A column of raw SQL, typed by what the driver returns. */
    static Object readUntyped(ResultSet rs, int index) throws SQLException {
        Object raw = rs.getObject(index);
        if (raw instanceof Timestamp ts) {
            return ts.toLocalDateTime();
        }
        if (raw instanceof java.sql.Date d) {
            return d.toLocalDate();
        }
        if (raw instanceof Integer i) {
            return i.longValue();
        }
        if (raw instanceof Float f) {
            return f.doubleValue();
        }
        if (fromPostgresDriver(raw) && raw instanceof org.postgresql.util.PGobject pg) {
            return pg.getValue();
        }
        return raw;
    }

    /**
     * Whether a value is one of the PostgreSQL driver's own classes. Asked first so that on SQLite the
     * driver's classes are never resolved: the runtime jar runs with the SQLite driver alone.
     */
    private static boolean fromPostgresDriver(Object raw) {
        return raw != null && raw.getClass().getName().startsWith("org.postgresql.");
    }
}
