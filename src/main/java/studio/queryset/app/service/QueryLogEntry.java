package studio.queryset.app.service;

import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** One executed statement: when, what (SQL and bound parameters), how long, how many rows, how it ended. */
public record QueryLogEntry(LocalTime at, String sql, List<Object> params, double millis, int rows,
                            Outcome outcome, String message) {

    public enum Outcome { OK, CANCELLED, ERROR }

    public QueryLogEntry {
        params = Collections.unmodifiableList(new ArrayList<>(params));
    }

    @Override
    public String toString() {
        return String.format("%s  %s  params=%s  %.1f ms  %d rows  %s", at, sql, params, millis, rows, outcome);
    }
}
