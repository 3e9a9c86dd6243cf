package studio.queryset.run;

import java.util.List;

/**
 * One statement as it ran: its SQL, parameters, duration, rows read or changed, and why it ran
 * ({@code main}, {@code prefetch tags}, {@code cascade}...).
 */
public record LoggedStatement(String sql, List<Object> params, double ms, long rows, String cause) {
    public LoggedStatement {
        params = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(params));
    }
}
