package studio.queryset.sql;

import java.util.Locale;

/** The SQL flavours the compiler writes. Identifiers are always quoted with double quotes. */
public enum Dialect {
    SQLITE, POSTGRESQL;

    public String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    public String displayName() {
        return this == SQLITE ? "SQLite" : "PostgreSQL";
    }

    public static Dialect fromJdbcUrl(String url) {
        if (url.startsWith("jdbc:sqlite:")) {
            return SQLITE;
        }
        if (url.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        throw new IllegalArgumentException("Unsupported database URL '" + url
                + "'. Use jdbc:sqlite:FILE or jdbc:postgresql://HOST:PORT/DB?user=...");
    }

    public static Dialect parse(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "sqlite", "sqlite3" -> SQLITE;
            case "postgresql", "postgres", "pg" -> POSTGRESQL;
            default -> throw new IllegalArgumentException("Unknown dialect '" + name
                    + "'. Valid: sqlite, postgresql");
        };
    }
}
