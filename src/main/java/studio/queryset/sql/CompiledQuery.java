package studio.queryset.sql;

import java.util.List;

/**
 * SQL text with {@code ?} placeholders and the values bound to them, in order. Values are never spliced
 * into {@link #sql()}; {@link #displaySql(Dialect)} inlines them for reading only.
 */
public record CompiledQuery(String sql, List<Object> params) {
    public CompiledQuery {
        params = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(params));
    }
}
