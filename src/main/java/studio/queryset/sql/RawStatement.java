package studio.queryset.sql;

import java.util.List;
import studio.queryset.query.QueryException;
import studio.queryset.sql.dialect.Lexis;

/**
 * The SQL text of a raw() query. It must be exactly one statement, as Python's sqlite3 demands ("You can only
 * execute one statement at a time"): a second statement after a {@code ;} would run outside every check made on
 * the first (PostgreSQL's driver sends them all), so it is refused on every database, with or without writes.
 */
public final class RawStatement {
    private RawStatement() {
    }

    /**
     * The tokens of the one statement in {@code sql}; a ProgrammingError when there are none or several. It must be
     * one statement however the server reads it (a session setting can end strings elsewhere; see
     * {@link Lexis#readings()}), else a second statement could hide inside what this check took for a string.
     */
    public static List<SqlTokens.Token> requireOne(String sql, Dialect dialect) {
        return readings(sql, dialect).get(0);
    }

    /** The one statement's tokens under each of the database's readings, the default first; as requireOne. */
    public static List<List<SqlTokens.Token>> readings(String sql, Dialect dialect) {
        int nul = sql.indexOf('\0');
        if (nul >= 0) {
            // a C-string driver would end the statement there and run only the part before it
            throw new QueryException("ValueError", "the query contains a null character (U+0000 at character "
                    + (nul + 1) + "): SQL text cannot hold one; pass the value as a parameter instead");
        }
        List<List<SqlTokens.Token>> out = new java.util.ArrayList<>();
        for (Lexis.Reading reading : dialect.ops().lexis().readings()) {
            List<List<SqlTokens.Token>> statements = SqlTokens.statements(sql, reading.lexis());
            if (statements.isEmpty()) {
                throw new QueryException("ProgrammingError", "raw() needs an SQL statement; the text is empty");
            }
            if (statements.size() > 1) {
                SqlTokens.Token second = statements.get(1).get(0);
                throw new QueryException("ProgrammingError", "You can only execute one statement at a time: raw() "
                        + "holds " + statements.size() + " statements separated by ';'" + (reading.mode().isEmpty()
                        ? "" : " when the server reads it with " + reading.mode() + " (a session may set it)")
                        + " (the second starts at character " + (second.start() + 1) + " with "
                        + quoteShort(sql, second.start()) + "). Run each on its own"
                        + (reading.mode().isEmpty() ? "." : ", and write strings the same under every mode (no "
                        + "backslash before a quote, strings in single quotes)."));
            }
            out.add(statements.get(0));
        }
        return out;
    }

    /**
     * The one statement without the {@code ;} that may end it and what follows (comments): the text to put after
     * {@code EXPLAIN}, where a driver would send a trailing comment as a statement of its own.
     */
    public static String withoutTerminator(String sql, Dialect dialect) {
        requireOne(sql, dialect);
        for (SqlTokens.Token t : SqlTokens.of(sql, dialect)) {
            if (t.kind() == SqlTokens.Kind.SEMICOLON) {
                return sql.substring(0, t.start());
            }
        }
        return sql;
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
