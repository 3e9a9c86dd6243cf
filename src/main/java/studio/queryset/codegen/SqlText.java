package studio.queryset.codegen;

import java.util.ArrayList;
import java.util.List;
import studio.queryset.sql.format.SqlScan;

/**
 * SQL laid out for a Java text block: each top-level clause on its own line, select-list (and GROUP BY, ORDER
 * BY) items one a line, the conditions of a long WHERE or HAVING one a line, subqueries laid out the same way
 * after their parenthesis. Only whitespace outside string literals and quoted identifiers changes, so the
 * statement means exactly what the compiler wrote.
 */
final class SqlText {
    private static final List<String> CLAUSES = List.of("LEFT OUTER JOIN", "INNER JOIN", "CROSS JOIN", "FROM",
            "WHERE", "GROUP BY", "HAVING", "ORDER BY", "LIMIT", "OFFSET", "UNION ALL", "UNION", "INTERSECT",
            "EXCEPT", "SET");

    /** A WHERE or HAVING longer than this gets one condition a line. */
    private static final int LONG_CONDITION = 80;

    private SqlText() {
    }

    /** The statement as lines (no trailing spaces). */
    static List<String> lines(String sql) {
        StringBuilder out = new StringBuilder(sql.length() + 64);
        int depth = 0;
        // the list being written, one item a line: the select list, GROUP BY, ORDER BY
        String listIndent = SqlScan.startsWithWord(sql, 0, "SELECT") ? "       " : null;
        boolean splitConditions = false;
        // per parenthesis depth: where its conditions continue when they go one a line (-1: they do not)
        java.util.Map<Integer, Integer> conditionIndent = new java.util.HashMap<>();
        java.util.Set<Integer> between = new java.util.HashSet<>();
        int caseColumn = -1;
        int i = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"') {
                int end = SqlScan.closingQuote(sql, i, c);
                out.append(sql, i, end);
                i = end;
                continue;
            }
            if (c == '(' && SqlScan.startsWithWord(sql, i + 1, "SELECT")) {
                // a subquery: laid out the same way, its lines aligned after the parenthesis
                int close = SqlScan.matchingParen(sql, i);
                int column = out.length() - out.lastIndexOf("\n") - 1 + 1;
                List<String> inner = lines(sql.substring(i + 1, close));
                out.append('(').append(inner.get(0));
                for (String line : inner.subList(1, inner.size())) {
                    out.append('\n').append(" ".repeat(column)).append(line);
                }
                out.append(')');
                i = close + 1;
                continue;
            }
            if (c == '(') {
                depth++;
                boolean longGroup = splitConditions && SqlScan.matchingParen(sql, i) - i > LONG_CONDITION;
                conditionIndent.put(depth, longGroup ? out.length() - out.lastIndexOf("\n") : -1);
                between.remove(depth);
            } else if (c == ')') {
                depth = Math.max(0, depth - 1);
            }
            if (depth == 0 && c == ',' && listIndent != null) {
                out.append(",\n").append(listIndent);
                i = SqlScan.skipSpaces(sql, i + 1);
                continue;
            }
            if (c == ' ' && depth > 0 && (SqlScan.startsWithWord(sql, i + 1, "WHEN")
                    || SqlScan.startsWithWord(sql, i + 1, "ELSE")) && caseColumn >= 0
                    && lineLength(out) + restOfItem(sql, i, depth) > MAX_LINE) {
                // a CASE too long for one line (MariaDB's aggregate filter= is CASE WHEN ... END): one branch a line
                out.append('\n').append(" ".repeat(caseColumn + 5));
                i++;
                continue;
            }
            if (SqlScan.startsWithWord(sql, i, "CASE") && (i == 0 || !Character.isLetterOrDigit(sql.charAt(i - 1)))) {
                caseColumn = lineLength(out);
            }
            int indent = depth == 0 ? 2 : conditionIndent.getOrDefault(depth, -1);
            if (c == ' ' && splitConditions && indent >= 0) {
                if (SqlScan.startsWithWord(sql, i + 1, "BETWEEN")) {
                    between.add(depth);
                } else if (SqlScan.startsWithWord(sql, i + 1, "AND") && between.contains(depth)) {
                    between.remove(depth);
                } else if (SqlScan.startsWithWord(sql, i + 1, "AND") || SqlScan.startsWithWord(sql, i + 1, "OR")) {
                    out.append('\n').append(" ".repeat(indent));
                    i++;
                    continue;
                }
            }
            if (depth == 0 && c == ' ') {
                String clause = SqlScan.clauseAt(sql, i + 1, CLAUSES);
                if (clause != null && !(clause.equals("FROM") && out.toString().endsWith("DELETE"))) {
                    out.append('\n');
                    listIndent = switch (clause) {
                        case "UNION", "UNION ALL", "INTERSECT", "EXCEPT" -> "       ";
                        case "GROUP BY", "ORDER BY" -> "         ";
                        case "SET" -> "    ";
                        default -> null;
                    };
                    splitConditions = (clause.equals("WHERE") || clause.equals("HAVING"))
                            && SqlScan.clauseEnd(sql, i + 2, CLAUSES) - (i + 1) > LONG_CONDITION;
                    between.clear();
                    i++;
                    continue;
                }
            }
            out.append(c);
            i++;
        }
        List<String> lines = new ArrayList<>();
        for (String line : out.toString().split("\n", -1)) {
            lines.add(line.stripTrailing());
        }
        return lines;
    }

    /**
     * A Java text block holding the lines, each indented by {@code indent}, the closing delimiter on a line
     * of its own (so the SQL ends with a newline, which no database minds).
     */
    static String textBlock(List<String> lines, String indent) {
        StringBuilder sb = new StringBuilder("\"\"\"\n");
        for (String raw : lines) {
            String line = JavaText.inTextBlock(raw.stripTrailing());
            sb.append(line.isEmpty() ? "" : indent + line).append('\n');
        }
        return sb.append(indent).append("\"\"\"").toString();
    }

    /** SQL lines longer than this (in a Java text block, indented) are broken inside a CASE; shorter ones stay. */
    private static final int MAX_LINE = 100;

    private static int lineLength(StringBuilder out) {
        return out.length() - out.lastIndexOf("\n") - 1;
    }

    /** Characters from {@code start} to where the current list item or clause ends (back at depth 0). */
    private static int restOfItem(String sql, int start, int depth) {
        int d = depth;
        for (int j = start; j < sql.length(); j++) {
            char c = sql.charAt(j);
            if (c == '\'' || c == '"') {
                j = SqlScan.closingQuote(sql, j, c) - 1;
            } else if (c == '(') {
                d++;
            } else if (c == ')') {
                d--;
            } else if (d == 0 && (c == ',' || c == ' ' && SqlScan.clauseAt(sql, j + 1, CLAUSES) != null)) {
                return j - start;
            }
        }
        return sql.length() - start;
    }
}
