package studio.queryset.app.document;

import studio.queryset.design.text.ExportPreview;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.queryset.codegen.ExportOptions;
import studio.queryset.codegen.ExportOptions.Flavour;
import studio.queryset.codegen.GeneratedCode;
import studio.queryset.sample.SampleGallery;
import studio.queryset.django.DjangoParser;
import studio.queryset.schema.ModelsPyImporter;
import studio.queryset.schema.Schema;
import studio.queryset.sql.Dialect;

/**
 * What the export dialog and the Java tab show, taken through the model the dialog uses: for the samples
 * gallery, every Java preview compiles without a diagnostic; refusals are sentences, names are remembered.
 */
class ExportDialogModelTest {
    static Schema schema;
    static List<SampleGallery.Sample> samples;

    @BeforeAll
    static void load() throws Exception {
        schema = ModelsPyImporter.importFile(Path.of("sample-db/blog/models.py"), null);
        samples = SampleGallery.load(schema);
    }

    private static ExportDialogModel dialog(SampleGallery.Sample s, Flavour flavour) {
        ExportDialogModel m = new ExportDialogModel(schema, dialectOf(s), s.design().query(), s.design().name(),
                s.design().exportOptions());
        m.flavourProperty().set(flavour);
        return m;
    }

    private static Dialect dialectOf(SampleGallery.Sample s) {
        return s.requires() == null ? Dialect.SQLITE : s.requires();
    }

    @Test
    void everySamplesJavaCompilesInBothFlavours(@TempDir Path dir) throws Exception {
        for (Flavour flavour : List.of(Flavour.JAVA_JDBC, Flavour.JAVA_API)) {
            Map<String, String> sources = new LinkedHashMap<>();
            List<String> refused = new ArrayList<>();
            for (SampleGallery.Sample s : samples) {
                ExportDialogModel m = dialog(s, flavour);
                // one package per sample: the classes' derived names cannot clash
                m.packageNameProperty().set("samples." + s.id().replace('-', '_'));
                ExportPreview p = m.preview();
                if (!p.ok()) {
                    assertThat(p.error()).as(s.id()).isNotBlank().doesNotContain("Exception");
                    refused.add(s.id());
                    continue;
                }
                assertThat(p.exported().fileName()).isEqualTo(m.classNameProperty().get() + ".java");
                sources.put(m.packageNameProperty().get() + "." + m.classNameProperty().get(), p.exported().source());
                for (var companion : p.exported().companions()) { // the API export's BlogSchema
                    sources.put(m.packageNameProperty().get() + "." + companion.fileName().replace(".java", ""),
                            companion.source());
                }
            }
            // refusals are listed so that a new one shows up here, not only in the window
            assertThat(refused).as(flavour + " refused").containsExactlyElementsOf(flavour == Flavour.JAVA_JDBC
                    ? List.of() : List.of());
            assertThat(sources).as(flavour.id()).hasSize(samples.size() - refused.size()
                    + (flavour == Flavour.JAVA_API ? samples.size() : 0));
            GeneratedCode.compile(sources, Files.createDirectories(dir.resolve(flavour.id())));
        }
    }

    @Test
    void theJavaTabShowsTheDialogsPlainJdbcClass() {
        SampleGallery.Sample s = samples.get(0);
        ExportDialogModel m = dialog(s, Flavour.JAVA_JDBC);
        String tab = ExportPreview.javaTab(schema, Dialect.SQLITE, s.design().exportOptions(), s.design().name(),
                s.design().query());
        assertThat(tab).isEqualTo(m.preview().exported().source()).contains("public final class ")
                .doesNotContain("DjangoParser");
    }

    @Test
    void namesDefaultFromTheDesignAndOnlyChangesAreRemembered() {
        var qs = DjangoParser.parse("Post.objects.filter(view_count__gte=100).order_by(\"id\")", schema);
        ExportDialogModel m = new ExportDialogModel(schema, Dialect.SQLITE, qs, "popular posts",
                ExportOptions.DERIVED);
        assertThat(m.packageNameProperty().get()).isEqualTo("blog");
        assertThat(m.classNameProperty().get()).isEqualTo("PopularPosts");
        assertThat(m.methodNameProperty().get()).isEqualTo("findPosts");
        assertThat(m.options()).isEqualTo(ExportOptions.DERIVED);

        m.methodNameProperty().set("popular");
        m.packageNameProperty().set("com.example.blog");
        assertThat(m.preview().exported().source()).startsWith("package com.example.blog;\n")
                .contains("public static List<PostRow> popular(Connection connection)");
        assertThat(m.options()).isEqualTo(new ExportOptions(null, "com.example.blog", null, "popular"));

        m.flavourProperty().set(Flavour.PYTHON);
        assertThat(m.classNameProperty().get()).isEqualTo("PopularPosts");
        assertThat(m.preview().exported().fileName()).isEqualTo("popular_posts.py");

        ExportDialogModel again = new ExportDialogModel(schema, Dialect.SQLITE, qs, "popular posts", m.options());
        assertThat(again.flavourProperty().get()).isEqualTo(Flavour.PYTHON);
        assertThat(again.methodNameProperty().get()).isEqualTo("popular");
        assertThat(again.packageNameProperty().get()).isEqualTo("com.example.blog");
    }

    @Test
    void aRefusalIsAMessageNotAnException() {
        var qs = DjangoParser.parse("Post.objects.order_by(\"id\")", schema);
        ExportDialogModel m = new ExportDialogModel(schema, Dialect.SQLITE, qs, "x", ExportOptions.DERIVED);
        m.classNameProperty().set("class");
        assertThat(m.preview().ok()).isFalse();
        assertThat(m.preview().error()).isEqualTo("'class' is not a Java class name");
        m.flavourProperty().set(Flavour.JAVA_API);
        assertThat(m.preview().error()).isEqualTo("'class' is not a Java class name");
        m.classNameProperty().set("Posts");
        m.methodNameProperty().set("new");
        assertThat(m.preview().error()).contains("'new' cannot be a method name");
    }

    @Test
    void saveWritesTheClassFileAndReplacesOnlyWhenAsked(@TempDir Path dir) throws Exception {
        var qs = DjangoParser.parse("Author.objects.count()", schema);
        ExportDialogModel m = new ExportDialogModel(schema, Dialect.SQLITE, qs, "Untitled", ExportOptions.DERIVED);
        Path target = m.target(dir);
        assertThat(target.getFileName().toString()).isEqualTo("BlogQueries.java");
        m.save(target);
        assertThat(Files.readString(target)).isEqualTo(m.preview().exported().source());
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(target); // no temp file left behind
        }
    }

    @Test
    void theDatetimeTypeIsAnOptionOfTheJavaExportsThatCompilesAndIsRemembered(@TempDir Path dir) throws Exception {
        var qs = DjangoParser.parse("Comment.objects.filter(created_at__gte=Param(\"since\"))"
                + ".values(\"id\", \"created_at\")", schema);
        ExportDialogModel m = new ExportDialogModel(schema, Dialect.POSTGRESQL, qs, "Recent", null);
        assertThat(m.dateTimesProperty().get()).isEqualTo(ExportOptions.DateTimes.LOCAL);
        assertThat(m.preview().exported().source()).contains("LocalDateTime since").doesNotContain("OffsetDateTime since");
        assertThat(m.options().dateTimes()).as("not chosen: follows the default").isNull();

        m.dateTimesProperty().set(ExportOptions.DateTimes.OFFSET);
        String jdbc = m.preview().exported().source();
        assertThat(jdbc).contains("OffsetDateTime since", "resultSet.getObject(2, OffsetDateTime.class)");
        assertThat(m.options().dateTimes()).isEqualTo(ExportOptions.DateTimes.OFFSET);
        GeneratedCode.compile(Map.of("blog.Recent", jdbc), dir.resolve("jdbc"));

        m.flavourProperty().set(Flavour.JAVA_API);
        m.dateTimesProperty().set(ExportOptions.DateTimes.INSTANT);
        var api = m.preview().exported();
        assertThat(api.source()).contains("Instant since", "Row.utc(since)", "Row.asInstant(");
        Map<String, String> sources = new LinkedHashMap<>();
        sources.put("blog.Recent", api.source());
        api.companions().forEach(c -> sources.put("blog." + c.fileName().replace(".java", ""), c.source()));
        GeneratedCode.compile(sources, dir.resolve("api"));

        m.flavourProperty().set(Flavour.PYTHON);
        assertThat(m.preview().ok()).as("Python has its own datetimes: the choice is left aside").isTrue();
        ExportDialogModel again = new ExportDialogModel(schema, Dialect.POSTGRESQL, qs, "Recent", m.options());
        assertThat(again.dateTimesProperty().get()).isEqualTo(ExportOptions.DateTimes.INSTANT);
    }
}
