package studio.queryset.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.queryset.django.DjangoParser;
import studio.queryset.query.QuerySet;
import studio.queryset.schema.ModelsPyImporter;
import studio.queryset.schema.Schema;
import studio.queryset.sql.Dialect;
import studio.queryset.sql.SqlCompiler;

/**
 * Names and values that look like code stay data: a db_column full of quotes never closes a Java text block
 * (the generated class compiles and holds exactly the SQL the engine runs), and control characters are escapes,
 * never raw bytes, in Java and Python exports.
 */
class HostileTextExportTest {
    static final Schema SCHEMA = ModelsPyImporter.importSource("shop", """
            from django.db import models

            class Item(models.Model):
                name = models.CharField(max_length=20, db_column='a""\"";System.exit(1);/*""\""\"')
                note = models.CharField(max_length=20, db_column="b\\\\\\"")
            """, "models.py");

    @Test
    void quotesInAColumnNeverCloseTheTextBlock(@TempDir Path dir) throws Exception {
        QuerySet qs = DjangoParser.parse("Item.objects.filter(name=\"x\", note=\"\\x00\\x1b\").values(\"name\")",
                SCHEMA);
        String source = new JavaJdbcGenerator(SCHEMA, Dialect.SQLITE).generate("shop", "ItemQueries", "find", qs);
        assertThat(source).doesNotContain("\u0000").doesNotContain("\u001b");
        ClassLoader loader = GeneratedCode.compile(Map.of("shop.ItemQueries", source), dir);
        String expected = SqlCompiler.plan(SCHEMA, qs, Dialect.SQLITE).select().query().sql();
        boolean found = false;
        for (Field f : loader.loadClass("shop.ItemQueries").getDeclaredFields()) {
            if (f.getType() == String.class && java.lang.reflect.Modifier.isStatic(f.getModifiers())) {
                f.setAccessible(true);
                String sql = ((String) f.get(null)).strip().replaceAll("\\s+", " ");
                found |= sql.equals(expected.replaceAll("\\s+", " "));
            }
        }
        assertThat(found).as("a constant of the compiled class holds the SQL the engine runs:\n" + source).isTrue();
    }

    @Test
    void pythonExportEscapesControlCharacters() {
        QuerySet qs = DjangoParser.parse("Item.objects.filter(name=\"a\\x00b\\x07\")", SCHEMA);
        String py = new PythonGenerator(SCHEMA).generate(qs, "find");
        assertThat(py).doesNotContain("\u0000").doesNotContain("\u0007").contains("a\\x00b\\x07");
    }
}
