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

    /**
     * A value as JSON text, for a bound parameter, spelled as Django's {@code json.dumps} spells it (", " and ": "
     * between items, every non-ASCII character as a JSON unicode escape): SQLite and MariaDB compare a whole
     * document as text, so {@code filter(meta={"a": 1})} matches the text Django stored only when written alike.
     */
    static String text(Object value) {
        StringBuilder sb = new StringBuilder();
        dump(value, sb);
        return sb.toString();
    }

    private static void dump(Object value, StringBuilder sb) {
        if (value == null) {
            sb.append("null");
        } else if (value instanceof Boolean b) {
            sb.append(b ? "true" : "false");
        } else if (value instanceof String str) {
            string(str, sb);
        } else if (value instanceof Double || value instanceof Float) {
            sb.append(pythonFloat(((Number) value).doubleValue()));
        } else if (value instanceof Number n) {
            sb.append(n instanceof java.math.BigDecimal d ? d.toPlainString() : n.toString());
        } else if (value instanceof java.util.Map<?, ?> map) {
            sb.append('{');
            String sep = "";
            for (var e : map.entrySet()) {
                sb.append(sep);
                string(String.valueOf(e.getKey()), sb);
                sb.append(": ");
                dump(e.getValue(), sb);
                sep = ", ";
            }
            sb.append('}');
        } else if (value instanceof java.util.Collection<?> list) {
            sb.append('[');
            String sep = "";
            for (Object o : list) {
                sb.append(sep);
                dump(o, sb);
                sep = ", ";
            }
            sb.append(']');
        } else {
            try { // dates and the like: Jackson's spelling, as before
                sb.append(JSON.writeValueAsString(value));
            } catch (JsonProcessingException e) {
                throw new QueryException("TypeError", "Object of type " + value.getClass().getSimpleName()
                        + " is not JSON serializable");
            }
        }
    }

    private static void string(String s, StringBuilder sb) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20 || c > 0x7e) { // ensure_ascii: a surrogate pair stays two escapes, as in Python
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    /** Python's float repr: shortest digits, an exponent below 1e-4 and from 1e16 on, "1.0" for whole numbers. */
    static String pythonFloat(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        if (d == 0) {
            return 1 / d < 0 ? "-0.0" : "0.0";
        }
        java.math.BigDecimal exact = new java.math.BigDecimal(Double.toString(d)).stripTrailingZeros();
        double abs = Math.abs(d);
        if (abs >= 1e-4 && abs < 1e16) {
            String plain = exact.toPlainString();
            return plain.contains(".") ? plain : plain + ".0";
        }
        String digits = exact.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - exact.scale();
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        return (d < 0 ? "-" : "") + mantissa + "e" + (exponent < 0 ? "-" : "+")
                + String.format("%02d", Math.abs(exponent));
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
