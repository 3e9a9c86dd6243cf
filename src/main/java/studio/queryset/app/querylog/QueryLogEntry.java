package studio.queryset.app.querylog;

import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import studio.queryset.run.LoggedStatement;

/**
 * One executed statement: which run it belonged to, when, why it ran ({@code main}, {@code prefetch tags},
 * {@code count}...), what (SQL and bound parameters), how long, how many rows, how it ended.
 */
public record QueryLogEntry(int run, LocalTime at, String cause, String sql, List<Object> params, double millis,
                            long rows, Outcome outcome, String message) {

    public enum Outcome { OK, CANCELLED, ERROR }

    public QueryLogEntry {
        params = Collections.unmodifiableList(new ArrayList<>(params));
    }

    /** A statement the engine ran to completion. */
    public static QueryLogEntry of(int run, LoggedStatement s) {
        return new QueryLogEntry(run, LocalTime.now(), s.cause(), s.sql(), s.params(), s.ms(), s.rows(), Outcome.OK,
                "");
    }

    @Override
    public String toString() {
        return String.format("#%d %s  %s  %s  params=%s  %.1f ms  %d rows  %s", run, at, cause, sql, params, millis,
                rows, outcome);
    }
}
