package studio.queryset.design;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.queryset.django.DjangoParser;
import studio.queryset.query.QueryException;
import studio.queryset.schema.ModelsPyImporter;
import studio.queryset.schema.Schema;
import studio.queryset.sql.Dialect;

/** Design files: a committed version 1 file migrates to version 2 on open; version 2 keeps types and dialect. */
class DesignFileMigrationTest {
    static final Path V1 = Path.of("src/test/resources/design/v1-popular-since.qsdesign");
    static Schema schema;

    @BeforeAll
    static void load() throws Exception {
        schema = ModelsPyImporter.importFile(Path.of("sample-db/blog/models.py"), null);
    }

    @Test
    void aVersion1FileOpensMigrated() throws Exception {
        DesignFile.Loaded loaded = DesignFile.load(V1, schema);

        assertThat(loaded.fileVersion()).isEqualTo(1);
        assertThat(loaded.wasMigrated()).isTrue();
        assertThat(loaded.dialect()).isNull();
        Design d = loaded.design();
        assertThat(d.name()).isEqualTo("Popular posts since a date");
        assertThat(d.query()).isEqualTo(DjangoParser.parse("Post.objects.filter(published_at__date__gte="
                + "Param(\"since\"), view_count__gt=Param(\"views\")).select_related(\"author\")"
                + ".order_by(\"-view_count\")[:10]", schema));
        assertThat(d.positions()).containsExactly(Map.entry("s0", new Point(40.0, 60.5)),
                Map.entry("s0.a0", new Point(40.0, 220.0)));
        // version 1 kept bare JSON values: the date stays text, numbers and booleans keep their JSON type
        assertThat(d.params()).containsExactly(Map.entry("since", "2024-01-31"), Map.entry("views", 100L),
                Map.entry("ratio", new BigDecimal("0.25")), Map.entry("featured", true));
        assertThat(d.notes()).isEqualTo("Saved by QuerySet Studio before design file version 2.");
    }

    @Test
    void savingAMigratedDesignWritesVersion2(@TempDir Path dir) throws Exception {
        Design d = DesignFile.read(V1, schema);
        Path out = dir.resolve("popular.qsdesign");
        DesignFile.write(out, d, Dialect.POSTGRESQL);

        JsonNode json = new ObjectMapper().readTree(Files.readString(out));
        assertThat(json.path("version").asInt()).isEqualTo(2);
        assertThat(json.has("django")).as("v1's top-level query is gone").isFalse();
        assertThat(json.path("query").path("dialect").asText()).isEqualTo("postgresql");
        assertThat(json.path("query").path("django").asText()).startsWith("Post.objects.filter(");
        assertThat(json.path("canvas").path("positions").path("s0.a0").path("y").asDouble()).isEqualTo(220.0);
        assertThat(json.path("params").path("views").path("type").asText()).isEqualTo("integer");
        assertThat(json.path("params").path("ratio").path("value").asText()).isEqualTo("0.25");

        DesignFile.Loaded again = DesignFile.load(out, schema);
        assertThat(again.fileVersion()).isEqualTo(2);
        assertThat(again.wasMigrated()).isFalse();
        assertThat(again.dialect()).isEqualTo(Dialect.POSTGRESQL);
        assertThat(again.design()).isEqualTo(d);
    }

    @Test
    void version2KeepsParameterTypes(@TempDir Path dir) throws Exception {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("since", LocalDate.of(2024, 1, 31));
        params.put("at", LocalDateTime.of(2024, 2, 1, 9, 30));
        params.put("price", new BigDecimal("19.990"));
        params.put("author", null);
        params.put("q", "django");
        Design d = DesignFile.read(V1, schema).withParams(params);
        Path out = dir.resolve("typed.qsdesign");
        DesignFile.write(out, d);
        Design back = DesignFile.read(out, schema);
        assertThat(back.params()).isEqualTo(params);
        assertThat(back.params().get("since")).isInstanceOf(LocalDate.class);
        assertThat(DesignFile.load(out, schema).dialect()).isNull();
    }

    @Test
    void unknownVersionsAndTypesAreClearErrors() {
        assertThatThrownBy(() -> DesignFile.fromJson("{\"format\": \"queryset-studio-design\", \"version\": 3}",
                schema)).isInstanceOf(QueryException.class)
                .hasMessage("this design was written by a newer QuerySet Studio (format version 3; this one reads "
                        + "versions 1 to 2)");
        assertThatThrownBy(() -> DesignFile.fromJson("{\"format\": \"queryset-studio-design\"}", schema))
                .hasMessageContaining("no valid \"version\"");
        assertThatThrownBy(() -> DesignFile.fromJson("{\"format\": \"queryset-studio-design\", \"version\": 2, "
                + "\"query\": {\"django\": \"Post.objects.all()\", \"dialect\": \"oracle\"}}", schema))
                .hasMessageContaining("unknown dialect \"oracle\"").hasMessageContaining("\"postgresql\"");
        assertThatThrownBy(() -> DesignFile.fromJson("{\"format\": \"queryset-studio-design\", \"version\": 2, "
                + "\"query\": {\"django\": \"Post.objects.all()\"}, \"params\": {\"d\": {\"type\": \"date\", "
                + "\"value\": \"31/01/2024\"}}}", schema)).hasMessage("parameter \"d\": \"31/01/2024\" is not a date");
    }
}
