package studio.queryset.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.queryset.schema.Model;
import studio.queryset.schema.ModelsPyImporter;
import studio.queryset.schema.Schema;

/**
 * The schema written as Java ({@code BlogSchema}) compiles cleanly and builds exactly the schema models.py
 * imports to: every model, field, relation (related names, through tables, on_delete), default and ordering,
 * and so the same reverse relations.
 */
class SchemaGeneratorTest {
    private static final List<String> MODELS = List.of("sample-db/blog/models.py", "differential/shop/models.py",
            "differential/club/models.py");

    @Test
    void generatedSchemasBuildTheImportedSchemas(@TempDir Path dir) throws Exception {
        Map<String, String> sources = new LinkedHashMap<>();
        List<Schema> imported = new ArrayList<>();
        for (String file : MODELS) {
            Schema schema = ModelsPyImporter.importFile(GeneratedJdbcCompilesAndRunsTest.projectDir().resolve(file),
                    null);
            imported.add(schema);
            String app = schema.models().iterator().next().appLabel();
            String cls = SchemaGenerator.className(app);
            String source = new SchemaGenerator(schema).generate("gen.schema." + app, cls);
            assertThat(GeneratedCode.styleProblems(cls, source)).as(source).isEmpty();
            sources.put("gen.schema." + app + "." + cls, source);
        }
        ClassLoader loader = GeneratedCode.compile(sources, dir);
        int i = 0;
        for (String cls : sources.keySet()) {
            Schema built = (Schema) loader.loadClass(cls).getField("SCHEMA").get(null);
            Schema expected = imported.get(i++);
            assertThat(new ArrayList<>(built.models())).as(cls).isEqualTo(new ArrayList<>(expected.models()));
            for (Model m : expected.models()) {
                assertThat(built.reverseRelations(m)).as(cls + " reverse relations of " + m.name())
                        .isEqualTo(expected.reverseRelations(m));
            }
        }
        assertThat(sources).containsKey("gen.schema.blog.BlogSchema");
    }

    @Test
    void proxyModelsKeepTheirConcreteModelsReverseRelations(@TempDir Path dir) throws Exception {
        Path models = dir.resolve("shop").resolve("models.py");
        java.nio.file.Files.createDirectories(models.getParent());
        java.nio.file.Files.writeString(models, """
                from django.db import models

                class Customer(models.Model):
                    name = models.CharField(max_length=50)

                class VipCustomer(Customer):
                    class Meta:
                        proxy = True

                class Order(models.Model):
                    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="orders")
                """);
        Schema expected = ModelsPyImporter.importFile(models, null);
        assertThat(expected.proxies()).isNotEmpty();
        String source = new SchemaGenerator(expected).generate("gen.proxy", "ShopSchema");
        assertThat(GeneratedCode.styleProblems("ShopSchema", source)).as(source).isEmpty();
        ClassLoader loader = GeneratedCode.compile(Map.of("gen.proxy.ShopSchema", source), dir.resolve("out"));
        Schema built = (Schema) loader.loadClass("gen.proxy.ShopSchema").getField("SCHEMA").get(null);
        assertThat(built.proxies()).isEqualTo(expected.proxies());
        Model vip = built.findModel("VipCustomer").orElseThrow();
        assertThat(built.reverseRelations(vip)).isEqualTo(expected.reverseRelations(
                expected.findModel("VipCustomer").orElseThrow())).isNotEmpty();
    }
}
