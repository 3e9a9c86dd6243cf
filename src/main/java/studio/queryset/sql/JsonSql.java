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

    private static String literal(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    private static String sqlitePath(List<String> keys) {
        StringBuilder sb = new StringBuilder("$");
        for (String k : keys) {
            if (k.matches("\\d+")) {
                sb.append('[').append(k).append(']');
            } else {
                sb.append(".\"").append(k.replace("\"", "\\\"")).append('"');
            }
        }
        return literal(sb.toString());
    }

    /** {@code col -> 'a' -> 'b'} (jsonb) / {@code JSON_EXTRACT(col, '$."a"."b"')}. */
    static Typed keyTransform(Dialect d, Typed column, List<String> keys) {
        if (keys.isEmpty()) {
            return column;
        }
        if (d == Dialect.POSTGRESQL) {
            StringBuilder sb = new StringBuilder("(").append(column.frag().sql());
            for (String k : keys) {
                sb.append(" -> ").append(k.matches("\\d+") ? k : literal(k));
            }
            return new Typed(new Frag(sb.append(")").toString(), column.frag().params()), ValueType.JSON,
                    column.aggregate());
        }
        return new Typed(new Frag("JSON_EXTRACT(" + column.frag().sql() + ", " + sqlitePath(keys) + ")",
                column.frag().params()), ValueType.JSON, column.aggregate());
    }

    /** The key's value as text, for comparisons such as {@code __icontains} or {@code __gt} on a key. */
    static Typed keyText(Dialect d, Typed column, List<String> keys) {
        if (d == Dialect.POSTGRESQL) {
            Typed inner = keyTransform(d, column, keys.subList(0, keys.size() - 1));
            String last = keys.get(keys.size() - 1);
            return new Typed(new Frag("(" + inner.frag().sql() + " ->> " + (last.matches("\\d+") ? last
                    : literal(last)) + ")", inner.frag().params()), ValueType.TEXT, column.aggregate());
        }
        Typed t = keyTransform(d, column, keys);
        return new Typed(t.frag(), ValueType.TEXT, t.aggregate());
    }

    static Frag hasKey(Dialect d, Typed column, String key) {
        if (d == Dialect.POSTGRESQL) {
            // jsonb_exists is the function behind the ? operator, which JDBC would take for a placeholder
            return new Frag("jsonb_exists(" + column.frag().sql() + ", " + literal(key) + ")", column.frag().params());
        }
        return new Frag("JSON_TYPE(" + column.frag().sql() + ", " + sqlitePath(List.of(key)) + ") IS NOT NULL",
                column.frag().params());
    }

    /** Equality of JSON values: jsonb on PostgreSQL, JSON_EXTRACT of both sides on SQLite. */
    static Frag equalsJson(Dialect d, Typed lhs, String jsonText) {
        if (d == Dialect.POSTGRESQL) {
            return Frag.format("%s = %s::jsonb", lhs.frag(), Frag.param(jsonText));
        }
        return Frag.format("%s = JSON_EXTRACT(%s, '$')", lhs.frag(), Frag.param(jsonText));
    }
}
