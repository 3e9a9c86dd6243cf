package studio.queryset.run;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import studio.queryset.sql.Dialect;

/**
 * The session time zone at UTC for work on a connection the caller owns, as Django's connections are (with
 * USE_TZ=False, TIME_ZONE='UTC'), and the caller's zone back afterwards. PostgreSQL's driver gives a session the
 * JVM's zone, and date parts, truncations and bound datetimes are taken in it: without this, rows would depend
 * on where the program runs. SQLite keeps datetimes as text and has no session zone.
 */
public final class SessionTimeZone {
    /** In a transaction a failure aborted, nothing runs; the caller's rollback undoes the change anyway. */
    private static final String IN_FAILED_TRANSACTION = "25P02";
    /** Marks a MariaDB zone ({@code @@session.time_zone}, e.g. SYSTEM or +01:00) in the value handed back. */
    private static final String MARIADB_PREFIX = "mariadb:";

    private SessionTimeZone() {
    }

    /** Sets the session's zone to UTC (PostgreSQL, MariaDB); returns the zone to {@link #restore}, null when none. */
    public static String atUtc(Connection conn, Dialect dialect) {
        return switch (dialect) {
            case SQLITE -> null; // datetimes are text; there is no session zone
            case POSTGRESQL -> postgresAtUtc(conn);
            case MARIADB -> mariadbAtUtc(conn);
        };
    }

    private static String postgresAtUtc(Connection conn) {
        try (PreparedStatement st = conn.prepareStatement(
                "SELECT current_setting('TimeZone'), set_config('TimeZone', 'UTC', false)");
             ResultSet rs = st.executeQuery()) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw Connections.translate(e);
        }
    }

    /** MariaDB's CURRENT_TIMESTAMP, NOW() and CONVERT_TZ follow the session zone; datetime(6) columns do not. */
    private static String mariadbAtUtc(Connection conn) {
        try (PreparedStatement st = conn.prepareStatement("SELECT @@session.time_zone");
             ResultSet rs = st.executeQuery()) {
            rs.next();
            String zone = rs.getString(1);
            try (PreparedStatement set = conn.prepareStatement("SET time_zone = '+00:00'")) {
                set.execute();
            }
            return MARIADB_PREFIX + zone;
        } catch (SQLException e) {
            throw Connections.translate(e);
        }
    }

    /** Puts back the zone {@link #atUtc} returned. */
    public static void restore(Connection conn, String zone) {
        if (zone == null || zone.equals("UTC") || zone.equals(MARIADB_PREFIX + "+00:00")) {
            return;
        }
        if (zone.startsWith(MARIADB_PREFIX)) {
            try (PreparedStatement st = conn.prepareStatement("SET time_zone = ?")) {
                st.setString(1, zone.substring(MARIADB_PREFIX.length()));
                st.execute();
            } catch (SQLException e) {
                throw Connections.translate(e);
            }
            return;
        }
        try (PreparedStatement st = conn.prepareStatement("SELECT set_config('TimeZone', ?, false)")) {
            st.setString(1, zone);
            st.execute();
        } catch (SQLException e) {
            if (!IN_FAILED_TRANSACTION.equals(e.getSQLState())) {
                throw Connections.translate(e);
            }
        }
    }
}
