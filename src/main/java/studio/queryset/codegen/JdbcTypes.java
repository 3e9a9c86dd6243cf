package studio.queryset.codegen;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import studio.queryset.schema.ValueType;
import studio.queryset.sql.Dialect;

/**
 * How a value of each type is declared, read from a ResultSet and bound to a PreparedStatement in generated
 * code, converting exactly as the engine does (studio.queryset.run.ValueReader, sql.ValueBinder): SQLite keeps
 * datetimes as {@code YYYY-MM-DD HH:MM:SS} text, booleans as 0/1, decimals as REAL, UUIDs as 32 hex digits and
 * durations as microseconds; PostgreSQL's timestamptz is read as the UTC wall time.
 */
final class JdbcTypes {
    private final Dialect dialect;
    private final JavaClass out;
    private final ExportOptions.DateTimes dateTimes;

    JdbcTypes(Dialect dialect, JavaClass out) {
        this(dialect, out, ExportOptions.DateTimes.LOCAL);
    }

    JdbcTypes(Dialect dialect, JavaClass out, ExportOptions.DateTimes dateTimes) {
        this.dialect = dialect;
        this.out = out;
        this.dateTimes = dateTimes;
    }

    private boolean sqlite() {
        return dialect == Dialect.SQLITE;
    }

    /** Django keeps durations as bigint microseconds where there is no interval type (SQLite, MariaDB). */
    private boolean microsDurations() {
        return dialect != Dialect.POSTGRESQL;
    }

    /** UUIDs as char(32) hex without dashes where there is no uuid type (SQLite, MariaDB). */
    private boolean hexUuids() {
        return dialect != Dialect.POSTGRESQL;
    }

    /**
     * Django's integer fields that hold 32 bits: Java developers declare them {@code int}. Keys (AutoField and
     * the foreign keys to it) stay {@code long}, as the Params and the prefetch maps that meet them are.
     */
    static final java.util.Set<String> NARROW_FIELDS = java.util.Set.of("IntegerField", "SmallIntegerField",
            "PositiveIntegerField", "PositiveSmallIntegerField");

    /** The declared type, {@code int} for an integer of a 32-bit field ({@code narrow}). */
    String type(ValueType type, boolean nullable, boolean narrow) {
        return narrow && type == ValueType.INTEGER ? (nullable ? "Integer" : "int") : type(type, nullable);
    }

    /** The column read, as an {@code int} for an integer of a 32-bit field ({@code narrow}). */
    String read(ValueType type, boolean nullable, int column, boolean narrow) {
        if (narrow && type == ValueType.INTEGER) {
            String at = "resultSet, " + column;
            return nullable ? orNull("int", "Integer") + "(" + at + ")" : "resultSet.getInt(" + column + ")";
        }
        return read(type, nullable, column);
    }

    /** The declared Java type: primitives where the value cannot be null. */
    String type(ValueType type, boolean nullable) {
        switch (type) {
            case INTEGER:
                return nullable ? "Long" : "long";
            case FLOAT:
                return nullable ? "Double" : "double";
            case BOOLEAN:
                return nullable ? "Boolean" : "boolean";
            default:
                return referenceType(type);
        }
    }

    /** The type as a type argument ({@code List<Long>}). */
    String boxed(ValueType type) {
        return type(type, true);
    }

    private String referenceType(ValueType type) {
        switch (type) {
            case DECIMAL:
                out.use("java.math.BigDecimal");
                return "BigDecimal";
            case DATE:
                out.use("java.time.LocalDate");
                return "LocalDate";
            case DATETIME:
                return switch (dateTimes) {
                    case LOCAL -> {
                        out.use("java.time.LocalDateTime");
                        yield "LocalDateTime";
                    }
                    case OFFSET -> {
                        out.use("java.time.OffsetDateTime");
                        yield "OffsetDateTime";
                    }
                    case INSTANT -> {
                        out.use("java.time.Instant");
                        yield "Instant";
                    }
                };
            case TIME:
                out.use("java.time.LocalTime");
                return "LocalTime";
            case DURATION:
                out.use("java.time.Duration");
                return "Duration";
            case UUID:
                out.use("java.util.UUID");
                return "UUID";
            default:
                return "String";
        }
    }

    /** An expression reading column {@code column} of {@code resultSet}. */
    String read(ValueType type, boolean nullable, int column) {
        return read(type, nullable, String.valueOf(column));
    }

    /** An expression reading the column {@code column} (a Java int expression) of {@code resultSet}. */
    String read(ValueType type, boolean nullable, String column) {
        String at = "resultSet, " + column;
        switch (type) {
            case INTEGER:
                return nullable ? orNull("long", "Long") + "(" + at + ")" : "resultSet.getLong(" + column + ")";
            case FLOAT:
                return nullable ? orNull("double", "Double") + "(" + at + ")" : "resultSet.getDouble(" + column + ")";
            case BOOLEAN:
                return nullable ? orNull("boolean", "Boolean") + "(" + at + ")"
                        : "resultSet.getBoolean(" + column + ")";
            case DECIMAL:
                referenceType(type);
                return sqlite() ? decimalHelper() + "(" + at + ")" : "resultSet.getBigDecimal(" + column + ")";
            case DATE:
                referenceType(type);
                return sqlite() ? parsedHelper("localDate", "LocalDate", "LocalDate.parse(text.substring(0, 10))",
                        "SQLite keeps dates as {@code YYYY-MM-DD} text.") + "(" + at + ")"
                        : "resultSet.getObject(" + column + ", LocalDate.class)";
            case DATETIME:
                referenceType(type);
                return dateTimeRead(column);
            case TIME:
                referenceType(type);
                return sqlite() ? parsedHelper("localTime", "LocalTime", "LocalTime.parse(text)",
                        "SQLite keeps times as {@code HH:MM:SS[.ffffff]} text.") + "(" + at + ")"
                        : "resultSet.getObject(" + column + ", LocalTime.class)";
            case DURATION:
                referenceType(type);
                return durationHelper() + "(" + at + ")";
            case UUID:
                referenceType(type);
                return hexUuids() ? uuidHelper() + "(" + at + ")" : "resultSet.getObject(" + column + ", UUID.class)";
            default:
                return "resultSet.getString(" + column + ")";
        }
    }

    /** The statement binding {@code value} (a Java expression of {@link #type}) at {@code index}. */
    String bind(ValueType type, String index, String value) {
        switch (type) {
            case INTEGER:
                return "statement.setLong(" + index + ", " + value + ");";
            case FLOAT:
                return "statement.setDouble(" + index + ", " + value + ");";
            case BOOLEAN:
                return "statement.setBoolean(" + index + ", " + value + ");";
            case DECIMAL:
                return sqlite() ? "statement.setDouble(" + index + ", " + value + ".doubleValue());"
                        : "statement.setBigDecimal(" + index + ", " + value + ");";
            case DATE:
            case TIME:
                return sqlite() ? "statement.setString(" + index + ", " + value + ".toString());"
                        : "statement.setObject(" + index + ", " + value + ");";
            case DATETIME:
                return dateTimeBind(index, value);
            case UUID:
                return hexUuids() ? "statement.setString(" + index + ", " + value + ".toString().replace(\"-\", \"\"));"
                        : "statement.setObject(" + index + ", " + value + ");";
            case DURATION:
                if (microsDurations()) {
                    return "statement.setLong(" + index + ", " + value + ".toNanos() / 1000);";
                }
                out.use("org.postgresql.util.PGInterval");
                return "statement.setObject(" + index + ", new PGInterval(0, 0, 0, 0, 0, " + value
                        + ".toNanos() / 1e9));";
            default:
                return "statement.setString(" + index + ", " + value + ");";
        }
    }

    /**
     * The statement binding a value the compiler already converted for the database (a literal of the query),
     * written as a Java literal.
     */
    String bindLiteral(String index, Object v) {
        if (v == null) {
            out.use("java.sql.Types");
            return "statement.setNull(" + index + ", Types.NULL);";
        }
        if (v instanceof Long l) {
            return "statement.setLong(" + index + ", " + l + (l == l.intValue() ? "" : "L") + ");";
        }
        if (v instanceof Integer i) {
            return "statement.setInt(" + index + ", " + i + ");";
        }
        if (v instanceof Double d) {
            return "statement.setDouble(" + index + ", " + doubleLiteral(d) + ");";
        }
        if (v instanceof String s) {
            return "statement.setString(" + index + ", " + JavaText.string(s) + ");";
        }
        if (v instanceof Boolean b) {
            return "statement.setBoolean(" + index + ", " + b + ");";
        }
        if (v instanceof BigDecimal b) {
            out.use("java.math.BigDecimal");
            return "statement.setBigDecimal(" + index + ", new BigDecimal(" + JavaText.string(b.toPlainString())
                    + "));";
        }
        if (v instanceof LocalDateTime dt) {
            out.use("java.time.LocalDateTime");
            String args = dt.getYear() + ", " + dt.getMonthValue() + ", " + dt.getDayOfMonth() + ", "
                    + dt.getHour() + ", " + dt.getMinute();
            if (dt.getSecond() != 0 || dt.getNano() != 0) {
                args += ", " + dt.getSecond();
            }
            if (dt.getNano() != 0) {
                args += ", " + dt.getNano();
            }
            return "statement.setObject(" + index + ", LocalDateTime.of(" + args + "));";
        }
        if (v instanceof LocalDate d) {
            out.use("java.time.LocalDate");
            return "statement.setObject(" + index + ", LocalDate.of(" + d.getYear() + ", " + d.getMonthValue()
                    + ", " + d.getDayOfMonth() + "));";
        }
        if (v instanceof LocalTime t) {
            out.use("java.time.LocalTime");
            return "statement.setObject(" + index + ", LocalTime.of(" + t.getHour() + ", " + t.getMinute() + ", "
                    + t.getSecond() + (t.getNano() != 0 ? ", " + t.getNano() : "") + "));";
        }
        if (v instanceof java.util.UUID u) {
            out.use("java.util.UUID");
            return "statement.setObject(" + index + ", UUID.fromString(" + JavaText.string(u.toString()) + "));";
        }
        if (v instanceof org.postgresql.util.PGInterval iv) {
            out.use("org.postgresql.util.PGInterval");
            return "statement.setObject(" + index + ", new PGInterval(" + iv.getYears() + ", " + iv.getMonths()
                    + ", " + iv.getDays() + ", " + iv.getHours() + ", " + iv.getMinutes() + ", "
                    + doubleLiteral(iv.getSeconds()) + "));";
        }
        throw new CodegenException("A value of type " + v.getClass().getSimpleName() + " (" + v + ") in the query "
                + "has no Java literal form; use a Param for it");
    }

    private static String doubleLiteral(double d) {
        if (Double.isNaN(d)) {
            return "Double.NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Double.POSITIVE_INFINITY" : "Double.NEGATIVE_INFINITY";
        }
        return Double.toString(d);
    }

    // ---------------------------------------------------------------- helpers the generated class may need

    private String orNull(String primitive, String boxed) {
        String name = primitive + "OrNull";
        out.use("java.sql.ResultSet");
        out.use("java.sql.SQLException");
        String getter = "get" + Names.upperFirst(primitive);
        out.utility(name, List.of(
                "    /** The column's value, or null where it is SQL NULL. */",
                "    private static " + boxed + " " + name + "(ResultSet resultSet, int column) throws "
                        + "SQLException {",
                "        " + primitive + " value = resultSet." + getter + "(column);",
                "        return resultSet.wasNull() ? null : value;",
                "    }"));
        return name;
    }

    private String decimalHelper() {
        out.use("java.sql.ResultSet");
        out.use("java.sql.SQLException");
        return out.utility("decimal", List.of(
                "    /** SQLite keeps decimals as REAL: the double's shortest decimal form, as Django converts it. */",
                "    private static BigDecimal decimal(ResultSet resultSet, int column) throws SQLException {",
                "        Object value = resultSet.getObject(column);",
                "        return value == null ? null : new BigDecimal(value.toString());",
                "    }"));
    }

    private String parsedHelper(String name, String type, String parse, String doc) {
        out.use("java.sql.ResultSet");
        out.use("java.sql.SQLException");
        return out.utility(name, List.of(
                "    /** " + doc + " */",
                "    private static " + type + " " + name + "(ResultSet resultSet, int column) throws "
                        + "SQLException {",
                "        String text = resultSet.getString(column);",
                "        return text == null ? null : " + parse + ";",
                "    }"));
    }

    /**
     * Reads a datetime as the export's type. On PostgreSQL an {@code OffsetDateTime} straight from the driver
     * (timestamptz comes at offset zero, whatever the session's zone); elsewhere the stored UTC wall time at
     * offset zero, as Django with USE_TZ gives it.
     */
    private String dateTimeRead(String column) {
        String at = "resultSet, " + column;
        if (dateTimes == ExportOptions.DateTimes.LOCAL) {
            return dateTimeHelper() + "(" + at + ")";
        }
        out.use("java.sql.ResultSet");
        out.use("java.sql.SQLException");
        boolean pg = dialect == Dialect.POSTGRESQL;
        if (pg || dateTimes == ExportOptions.DateTimes.OFFSET) {
            out.use("java.time.OffsetDateTime");
        }
        if (pg && dateTimes == ExportOptions.DateTimes.OFFSET) {
            return "resultSet.getObject(" + column + ", OffsetDateTime.class)";
        }
        if (pg) {
            return out.utility("instant", List.of(
                    "    /** A timestamp with time zone as the instant it is. */",
                    "    private static Instant instant(ResultSet resultSet, int column) throws SQLException {",
                    "        OffsetDateTime value = resultSet.getObject(column, OffsetDateTime.class);",
                    "        return value == null ? null : value.toInstant();",
                    "    }")) + "(" + at + ")";
        }
        out.use("java.time.ZoneOffset");
        out.use("java.time.LocalDateTime");
        String local = dateTimeHelper();
        if (dateTimes == ExportOptions.DateTimes.OFFSET) {
            return out.utility("offsetDateTime", List.of(
                    "    /** The stored datetime, a UTC wall time as Django keeps it with USE_TZ, at offset zero. */",
                    "    private static OffsetDateTime offsetDateTime(ResultSet resultSet, int column) throws "
                            + "SQLException {",
                    "        LocalDateTime value = " + local + "(resultSet, column);",
                    "        return value == null ? null : value.atOffset(ZoneOffset.UTC);",
                    "    }")) + "(" + at + ")";
        }
        return out.utility("instant", List.of(
                "    /** The stored datetime, a UTC wall time as Django keeps it with USE_TZ, as an instant. */",
                "    private static Instant instant(ResultSet resultSet, int column) throws SQLException {",
                "        LocalDateTime value = " + local + "(resultSet, column);",
                "        return value == null ? null : value.toInstant(ZoneOffset.UTC);",
                "    }")) + "(" + at + ")";
    }

    /** Binds a datetime of the export's type: PostgreSQL takes an OffsetDateTime; elsewhere the UTC wall time. */
    private String dateTimeBind(String index, String value) {
        String local = value;
        if (dateTimes != ExportOptions.DateTimes.LOCAL) {
            if (dialect == Dialect.POSTGRESQL) {
                if (dateTimes == ExportOptions.DateTimes.INSTANT) {
                    out.use("java.time.ZoneOffset");
                }
                return "statement.setObject(" + index + ", " + value + (dateTimes == ExportOptions.DateTimes.INSTANT
                        ? ".atOffset(ZoneOffset.UTC)" : "") + ");";
            }
            out.use("java.time.LocalDateTime");
            out.use("java.time.ZoneOffset");
            local = dateTimes == ExportOptions.DateTimes.INSTANT ? "LocalDateTime.ofInstant(" + value
                    + ", ZoneOffset.UTC)" : value + ".withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime()";
        }
        return sqlite() ? "statement.setString(" + index + ", " + sqliteDateTimeHelper() + "(" + local + "));"
                : "statement.setObject(" + index + ", " + local + ");";
    }

    private String dateTimeHelper() {
        out.use("java.sql.ResultSet");
        out.use("java.sql.SQLException");
        if (sqlite()) {
            out.use("java.time.LocalDate");
            return out.utility("localDateTime", List.of(
                    "    /** SQLite keeps datetimes as {@code YYYY-MM-DD HH:MM:SS[.ffffff]} text (a date alone is "
                            + "midnight). */",
                    "    private static LocalDateTime localDateTime(ResultSet resultSet, int column) throws "
                            + "SQLException {",
                    "        String text = resultSet.getString(column);",
                    "        if (text == null) {",
                    "            return null;",
                    "        }",
                    "        return text.length() == 10 ? LocalDate.parse(text).atStartOfDay() "
                            + ": LocalDateTime.parse(text.replace(' ', 'T'));",
                    "    }"));
        }
        if (dialect == Dialect.MARIADB) {
            return out.utility("localDateTime", List.of(
                    "    /** MariaDB's datetime(6) has no zone: the wall time Django stored (UTC with TIME_ZONE='UTC'). */",
                    "    private static LocalDateTime localDateTime(ResultSet resultSet, int column) throws "
                            + "SQLException {",
                    "        return resultSet.getObject(column, LocalDateTime.class);",
                    "    }"));
        }
        out.use("java.time.OffsetDateTime");
        out.use("java.time.ZoneOffset");
        return out.utility("localDateTime", List.of(
                "    /** A timestamp as its UTC wall time, whatever the session's time zone. */",
                "    private static LocalDateTime localDateTime(ResultSet resultSet, int column) throws "
                        + "SQLException {",
                "        OffsetDateTime value = resultSet.getObject(column, OffsetDateTime.class);",
                "        return value == null ? null : value.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();",
                "    }"));
    }

    private String sqliteDateTimeHelper() {
        return out.utility("sqliteDateTime", List.of(
                "    /** A datetime as SQLite keeps it: {@code YYYY-MM-DD HH:MM:SS}, microseconds only when set. */",
                "    private static String sqliteDateTime(LocalDateTime value) {",
                "        String text = String.format(\"%s %02d:%02d:%02d\", value.toLocalDate(), value.getHour(), "
                        + "value.getMinute(),",
                "                value.getSecond());",
                "        return value.getNano() == 0 ? text : text + String.format(\".%06d\", value.getNano() / 1000);",
                "    }"));
    }

    private String durationHelper() {
        out.use("java.sql.ResultSet");
        out.use("java.sql.SQLException");
        if (microsDurations()) {
            return out.utility("duration", List.of(
                    sqlite() ? "    /** SQLite keeps durations as microseconds. */"
                            : "    /** MariaDB keeps durations as bigint microseconds, as Django stores them. */",
                    "    private static Duration duration(ResultSet resultSet, int column) throws "
                            + "SQLException {",
                    "        long micros = resultSet.getLong(column);",
                    "        return resultSet.wasNull() ? null : Duration.ofNanos(micros * 1000);",
                    "    }"));
        }
        out.use("org.postgresql.util.PGInterval");
        return out.utility("duration", List.of(
                "    /** An interval as a Duration (a month counts 30 days, a year 365, as Django's parser). */",
                "    private static Duration duration(ResultSet resultSet, int column) throws "
                        + "SQLException {",
                "        PGInterval value = (PGInterval) resultSet.getObject(column);",
                "        if (value == null) {",
                "            return null;",
                "        }",
                "        long micros = Math.round(value.getSeconds() * 1_000_000);",
                "        return Duration.ofDays(value.getDays() + value.getMonths() * 30L + value.getYears() * 365L)",
                "                .plusHours(value.getHours()).plusMinutes(value.getMinutes())",
                "                .plusNanos(micros * 1000);",
                "    }"));
    }

    private String uuidHelper() {
        out.use("java.sql.ResultSet");
        out.use("java.sql.SQLException");
        return out.utility("uuid", List.of(
                sqlite() ? "    /** SQLite keeps UUIDs as 32 hex digits without dashes. */"
                        : "    /** MariaDB keeps UUIDs as char(32): 32 hex digits without dashes. */",
                "    private static UUID uuid(ResultSet resultSet, int column) throws SQLException {",
                "        String hex = resultSet.getString(column);",
                "        if (hex == null) {",
                "            return null;",
                "        }",
                "        return UUID.fromString(hex.substring(0, 8) + \"-\" + hex.substring(8, 12) + \"-\" "
                        + "+ hex.substring(12, 16) + \"-\"",
                "                + hex.substring(16, 20) + \"-\" + hex.substring(20));",
                "    }"));
    }
}
