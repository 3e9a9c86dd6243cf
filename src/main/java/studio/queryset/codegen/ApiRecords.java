package studio.queryset.codegen;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import studio.queryset.schema.Field;
import studio.queryset.schema.Model;
import studio.queryset.schema.ReverseRelation;
import studio.queryset.schema.Schema;
import studio.queryset.schema.ValueType;
import studio.queryset.sql.OutColumn;
import studio.queryset.sql.PrefetchPlan;
import studio.queryset.sql.SelectPlan;

/**
 * The records a QuerySet-API export returns its rows as, derived from the compiled plan as the plain-JDBC
 * export's are: a model row's loaded fields (attnames), its annotations, select_related rows as nested records
 * and prefetched lists; values() and aggregate() rows by their keys; values_list() tuples by position. Each
 * record reads itself from what the API returns ({@code Row}, a tuple list, the aggregate map) through the
 * typed converters of {@code studio.queryset.api.Row}. Components are boxed: a null is a value the database
 * may give.
 */
final class ApiRecords {
    /** A declared record: its name and source lines (at class-member depth). */
    record Declared(String name, List<String> lines) {
    }

    /** What a record is read from: a Row, a values_list tuple, the aggregate() map. */
    enum Source { ROW, TUPLE, MAP }

    private final Schema schema;
    private final TreeSet<String> imports;
    private final ExportOptions.DateTimes dateTimes;
    private final Map<String, Declared> declared = new LinkedHashMap<>();

    ApiRecords(Schema schema, TreeSet<String> imports, ExportOptions.DateTimes dateTimes) {
        this.schema = schema;
        this.imports = imports;
        this.dateTimes = dateTimes;
    }

    List<Declared> declared() {
        return List.copyOf(declared.values());
    }

    /** The record for rows of {@code sp} that are not model instances (values, values_list, aggregate). */
    String columnsRecord(SelectPlan sp, String name, String doc, Source source) {
        List<String> components = new ArrayList<>();
        List<String> reads = new ArrayList<>();
        int position = 0;
        for (OutColumn c : sp.columns()) {
            if (c.hidden()) {
                continue;
            }
            Typed t = typed(c, sp.model());
            String member = free(components, Names.member(c.key()));
            components.add(t.type() + " " + member);
            String raw = switch (source) {
                case ROW -> "row.get(" + JavaText.string(c.key()) + ")";
                case TUPLE -> "values.get(" + position + ")";
                case MAP -> "values.get(" + JavaText.string(c.key()) + ")";
            };
            reads.add(t.converter() + "(" + raw + ")");
            position++;
        }
        String param = switch (source) {
            case ROW -> "Row row";
            case TUPLE -> "List<?> values";
            case MAP -> "Map<String, Object> values";
        };
        if (source == Source.TUPLE) {
            imports.add("java.util.List");
        } else if (source == Source.MAP) {
            imports.add("java.util.Map");
        } else {
            imports.add("studio.queryset.api.Row");
        }
        return declare(name, doc, components, param, reads);
    }

    /** The record of a model row: fields, then select_related records, then prefetched attributes. */
    String modelRecord(SelectPlan sp, List<PrefetchPlan> prefetches, String modelName, List<String> path,
                       String preferred) {
        imports.add("studio.queryset.api.Row");
        Model m = schema.model(modelName);
        List<String> components = new ArrayList<>();
        List<String> reads = new ArrayList<>();
        List<List<String>> children = new ArrayList<>();
        for (OutColumn c : sp.columns()) {
            if (c.hidden()) {
                continue;
            }
            List<String> rp = c.relationPath();
            if (rp.equals(path)) {
                Typed t = typed(c, m.name());
                String member = free(components, Names.member(c.key()));
                components.add(t.type() + " " + member);
                reads.add(t.converter() + "(row.get(" + JavaText.string(c.key()) + "))");
            } else if (rp.size() == path.size() + 1 && rp.subList(0, path.size()).equals(path)
                    && !children.contains(rp)) {
                children.add(rp);
            }
        }
        for (List<String> rp : children) {
            String rel = rp.get(rp.size() - 1);
            String target = relationTarget(m, rel);
            String nested = modelRecord(sp, List.of(), target, rp, Names.type(target) + "Row");
            String member = free(components, Names.member(rel));
            components.add(nested + " " + member);
            reads.add(nested + ".of(Row.asRow(row.get(" + JavaText.string(rel) + ")))");
        }
        for (PrefetchPlan p : prefetches) {
            String child = modelRecord(p.query(), p.nested(), p.query().model(), List.of(),
                    Names.type(p.query().model()) + "Row");
            String member = free(components, Names.member(p.attribute()));
            String key = JavaText.string(p.attribute());
            if (p.many()) {
                imports.add("java.util.List");
                components.add("List<" + child + "> " + member);
                reads.add("Row.asRows(row.get(" + key + ")).stream().map(" + child + "::of).toList()");
            } else {
                components.add(child + " " + member);
                reads.add(child + ".of(Row.asRow(row.get(" + key + ")))");
            }
        }
        String doc = (path.isEmpty() ? "A" : "The select_related") + " {@code " + m.name() + "} row"
                + (children.isEmpty() && prefetches.isEmpty() ? "" : " with its related rows") + ".";
        return declare(preferred, doc, components, "Row row", reads);
    }

    private String relationTarget(Model m, String rel) {
        Field f = m.field(rel).filter(Field::isRelation).orElse(null);
        if (f != null) {
            return schema.model(f.relation().target()).name();
        }
        ReverseRelation r = schema.reverseByAccessor(m, rel).orElseThrow(() -> new CodegenException(
                "select_related(\"" + rel + "\") names no relation of " + m.name()));
        return r.source().name();
    }

    private String declare(String preferred, String doc, List<String> components, String param, List<String> reads) {
        for (int n = 1; ; n++) {
            String name = n == 1 ? preferred : preferred.replaceAll("Row$", "") + n + (preferred.endsWith("Row")
                    ? "Row" : "");
            List<String> lines = lines(name, doc, components, param, reads);
            Declared existing = declared.get(name);
            if (existing == null) {
                declared.put(name, new Declared(name, lines));
                return name;
            }
            if (existing.lines().equals(lines)) {
                return name; // the same shape met twice (a model selected and prefetched alike): one record
            }
        }
    }

    private static List<String> lines(String name, String doc, List<String> components, String param,
                                      List<String> reads) {
        Code c = new Code(1);
        c.javadoc(List.of(doc));
        c.call("public record " + name, components, " {");
        c.indent();
        c.javadoc(List.of("Reads the record from what the QuerySet API returned; null stays null."));
        c.open("static " + name + " of(" + param + ") {");
        String var = param.substring(param.lastIndexOf(' ') + 1);
        if (!param.startsWith("Map")) {
            c.open("if (" + var + " == null) {");
            c.line("return null;");
            c.close("}");
        }
        c.call("return new " + name, reads, ";");
        c.close("}");
        c.close("}");
        return c.lines();
    }

    private static String free(List<String> components, String wanted) {
        String m = wanted;
        for (int n = 2; taken(components, m); n++) {
            m = wanted + n;
        }
        return m;
    }

    private static boolean taken(List<String> components, String member) {
        return components.stream().anyMatch(c -> c.endsWith(" " + member));
    }

    /** A component's Java type and the converter that reads it. */
    record Typed(String type, String converter) {
    }

    private Typed typed(OutColumn c, String modelName) {
        if (c.type() == ValueType.INTEGER && narrow(c.key(), modelName)) {
            return new Typed("Integer", "Row.asInt");
        }
        return typed(c.type());
    }

    Typed typed(ValueType t) {
        imports.add("studio.queryset.api.Row");
        return switch (t) {
            case INTEGER -> new Typed("Long", "Row.asLong");
            case FLOAT -> new Typed("Double", "Row.asDouble");
            case DECIMAL -> new Typed(use("java.math.BigDecimal"), "Row.asDecimal");
            case BOOLEAN -> new Typed("Boolean", "Row.asBoolean");
            case TEXT -> new Typed("String", "Row.asString");
            case DATE -> new Typed(use("java.time.LocalDate"), "(LocalDate) ");
            case DATETIME -> switch (dateTimes) {
                case LOCAL -> new Typed(use("java.time.LocalDateTime"), "(LocalDateTime) ");
                case OFFSET -> new Typed(use("java.time.OffsetDateTime"), "Row.asOffsetDateTime");
                case INSTANT -> new Typed(use("java.time.Instant"), "Row.asInstant");
            };
            case TIME -> new Typed(use("java.time.LocalTime"), "(LocalTime) ");
            case DURATION -> new Typed(use("java.time.Duration"), "(Duration) ");
            case UUID -> new Typed(use("java.util.UUID"), "Row.asUuid");
            case JSON -> new Typed("Object", "");
        };
    }

    private String use(String qualified) {
        imports.add(qualified);
        return qualified.substring(qualified.lastIndexOf('.') + 1);
    }

    /** A key that is an IntegerField / SmallIntegerField path (not a transform or an expression): an int. */
    private boolean narrow(String key, String modelName) {
        Model m = schema.model(modelName);
        String[] parts = key.split("__");
        for (int i = 0; i < parts.length; i++) {
            Field f = m.field(parts[i]).orElse(null);
            if (f == null || f.isManyToMany()) {
                return false;
            }
            if (i == parts.length - 1) {
                return !f.isRelation() && JdbcTypes.NARROW_FIELDS.contains(f.djangoType());
            }
            if (!f.isRelation()) {
                return false;
            }
            m = schema.model(f.relation().target());
        }
        return false;
    }
}
