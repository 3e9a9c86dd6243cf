package studio.queryset.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import studio.queryset.django.DjangoParser;
import studio.queryset.schema.ModelsPyImporter;
import studio.queryset.schema.Schema;

/** JSONField values are bound as Django's json.dumps writes them, and None means JSON null (JSONExact). */
class JsonSqlTest {
    @Test
    void valuesAreSpelledAsPythonsJsonDumps() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("tier", "gold");
        doc.put("limits", Map.of("daily", 500));
        doc.put("tags", List.of("a", true, 1.5));
        doc.put("note", "café \"x\"\n");
        assertThat(JsonSql.text(doc)).isEqualTo("{\"tier\": \"gold\", \"limits\": {\"daily\": 500}, "
                + "\"tags\": [\"a\", true, 1.5], \"note\": \"caf\\u00e9 \\\"x\\\"\\n\"}");
        assertThat(JsonSql.text(null)).isEqualTo("null");
        assertThat(JsonSql.pythonFloat(2.0)).isEqualTo("2.0");
        assertThat(JsonSql.pythonFloat(1e16)).isEqualTo("1e+16");
        assertThat(JsonSql.pythonFloat(0.00001)).isEqualTo("1e-05");
        assertThat(JsonSql.pythonFloat(-0.0001)).isEqualTo("-0.0001");
        assertThat(JsonSql.pythonFloat(123456789.125)).isEqualTo("123456789.125");
    }

    @Test
    void noneIsJsonNullAndAnExcludeOfItAddsNoIsNotNull() throws Exception {
        Schema schema = ModelsPyImporter.importFile(Path.of("differential/ledger/models.py"), null);
        String filter = "Account.objects.filter(meta=None)";
        String exclude = "Account.objects.exclude(meta__tier=None)";
        assertThat(sql(schema, filter, Dialect.SQLITE)).contains("WHERE JSON_TYPE(\"ledger_account\".\"meta\", '$') = ?");
        assertThat(sql(schema, filter, Dialect.POSTGRESQL)).contains("WHERE \"ledger_account\".\"meta\" = ?::jsonb");
        assertThat(sql(schema, exclude, Dialect.SQLITE))
                .contains("WHERE NOT (JSON_TYPE(\"ledger_account\".\"meta\", '$.\"tier\"') = ?)");
        assertThat(SqlCompiler.compile(schema, DjangoParser.parse(filter, schema), Dialect.SQLITE).params())
                .containsExactly("null");
        // a value other than None: the column (not the key) IS NOT NULL, as build_filter adds it
        assertThat(sql(schema, "Account.objects.exclude(meta__tier=\"gold\")", Dialect.POSTGRESQL))
                .contains("AND \"ledger_account\".\"meta\" IS NOT NULL)");
        // a whole document on SQLite compares the stored text with json.dumps of the value
        assertThat(sql(schema, "Account.objects.filter(meta={\"score\": 7})", Dialect.SQLITE))
                .contains("WHERE \"ledger_account\".\"meta\" = ?");
    }

    private static String sql(Schema schema, String text, Dialect d) {
        return SqlCompiler.compile(schema, DjangoParser.parse(text, schema), d).sql();
    }
}
