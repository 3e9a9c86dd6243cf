package studio.queryset.sql;

import java.util.Locale;
import studio.queryset.sql.dialect.DialectOps;

/**
 * The databases the compiler writes for. What differs between them lives in their {@link DialectOps}; this
 * enum is only the name that is saved, switched in the GUI and read from a JDBC URL.
 */
public enum Dialect {
    SQLITE, POSTGRESQL, MARIADB;

    /** Looked up once: the compiler asks for it for nearly every identifier. */
    private DialectOps ops;

    public DialectOps ops() {
        DialectOps o = ops;
        if (o == null) {
            o = DialectOps.of(this);
            ops = o;
        }
        return o;
    }

    public String quote(String identifier) {
        return ops().quote(identifier);
    }

    public String displayName() {
        return ops().displayName();
    }

    public static Dialect fromJdbcUrl(String url) {
        if (url.startsWith("jdbc:sqlite:")) {
            return SQLITE;
        }
        if (url.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        if (url.startsWith("jdbc:mariadb:") || url.startsWith("jdbc:mysql:")) {
            return MARIADB;
        }
        throw new IllegalArgumentException("Unsupported database URL '" + url
                + "'. Use jdbc:sqlite:FILE, jdbc:postgresql://HOST:PORT/DB?user=... or "
                + "jdbc:mariadb://HOST:PORT/DB?user=...");
    }

    public static Dialect parse(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "sqlite", "sqlite3" -> SQLITE;
            case "postgresql", "postgres", "pg" -> POSTGRESQL;
            case "mariadb", "mysql" -> MARIADB;
            default -> throw new IllegalArgumentException("Unknown dialect '" + name
                    + "'. Valid: sqlite, postgresql, mariadb");
        };
    }
}
