package studio.queryset.design;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import studio.queryset.django.DjangoParser;
import studio.queryset.django.DjangoPrinter;
import studio.queryset.query.QueryException;
import studio.queryset.schema.Schema;

/**
 * Design files ({@code *.qsdesign}): versioned JSON whose query is its canonical Django text, so a file stays
 * readable, diffable and independent of the in-memory model. Saving is atomic — a temp file in the same
 * folder, forced to disk, then moved over the old one — so a crash mid-save leaves the old file intact.
 */
public final class DesignFile {
    public static final String FORMAT = "queryset-studio-design";
    public static final int VERSION = 1;
    public static final String EXTENSION = ".qsdesign";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private DesignFile() {
    }

    public static String toJson(Design d) {
        ObjectNode o = JSON.createObjectNode();
        o.put("format", FORMAT);
        o.put("version", VERSION);
        o.put("name", d.name());
        o.put("django", DjangoPrinter.print(d.query()));
        ObjectNode pos = o.putObject("positions");
        d.positions().forEach((id, p) -> pos.putObject(id).put("x", round(p.x())).put("y", round(p.y())));
        o.set("params", JSON.valueToTree(stringified(d.params())));
        o.put("notes", d.notes());
        try {
            return JSON.writeValueAsString(o) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }

    /** Dates and decimals are kept as their text; the engine converts them for the column they meet. */
    private static Map<String, Object> stringified(Map<String, Object> params) {
        Map<String, Object> out = new LinkedHashMap<>();
        params.forEach((k, v) -> out.put(k, v instanceof Number || v instanceof Boolean || v == null
                || v instanceof String ? v : v.toString()));
        return out;
    }

    /** Reads a design; errors say what is wrong with the file and, for the query, where. */
    public static Design fromJson(String text, Schema schema) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new QueryException("DesignFileError", "not a design file (invalid JSON: "
                    + e.getOriginalMessage() + ")");
        }
        if (root == null || !FORMAT.equals(root.path("format").asText())) {
            throw new QueryException("DesignFileError", "not a QuerySet Studio design (\"format\" must be \""
                    + FORMAT + "\")");
        }
        int version = root.path("version").asInt(-1);
        if (version > VERSION) {
            throw new QueryException("DesignFileError", "this design was written by a newer QuerySet Studio "
                    + "(format version " + version + "; this one reads up to " + VERSION + ")");
        }
        // Version 1 is the first format; a later version adds its migration from the previous one here.
        String django = root.path("django").asText("");
        Design d;
        try {
            d = Design.of(root.path("name").asText("Untitled"), DjangoParser.parse(django, schema));
        } catch (QueryException e) {
            throw new QueryException(e.kind(), "the design's query does not fit this schema: " + e.getMessage(),
                    e.position());
        }
        Map<String, Point> positions = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("positions").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            positions.put(e.getKey(), new Point(e.getValue().path("x").asDouble(), e.getValue().path("y").asDouble()));
        }
        Map<String, Object> params = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("params").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            params.put(e.getKey(), v.isNull() ? null : v.isIntegralNumber() ? (Object) v.asLong()
                    : v.isNumber() ? (Object) v.decimalValue() : v.isBoolean() ? (Object) v.asBoolean() : v.asText());
        }
        return new Design(d.name(), d.query(), positions, params, root.path("notes").asText(""));
    }

    public static Design read(Path file, Schema schema) throws IOException {
        return fromJson(Files.readString(file, StandardCharsets.UTF_8), schema);
    }

    /** Atomic save: temp file beside the target, fsync, then rename over it. */
    public static void write(Path file, Design d) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ch.write(StandardCharsets.UTF_8.encode(toJson(d)));
                ch.force(true);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
