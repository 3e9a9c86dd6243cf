package studio.queryset.sql;

import studio.queryset.schema.ValueType;

/**
 * Stands in a compiled parameter list where a named {@code Param} goes; replaced by the caller's value when
 * the statement runs ({@link #bind}), converted for the column it is compared with and wrapped in wildcards
 * for pattern lookups, exactly as a literal in its place would have been.
 *
 * @param type   the type of the column or expression the value is compared with
 * @param lookup the lookup it is the right-hand side of ({@code icontains}), or null
 */
public record ParamRef(String name, ValueType type, String lookup) {

    public Object bind(Dialect dialect, Object value) {
        if (value != null && lookup != null && Lookups.isPattern(lookup)) {
            return Lookups.pattern(dialect, lookup, value);
        }
        return ValueBinder.bind(dialect, value, type);
    }

    @Override
    public String toString() {
        return ":" + name;
    }
}
