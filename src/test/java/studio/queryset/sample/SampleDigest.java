package studio.queryset.sample;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A SHA-256 of every row of every sample table (ordered by id), per table, so two databases can be compared
 * whatever their engine: PostgreSQL timestamps are written as SQLite stores them, 'YYYY-MM-DD HH:MM:SS' UTC.
 */
final class SampleDigest {
    private SampleDigest() {
    }

    /** Table → hex digest. {@code schema} qualifies the tables on PostgreSQL; null on SQLite and MariaDB. */
    static Map<String, String> of(Connection conn, String schema) throws SQLException {
        Map<String, String> result = new LinkedHashMap<>();
        boolean mariadb = conn.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT)
                .matches(".*(mariadb|mysql).*");
        char q = mariadb ? '`' : '"'; // "id" is a string on MariaDB
        for (String table : SampleDbLoader.TABLES) {
            MessageDigest md = sha256();
            String from = (schema == null ? "" : quote(schema) + ".") + q + table + q;
            try (Statement st = conn.createStatement();
                 ResultSet rs = st.executeQuery("SELECT * FROM " + from + " ORDER BY " + q + "id" + q)) {
                ResultSetMetaData meta = rs.getMetaData();
                int n = meta.getColumnCount();
                StringBuilder header = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    header.append(meta.getColumnName(i)).append('|');
                }
                md.update(header.toString().getBytes(StandardCharsets.UTF_8));
                while (rs.next()) {
                    StringBuilder row = new StringBuilder("\n");
                    for (int i = 1; i <= n; i++) {
                        String v;
                        String type = meta.getColumnTypeName(i).toLowerCase(java.util.Locale.ROOT);
                        if (type.startsWith("datetime")) {
                            java.time.LocalDateTime t = rs.getObject(i, java.time.LocalDateTime.class);
                            v = t == null ? null : SampleDbLoader.sqliteText(t); // MariaDB: naive UTC
                        } else if (type.startsWith("timestamp")) {
                            OffsetDateTime t = rs.getObject(i, OffsetDateTime.class);
                            v = t == null ? null : SampleDbLoader.sqliteText(
                                    t.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime());
                        } else {
                            v = rs.getString(i);
                        }
                        row.append(v == null ? "\u0000NULL" : v.replace("|", "||")).append('|');
                    }
                    md.update(row.toString().getBytes(StandardCharsets.UTF_8));
                }
            }
            result.put(table, HexFormat.of().formatHex(md.digest()));
        }
        return result;
    }

    private static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
