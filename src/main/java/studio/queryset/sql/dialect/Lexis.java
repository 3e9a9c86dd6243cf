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
}
