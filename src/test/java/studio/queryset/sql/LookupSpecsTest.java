package studio.queryset.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import studio.queryset.django.DjangoParser;
import studio.queryset.query.QueryException;
import studio.queryset.schema.ModelsPyImporter;
import studio.queryset.schema.Schema;
import studio.queryset.schema.ValueType;

/**
 * The lookup registry against the compiler: every name the compiler takes as a lookup has a spec, every spec
 * compiles on each field type it is registered on, and a transform is refused on the types it is not.
 */
class LookupSpecsTest {
    /** One field of every value type, and what a literal of it looks like in Django text. */
    static final Map<ValueType, String[]> FIELDS = new EnumMap<>(ValueType.class);
    static Schema schema;

    @BeforeAll
    static void load() {
        schema = ModelsPyImporter.importSource("kinds", """
                from django.db import models

                class Thing(models.Model):
                    n = models.IntegerField()
                    d = models.DecimalField(max_digits=6, decimal_places=2)
                    f = models.FloatField()
                    b = models.BooleanField()
                    t = models.CharField(max_length=20)
                    day = models.DateField()
                    at = models.DateTimeField()
                    clock = models.TimeField()
                    span = models.DurationField()
                    u = models.UUIDField()
                    j = models.JSONField()
                """);
        FIELDS.put(ValueType.INTEGER, new String[] {"n", "1"});
        FIELDS.put(ValueType.DECIMAL, new String[] {"d", "Decimal(\"1.5\")"});
        FIELDS.put(ValueType.FLOAT, new String[] {"f", "1.5"});
        FIELDS.put(ValueType.BOOLEAN, new String[] {"b", "True"});
        FIELDS.put(ValueType.TEXT, new String[] {"t", "\"a\""});
        FIELDS.put(ValueType.DATE, new String[] {"day", "date(2024, 1, 2)"});
        FIELDS.put(ValueType.DATETIME, new String[] {"at", "datetime(2024, 1, 2, 3, 4, 5)"});
        FIELDS.put(ValueType.TIME, new String[] {"clock", "\"10:30:00\""});
        FIELDS.put(ValueType.DURATION, new String[] {"span", "1000000"});
        FIELDS.put(ValueType.UUID, new String[] {"u", "\"12345678-1234-5678-1234-567812345678\""});
        FIELDS.put(ValueType.JSON, new String[] {"j", "\"a\""});
        for (ValueType t : ValueType.values()) {
            assertThat(schema.model("Thing").field(FIELDS.get(t)[0]).orElseThrow().valueType()).isEqualTo(t);
        }
    }

    @Test
    void everyNameTheCompilerTakesAsALookupHasASpec() {
        assertThat(Scope.LOOKUPS).allMatch(LookupSpecs::isLookup);
        assertThat(Scope.TRANSFORMS).allMatch(LookupSpecs::isTransform);
        assertThat(LookupSpecs.all()).allMatch(s -> Scope.LOOKUPS.contains(s.name()) || Scope.TRANSFORMS.contains(
                s.name()));
        for (ValueType t : ValueType.values()) {
            // the names the compiler's error messages list as valid
            assertThat(ExprCompiler.validLookups(t)).as(t.name()).allMatch(LookupSpecs::isLookupOrTransform);
        }
    }

    @Test
    void everySpecCompilesOnEveryFieldTypeItIsRegisteredOn() {
        int compiled = 0;
        for (ValueType t : ValueType.values()) {
            for (LookupSpec spec : LookupSpecs.forType(t)) {
                String text = filter(FIELDS.get(t)[0] + "__" + spec.name() + (spec.isTransform() ? "__in" : ""),
                        value(spec, t));
                for (Dialect d : Dialect.values()) {
                    try {
                        sql(text, d);
                        compiled++;
                    } catch (QueryException e) {
                        // PostgreSQL has every registered lookup; another backend may lack one, and says so
                        assertThat(d).as(text + ": " + e.getMessage()).isNotEqualTo(Dialect.POSTGRESQL);
                        assertThat(e.getMessage()).as(text).containsAnyOf(spec.name(), "not supported");
                    }
                }
            }
        }
        assertThat(compiled).isGreaterThan(2 * LookupSpecs.all().size());
    }

    @Test
    void theSqlASpecShowsIsTheSqlTheCompilerWrites() {
        int checked = 0;
        for (ValueType t : java.util.List.of(ValueType.TEXT, ValueType.DATETIME, ValueType.INTEGER)) {
            String field = FIELDS.get(t)[0];
            for (LookupSpec spec : LookupSpecs.forType(t)) {
                // a transform is compared with in, which no backend rewrites (year=2024 may become a BETWEEN)
                String text = spec.isTransform() ? filter(field + "__" + spec.name() + "__in", value(spec, t))
                        : filter(field + "__" + spec.name(), value(spec, t));
                for (Dialect d : Dialect.values()) {
                    java.util.Optional<String> shown = spec.sql(d, d.quote("kinds_thing") + "." + d.quote(field), t);
                    if (shown.isEmpty() || spec.name().equals("in") || spec.name().equals("range")) {
                        continue; // in and range list one placeholder per value
                    }
                    assertThat(sql(text, d)).as(text + " on " + d).contains(shown.get());
                    checked++;
                }
            }
        }
        assertThat(checked).isGreaterThan(3 * 20);
    }

    @Test
    void aTransformIsRefusedOnTheTypesItIsNotRegisteredOn() {
        for (LookupSpec spec : LookupSpecs.all()) {
            if (!spec.isTransform()) {
                continue;
            }
            for (ValueType t : ValueType.values()) {
                if (spec.accepts(t) || t == ValueType.JSON) { // on a JSONField any name is a key
                    continue;
                }
                String text = "Thing.objects.filter(" + FIELDS.get(t)[0] + "__" + spec.name() + "=1)";
                assertThatThrownBy(() -> SqlCompiler.plan(schema, DjangoParser.parse(text, schema), Dialect.SQLITE))
                        .as(text).isInstanceOf(QueryException.class)
                        .hasMessageContaining("Unsupported lookup '" + spec.name() + "'");
            }
        }
    }

    @Test
    void pickersGroupAndDescribeEverySpec() {
        for (LookupSpec s : LookupSpecs.all()) {
            assertThat(s.help()).as(s.name()).isNotBlank();
            assertThat(s.group()).as(s.name()).isNotBlank();
            assertThat(s.label()).startsWith(s.name() + "  ");
            assertThat(s.isTransform()).isEqualTo(s.output() != null);
        }
        assertThat(LookupCatalog.validLookups(ValueType.TEXT)).isSorted().contains("icontains", "exact")
                .doesNotContain("year");
        assertThat(LookupCatalog.validLookups(ValueType.DATETIME)).contains("year", "date", "hour", "gte");
        assertThat(LookupSpecs.find("search").orElseThrow().sql(Dialect.SQLITE, "\"t\"", ValueType.TEXT)).isEmpty();
    }

    static String filter(String path, String value) {
        return "Thing.objects.filter(" + path + "=" + value + ")";
    }

    static String sql(String text, Dialect d) {
        return SqlCompiler.plan(schema, DjangoParser.parse(text, schema), d).statements().get(0).sql();
    }

    /** A value the spec's operand takes, for a field of type {@code t}. */
    private static String value(LookupSpec spec, ValueType t) {
        String literal = FIELDS.get(t)[1];
        return switch (spec.operand()) {
            case FIELD_VALUE -> literal;
            case TEXT, REGEX, TERMS, KEY -> "\"a\"";
            case LIST, KEYS -> "[" + literal + "]";
            case PAIR -> "(" + literal + ", " + literal + ")";
            case BOOLEAN -> "True";
            case NONE -> "[" + (spec.output() == ValueType.DATE ? "date(2024, 1, 2)"
                    : spec.output() == ValueType.TIME ? "\"10:30:00\"" : "1") + "]";
        };
    }
}
