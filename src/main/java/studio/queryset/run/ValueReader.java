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

    /** How a datetime column reaches Java, decided once per result set (see {@link Columns}). */
    enum DateTimeRoute {
        /** Text parsed here: SQLite's stored text, or a non-timestamp column a DATETIME expression yields. */
        TEXT,
        /** MariaDB's driver decodes DATETIME/TIMESTAMP into the session's (UTC) wall time. */
        MARIADB_LOCAL,
        /** PostgreSQL, see {@link PgDateTimes}. */
        PG_LOCAL, PG_OFFSET, PG_ZONED
    }

    /**
     * The columns of one result set with their value types (null: untyped, a raw() column the model does not
     * know) and how each datetime is read; built once after the query ran, so a row costs only the reads.
     */
    static final class Columns {
        private final ResultSet rs;
        private final ValueType[] types;
        private final DateTimeRoute[] routes;

        private Columns(ResultSet rs, ValueType[] types) throws SQLException {
            this.rs = rs;
            this.types = types;
            this.routes = new DateTimeRoute[types.length];
            for (int i = 0; i < types.length; i++) {
                routes[i] = route(rs, i + 1, types[i]);
            }
        }

        /** Value types by position, in the result set's column order. */
        static Columns of(ResultSet rs, java.util.List<studio.queryset.sql.OutColumn> cols) throws SQLException {
            ValueType[] types = new ValueType[cols.size()];
            for (int i = 0; i < types.length; i++) {
                types[i] = cols.get(i).type();
            }
            return new Columns(rs, types);
        }

        /** {@code types[i]} null: the column is read untyped (see {@link ValueReader#readUntyped}). */
        static Columns of(ResultSet rs, ValueType[] types) throws SQLException {
            return new Columns(rs, types.clone());
        }

        /** The value of 1-based column {@code index} of the current row. */
        Object read(int index) throws SQLException {
            ValueType type = types[index - 1];
            DateTimeRoute route = routes[index - 1];
            if (type == null) {
                return route == DateTimeRoute.PG_LOCAL || route == DateTimeRoute.PG_OFFSET
                        || route == DateTimeRoute.PG_ZONED ? readDateTime(rs, index, route) : readUntyped(rs, index);
            }
            return ValueReader.read(rs, index, type, route);
        }
    }

    /** How column {@code index} (of {@code type}, null: untyped) is read when it holds datetimes. */
    private static DateTimeRoute route(ResultSet rs, int index, ValueType type) throws SQLException {
        String driver = rs.getClass().getName();
        if (driver.startsWith("org.mariadb.")) {
            return DateTimeRoute.MARIADB_LOCAL;
        }
        if (driver.startsWith("org.postgresql.") && (type == ValueType.DATETIME || type == null)) {
            DateTimeRoute pg = PgDateTimes.route(rs, rs.getMetaData().getColumnTypeName(index));
            return pg != null ? pg : DateTimeRoute.TEXT;
        }
        return DateTimeRoute.TEXT;
    }

    private static Object read(ResultSet rs, int index, ValueType type, DateTimeRoute route) throws SQLException {
        // the common types read through typed getters: no boxing round trip through getObject
        switch (type) {
            case INTEGER: {
                long v;
                try {
                    v = rs.getLong(index);
                } catch (SQLException notALong) { // a fraction (PostgreSQL's EXTRACT) or text (Chr's CHR)
                    return integerOf(rs.getObject(index));
                }
                if (v != 0) {
                    return v;
                }
                // SQLite reads text as 0: Django's int() refuses text that is not a whole number
                Object raw = rs.getObject(index);
                return raw instanceof String text ? integerOf(text) : raw == null ? null : (Object) 0L;
            }
            case FLOAT: {
                double v = rs.getDouble(index);
                return v == 0 && rs.wasNull() ? null : (Object) v;
            }
            case TEXT:
                return rs.getString(index);
            case TIME:
                if (!rs.getClass().getName().startsWith("org.sqlite.")) {
                    // java.sql.Time has no fraction: the drivers' LocalTime keeps the microseconds
                    try {
                        return rs.getObject(index, LocalTime.class);
                    } catch (SQLException notATime) {
                        break; // read as text below
                    }
                }
                break;
            case DATETIME:
                if (route != DateTimeRoute.TEXT) {
                    return readDateTime(rs, index, route);
                }
                break;
            default:
                break;
        }
        Object raw = type == ValueType.DATETIME ? rs.getString(index) : rs.getObject(index);
        if (raw == null) {
            return null;
        }
        if (type == ValueType.DECIMAL && raw instanceof String && rs.getClass().getName().startsWith("org.sqlite.")) {
            // Django binds a Decimal as text on SQLite; a Value or a Case hands it back as text (no CAST AS
            // NUMERIC around them), and its decimal converter, create_decimal_from_float, refuses text
            throw new studio.queryset.query.QueryException("TypeError", "argument must be int or float (SQLite "
                    + "returned the decimal as text '" + raw + "'; Django cannot read it back: give the Value an "
                    + "output_field or wrap it in Cast)");
        }
        return convert(raw, type);
    }

    /**
     * A datetime as the session's wall time, decoded by the driver where it can (formatting to text only for us
     * to parse it back was a third of a MariaDB prefetch's time and most of what PostgreSQL streaming cost over
     * a hand-written loop).
     */
    private static LocalDateTime readDateTime(ResultSet rs, int index, DateTimeRoute route) throws SQLException {
        return switch (route) {
            case MARIADB_LOCAL -> rs.getObject(index, LocalDateTime.class);
            case PG_LOCAL -> PgDateTimes.readLocal(rs, index);
            case PG_OFFSET -> PgDateTimes.readOffset(rs, index);
            case PG_ZONED -> PgDateTimes.readInSessionZone(rs, index);
            case TEXT -> throw new IllegalStateException("text datetimes are converted by the caller");
        };
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
                    // Django's SQLite and MySQL converters: bool(value) if value in (1, 0) else value
                    double v = n.doubleValue();
                    return v == 0 ? Boolean.FALSE : v == 1 ? Boolean.TRUE : n;
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

    /**
     * Django's convert_value for an IntegerField output: Python's int(), which truncates a fraction, reads a
     * boolean as 0/1 and refuses text that is not a whole number.
     */
    private static Object integerOf(Object raw) {
        if (raw == null) {
            return null;
        }
        if (raw instanceof Boolean b) {
            return b ? 1L : 0L;
        }
        if (raw instanceof Number n) {
            return n instanceof BigDecimal b ? b.longValue() : (Object) n.longValue();
        }
        String text = raw.toString().strip().replace("_", "");
        if (text.matches("[+-]?\\d+")) {
            return Long.parseLong(text);
        }
        throw new studio.queryset.query.QueryException("ValueError", "invalid literal for int() with base 10: '"
                + raw + "' (the expression's type is an integer, but the database returned text)");
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
