package studio.queryset.codegen;

import java.util.ArrayList;
import java.util.List;
import studio.queryset.sql.SqlScan;

/**
 * A compiled statement cut at its outer WHERE clause: the text before it, its AND terms (split outside
 * parentheses and quotes), the text after it (GROUP BY, HAVING, ORDER BY, LIMIT...). What a composed statement
 * is put together from when optional Params leave terms out.
 */
record SqlWhere(String head, List<String> terms, String tail) {
    private static final List<String> ENDS = List.of(" GROUP BY ", " HAVING ", " ORDER BY ", " LIMIT ", " OFFSET ",
            " UNION ", " INTERSECT ", " EXCEPT ", " FOR UPDATE");

    /** The statement without a WHERE clause is a head alone; null when its text cannot be cut safely. */
    static SqlWhere of(String sql) {
        int where = -1;
        int end = sql.length();
        int depth = 0;
        char quote = 0;
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (quote != 0) {
                quote = c == quote ? 0 : quote;
                continue;
            }
            if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (depth == 0 && sql.startsWith(" WHERE ", i)) {
                if (where >= 0) {
                    return null;
                }
                where = i;
            } else if (depth == 0 && where >= 0 && end == sql.length() && startsWithEnd(sql, i)) {
                end = i;
            }
        }
        if (where < 0) {
            int cut = sql.length();
            for (String e : ENDS) {
                int at = topLevel(sql, e);
                if (at >= 0 && at < cut) {
                    cut = at;
                }
            }
            return new SqlWhere(sql.substring(0, cut), List.of(), sql.substring(cut));
        }
        return new SqlWhere(sql.substring(0, where), split(sql.substring(where + 7, end)), sql.substring(end));
    }

    private static boolean startsWithEnd(String sql, int i) {
        for (String e : ENDS) {
            if (sql.startsWith(e, i)) {
                return true;
            }
        }
        return false;
    }

    /** Where {@code word} first stands outside parentheses and quotes, or -1. */
    private static int topLevel(String sql, String word) {
        return SqlScan.topLevel(sql, 0, word);
    }

    private static List<String> split(String clause) {
        List<String> terms = new ArrayList<>();
        int start = 0;
        for (int at = topLevel(clause, " AND "); at >= 0;
                at = SqlScan.topLevel(clause, start, " AND ")) {
            terms.add(clause.substring(start, at));
            start = at + " AND ".length();
        }
        terms.add(clause.substring(start));
        return terms;
    }

    /** The indexes of this clause's terms that {@code other} (the same statement with fewer terms) lacks. */
    List<Integer> missingFrom(SqlWhere other) {
        List<Integer> missing = new ArrayList<>();
        if (!head.equals(other.head) || !tail.equals(other.tail)) {
            return List.of(-1, -1); // more changed than the WHERE clause
        }
        int j = 0;
        for (int i = 0; i < terms.size(); i++) {
            if (j < other.terms.size() && terms.get(i).equals(other.terms.get(j))) {
                j++;
            } else {
                missing.add(i);
            }
        }
        return j == other.terms.size() ? missing : List.of(-1, -1);
    }

    /** The statement with these terms (no WHERE when there are none). */
    String with(List<String> kept) {
        return head + (kept.isEmpty() ? "" : " WHERE " + String.join(" AND ", kept)) + tail;
    }
}
