package studio.queryset.design;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Version 1 → 2. Version 1 kept the Django text, positions and parameters at the top level, and parameter
 * values as bare JSON, so a date or a decimal came back as a string. Version 2 groups the query with the
 * dialect it was written for ({@code "query": {"django", "dialect"}}), the canvas state under
 * {@code "canvas": {"positions"}}, and gives every parameter value its type
 * ({@code {"type": "date", "value": "2024-01-31"}}). A version 1 file names no dialect (null: whatever the
 * connection is) and its values keep the type JSON gave them: integers, decimals, booleans, strings.
 */
final class MigrationV1ToV2 implements DesignFileMigration {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @Override
    public int from() {
        return 1;
    }

    @Override
    public ObjectNode migrate(ObjectNode v1) {
        ObjectNode v2 = NODES.objectNode();
        v2.put("format", v1.path("format").asText(DesignFile.FORMAT));
        v2.put("version", 2);
        v2.put("name", v1.path("name").asText("Untitled"));
        ObjectNode query = v2.putObject("query");
        query.put("django", v1.path("django").asText(""));
        query.putNull("dialect");
        ObjectNode canvas = v2.putObject("canvas");
        JsonNode positions = v1.path("positions");
        canvas.set("positions", positions.isObject() ? positions.deepCopy() : NODES.objectNode());
        ObjectNode params = v2.putObject("params");
        for (Iterator<Map.Entry<String, JsonNode>> it = v1.path("params").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            params.set(e.getKey(), typed(e.getValue()));
        }
        v2.put("notes", v1.path("notes").asText(""));
        return v2;
    }

    private static ObjectNode typed(JsonNode v) {
        ObjectNode out = NODES.objectNode();
        if (v == null || v.isNull() || v.isMissingNode()) {
            out.put("type", "null");
            out.putNull("value");
        } else if (v.isIntegralNumber()) {
            out.put("type", "integer");
            out.set("value", v);
        } else if (v.isNumber()) {
            out.put("type", "decimal");
            out.put("value", v.decimalValue().toPlainString());
        } else if (v.isBoolean()) {
            out.put("type", "boolean");
            out.set("value", v);
        } else {
            out.put("type", "string");
            out.put("value", v.asText());
        }
        return out;
    }
}
