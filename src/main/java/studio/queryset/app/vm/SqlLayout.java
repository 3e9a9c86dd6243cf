package studio.queryset.app.vm;

import java.util.List;
import java.util.Locale;

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
        StringBuilder out = new StringBuilder(sql.length() + 64);
        int depth = 0;
        boolean selectList = startsWithWord(sql, 0, "SELECT");
        int i = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"') {
                int end = closingQuote(sql, i, c);
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
                out.append(",\n").append(COLUMN_INDENT);
                i = skipSpaces(sql, i + 1);
                continue;
            }
            if (depth == 0 && c == ' ') {
                String clause = clauseAt(sql, i + 1);
                if (clause != null) {
                    out.append('\n');
                    selectList = clause.startsWith("UNION") || clause.equals("INTERSECT") || clause.equals("EXCEPT");
                    i++;
                    continue;
                }
            }
            out.append(c);
            i++;
        }
        return out.toString();
    }

    private static int closingQuote(String sql, int start, char quote) {
        int i = start + 1;
        while (i < sql.length()) {
            if (sql.charAt(i) == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return sql.length();
    }

    private static int skipSpaces(String sql, int i) {
        while (i < sql.length() && sql.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    private static String clauseAt(String sql, int i) {
        for (String clause : CLAUSES) {
            if (startsWithWord(sql, i, clause)) {
                return clause;
            }
        }
        return null;
    }

    private static boolean startsWithWord(String sql, int i, String word) {
        int end = i + word.length();
        if (end > sql.length() || !sql.substring(i, end).toUpperCase(Locale.ROOT).equals(word)) {
            return false;
        }
        return end == sql.length() || !Character.isLetterOrDigit(sql.charAt(end)) && sql.charAt(end) != '_';
    }
}
