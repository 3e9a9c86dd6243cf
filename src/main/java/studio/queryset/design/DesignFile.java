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
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import studio.queryset.codegen.ExportOptions;
import studio.queryset.django.DjangoParser;
import studio.queryset.django.DjangoPrinter;
import studio.queryset.query.QueryException;
import studio.queryset.schema.Schema;
import studio.queryset.sql.Dialect;

/**
 * Design files ({@code *.qsdesign}): versioned JSON whose query is its canonical Django text, so a file stays
 * readable, diffable and independent of the in-memory model. Saving is atomic — a temp file in the same
 * folder, forced to disk, then moved over the old one — so a crash mid-save leaves the old file intact.
 *
 * <p>Version 2 (written since the workbench's issue 7):
 * <pre>
 * {"format": "queryset-studio-design", "version": 2, "name": "...",
 *  "query": {"django": "Post.objects...", "dialect": "sqlite" | "postgresql" | null},
 *  "canvas": {"positions": {"s0": {"x": 120.0, "y": 80.0}}},
 *  "params": {"since": {"type": "date", "value": "2024-01-31"}},
 *  "notes": "...", "export": {"lang": "java-jdbc", "package": "...", "class": "...", "method": "...",
 *  "datetimes": "local|offset|instant"}}
 * ("export" holds only the choices made, each key optional; the whole object is absent when none were).
 * </pre>
 * Older files are migrated on open, one {@link DesignFileMigration} per version ({@link MigrationV1ToV2});
 * {@link Loaded#fileVersion()} tells which version the file was. A newer version than {@link #VERSION} is an
 * error that says so.
 */
public final class DesignFile {
    public static final String FORMAT = "queryset-studio-design";
    public static final int VERSION = 2;
    public static final String EXTENSION = ".qsdesign";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final List<DesignFileMigration> MIGRATIONS = List.of(new MigrationV1ToV2());

    /**
     * A design as read from a file, with what the file says around it.
     *
     * @param fileVersion the format version the file was written in (older ones were migrated to read it)
     * @param dialect     the dialect the design was saved for, or null when the file names none
     */
    public record Loaded(Design design, int fileVersion, Dialect dialect) {
        public boolean wasMigrated() {
            return fileVersion < VERSION;
        }
    }

    private DesignFile() {
    }

    public static String toJson(Design d) {
        return toJson(d, null);
    }

    /** The design as version {@link #VERSION} JSON; {@code dialect} may be null (the file names none). */
    public static String toJson(Design d, Dialect dialect) {
        ObjectNode o = JSON.createObjectNode();
        o.put("format", FORMAT);
        o.put("version", VERSION);
        o.put("name", d.name());
        ObjectNode query = o.putObject("query");
        query.put("django", DjangoPrinter.print(d.query()));
        if (dialect == null) {
            query.putNull("dialect");
        } else {
            query.put("dialect", dialectName(dialect));
        }
        ObjectNode pos = o.putObject("canvas").putObject("positions");
        d.positions().forEach((id, p) -> pos.putObject(id).put("x", round(p.x())).put("y", round(p.y())));
        ObjectNode params = o.putObject("params");
        d.params().forEach((name, value) -> params.set(name, ParamValues.toJson(value)));
        o.put("notes", d.notes());
        if (!d.exportOptions().isDerived()) {
            o.set("export", exportJson(d.exportOptions()));
        }
        try {
            return JSON.writeValueAsString(o) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }

    private static String dialectName(Dialect d) {
        return d.name().toLowerCase(java.util.Locale.ROOT); // sqlite, postgresql, mariadb
    }

    /** Reads a design; errors say what is wrong with the file and, for the query, where. */
    public static Design fromJson(String text, Schema schema) {
        return load(text, schema).design();
    }

    /** Reads a design of any known version, migrating older ones; says which version the file was. */
    public static Loaded load(String text, Schema schema) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new QueryException("DesignFileError", "not a design file (invalid JSON: "
                    + e.getOriginalMessage() + ")");
        }
        if (root == null || !root.isObject() || !FORMAT.equals(root.path("format").asText())) {
            throw new QueryException("DesignFileError", "not a QuerySet Studio design (\"format\" must be \""
                    + FORMAT + "\")");
        }
        int version = root.path("version").asInt(-1);
        if (version > VERSION) {
            throw new QueryException("DesignFileError", "this design was written by a newer QuerySet Studio "
                    + "(format version " + version + "; this one reads versions 1 to " + VERSION + ")");
        }
        if (version < 1) {
            throw new QueryException("DesignFileError", "the design file has no valid \"version\" (found "
                    + root.path("version") + "; known versions are 1 to " + VERSION + ")");
        }
        ObjectNode file = (ObjectNode) root;
        for (DesignFileMigration m : MIGRATIONS) {
            if (m.from() == file.path("version").asInt()) {
                file = m.migrate(file);
            }
        }
        return new Loaded(readCurrent(file, schema), version, dialect(file.path("query").path("dialect")));
    }

    private static Dialect dialect(JsonNode n) {
        if (n.isNull() || n.isMissingNode()) {
            return null;
        }
        String name = n.asText();
        if (name.equals("sqlite")) {
            return Dialect.SQLITE;
        }
        if (name.equals("postgresql")) {
            return Dialect.POSTGRESQL;
        }
        if (name.equals("mariadb")) {
            return Dialect.MARIADB;
        }
        throw new QueryException("DesignFileError", "unknown dialect \"" + name + "\" in \"query\" (valid: "
                + "\"sqlite\", \"postgresql\", \"mariadb\" or null)");
    }

    /** A version {@link #VERSION} tree. */
    private static Design readCurrent(JsonNode root, Schema schema) {
        String django = root.path("query").path("django").asText("");
        Design d;
        try {
            d = Design.of(root.path("name").asText("Untitled"), DjangoParser.parse(django, schema));
        } catch (QueryException e) {
            throw new QueryException(e.kind(), "the design's query does not fit this schema: " + e.getMessage(),
                    e.position());
        }
        Map<String, Point> positions = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("canvas").path("positions").fields();
             it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            positions.put(e.getKey(), new Point(e.getValue().path("x").asDouble(), e.getValue().path("y").asDouble()));
        }
        Map<String, Object> params = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("params").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            params.put(e.getKey(), ParamValues.fromJson(e.getKey(), e.getValue()));
        }
        return new Design(d.name(), d.query(), positions, params, root.path("notes").asText(""),
                exportOptions(root.path("export")));
    }

    /** Only the choices made: a name left out is derived again when the design or its query changes. */
    private static ObjectNode exportJson(ExportOptions e) {
        ObjectNode o = JSON.createObjectNode();
        if (e.flavour() != null) {
            o.put("lang", e.flavour().id());
        }
        putIfSet(o, "package", e.packageName());
        putIfSet(o, "class", e.className());
        putIfSet(o, "method", e.methodName());
        if (e.dateTimes() != null) {
            o.put("datetimes", e.dateTimes().id());
        }
        return o;
    }

    private static void putIfSet(ObjectNode o, String key, String value) {
        if (value != null) {
            o.put(key, value);
        }
    }

    private static ExportOptions exportOptions(JsonNode n) {
        if (n.isMissingNode() || n.isNull()) {
            return ExportOptions.DERIVED;
        }
        if (!n.isObject()) {
            throw new QueryException("DesignFileError", "\"export\" must be an object with \"lang\", \"package\", "
                    + "\"class\", \"method\" and \"datetimes\" (each optional)");
        }
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!List.of("lang", "package", "class", "method", "datetimes").contains(key)) {
                throw new QueryException("DesignFileError", "unknown key \"" + key + "\" in \"export\" (valid: "
                        + "\"lang\", \"package\", \"class\", \"method\", \"datetimes\")");
            }
            if (!n.get(key).isTextual()) {
                throw new QueryException("DesignFileError", "\"export\".\"" + key + "\" must be a string");
            }
        }
        ExportOptions.Flavour flavour = null;
        if (n.has("lang")) {
            try {
                flavour = ExportOptions.Flavour.parse(n.get("lang").asText());
            } catch (IllegalArgumentException e) {
                throw new QueryException("DesignFileError", "\"export\": " + e.getMessage());
            }
        }
        ExportOptions.DateTimes dateTimes = null;
        if (n.has("datetimes")) {
            try {
                dateTimes = ExportOptions.DateTimes.parse(n.get("datetimes").asText());
            } catch (IllegalArgumentException e) {
                throw new QueryException("DesignFileError", "\"export\": " + e.getMessage());
            }
        }
        return new ExportOptions(flavour, n.path("package").asText(null), n.path("class").asText(null),
                n.path("method").asText(null), dateTimes);
    }

    public static Design read(Path file, Schema schema) throws IOException {
        return load(file, schema).design();
    }

    public static Loaded load(Path file, Schema schema) throws IOException {
        return load(Files.readString(file, StandardCharsets.UTF_8), schema);
    }

    public static void write(Path file, Design d) throws IOException {
        write(file, d, null);
    }

    /** Atomic save: temp file beside the target, fsync, then rename over it. */
    public static void write(Path file, Design d, Dialect dialect) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ch.write(StandardCharsets.UTF_8.encode(toJson(d, dialect)));
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
