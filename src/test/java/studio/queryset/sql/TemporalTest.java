package studio.queryset.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Datetime text as SQLite and PostgreSQL return it, read by the fast fixed-position path and the general one. */
class TemporalTest {
    @Test
    void theFormsTheDatabasesReturn() {
        assertThat(Temporal.parseDateTime("2024-01-05 10:00:00")).isEqualTo(LocalDateTime.of(2024, 1, 5, 10, 0));
        assertThat(Temporal.parseDateTime("2024-01-05T10:00:07.123456"))
                .isEqualTo(LocalDateTime.of(2024, 1, 5, 10, 0, 7, 123_456_000));
        assertThat(Temporal.parseDateTime("2024-01-05 10:00:00+00")).isEqualTo(LocalDateTime.of(2024, 1, 5, 10, 0));
        assertThat(Temporal.parseDateTime("2024-01-05 23:59:59.5-05:30"))
                .isEqualTo(LocalDateTime.of(2024, 1, 5, 23, 59, 59, 500_000_000));
        assertThat(Temporal.parseDateTime("2024-01-05 10:00:00Z")).isEqualTo(LocalDateTime.of(2024, 1, 5, 10, 0));
        assertThat(Temporal.parseDateTime("2024-01-05")).isEqualTo(LocalDateTime.of(2024, 1, 5, 0, 0));
    }

    @Test
    void textThatIsNoDatetimeIsStillAnError() {
        assertThat(Temporal.parseFixedDateTime("2024-13-05 10:00:00")).isNull();
        assertThat(Temporal.parseFixedDateTime("2024-01-05 1a:00:00")).isNull();
        assertThatThrownBy(() -> Temporal.parseDateTime("2024-13-05 10:00:00"))
                .isInstanceOf(DateTimeParseException.class);
    }

    @Property(tries = 300)
    void fastAndGeneralPathsAgree(@ForAll @IntRange(min = 1, max = 9999) int year,
                                  @ForAll @IntRange(min = 1, max = 12) int month,
                                  @ForAll @IntRange(min = 1, max = 28) int day,
                                  @ForAll @IntRange(min = 0, max = 86_399) int secondOfDay,
                                  @ForAll @IntRange(min = 0, max = 999_999) int micros) {
        LocalDateTime expected = LocalDateTime.of(year, month, day, secondOfDay / 3600, secondOfDay / 60 % 60,
                secondOfDay % 60, micros * 1000);
        String text = String.format("%04d-%02d-%02d %02d:%02d:%02d.%06d+00", year, month, day, expected.getHour(),
                expected.getMinute(), expected.getSecond(), micros);
        assertThat(Temporal.parseFixedDateTime(text)).isEqualTo(expected);
        assertThat(LocalDateTime.parse(text.substring(0, 26).replace(' ', 'T'))).isEqualTo(expected);
    }
}
