package studio.queryset.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import studio.queryset.django.DjangoParser;
import studio.queryset.schema.ModelsPyImporter;
import studio.queryset.schema.Schema;
import studio.queryset.sql.Dialect;
import studio.queryset.support.PostgresSupport;

/**
 * PostgreSQL timestamps read as the session's wall time whatever the JVM's zone, by every route the runner reads
 * rows (streamed, fetched, raw() columns the model does not know), over the text and the binary protocol, in a UTC
 * session and in one that is not: the values around DST changes, at the ends of Python's range and with every
 * kind of fraction are what the server itself renders ({@code to_char(... AT TIME ZONE session)}); infinity is
 * psycopg2's datetime.max/min and a year Python cannot hold is psycopg2's ValueError.
 */
class PostgresDateTimeReadTest {
    private static final Schema SCHEMA = ModelsPyImporter.importSource("t", """
            from django.db import models

            class Stamp(models.Model):
                at = models.DateTimeField(null=True)
                naive = models.DateTimeField(null=True)

                class Meta:
                    db_table = "stamps"
            """);
    /** Instants (UTC) around the 2021 DST changes of Europe/Paris, America/New_York and Australia/Lord_Howe. */
    private static final List<String> VALUES = List.of(
            "2021-03-28 00:59:59.999999", "2021-03-28 01:00:00", "2021-03-28 01:30:00.5", "2021-10-31 00:30:00",
            "2021-10-31 01:00:00.000001", "2021-10-31 01:59:59", "2021-03-14 06:59:59.9", "2021-03-14 07:00:00",
            "2021-11-07 05:30:00.25", "2021-11-07 06:00:00", "2021-04-03 14:45:00.123456", "2021-10-02 15:30:00",
            "0001-01-02 00:00:00", "9999-12-31 23:59:59.999999", "1582-10-10 12:00:00", "1900-01-01 00:00:00.1",
            "1969-12-31 23:59:59.999999", "1970-01-01 00:00:00", "2038-01-19 03:14:08");
    private static final String WALL = "'YYYY-MM-DD\"T\"HH24:MI:SS.US'";

    private Connection admin;
    private String schema;
    private TimeZone jvmZone;

    @BeforeEach
    void createTable() throws SQLException {
        admin = PostgresSupport.connectOrSkip();
        schema = PostgresSupport.createTempSchema(admin, "qss_runtime_ts");
        try (Statement st = admin.createStatement()) {
            st.execute("CREATE TABLE " + table() + " (id int PRIMARY KEY, at timestamptz, naive timestamp)");
            int id = 0;
            for (String v : VALUES) {
                id++;
                st.execute("INSERT INTO " + table() + " VALUES (" + id + ", '" + v + "+00', '" + v + "')");
            }
            st.execute("INSERT INTO " + table() + " VALUES (" + (++id) + ", NULL, NULL)");
        }
        jvmZone = TimeZone.getDefault();
        // neither the session's UTC nor the zone the non-UTC session uses
        TimeZone.setDefault(TimeZone.getTimeZone("Australia/Lord_Howe"));
    }

    @AfterEach
    void drop() throws SQLException {
        TimeZone.setDefault(jvmZone);
        if (admin != null) {
            PostgresSupport.dropSchema(admin, schema);
            admin.close();
        }
    }

    private String table() {
        return PostgresSupport.quote(schema) + ".stamps";
    }

    /** {@code sessionZone} null: the UTC session Connections opens. */
    private Connection open(boolean binary, String sessionZone) throws SQLException {
        String url = PostgresSupport.url();
        // prepareThreshold=-1: every statement server-prepared, results in the binary protocol
        url += (url.contains("?") ? "&" : "?") + "prepareThreshold=" + (binary ? "-1" : "0");
        Connection conn = Connections.open(url, false);
        try (Statement st = conn.createStatement()) {
            st.execute("SET search_path TO " + PostgresSupport.quote(schema));
            if (sessionZone != null) {
                st.execute("SET TIME ZONE '" + sessionZone + "'");
            }
        }
        return conn;
    }

    /** What the server renders for each row in {@code zone}: id → [at, naive]. */
    private Map<Long, List<LocalDateTime>> serverWallTimes(String zone) throws SQLException {
        Map<Long, List<LocalDateTime>> out = new LinkedHashMap<>();
        try (Statement st = admin.createStatement(); ResultSet rs = st.executeQuery("SELECT id, to_char(at AT TIME "
                + "ZONE '" + zone + "', " + WALL + "), to_char(naive, " + WALL + ") FROM " + table() + " ORDER BY id")) {
            while (rs.next()) {
                List<LocalDateTime> row = new ArrayList<>();
                row.add(rs.getString(2) == null ? null : LocalDateTime.parse(rs.getString(2)));
                row.add(rs.getString(3) == null ? null : LocalDateTime.parse(rs.getString(3)));
                out.put(rs.getLong(1), row);
            }
        }
        return out;
    }

    private static Evaluation eval(Connection conn, String text, List<Object> streamed) {
        Engine engine = new Engine(SCHEMA, conn, Dialect.POSTGRESQL);
        return engine.evaluate(text, DjangoParser.parse(text, SCHEMA), Executor.WriteMode.DENY,
                streamed == null ? null : streamed::add);
    }

    @SuppressWarnings("unchecked")
    private static Map<Long, List<LocalDateTime>> read(Connection conn, String text, boolean stream, String atKey) {
        List<Object> streamed = stream ? new ArrayList<>() : null;
        Evaluation ev = eval(conn, text, streamed);
        assertThat(ev.errorMessage()).isNull();
        List<Object> rows = stream ? streamed : (List<Object>) ev.result();
        Map<Long, List<LocalDateTime>> out = new LinkedHashMap<>();
        for (Object o : rows) {
            Map<String, Object> row = (Map<String, Object>) o;
            List<LocalDateTime> values = new ArrayList<>();
            values.add((LocalDateTime) row.get(atKey));
            if (row.containsKey("naive")) {
                values.add((LocalDateTime) row.get("naive"));
            }
            out.put((Long) row.get("id"), values);
        }
        return out;
    }

    @ParameterizedTest(name = "binary protocol: {0}")
    @ValueSource(booleans = {false, true})
    void everyRouteReadsTheSessionsWallTime(boolean binary) throws SQLException {
        for (String sessionZone : new String[]{null, "America/New_York", "UTC+3", "+05:30", "EST5EDT"}) {
            Map<Long, List<LocalDateTime>> expected = serverWallTimes(sessionZone == null ? "UTC" : sessionZone);
            try (Connection conn = open(binary, sessionZone)) {
                String qs = "Stamp.objects.order_by(\"id\")";
                String why = "session " + (sessionZone == null ? "UTC" : sessionZone) + ", binary " + binary;
                // several times: pgjdbc switches a statement to the server-prepared form after a few runs
                for (int run = 0; run < 6; run++) {
                    assertThat(read(conn, qs, true, "at")).as("streamed, " + why).isEqualTo(expected);
                    assertThat(read(conn, qs, false, "at")).as("fetched, " + why).isEqualTo(expected);
                }
                Map<Long, List<LocalDateTime>> untyped = new LinkedHashMap<>();
                expected.forEach((id, v) -> untyped.put(id, v.subList(0, 1)));
                assertThat(read(conn, "Stamp.objects.raw(\"SELECT id, at AS other FROM stamps ORDER BY id\")", false,
                        "other")).as("raw() column outside the model, " + why).isEqualTo(untyped);
            }
        }
    }

    @ParameterizedTest(name = "binary protocol: {0}")
    @ValueSource(booleans = {false, true})
    void infinityIsPythonsLargestAndSmallestDatetime(boolean binary) throws SQLException {
        try (Statement st = admin.createStatement()) {
            st.execute("DELETE FROM " + table());
            st.execute("INSERT INTO " + table() + " VALUES (1, 'infinity', 'infinity'), (2, '-infinity', '-infinity')");
        }
        LocalDateTime max = LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_000);
        LocalDateTime min = LocalDateTime.of(1, 1, 1, 0, 0);
        Map<Long, List<LocalDateTime>> expected = Map.of(1L, List.of(max, max), 2L, List.of(min, min));
        for (String sessionZone : new String[]{null, "Europe/Paris"}) {
            try (Connection conn = open(binary, sessionZone)) {
                assertThat(read(conn, "Stamp.objects.order_by(\"id\")", true, "at")).isEqualTo(expected);
                assertThat(read(conn, "Stamp.objects.order_by(\"id\")", false, "at")).isEqualTo(expected);
            }
        }
    }

    @ParameterizedTest(name = "binary protocol: {0}")
    @ValueSource(booleans = {false, true})
    void aYearPythonCannotHoldIsAValueErrorNamingTheColumn(boolean binary) throws SQLException {
        String[][] cases = {
            {"'0044-03-15 12:00:00+00 BC'", "NULL", "year 44 BC", "at"},
            {"NULL", "'0001-12-31 23:00:00 BC'", "year 1 BC", "naive"},
            {"'10000-01-01 00:00:00+00'", "NULL", "year 10000", "at"},
            {"NULL", "'294276-12-31 23:59:59.999999'", "year 294276", "naive"},
        };
        for (String[] c : cases) {
            try (Statement st = admin.createStatement()) {
                st.execute("DELETE FROM " + table());
                st.execute("INSERT INTO " + table() + " VALUES (1, " + c[0] + ", " + c[1] + ")");
            }
            for (String sessionZone : new String[]{null, "Europe/Paris"}) {
                try (Connection conn = open(binary, sessionZone)) {
                    for (boolean stream : new boolean[]{true, false}) {
                        Evaluation ev = eval(conn, "Stamp.objects.all()", stream ? new ArrayList<>() : null);
                        assertThat(ev.errorKind()).as(c[2]).isEqualTo("ValueError");
                        assertThat(ev.errorMessage()).contains(c[2] + " is out of range").contains("column " + c[3]);
                    }
                }
            }
        }
    }
}
