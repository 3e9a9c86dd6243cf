package studio.queryset.sql.format;

import java.util.List;

/**
 * Lays SQL out for reading: each top-level clause on its own line, select-list columns one a line, and a long WHERE
 * or HAVING a condition a line (broken before its outermost AND / OR, inside the parentheses Django puts around
 * the whole clause, never in BETWEEN ... AND or a CASE). Only whitespace outside literals and quoted identifiers
 * changes, so the text means the same.
 */
public final class SqlLayout {
    private static final List<String> CLAUSES = List.of("LEFT OUTER JOIN", "FULL OUTER JOIN", "RIGHT OUTER JOIN",
            "INNER JOIN", "LEFT JOIN", "RIGHT JOIN", "CROSS JOIN", "FROM", "WHERE", "GROUP BY", "HAVING", "WINDOW",
            "ORDER BY", "LIMIT", "OFFSET", "UNION ALL", "UNION", "INTERSECT", "EXCEPT");
    private static final String COLUMN_INDENT = "       ";
    /** A WHERE or HAVING longer than this gets a condition a line (the SQL tab is wider than a Java text block). */
    private static final int LONG_CONDITION = 100;

    private SqlLayout() {
    }

    public static String format(String sql) {
        return format(sql, null);
    }

    /** Lays out {@code sql}, recording in {@code map} (when not null) where each character went. */
    public static String format(String sql, OffsetMap.Builder map) {
        StringBuilder out = new StringBuilder(sql.length() + 64);
        int depth = 0;
        boolean selectList = SqlScan.startsWithWord(sql, 0, "SELECT");
        int breakDepth = -1; // the depth of a long WHERE / HAVING's outermost conditions; -1 outside one
        int cases = 0;
        boolean between = false;
        int i = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (breakDepth >= 0 && depth == breakDepth && Character.isLetter(c) && (i == 0
                    || !Character.isLetterOrDigit(sql.charAt(i - 1)) && sql.charAt(i - 1) != '_')) {
                if (SqlScan.startsWithWord(sql, i, "CASE")) {
                    cases++;
                } else if (SqlScan.startsWithWord(sql, i, "END")) {
                    cases = Math.max(0, cases - 1);
                } else if (SqlScan.startsWithWord(sql, i, "BETWEEN")) {
                    between = true;
                }
            }
            if (breakDepth >= 0 && depth == breakDepth && c == ' ' && cases == 0
                    && (SqlScan.startsWithWord(sql, i + 1, "AND") || SqlScan.startsWithWord(sql, i + 1, "OR"))) {
                if (between && SqlScan.startsWithWord(sql, i + 1, "AND")) {
                    between = false; // BETWEEN x AND y stays together
                } else {
                    if (map != null) {
                        map.copied(i, i + 1, out.length());
                    }
                    out.append('\n').append(COLUMN_INDENT);
                    i++;
                    continue;
                }
            }
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
                    breakDepth = clause.equals("WHERE") || clause.equals("HAVING")
                            ? conditionDepth(sql, i + 1 + clause.length() + 1) : -1;
                    cases = 0;
                    between = false;
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

    /**
     * Where the conditions of a clause starting at {@code start} stand: 1 when parentheses enclose the whole clause
     * (Django's WhereNode writes them), else 0; -1 when the clause is short enough for one line.
     */
    private static int conditionDepth(String sql, int start) {
        int end = SqlScan.clauseEnd(sql, start, CLAUSES);
        if (end - start <= LONG_CONDITION) {
            return -1;
        }
        return start < end && sql.charAt(start) == '(' && SqlScan.matchingParen(sql, start) == end - 1 ? 1 : 0;
    }
}
