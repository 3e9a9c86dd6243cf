package studio.queryset.design;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import studio.queryset.query.QueryException;

/**
 * Parameter values in design files (version 2): each value with its type, so a date comes back a
 * {@link LocalDate} and a decimal keeps its digits. Types: string, integer, decimal, float, boolean, date,
 * datetime, time, null. Any other value is written as its text (type string).
 */
final class ParamValues {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ParamValues() {
    }

    static ObjectNode toJson(Object v) {
        ObjectNode o = NODES.objectNode();
        if (v == null) {
            o.put("type", "null");
            o.putNull("value");
        } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            o.put("type", "integer");
            o.put("value", ((Number) v).longValue());
        } else if (v instanceof BigDecimal b) {
            o.put("type", "decimal");
            o.put("value", b.toPlainString());
        } else if (v instanceof Double || v instanceof Float) {
            o.put("type", "float");
            o.put("value", ((Number) v).doubleValue());
        } else if (v instanceof Boolean b) {
            o.put("type", "boolean");
            o.put("value", b);
        } else if (v instanceof LocalDate || v instanceof LocalDateTime || v instanceof LocalTime) {
            o.put("type", v instanceof LocalDate ? "date" : v instanceof LocalTime ? "time" : "datetime");
            o.put("value", v.toString());
        } else {
            o.put("type", "string");
            o.put("value", v.toString());
        }
        return o;
    }

    static Object fromJson(String name, JsonNode node) {
        String type = node.path("type").asText("");
        JsonNode v = node.path("value");
        try {
            switch (type) {
                case "null":
                    return null;
                case "integer":
                    return v.asLong();
                case "decimal":
                    return new BigDecimal(v.asText());
                case "float":
                    return v.asDouble();
                case "boolean":
                    return v.asBoolean();
                case "date":
                    return LocalDate.parse(v.asText());
                case "datetime":
                    return LocalDateTime.parse(v.asText());
                case "time":
                    return LocalTime.parse(v.asText());
                case "string":
                    return v.asText();
                default:
                    throw new QueryException("DesignFileError", "parameter \"" + name + "\" has type \"" + type
                            + "\"; valid types: string, integer, decimal, float, boolean, date, datetime, time, null");
            }
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new QueryException("DesignFileError", "parameter \"" + name + "\": \"" + v.asText()
                    + "\" is not a " + type);
        }
    }
}
