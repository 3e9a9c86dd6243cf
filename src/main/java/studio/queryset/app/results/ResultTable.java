package studio.queryset.app.results;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A run's result laid out as a grid: column labels, one list of values a row (nulls kept as null, prefetched
 * lists as {@link RelatedObjects}), how many rows the result had in all (rows past the display limit are not
 * kept), the run's time and how many statements it took. {@code kind} says what the result was: objects,
 * dicts, tuples, values, count, exists, aggregate, object, none (a
 * get()/first() that found nothing), value.
 */
public record ResultTable(String kind, List<String> columns, List<List<Object>> rows, int totalRows, double millis,
                          int statements) {

    public ResultTable {
        columns = List.copyOf(columns);
        List<List<Object>> copy = new ArrayList<>(rows.size());
        for (List<Object> row : rows) {
            copy.add(Collections.unmodifiableList(new ArrayList<>(row)));
        }
        rows = Collections.unmodifiableList(copy);
    }

    /** Rows were left out past the display limit. */
    public boolean truncated() {
        return rows.size() < totalRows;
    }

    /** The values of one column, top to bottom (for tests and tooltips). */
    public List<Object> column(String name) {
        int i = columns.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("No column " + name + " in " + columns);
        }
        List<Object> out = new ArrayList<>(rows.size());
        for (List<Object> row : rows) {
            out.add(row.get(i));
        }
        return out;
    }

    /** {@code 44 objects}, {@code count() = 44}, {@code 1 dict}: what the run returned, in a few words. */
    public String describe() {
        switch (kind) {
            case "count":
            case "exists":
                return kind + "() = " + ResultValues.text(rows.get(0).get(0));
            case "aggregate":
                return "aggregate() · 1 dict";
            case "none":
                return "None";
            case "object":
                return "1 object";
            case "value":
                return "1 value";
            default:
                return plural(totalRows, kind.endsWith("s") ? kind.substring(0, kind.length() - 1) : kind, kind);
        }
    }

    public static String plural(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }
}
