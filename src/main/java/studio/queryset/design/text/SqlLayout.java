package studio.queryset.design.text;

import java.util.List;
import studio.queryset.sql.SqlScan;

/**
 * Lays SQL out for reading: each top-level clause on its own line, select-list columns one a line. Only
 * whitespace outside literals, quoted identifiers and parentheses changes, so the text means the same.
 */
public final class SqlLayout {
    private static final List<String> CLAUSES = List.of("LEFT OUTER JOIN", "FULL OUTER JOIN", "RIGHT OUTER JOIN",
            "INNER JOIN", "LEFT JOIN", "RIGHT JOIN", "CROSS JOIN", "FROM", "WHERE", "GROUP BY", "HAVING", "WINDOW",
            "ORDER BY", "LIMIT", "OFFSET", "UNION ALL", "UNION", "INTERSECT", "EXCEPT");
    private static final String COLUMN_INDENT = "       ";

    private SqlLayout() {
    }

    public static String format(String sql) {
        return format(sql, null);
    }

    /** Lays out {@code sql}, recording in {@code map} (when not null) where each character went. */
    static String format(String sql, OffsetMap.Builder map) {
        StringBuilder out = new StringBuilder(sql.length() + 64);
        int depth = 0;
        boolean selectList = SqlScan.startsWithWord(sql, 0, "SELECT");
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
                continue;
            }
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth = Math.max(0, depth - 1);
            }
            if (depth == 0 && c == ',' && selectList) {
                if (map != null) {
                    map.wrote(i, out.length(), out.length() + 1);
                }
                out.append(",\n").append(COLUMN_INDENT);
                int next = SqlScan.skipSpaces(sql, i + 1);
                for (int k = i + 1; map != null && k < next; k++) {
                    map.wrote(k, out.length(), out.length());
                }
                i = next;
                continue;
            }
            if (depth == 0 && c == ' ') {
                String clause = SqlScan.clauseAt(sql, i + 1, CLAUSES);
                if (clause != null) {
                    if (map != null) {
                        map.copied(i, i + 1, out.length());
                    }
                    out.append('\n');
                    selectList = clause.startsWith("UNION") || clause.equals("INTERSECT") || clause.equals("EXCEPT");
                    i++;
                    continue;
                }
            }
            if (map != null) {
                map.copied(i, i + 1, out.length());
            }
            out.append(c);
            i++;
        }
        return out.toString();
    }
}
