package studio.queryset.sql;

import java.util.List;
import studio.queryset.schema.ValueType;

/**
 * One column of a compiled SELECT and where its value goes in the result: {@code relationPath} is empty for
 * the queried model's own fields and annotations and names the select_related chain otherwise
 * ({@code ["author", "profile"]}).
 */
public record OutColumn(List<String> relationPath, String key, ValueType type, boolean hidden) {
    public OutColumn {
        relationPath = List.copyOf(relationPath);
    }
}
