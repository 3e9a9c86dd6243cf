package studio.queryset.run;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;

/**
 * Django's SQLite {@code _sqlite_timestamp_diff} and {@code _sqlite_time_diff}: the difference of two stored
 * dates, datetimes or times in whole microseconds, exactly (julianday arithmetic in floating point is off by up
 * to tens of microseconds for today's dates).
 */
final class TimestampDiff {
    private TimestampDiff() {
    }

    /** {@code lhs - rhs} in microseconds; a text without a time is a date (midnight), as typecast_timestamp. */
    static long timestamps(String lhs, String rhs) {
        return ChronoUnit.MICROS.between(timestamp(rhs), timestamp(lhs));
    }

    /** {@code lhs - rhs} of two times of day, in microseconds. */
    static long times(String lhs, String rhs) {
        return ChronoUnit.MICROS.between(LocalTime.parse(rhs), LocalTime.parse(lhs));
    }

    private static LocalDateTime timestamp(String s) {
        String t = s.strip();
        if (t.length() == 10) {
            return LocalDate.parse(t).atStartOfDay();
        }
        return LocalDateTime.parse(t.replace(' ', 'T'));
    }
}
