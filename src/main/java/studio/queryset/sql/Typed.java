package studio.queryset.sql;

import studio.queryset.schema.ValueType;

/**
 * Compiled SQL for an expression with the type of value it yields, whether it aggregates and whether it holds a
 * window ({@code OVER (...)}: Django's contains_over_clause), which neither groups the query nor is grouped by.
 */
record Typed(Frag frag, ValueType type, boolean aggregate, boolean window) {
    Typed(Frag frag, ValueType type, boolean aggregate) {
        this(frag, type, aggregate, false);
    }

    static Typed of(Frag frag, ValueType type) {
        return new Typed(frag, type, false);
    }

    /** The same value written as {@code frag} (marked, wrapped). */
    Typed withFrag(Frag frag) {
        return new Typed(frag, type, aggregate, window);
    }

    /** Whether GROUP BY lists it: neither an aggregate nor a window (Django's get_group_by_cols). */
    boolean groupable() {
        return !aggregate && !window;
    }
}
