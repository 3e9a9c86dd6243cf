package studio.queryset.sql.format;

import java.math.BigDecimal;
import java.time.temporal.Temporal;
import java.util.List;
import studio.queryset.sql.Dialect;

/**
 * For reading only: SQL with each {@code ?} placeholder replaced by its parameter as a literal of the dialect.
 * Execution always binds the parameters; this text is never run. Placeholders inside string literals,
 * quoted identifiers and comments are left alone.
 */
public final class SqlInline {
    private SqlInline() {
    }

    public static String inline(String sql, List<Object> params, Dialect dialect) {
        return inline(sql, params, dialect, null);
    }

    /** Inlines the values, recording in {@code map} (when not null) where each character went. */
    public static String inline(String sql, List<Object> params, Dialect dialect, OffsetMap.Builder map) {
        StringBuilder out = new StringBuilder(sql.length() + params.size() * 8);
        int next = 0;
        int i = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"') {
                int end = SqlScan.closingQuote(sql, i, c);
                if (map != null) {
                    map.copied(i, end, out.length());
                }
                out.append(sql, i, end);
                i = end;
            } else if (c == '-' && sql.startsWith("--", i)) {
                int end = sql.indexOf('\n', i);
                end = end < 0 ? sql.length() : end;
                if (map != null) {
                    map.copied(i, end, out.length());
                }
                out.append(sql, i, end);
                i = end;
            } else if (c == '/' && sql.startsWith("/*", i)) {
                int end = sql.indexOf("*/", i + 2);
                end = end < 0 ? sql.length() : end + 2;
                if (map != null) {
                    map.copied(i, end, out.length());
                }
                out.append(sql, i, end);
                i = end;
            } else if (c == '?' && next < params.size()) {
                int from = out.length();
                out.append(literal(params.get(next++), dialect));
                if (map != null) {
                    map.wrote(i, from, out.length());
                }
                i++;
            } else {
                if (map != null) {
                    map.copied(i, i + 1, out.length());
                }
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** A value as a SQL literal: NULL, numbers as they are, booleans per dialect, everything else quoted. */
    public static String literal(Object value, Dialect dialect) {
        if (value == null) {
            return "NULL";
        }
        if (value instanceof Boolean b) {
            return dialect == Dialect.POSTGRESQL ? (b ? "TRUE" : "FALSE") : (b ? "1" : "0");
        }
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (value instanceof Number) {
            return value.toString();
        }
        if (value instanceof byte[] bytes) {
            StringBuilder hex = new StringBuilder("X'");
            for (byte b : bytes) {
                hex.append(String.format("%02x", b));
            }
            return hex.append('\'').toString();
        }
        if (value instanceof List<?> list) {
            StringBuilder sb = new StringBuilder(dialect == Dialect.POSTGRESQL ? "ARRAY[" : "(");
            for (int k = 0; k < list.size(); k++) {
                sb.append(k == 0 ? "" : ", ").append(literal(list.get(k), dialect));
            }
            return sb.append(dialect == Dialect.POSTGRESQL ? "]" : ")").toString();
        }
        String text = value instanceof Temporal ? value.toString().replace('T', ' ') : value.toString();
        if (dialect == Dialect.MARIADB) {
            text = text.replace("\\", "\\\\"); // a backslash escapes in MariaDB's string literals
        }
        return "'" + text.replace("'", "''") + "'";
    }

    /** {@code text}, {@code integer}, {@code datetime}...: what a parameter is, for the parameters table. */
    public static String typeName(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String) {
            return "text";
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return "integer";
        }
        if (value instanceof Double || value instanceof Float) {
            return "float";
        }
        if (value instanceof BigDecimal) {
            return "decimal";
        }
        if (value instanceof Boolean) {
            return "boolean";
        }
        if (value instanceof java.time.LocalDateTime || value instanceof java.time.OffsetDateTime) {
            return "datetime";
        }
        if (value instanceof java.time.LocalDate) {
            return "date";
        }
        if (value instanceof java.time.LocalTime) {
            return "time";
        }
        return value.getClass().getSimpleName();
    }
}
