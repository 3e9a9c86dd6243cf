package studio.queryset.sql.format;

import java.util.List;

/**
 * Small scanners over SQL text the compiler wrote, shared by the displays that lay it out (the SQL panel,
 * generated Java): quoted strings and identifiers are skipped whole, keywords match as whole words.
 */
public final class SqlScan {
    private SqlScan() {
    }

    /** The index after the quote closing the one at {@code start}; a doubled quote is an escaped one. */
    public static int closingQuote(String sql, int start, char quote) {
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

    /**
     * Where {@code word} first stands at or after {@code from} outside parentheses and quoted text ('...', "...",
     * `...`), or -1: the one scan behind "does this need parentheses" and "split the WHERE into its AND terms".
     */
    public static int topLevel(String sql, int from, String word) {
        int depth = 0;
        int i = from;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"' || c == '`') {
                i = closingQuote(sql, i, c);
                continue;
            }
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (depth == 0 && sql.startsWith(word, i)) {
                return i;
            }
            i++;
        }
        return -1;
    }

    /**
     * The connector joining a condition's top-level terms, " AND " or " OR ", or null for a single term: words
     * inside parentheses, quotes and CASE ... END do not count, nor the AND of a BETWEEN.
     */
    public static String topConnector(String sql) {
        if (!sql.contains(" AND ") && !sql.contains(" OR ")) {
            return null; // most terms: no scan
        }
        int depth = 0;
        int cases = 0;
        int betweens = 0;
        int i = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"' || c == '`') {
                i = closingQuote(sql, i, c);
                continue;
            }
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (depth == 0 && c == ' ') {
                int w = i + 1;
                if (startsWithWord(sql, w, "CASE")) {
                    cases++;
                } else if (startsWithWord(sql, w, "END") && cases > 0) {
                    cases--;
                } else if (cases == 0 && startsWithWord(sql, w, "BETWEEN")) {
                    betweens++;
                } else if (cases == 0 && startsWithWord(sql, w, "AND")) {
                    if (betweens > 0) {
                        betweens--;
                    } else {
                        return " AND ";
                    }
                } else if (cases == 0 && startsWithWord(sql, w, "OR")) {
                    return " OR ";
                }
            } else if (depth == 0 && i == 0 && startsWithWord(sql, 0, "CASE")) {
                cases++;
            }
            i++;
        }
        return null;
    }

    public static int skipSpaces(String sql, int i) {
        while (i < sql.length() && sql.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    /** Whether {@code word} (upper case) stands at {@code i} as a whole word, in any case. */
    public static boolean startsWithWord(String sql, int i, String word) {
        int end = i + word.length();
        if (end > sql.length() || !sql.regionMatches(true, i, word, 0, word.length())) {
            return false;
        }
        return end == sql.length() || !Character.isLetterOrDigit(sql.charAt(end)) && sql.charAt(end) != '_';
    }

    /** The first of {@code clauses} that starts at {@code i}, or null. */
    public static String clauseAt(String sql, int i, List<String> clauses) {
        for (String clause : clauses) {
            if (startsWithWord(sql, i, clause)) {
                return clause;
            }
        }
        return null;
    }

    /** The index of the parenthesis closing the one at {@code open} (quotes skipped), or the last index. */
    public static int matchingParen(String sql, int open) {
        int depth = 0;
        int i = open;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"') {
                i = closingQuote(sql, i, c);
                continue;
            }
            if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
            i++;
        }
        return sql.length() - 1;
    }

    /** Where the clause text from {@code start} ends: the space before the next top-level clause, or the end. */
    public static int clauseEnd(String sql, int start, List<String> clauses) {
        int depth = 0;
        int i = start;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"') {
                i = closingQuote(sql, i, c);
                continue;
            }
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (depth == 0 && c == ' ' && clauseAt(sql, i + 1, clauses) != null) {
                break;
            }
            i++;
        }
        return i;
    }
}
