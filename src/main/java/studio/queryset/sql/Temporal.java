package studio.queryset.sql;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/** Date/time text in the forms Django uses: SQLite storage ({@code 2024-01-02 03:04:05}) and ISO output. */
public final class Temporal {
    private static final DateTimeFormatter SQLITE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private Temporal() {
    }

    public static String formatSqlite(LocalDateTime dt) {
        String s = dt.format(SQLITE);
        return dt.getNano() == 0 ? s : s + String.format(".%06d", dt.getNano() / 1000);
    }

    /** Parses {@code 2024-01-02}, {@code 2024-01-02 03:04:05[.ffffff]} or the ISO 'T' form. */
    public static LocalDateTime parseDateTime(String text) {
        LocalDateTime fast = parseFixedDateTime(text);
        if (fast != null) {
            return fast;
        }
        String s = text.trim().replace(' ', 'T');
        if (s.length() == 10) {
            return LocalDate.parse(s).atStartOfDay();
        }
        if (s.endsWith("Z")) {
            s = s.substring(0, s.length() - 1);
        }
        int plus = Math.max(s.lastIndexOf('+'), s.indexOf('-', 19) > 0 ? s.indexOf('-', 19) : -1);
        if (plus > 18) {
            s = s.substring(0, plus);
        }
        return LocalDateTime.parse(s);
    }

    /**
     * The form both databases hand back — {@code YYYY-MM-DD HH:MM:SS[.f…][offset]} — read digit by digit, or null
     * for anything else. Streaming a million rows parses two datetimes a row; the general path (replace, then
     * {@code LocalDateTime.parse}) cost more than reading the row itself.
     */
    static LocalDateTime parseFixedDateTime(String s) {
        int n = s.length();
        if (n < 19 || s.charAt(4) != '-' || s.charAt(7) != '-' || (s.charAt(10) != ' ' && s.charAt(10) != 'T')
                || s.charAt(13) != ':' || s.charAt(16) != ':') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 7);
        int day = digits(s, 8, 10);
        int hour = digits(s, 11, 13);
        int minute = digits(s, 14, 16);
        int second = digits(s, 17, 19);
        if ((year | month | day | hour | minute | second) < 0) {
            return null;
        }
        int nano = 0;
        int i = 19;
        if (i < n && s.charAt(i) == '.') {
            int scale = 100_000_000;
            for (i++; i < n && Character.isDigit(s.charAt(i)); i++) {
                nano += (s.charAt(i) - '0') * scale;
                scale /= 10;
            }
        }
        if (i < n && !(s.charAt(i) == '+' || s.charAt(i) == '-' || s.charAt(i) == 'Z')) {
            return null;
        }
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second, nano);
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }

    private static int digits(String s, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /** ISO output of the eval contract: seconds always, a fraction only when non-zero. */
    public static String iso(LocalDateTime dt) {
        // by hand, not String.format: eval writes two a row for a million rows
        StringBuilder sb = new StringBuilder(26).append(dt.toLocalDate()).append('T');
        return appendTime(sb, dt.getHour(), dt.getMinute(), dt.getSecond(), dt.getNano()).toString();
    }

    public static String iso(LocalTime t) {
        return appendTime(new StringBuilder(15), t.getHour(), t.getMinute(), t.getSecond(), t.getNano()).toString();
    }

    /** {@code HH:MM:SS}, then {@code .ffffff} (microseconds) when the nanoseconds are not zero. */
    private static StringBuilder appendTime(StringBuilder sb, int hour, int minute, int second, int nano) {
        twoDigits(sb, hour).append(':');
        twoDigits(sb, minute).append(':');
        twoDigits(sb, second);
        if (nano != 0) {
            String micros = Integer.toString(nano / 1000);
            sb.append('.').append("000000", 0, 6 - micros.length()).append(micros);
        }
        return sb;
    }

    private static StringBuilder twoDigits(StringBuilder sb, int v) {
        return sb.append((char) ('0' + v / 10)).append((char) ('0' + v % 10));
    }
}
