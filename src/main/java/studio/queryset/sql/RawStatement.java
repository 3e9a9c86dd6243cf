package studio.queryset.sql;

import java.util.List;
import studio.queryset.query.QueryException;

/**
 * The SQL text of a raw() query. It must be exactly one statement, as Python's sqlite3 demands ("You can only
 * execute one statement at a time"): a second statement after a {@code ;} would run outside every check made on
 * the first (PostgreSQL's driver sends them all), so it is refused on every database, with or without writes.
 */
public final class RawStatement {
    private RawStatement() {
    }

    /** The tokens of the one statement in {@code sql}; a ProgrammingError when there are none or several. */
    public static List<SqlTokens.Token> requireOne(String sql, Dialect dialect) {
        int nul = sql.indexOf('\0');
        if (nul >= 0) {
            // a C-string driver would end the statement there and run only the part before it
            throw new QueryException("ValueError", "the query contains a null character (U+0000 at character "
                    + (nul + 1) + "): SQL text cannot hold one; pass the value as a parameter instead");
        }
        List<List<SqlTokens.Token>> statements = SqlTokens.statements(sql, dialect);
        if (statements.isEmpty()) {
            throw new QueryException("ProgrammingError", "raw() needs an SQL statement; the text is empty");
        }
        if (statements.size() > 1) {
            SqlTokens.Token second = statements.get(1).get(0);
            throw new QueryException("ProgrammingError", "You can only execute one statement at a time: raw() "
                    + "holds " + statements.size() + " statements separated by ';' (the second starts at character "
                    + (second.start() + 1) + " with " + quoteShort(sql, second.start()) + "). Run each on its own.");
        }
        return statements.get(0);
    }

    private static final java.util.regex.Pattern PLACEHOLDER = java.util.regex.Pattern.compile("(?<!%)%s");

    /**
     * The text with Django's {@code %s} placeholders as JDBC's {@code ?} and {@code %%} as {@code %} (what Django's
     * SQLite wrapper and psycopg2 do), checked against the number of parameters with the drivers' messages.
     */
    public static String toJdbc(String sql, int params, Dialect dialect) {
        java.util.regex.Matcher m = PLACEHOLDER.matcher(sql);
        int used = 0;
        while (m.find()) {
            used++;
        }
        if (used != params) {
            throw dialect.ops().rawParameterMismatch(used, params);
        }
        return PLACEHOLDER.matcher(sql).replaceAll("?").replace("%%", "%");
    }

    private static String quoteShort(String sql, int start) {
        String rest = sql.substring(start).strip();
        int cut = Math.min(rest.length(), 30);
        int nl = rest.indexOf('\n');
        if (nl >= 0 && nl < cut) {
            cut = nl;
        }
        return "'" + rest.substring(0, cut) + (cut < rest.length() ? "..." : "") + "'";
    }
}
