package studio.queryset.sql;

import java.util.List;

/**
 * SQL text with {@code ?} placeholders and the values bound to them, in order. Values are never spliced
 * into {@link #sql()}. {@link #spans()} maps query-model parts to the characters they produced (for showing
 * which part of the SQL a canvas node is); it plays no part in running the statement.
 */
public record CompiledQuery(String sql, List<Object> params, SqlSpans spans) {
    public CompiledQuery {
        params = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(params));
    }

    public CompiledQuery(String sql, List<Object> params) {
        this(sql, params, SqlSpans.NONE);
    }

    /** A statement rendered from a fragment, with its spans. */
    static CompiledQuery of(Frag f) {
        return new CompiledQuery(f.sql(), f.params(), SqlSpans.of(f));
    }

    /** Same text and parameters (the spans are bookkeeping, not meaning). */
    @Override
    public boolean equals(Object o) {
        return o instanceof CompiledQuery c && c.sql.equals(sql) && c.params.equals(params);
    }

    @Override
    public int hashCode() {
        return sql.hashCode() * 31 + params.hashCode();
    }
}
