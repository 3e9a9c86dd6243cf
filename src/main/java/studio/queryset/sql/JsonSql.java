package studio.queryset.sql;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import studio.queryset.query.QueryException;
import studio.queryset.schema.ValueType;

/**
 * JSONField SQL per backend, after Django's: PostgreSQL jsonb operators ({@code ->}, {@code @>}, jsonb_exists),
 * SQLite's JSON1 functions ({@code JSON_EXTRACT}, {@code JSON_TYPE}). Keys are SQL string literals escaped by
 * doubling quotes, as Django inlines them; values are bound parameters.
 */
final class JsonSql {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonSql() {
    }

    /** A value as JSON text, for a bound parameter. */
    static String text(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new QueryException("TypeError", "not a JSON value: " + value);
        }
    }

    /** {@code col -> 'a' -> 'b'} (jsonb) / {@code JSON_EXTRACT(col, '$."a"."b"')}. */
    static Typed keyTransform(Dialect d, Typed column, List<String> keys) {
        if (keys.isEmpty()) {
            return column;
        }
        return new Typed(d.ops().jsonKeyTransform(column.frag(), keys), ValueType.JSON, column.aggregate());
    }

    /** The key's value as text, for comparisons such as {@code __icontains} or {@code __gt} on a key. */
    static Typed keyText(Dialect d, Typed column, List<String> keys) {
        return new Typed(d.ops().jsonKeyText(column.frag(), keys), ValueType.TEXT, column.aggregate());
    }

    static Frag hasKey(Dialect d, Typed column, String key) {
        return d.ops().jsonHasKey(column.frag(), key);
    }

    /** Equality of JSON values: jsonb on PostgreSQL, JSON_EXTRACT of the bound text elsewhere. */
    static Frag equalsJson(Dialect d, Typed lhs, String jsonText) {
        return d.ops().jsonEquals(lhs.frag(), jsonText);
    }

    static Frag contains(Dialect d, Typed lhs, String jsonText) {
        return d.ops().jsonContains(lhs.frag(), jsonText);
    }
}
