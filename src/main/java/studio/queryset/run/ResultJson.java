package studio.queryset.run;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import studio.queryset.sql.Temporal;

/**
 * Results as the JSON of the command-line contract: numbers (Decimal too) as numbers, dates as
 * {@code YYYY-MM-DD}, datetimes as {@code YYYY-MM-DDTHH:MM:SS} (fraction only when non-zero), times
 * {@code HH:MM:SS}, durations as seconds, UUIDs as strings.
 */
public final class ResultJson {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private ResultJson() {
    }

    public static JsonNode toJson(Object v) {
        if (v == null) {
            return F.nullNode();
        }
        if (v instanceof JsonNode j) {
            return j;
        }
        if (v instanceof Map<?, ?> m) {
            ObjectNode o = F.objectNode();
            m.forEach((k, val) -> o.set(String.valueOf(k), toJson(val)));
            return o;
        }
        if (v instanceof List<?> l) {
            ArrayNode a = F.arrayNode();
            l.forEach(x -> a.add(toJson(x)));
            return a;
        }
        if (v instanceof Boolean b) {
            return F.booleanNode(b);
        }
        if (v instanceof Long l) {
            return F.numberNode(l);
        }
        if (v instanceof Integer i) {
            return F.numberNode(i.longValue());
        }
        if (v instanceof Double d) {
            return d.isNaN() || d.isInfinite() ? F.textNode(d.toString()) : F.numberNode(d);
        }
        if (v instanceof BigDecimal b) {
            return F.numberNode(b);
        }
        if (v instanceof Number n) {
            return F.numberNode(n.doubleValue());
        }
        if (v instanceof LocalDateTime dt) {
            return F.textNode(Temporal.iso(dt));
        }
        if (v instanceof LocalDate d) {
            return F.textNode(d.toString());
        }
        if (v instanceof LocalTime t) {
            return F.textNode(Temporal.iso(t));
        }
        if (v instanceof Duration d) {
            return d.getNano() == 0 ? F.numberNode(d.getSeconds())
                    : F.numberNode(d.getSeconds() + d.getNano() / 1e9);
        }
        return F.textNode(v.toString());
    }

    /**
     * Writes {@code v} as {@link #toJson} would give it, straight to the generator: the common row values without
     * building a tree first (a streamed eval writes a million rows; the tree was most of what a row allocated).
     * Other values go through {@link #toJson}, which owns the rules; the generator needs a codec for them.
     */
    public static void write(JsonGenerator g, Object v) throws java.io.IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof String s) {
            g.writeString(s);
        } else if (v instanceof Long l) {
            g.writeNumber(l);
        } else if (v instanceof Integer i) {
            g.writeNumber(i.longValue());
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof LocalDateTime dt) {
            g.writeString(Temporal.iso(dt));
        } else if (v instanceof LocalDate d) {
            g.writeString(d.toString());
        } else if (v instanceof RowMap r) {
            g.writeStartObject();
            for (int i = 0; i < r.columns(); i++) {
                g.writeFieldName(r.keyAt(i));
                write(g, r.valueAt(i));
            }
            for (Map.Entry<String, Object> e : r.added().entrySet()) {
                g.writeFieldName(e.getKey());
                write(g, e.getValue());
            }
            g.writeEndObject();
        } else if (v instanceof Map<?, ?> m) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                g.writeFieldName(String.valueOf(e.getKey()));
                write(g, e.getValue());
            }
            g.writeEndObject();
        } else if (v instanceof List<?> l) {
            g.writeStartArray();
            for (Object x : l) {
                write(g, x);
            }
            g.writeEndArray();
        } else {
            g.writeTree(toJson(v));
        }
    }

    /** Parameters for display in the log and JSON output. */
    public static ArrayNode params(List<Object> params) {
        ArrayNode a = F.arrayNode();
        params.forEach(p -> a.add(toJson(p)));
        return a;
    }
}
