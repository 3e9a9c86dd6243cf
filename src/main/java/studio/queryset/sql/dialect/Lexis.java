package studio.queryset.sql.dialect;

/**
 * How a database reads SQL text, for the tokenizer that guards raw() (sql/SqlTokens): which quotes make
 * identifiers and strings, which comments exist, and what hides inside them.
 *
 * @param bracketNames         SQLite's {@code [name]}
 * @param dollarQuoting        PostgreSQL's {@code $tag$...$tag$} strings and {@code $} inside words
 * @param nestedComments       PostgreSQL nests block comments
 * @param escapeStrings        PostgreSQL's {@code E'...'} with backslash escapes
 * @param backslashInStrings   MySQL/MariaDB: backslash escapes in every string literal
 * @param doubleQuotedStrings  MySQL/MariaDB (without ANSI_QUOTES): {@code "..."} is a string, not a name
 * @param hashComments         MySQL/MariaDB: {@code #} starts a line comment
 * @param dashCommentNeedsSpace MySQL/MariaDB: {@code --} is a comment only when whitespace follows
 * @param executableComments   MySQL/MariaDB run the text of {@code /*! ... * /} and {@code /*M! ... * /}
 */
public record Lexis(boolean bracketNames, boolean dollarQuoting, boolean nestedComments, boolean escapeStrings,
                    boolean backslashInStrings, boolean doubleQuotedStrings, boolean hashComments,
                    boolean dashCommentNeedsSpace, boolean executableComments) {
    static final Lexis SQLITE = new Lexis(true, false, false, false, false, false, false, false, false);
    static final Lexis POSTGRESQL = new Lexis(false, true, true, true, false, false, false, false, false);
    static final Lexis MARIADB = new Lexis(false, false, false, false, true, true, true, true, true);

    /** One way the server may read a text: the session mode that makes it so ("" for the default) and its lexis. */
    public record Reading(String mode, Lexis lexis) { }

    /**
     * Every way this database may read the same text, the default first. A session setting the app does not own
     * changes how strings end (PostgreSQL's {@code standard_conforming_strings = off}; MariaDB's sql_mode
     * {@code NO_BACKSLASH_ESCAPES} and {@code ANSI_QUOTES}), and a URL or a stored routine can set it: a guard
     * that must not be fooled checks the text under each.
     */
    public java.util.List<Reading> readings() {
        java.util.List<Reading> out = new java.util.ArrayList<>();
        out.add(new Reading("", this));
        if (dollarQuoting && !backslashInStrings) {
            out.add(new Reading("standard_conforming_strings = off", withBackslashes(true)));
        }
        if (doubleQuotedStrings) {
            Lexis ansi = new Lexis(bracketNames, dollarQuoting, nestedComments, escapeStrings, backslashInStrings,
                    false, hashComments, dashCommentNeedsSpace, executableComments);
            out.add(new Reading("sql_mode ANSI_QUOTES", ansi));
            out.add(new Reading("sql_mode NO_BACKSLASH_ESCAPES", withBackslashes(false)));
            out.add(new Reading("sql_mode ANSI_QUOTES,NO_BACKSLASH_ESCAPES", ansi.withBackslashes(false)));
        }
        return out;
    }

    private Lexis withBackslashes(boolean on) {
        return new Lexis(bracketNames, dollarQuoting, nestedComments, escapeStrings, on, doubleQuotedStrings,
                hashComments, dashCommentNeedsSpace, executableComments);
    }
}
