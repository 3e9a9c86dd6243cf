package studio.queryset.app.service;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Rows as the database returned them: column labels, one list of values a row (nulls kept as null), the
 * time the statement took, and whether rows were left out past the display limit.
 */
public record ResultTable(List<String> columns, List<List<Object>> rows, double millis, boolean truncated) {

    public ResultTable {
        columns = List.copyOf(columns);
        List<List<Object>> copy = new ArrayList<>(rows.size());
        for (List<Object> row : rows) {
            copy.add(Collections.unmodifiableList(new ArrayList<>(row)));
        }
        rows = Collections.unmodifiableList(copy);
    }
}
