package studio.queryset.design;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import studio.queryset.codegen.ExportOptions;
import studio.queryset.django.DjangoParser;
import studio.queryset.query.QueryException;
import studio.queryset.schema.ModelsPyImporter;
import studio.queryset.schema.Schema;

/** The export choices a design keeps: written only when made, read back as they were, bad ones named. */
class DesignExportOptionsTest {
    static Schema schema;

    @BeforeAll
    static void load() throws Exception {
        schema = ModelsPyImporter.importFile(Path.of("sample-db/blog/models.py"), null);
    }

    private static Design design() {
        return Design.of("popular", DjangoParser.parse("Post.objects.all()", schema));
    }

    @Test
    void choicesRoundTripAndNoChoicesWriteNothing() {
        assertThat(DesignFile.toJson(design())).doesNotContain("\"export\"");
        Design d = design().withExportOptions(new ExportOptions(ExportOptions.Flavour.JAVA_API, "com.example", null,
                "popular"));
        String json = DesignFile.toJson(d);
        assertThat(json).contains("\"lang\" : \"java-api\"", "\"package\" : \"com.example\"",
                "\"method\" : \"popular\"").doesNotContain("\"class\"");
        assertThat(DesignFile.fromJson(json, schema).exportOptions()).isEqualTo(d.exportOptions());
        assertThat(d.withQuery(DjangoParser.parse("Post.objects.count()", schema)).exportOptions())
                .as("kept through edits").isEqualTo(d.exportOptions());
    }

    @Test
    void theDatetimeTypeIsKeptWithTheDesign() {
        Design d = design().withExportOptions(ExportOptions.DERIVED.withDateTimes(ExportOptions.DateTimes.INSTANT));
        String json = DesignFile.toJson(d);
        assertThat(json).contains("\"datetimes\" : \"instant\"");
        assertThat(DesignFile.fromJson(json, schema).exportOptions().dateTimesOrDefault())
                .isEqualTo(ExportOptions.DateTimes.INSTANT);
        String base = DesignFile.toJson(design()).trim();
        String bad = base.substring(0, base.length() - 1) + ", \"export\": {\"datetimes\": \"zoned\"}}";
        assertThatThrownBy(() -> DesignFile.fromJson(bad, schema)).isInstanceOf(QueryException.class)
                .hasMessageContaining("unknown datetime type 'zoned'").hasMessageContaining("local, offset, instant");
    }

    @Test
    void aBadExportSectionIsNamed() {
        String base = DesignFile.toJson(design()).trim();
        String unknown = base.substring(0, base.length() - 1) + ", \"export\": {\"klass\": \"X\"}}";
        assertThatThrownBy(() -> DesignFile.fromJson(unknown, schema)).isInstanceOf(QueryException.class)
                .hasMessageContaining("unknown key \"klass\" in \"export\"");
        String lang = base.substring(0, base.length() - 1) + ", \"export\": {\"lang\": \"kotlin\"}}";
        assertThatThrownBy(() -> DesignFile.fromJson(lang, schema)).isInstanceOf(QueryException.class)
                .hasMessageContaining("unknown export language 'kotlin'");
    }
}
