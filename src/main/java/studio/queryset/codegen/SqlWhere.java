package studio.queryset.codegen;

import java.util.ArrayList;
import java.util.List;
import studio.queryset.sql.format.SqlScan;

/**
 * A compiled statement cut at its outer WHERE and HAVING clauses: the text before WHERE, its AND terms (split
 * outside parentheses and quotes), the text between (GROUP BY...), the HAVING clause's AND terms, the text after
 * (ORDER BY, LIMIT...). What a composed statement is put together from when optional Params leave terms out;
 * a term is addressed by one index, the WHERE terms first, then the HAVING terms.
 */
record SqlWhere(String head, List<String> terms, String middle, List<String> having, String tail) {
    private static final List<String> ENDS = List.of(" GROUP BY ", " HAVING ", " ORDER BY ", " LIMIT ", " OFFSET ",
            " UNION ", " INTERSECT ", " EXCEPT ", " FOR UPDATE");
    private static final List<String> HAVING_ENDS = ENDS.subList(2, ENDS.size());

    /** A statement without WHERE or HAVING has no terms there; null when its text cannot be cut safely. */
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
            } else if (depth == 0 && where >= 0 && end == sql.length() && startsWithEnd(sql, ENDS, i)) {
                end = i;
            }
        }
        String head;
        List<String> terms;
        if (where < 0) {
            end = firstTopLevel(sql, 0, ENDS);
            head = sql.substring(0, end);
            terms = List.of();
        } else {
            head = sql.substring(0, where);
            terms = split(sql.substring(where + " WHERE ".length(), end));
        }
        String rest = sql.substring(end);
        int having = SqlScan.topLevel(rest, 0, " HAVING ");
        if (having < 0) {
            return new SqlWhere(head, terms, rest, List.of(), "");
        }
        int from = having + " HAVING ".length();
        if (SqlScan.topLevel(rest, from, " HAVING ") >= 0) {
            return null;
        }
        int havingEnd = firstTopLevel(rest, from, HAVING_ENDS);
        return new SqlWhere(head, terms, rest.substring(0, having), split(rest.substring(from, havingEnd)),
                rest.substring(havingEnd));
    }

    private static boolean startsWithEnd(String sql, List<String> ends, int i) {
        for (String e : ends) {
            if (sql.startsWith(e, i)) {
                return true;
            }
        }
        return false;
    }

    /** Where the first of {@code words} stands outside parentheses and quotes from {@code from}, else the end. */
    private static int firstTopLevel(String sql, int from, List<String> words) {
        int cut = sql.length();
        for (String e : words) {
            int at = SqlScan.topLevel(sql, from, e);
            if (at >= 0 && at < cut) {
                cut = at;
            }
        }
        return cut;
    }

    private static List<String> split(String clause) {
        List<String> terms = new ArrayList<>();
        int start = 0;
        for (int at = SqlScan.topLevel(clause, 0, " AND "); at >= 0;
                at = SqlScan.topLevel(clause, start, " AND ")) {
            terms.add(clause.substring(start, at));
            start = at + " AND ".length();
        }
        terms.add(clause.substring(start));
        return terms;
    }

    /** All terms, the WHERE ones then the HAVING ones: what a term index addresses. */
    List<String> allTerms() {
        List<String> all = new ArrayList<>(terms);
        all.addAll(having);
        return all;
    }

    /** Whether term {@code index} is one of the HAVING clause's. */
    boolean inHaving(int index) {
        return index >= terms.size();
    }

    /** The indexes of this statement's terms that {@code other} (the same statement with fewer terms) lacks. */
    List<Integer> missingFrom(SqlWhere other) {
        if (!head.equals(other.head) || !middle.equals(other.middle) || !tail.equals(other.tail)) {
            return List.of(-1, -1); // more changed than the WHERE and HAVING clauses
        }
        List<Integer> missing = new ArrayList<>();
        if (!missing(terms, other.terms, 0, missing) || !missing(having, other.having, terms.size(), missing)) {
            return List.of(-1, -1);
        }
        return missing;
    }

    private static boolean missing(List<String> mine, List<String> theirs, int offset, List<Integer> missing) {
        int j = 0;
        for (int i = 0; i < mine.size(); i++) {
            if (j < theirs.size() && mine.get(i).equals(theirs.get(j))) {
                j++;
            } else {
                missing.add(offset + i);
            }
        }
        return j == theirs.size();
    }

    /** The statement with these WHERE and HAVING terms (no keyword where a clause has none). */
    String with(List<String> kept, List<String> keptHaving) {
        return head + (kept.isEmpty() ? "" : " WHERE " + String.join(" AND ", kept)) + middle
                + (keptHaving.isEmpty() ? "" : " HAVING " + String.join(" AND ", keptHaving)) + tail;
    }
}
