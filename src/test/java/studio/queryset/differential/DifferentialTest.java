package studio.queryset.differential;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import studio.queryset.django.DjangoParser;
import studio.queryset.query.QueryException;
import studio.queryset.run.Engine;
import studio.queryset.run.Evaluation;
import studio.queryset.run.Executor;
import studio.queryset.run.ResultJson;
import studio.queryset.schema.ModelsPyImporter;
import studio.queryset.schema.Schema;
import studio.queryset.sql.Dialect;
import studio.queryset.support.MariaDbSupport;
import studio.queryset.support.PostgresSupport;

/**
 * Runs every expression Django 3.2 answered (differential/expressions.txt, recorded by differential/record.py)
 * through eval's code path on SQLite and PostgreSQL and compares with Django's result. Mismatches we know of
 * are listed, each with its reason, in known-mismatches.txt; any other mismatch fails, and so does a listed
 * one that has started to match (so the list stays true).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DifferentialTest {
    /** The recorded app: its models.py under differential/, its files under /differential/{@link #dir()}. */
    String app() {
        return "shop";
    }

    String dir() {
        return "";
    }

    /** shop's fixture has names unique only by case (Category "Alpha"/"alpha"): recorded with utf8mb4_bin. */
    String mariadbCollation() {
        return "utf8mb4_bin";
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private Schema schema;
    private Map<String, String> known;
    private Path sqliteFile;
    private Connection pg;
    private String pgSchema;
    private Connection mariadbAdmin;
    private String mariadbDatabase;

    @BeforeAll
    void setUp() throws Exception {
        Path models = Path.of(System.getenv().getOrDefault("QSS_PROJECT_DIR", "."), "differential", app(),
                "models.py");
        schema = ModelsPyImporter.importFile(models, null);
        known = knownMismatches();
    }

    @AfterAll
    void tearDown() throws Exception {
        if (sqliteFile != null) {
            Files.deleteIfExists(sqliteFile);
        }
        if (pg != null) {
            PostgresSupport.dropSchema(pg, pgSchema);
            pg.close();
        }
        if (mariadbAdmin != null) {
            MariaDbSupport.dropDatabase(mariadbAdmin, mariadbDatabase);
            mariadbAdmin.close();
        }
    }

    @Test
    void sqliteAnswersMatchDjango() throws Exception {
        sqliteFile = Files.createTempFile("qss-differential", ".sqlite3");
        try (Connection setup = DriverManager.getConnection("jdbc:sqlite:" + sqliteFile)) {
            DifferentialFixture.load(setup, Dialect.SQLITE, schema, dir());
        }
        try (Connection conn = studio.queryset.run.Connections.open("jdbc:sqlite:" + sqliteFile, true)) {
            compareAll(conn, Dialect.SQLITE, "expected.sqlite.jsonl");
        }
    }

    @Test
    void postgresqlAnswersMatchDjango() throws Exception {
        pg = PostgresSupport.connectOrSkip();
        pgSchema = PostgresSupport.createTempSchema(pg, "qss_diff_" + app());
        try (var st = pg.createStatement()) {
            st.execute("SET search_path TO " + pgSchema);
            st.execute("SET TIME ZONE 'UTC'");
        }
        DifferentialFixture.load(pg, Dialect.POSTGRESQL, schema, dir());
        compareAll(pg, Dialect.POSTGRESQL, "expected.postgresql.jsonl");
    }

    @Test
    void mariadbAnswersMatchDjango() throws Exception {
        mariadbAdmin = MariaDbSupport.connectOrSkip();
        mariadbDatabase = MariaDbSupport.createTempDatabase(mariadbAdmin, "qss_diff_" + app(), mariadbCollation());
        // the product's own connection: UTC session, Connector/J defaults as Django's MySQLdb has them
        try (Connection conn = studio.queryset.run.Connections.open(MariaDbSupport.url(mariadbDatabase), true)) {
            DifferentialFixture.load(conn, Dialect.MARIADB, schema, dir());
            compareAll(conn, Dialect.MARIADB, "expected.mariadb.jsonl");
        }
    }

    private void compareAll(Connection conn, Dialect dialect, String expectedFile) throws IOException {
        Engine engine = new Engine(schema, conn, dialect);
        String prefix = dialect.name().toLowerCase(java.util.Locale.ROOT);
        List<String> report = new ArrayList<>();
        List<String> unexpected = new ArrayList<>();
        int matched = 0;
        int total = 0;
        for (String line : DifferentialFixture.resource(dir() + expectedFile).split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            total++;
            JsonNode expected = JSON.readTree(line);
            String expr = expected.get("expr").asText();
            String problem = compare(engine, expected, expr);
            String knownReason = known.get(prefix + " " + expr);
            if (knownReason == null && dialect != Dialect.MARIADB) { // "both": SQLite and PostgreSQL
                knownReason = known.get("both " + expr);
            }
            if (problem == null) {
                matched++;
                if (knownReason != null) {
                    unexpected.add("now matches, remove from known-mismatches.txt: " + expr);
                }
            } else {
                report.add(expr + "\n    " + problem + (knownReason != null ? "\n    known: " + knownReason : ""));
                if (knownReason == null) {
                    unexpected.add(expr + "\n    " + problem);
                }
            }
        }
        Path out = Path.of("target", "differential-" + (dir().isEmpty() ? "" : app() + "-") + prefix + ".txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, matched + " of " + total + " match Django 3.2 on " + dialect.displayName() + "\n\n"
                + String.join("\n", report) + "\n");
        System.out.println("[differential " + app() + "] " + dialect.displayName() + ": " + matched + " of " + total
                + " expressions match Django 3.2 (details: " + out + ")");
        assertThat(unexpected).as("mismatches with Django not listed in known-mismatches.txt").isEmpty();
    }

    /** Null when our answer is Django's, else what differs. */
    private String compare(Engine engine, JsonNode expected, String expr) {
        Evaluation ev;
        try {
            ev = engine.evaluate(expr, DjangoParser.parse(expr, schema), Executor.WriteMode.ROLLBACK);
        } catch (QueryException e) {
            ev = new Evaluation(expr, null, List.of(), e.kind(), e.getMessage(), e);
        }
        if (expected.has("error")) {
            String kind = expected.get("error").get("kind").asText();
            if (!ev.failed()) {
                return "Django raised " + kind + ": " + expected.get("error").get("message").asText()
                        + "\n    we returned " + abbreviate(ResultJson.toJson(ev.result()).toString());
            }
            return kind.equals(ev.errorKind()) ? null : "Django raised " + kind + ", we raised " + ev.errorKind()
                    + ": " + ev.errorMessage();
        }
        if (ev.failed()) {
            return "we raised " + ev.errorKind() + ": " + ev.errorMessage();
        }
        JsonNode ours = ResultJson.toJson(ev.result());
        if (expected.has("queries") && expected.get("queries").asInt() != ev.statements().size()) {
            return "Django ran " + expected.get("queries").asInt() + " queries, we ran " + ev.statements().size()
                    + ": " + ev.statements().stream().map(s -> s.sql()).toList();
        }
        boolean ordered = !expected.has("ordered") || expected.get("ordered").asBoolean(true);
        String diff = JsonCompare.diff(expected.get("result"), ours, ordered, "$");
        return diff == null ? null : diff + "\n    django: " + abbreviate(expected.get("result").toString())
                + "\n    ours:   " + abbreviate(ours.toString());
    }

    private static String abbreviate(String s) {
        return s.length() > 400 ? s.substring(0, 400) + "..." : s;
    }

    private Map<String, String> knownMismatches() throws IOException {
        Map<String, String> m = new LinkedHashMap<>();
        for (String line : DifferentialFixture.resource(dir() + "known-mismatches.txt").split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            // format: <sqlite|postgresql|mariadb|both> <expr>  ## <reason> (both: SQLite and PostgreSQL)
            int sep = line.indexOf("  ## ");
            String key = sep < 0 ? line.strip() : line.substring(0, sep).strip();
            m.put(key, sep < 0 ? "(no reason given)" : line.substring(sep + 5).strip());
        }
        return m;
    }
}
