package studio.queryset.run;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Set;
import studio.queryset.query.QueryException;
import studio.queryset.sql.Temporal;

/**
 * PostgreSQL's timestamps as Django (psycopg2) reads them, as the session's wall time: {@code infinity} and
 * {@code -infinity} become Python's {@code datetime.max} and {@code datetime.min}, and a year outside 1..9999 (BC
 * dates, years past 9999) is psycopg2's {@code ValueError}. The driver decodes the value (text or binary protocol)
 * without a text round trip. Only loaded on PostgreSQL: the runtime jar runs with the SQLite driver alone.
 */
final class PgDateTimes {
    /** Python's datetime.max and datetime.min (microseconds). */
    static final LocalDateTime DJANGO_MAX = LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_000);
    static final LocalDateTime DJANGO_MIN = LocalDateTime.of(1, 1, 1, 0, 0);
    /** The names PostgreSQL reports for a UTC session zone. */
    private static final Set<String> UTC_NAMES = Set.of("UTC", "Etc/UTC", "GMT", "Etc/GMT", "Universal",
            "Etc/Universal", "Zulu", "Etc/Zulu", "UCT", "Etc/UCT", "Greenwich", "Etc/Greenwich", "GMT0", "Etc/GMT0");

    private PgDateTimes() {
    }

    /** How a column of PostgreSQL type {@code typeName} is read; null when it is no timestamp. */
    static ValueReader.DateTimeRoute route(ResultSet rs, String typeName) throws SQLException {
        if (typeName.equals("timestamp")) {
            return ValueReader.DateTimeRoute.PG_LOCAL;
        }
        if (typeName.equals("timestamptz")) {
            return sessionAtUtc(rs) ? ValueReader.DateTimeRoute.PG_OFFSET : ValueReader.DateTimeRoute.PG_ZONED;
        }
        return null;
    }

    /** The driver tracks the server's TimeZone setting (reported on every change): no round trip. */
    private static boolean sessionAtUtc(ResultSet rs) throws SQLException {
        String zone = sessionZone(rs);
        return zone != null && UTC_NAMES.contains(zone);
    }

    private static String sessionZone(ResultSet rs) throws SQLException {
        if (rs.getStatement() == null) {
            return null;
        }
        return rs.getStatement().getConnection().unwrap(org.postgresql.PGConnection.class)
                .getParameterStatus("TimeZone");
    }

    /** A {@code timestamp} column: the driver's LocalDateTime is the stored wall time. */
    static LocalDateTime readLocal(ResultSet rs, int index) throws SQLException {
        LocalDateTime t = rs.getObject(index, LocalDateTime.class);
        if (t == null) {
            return null;
        }
        if (t.equals(LocalDateTime.MAX)) {
            return DJANGO_MAX;
        }
        if (t.equals(LocalDateTime.MIN)) {
            return DJANGO_MIN;
        }
        return inRange(t, rs, index);
    }

    /** A {@code timestamptz} in a UTC session: the instant's UTC wall time, as the session renders it. */
    static LocalDateTime readOffset(ResultSet rs, int index) throws SQLException {
        return readInZone(rs, index, ZoneOffset.UTC);
    }

    /**
     * A {@code timestamptz} in a session whose zone is not UTC, as the server renders it: the instant in the
     * zone's rules when the JVM knows the region ({@code Europe/Paris}) or it is a POSIX offset
     * ({@code UTC+3}, {@code <-03>+03}, {@code +05:30}: hours west of Greenwich). Other names ({@code EST5EDT},
     * {@code CET}) are left to the driver's text.
     */
    static LocalDateTime readInSessionZone(ResultSet rs, int index) throws SQLException {
        java.time.ZoneId zone = javaZone(sessionZone(rs));
        return zone == null ? readText(rs, index) : readInZone(rs, index, zone);
    }

    /** The driver's OffsetDateTime as wall time in {@code zone}; infinity as Django's datetime.max / min. */
    private static LocalDateTime readInZone(ResultSet rs, int index, java.time.ZoneId zone) throws SQLException {
        OffsetDateTime t = rs.getObject(index, OffsetDateTime.class);
        if (t == null) {
            return null;
        }
        if (t.equals(OffsetDateTime.MAX)) {
            return DJANGO_MAX;
        }
        if (t.equals(OffsetDateTime.MIN)) {
            return DJANGO_MIN;
        }
        LocalDateTime wall = t.getOffset().equals(zone) ? t.toLocalDateTime()
                : t.atZoneSameInstant(zone).toLocalDateTime();
        return inRange(wall, rs, index);
    }

    private static final java.util.regex.Pattern POSIX_OFFSET = java.util.regex.Pattern.compile(
            "(?:<[^>]*>|[A-Za-z]*)([+-]?)(\\d{1,2})(?::(\\d{1,2}))?(?::(\\d{1,2}))?");

    /** PostgreSQL's TimeZone setting as a Java zone with the same rules, or null. */
    static java.time.ZoneId javaZone(String name) {
        if (name == null) {
            return null;
        }
        // a region (Europe/Paris); not the bare names, whose rules differ (Java's EST5EDT is New York's, the
        // server's a POSIX rule without local mean time)
        if (name.indexOf('/') > 0 && java.time.ZoneId.getAvailableZoneIds().contains(name)) {
            return java.time.ZoneId.of(name);
        }
        java.util.regex.Matcher m = POSIX_OFFSET.matcher(name);
        if (!m.matches()) {
            return null;
        }
        int west = Integer.parseInt(m.group(2)) * 3600 + (m.group(3) == null ? 0 : Integer.parseInt(m.group(3)) * 60)
                + (m.group(4) == null ? 0 : Integer.parseInt(m.group(4)));
        try {
            return ZoneOffset.ofTotalSeconds(m.group(1).equals("-") ? west : -west);
        } catch (java.time.DateTimeException e) {
            return null; // beyond ±18 hours: PostgreSQL refuses those too
        }
    }

    /** A timestamp as text ({@code 2021-03-28 03:30:00+02}, {@code ... BC}, {@code infinity}). */
    private static LocalDateTime readText(ResultSet rs, int index) throws SQLException {
        String s = rs.getString(index);
        if (s == null) {
            return null;
        }
        switch (s) {
            case "infinity":
                return DJANGO_MAX;
            case "-infinity":
                return DJANGO_MIN;
            default:
                break;
        }
        int yearEnd = s.indexOf('-', 1);
        if (s.endsWith(" BC") || yearEnd != 4) {
            throw outOfRange(s.endsWith(" BC") ? s.substring(0, yearEnd).replaceFirst("^0+", "") + " BC"
                    : s.substring(0, yearEnd), rs, index);
        }
        return Temporal.parseDateTime(s);
    }

    private static LocalDateTime inRange(LocalDateTime t, ResultSet rs, int index) throws SQLException {
        int year = t.getYear();
        if (year >= 1 && year <= 9999) {
            return t;
        }
        throw outOfRange(year < 1 ? (1 - year) + " BC" : String.valueOf(year), rs, index);
    }

    private static QueryException outOfRange(String year, ResultSet rs, int index) throws SQLException {
        return new QueryException("ValueError", "year " + year + " is out of range: column "
                + rs.getMetaData().getColumnLabel(index) + " holds a timestamp Python's datetime (years 1 to 9999) "
                + "cannot represent");
    }
}
