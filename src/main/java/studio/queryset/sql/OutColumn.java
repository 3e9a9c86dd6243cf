package studio.queryset.sql;

import java.util.List;
import studio.queryset.schema.ValueType;

/**
 * One column of a compiled SELECT and where its value goes in the result: {@code relationPath} is empty for
 * the queried model's own fields and annotations and names the select_related chain otherwise
 * ({@code ["author", "profile"]}). {@code sourceColumn} names the database column where a raw() row must be
 * matched by name.
 */
public record OutColumn(List<String> relationPath, String key, ValueType type, boolean hidden, String sourceColumn) {
    public OutColumn {
        relationPath = List.copyOf(relationPath);
    }

    public OutColumn(List<String> relationPath, String key, ValueType type, boolean hidden) {
        this(relationPath, key, type, hidden, null);
    }
}
