package studio.queryset.run;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;

/**
 * Django's SQLite {@code _sqlite_format_dtdelta}: each operand is a duration in microseconds (a number) or a
 * date/datetime text; the sum or difference is written back as Python's {@code str()} writes it.
 */
final class DtDelta {
    private DtDelta() {
    }

    static String apply(String op, String lhs, String rhs) {
        boolean lNum = isNumber(lhs);
        boolean rNum = isNumber(rhs);
        if (lNum == rNum) {
            return null; // Django's function returns None for operands it cannot combine
        }
        String temporal = lNum ? rhs : lhs;
        long micros = Long.parseLong(lNum ? lhs : rhs);
        if (op.equals("-")) {
            micros = -micros;
        }
        if (temporal.length() == 10) { // a date stays a date when the shift is whole days, as in Python
            LocalDate d = LocalDate.parse(temporal);
            return d.plusDays(micros / 86_400_000_000L).toString();
        }
        LocalDateTime dt = LocalDateTime.parse(temporal.replace(' ', 'T')).plus(micros, ChronoUnit.MICROS);
        String s = dt.toLocalDate() + " " + String.format("%02d:%02d:%02d", dt.getHour(), dt.getMinute(),
                dt.getSecond());
        int us = dt.getNano() / 1000;
        return us == 0 ? s : s + String.format(".%06d", us);
    }

    private static boolean isNumber(String s) {
        return s.matches("-?\\d+");
    }
}
