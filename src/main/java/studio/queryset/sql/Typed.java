package studio.queryset.sql;

import studio.queryset.schema.ValueType;

/** Compiled SQL for an expression with the type of value it yields and whether it aggregates. */
record Typed(Frag frag, ValueType type, boolean aggregate) {
    static Typed of(Frag frag, ValueType type) {
        return new Typed(frag, type, false);
    }
}
