package studio.queryset.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * eval streams: a million rows go out in constant memory (a child JVM with a 256 MB heap), and a batch answers
 * each line before the next is read, so it can be driven line by line.
 */
class EvalStreamingTest {
    static final int ROWS = 1_000_000;

    @TempDir
    static Path dir;
    static Path db;
    static Path models;

    @BeforeAll
    static void bigDatabase() throws Exception {
        models = Files.createDirectories(dir.resolve("big")).resolve("models.py");
        Files.writeString(models, """
                from django.db import models

                class Item(models.Model):
                    name = models.CharField(max_length=50)
                    price = models.IntegerField()
                """);
        db = dir.resolve("big.sqlite3");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE big_item (id integer PRIMARY KEY, name varchar(50) NOT NULL, price integer "
                    + "NOT NULL)");
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO big_item VALUES (?, ?, ?)")) {
                for (int i = 1; i <= ROWS; i++) {
                    ps.setInt(1, i);
                    ps.setString(2, "item " + i);
                    ps.setInt(3, i % 997);
                    ps.addBatch();
                    if (i % 50_000 == 0) {
                        ps.executeBatch();
                    }
                }
            }
            c.commit();
        }
    }

    private static ProcessBuilder eval(String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), "studio.queryset.Launcher", "eval",
                "--db", "jdbc:sqlite:" + db, "--models", models.toString()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT);
    }

    @Test
    void aMillionRowsStreamWithin256MegabytesOfHeap() throws Exception {
        Path out = dir.resolve("out.json");
        Process p = eval("Item.objects.all()").redirectOutput(out.toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        long rows = 0;
        long lastId = 0;
        try (JsonParser json = new JsonFactory().createParser(out.toFile())) {
            assertThat(json.nextToken()).isEqualTo(JsonToken.START_OBJECT);
            while (json.nextToken() != JsonToken.END_OBJECT) {
                String field = json.getCurrentName();
                json.nextToken();
                if ("result".equals(field)) {
                    while (json.nextToken() == JsonToken.START_OBJECT) {
                        while (json.nextToken() != JsonToken.END_OBJECT) {
                            if ("id".equals(json.getCurrentName())) {
                                json.nextToken();
                                lastId = json.getLongValue();
                            } else {
                                json.nextToken();
                            }
                        }
                        rows++;
                    }
                } else {
                    assertThat(field).as("no error").isNotEqualTo("error");
                    json.skipChildren();
                }
            }
        }
        assertThat(rows).isEqualTo(ROWS);
        assertThat(lastId).isEqualTo(ROWS);
    }

    @Test
    void aBatchAnswersEachLineBeforeReadingTheNext() throws Exception {
        Process p = eval("--batch").start();
        ObjectMapper mapper = new ObjectMapper();
        try (Writer in = new OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8);
             BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(),
                     StandardCharsets.UTF_8))) {
            in.write("Item.objects.filter(price=3).count()\n");
            in.flush();
            JsonNode first = mapper.readTree(out.readLine()); // stdin is still open: answered line by line
            assertThat(first.get("result").asLong()).isEqualTo(1004); // 3, 1000, ..., 999994
            in.write("Item.objects.filter(pk__in=[1, 2]).values_list(\"name\", flat=True)\n");
            in.write("Item.objects.filter(nope=1)\n");
            in.close();
            JsonNode second = mapper.readTree(out.readLine());
            assertThat(second.get("result").toString()).isEqualTo("[\"item 1\",\"item 2\"]");
            assertThat(second.get("queries").get(0).get("rows").asInt()).isEqualTo(2);
            JsonNode third = mapper.readTree(out.readLine());
            assertThat(third.get("error").get("kind").asText()).isEqualTo("FieldError");
            assertThat(out.readLine()).isNull();
        }
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    }
}
