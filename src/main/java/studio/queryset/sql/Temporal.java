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

    /** ISO output of the eval contract: seconds always, a fraction only when non-zero. */
    public static String iso(LocalDateTime dt) {
        String s = dt.toLocalDate() + "T" + String.format("%02d:%02d:%02d", dt.getHour(), dt.getMinute(),
                dt.getSecond());
        if (dt.getNano() != 0) {
            s += String.format(".%06d", dt.getNano() / 1000);
        }
        return s;
    }

    public static String iso(LocalTime t) {
        String s = String.format("%02d:%02d:%02d", t.getHour(), t.getMinute(), t.getSecond());
        if (t.getNano() != 0) {
            s += String.format(".%06d", t.getNano() / 1000);
        }
        return s;
    }
}
