package studio.queryset.differential;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.HashMap;
import java.util.Map;
import org.postgresql.util.PGInterval;
import org.postgresql.util.PGobject;
import studio.queryset.schema.Field;
import studio.queryset.schema.Model;
import studio.queryset.schema.Schema;
import studio.queryset.schema.ValueType;
import studio.queryset.sql.Dialect;
import studio.queryset.sql.Temporal;

/**
 * Builds the differential database: Django's own DDL for the dialect, then the rows Django inserted (from
 * fixture.json, in the contract's JSON forms) bound the way Django stores them on that backend.
 */
public final class DifferentialFixture {
    private static final ObjectMapper JSON = new ObjectMapper();

    private DifferentialFixture() {
    }

    public static String resource(String name) throws IOException {
        try (InputStream in = DifferentialFixture.class.getResourceAsStream("/differential/" + name)) {
            if (in == null) {
                throw new IOException("missing test resource /differential/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static void load(Connection conn, Dialect dialect, Schema schema) throws IOException, SQLException {
        load(conn, dialect, schema, "");
    }

    /** Loads the app whose recorded files are under {@code /differential/<dir>} ("" for shop, "club/"...). */
    public static void load(Connection conn, Dialect dialect, Schema schema, String dir) throws IOException,
            SQLException {
        String ddl = resource(dir + "schema." + dialect.name().toLowerCase(java.util.Locale.ROOT) + ".sql");
        try (Statement st = conn.createStatement()) {
            for (String stmt : ddl.split(";\\s*\n")) {
                if (!stmt.isBlank()) {
                    st.execute(stmt);
                }
            }
        }
        Map<String, ValueType> columnTypes = new HashMap<>();
        for (Model m : schema.models()) {
            for (Field f : m.concreteFields()) {
                columnTypes.put(m.table() + "." + f.column(), f.valueType());
            }
        }
        JsonNode fixture = JSON.readTree(resource(dir + "fixture.json"));
        boolean auto = conn.getAutoCommit();
        conn.setAutoCommit(false);
        for (JsonNode table : fixture.get("tables")) {
            String name = table.get("table").asText();
            JsonNode cols = table.get("columns");
            StringBuilder sql = new StringBuilder("INSERT INTO " + dialect.quote(name) + " (");
            for (int i = 0; i < cols.size(); i++) {
                sql.append(i > 0 ? ", " : "").append(dialect.quote(cols.get(i).asText()));
            }
            sql.append(") VALUES (").append("?, ".repeat(cols.size() - 1)).append("?)");
            try (PreparedStatement ps = conn.prepareStatement(sql.toString())) {
                for (JsonNode row : table.get("rows")) {
                    for (int i = 0; i < cols.size(); i++) {
                        ValueType t = columnTypes.getOrDefault(name + "." + cols.get(i).asText(), ValueType.INTEGER);
                        ps.setObject(i + 1, storage(row.get(i), t, dialect));
                    }
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
        conn.commit();
        conn.setAutoCommit(auto);
    }

    /** As Django's mysql backend stores values: tinyint(1), datetime(6), bigint microseconds, char(32) UUIDs. */
    private static Object mariadb(JsonNode v, ValueType t) {
        return switch (t) {
            case BOOLEAN -> v.asBoolean();
            case DECIMAL -> new BigDecimal(v.asText());
            case FLOAT -> v.asDouble();
            case DATETIME -> Temporal.parseDateTime(v.asText());
            case DATE -> LocalDate.parse(v.asText());
            case TIME -> LocalTime.parse(v.asText());
            case DURATION -> Math.round(v.asDouble() * 1_000_000);
            case UUID -> v.asText().replace("-", "");
            case JSON -> v.isTextual() ? v.asText() : v.toString();
            case INTEGER -> v.isNumber() ? v.asLong() : v.asText();
            default -> v.asText();
        };
    }

    private static Object storage(JsonNode v, ValueType t, Dialect d) throws SQLException {
        if (v == null || v.isNull()) {
            return null;
        }
        if (d == Dialect.MARIADB) {
            return mariadb(v, t);
        }
        boolean sqlite = d == Dialect.SQLITE;
        switch (t) {
            case BOOLEAN:
                return sqlite ? (v.asBoolean() ? 1 : 0) : v.asBoolean();
            case DECIMAL:
                return new BigDecimal(v.asText());
            case FLOAT:
                return v.asDouble();
            case DATETIME: {
                LocalDateTime dt = Temporal.parseDateTime(v.asText());
                return sqlite ? Temporal.formatSqlite(dt) : dt;
            }
            case DATE:
                return sqlite ? v.asText() : LocalDate.parse(v.asText());
            case TIME:
                return sqlite ? v.asText() : LocalTime.parse(v.asText());
            case DURATION: {
                double seconds = v.asDouble();
                if (sqlite) {
                    return Math.round(seconds * 1_000_000);
                }
                // as psycopg2 writes a timedelta: whole days (floored, as Python normalises) and the seconds left
                long micros = Math.round(seconds * 1_000_000);
                long days = Math.floorDiv(micros, 86_400_000_000L);
                return new PGInterval(0, 0, (int) days, 0, 0, (micros - days * 86_400_000_000L) / 1e6);
            }
            case UUID:
                return sqlite ? v.asText().replace("-", "") : java.util.UUID.fromString(v.asText());
            case JSON: {
                String text = v.isTextual() ? v.asText() : v.toString();
                if (sqlite) {
                    return text;
                }
                PGobject o = new PGobject();
                o.setType("jsonb");
                o.setValue(text);
                return o;
            }
            case INTEGER:
                return v.isNumber() ? v.asLong() : v.asText();
            default:
                return v.asText();
        }
    }
}
