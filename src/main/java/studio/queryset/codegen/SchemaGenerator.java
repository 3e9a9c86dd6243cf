package studio.queryset.codegen;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import studio.queryset.schema.Field;
import studio.queryset.schema.FieldDefault;
import studio.queryset.schema.Model;
import studio.queryset.schema.Relation;
import studio.queryset.schema.Schema;

/**
 * The schema as Java ({@code BlogSchema}): the models, fields and relations the importer read from models.py,
 * written as the schema records' constructors, so exported QuerySet-API code needs no models.py (nor a
 * database to introspect) at run time. Built once, into a constant; the records are immutable.
 */
public final class SchemaGenerator {
    private final Schema schema;

    public SchemaGenerator(Schema schema) {
        this.schema = schema;
    }

    /** {@code BlogSchema} for the app label {@code blog}: the class exported queries reference. */
    public static String className(String appLabel) {
        StringBuilder sb = new StringBuilder();
        for (String part : appLabel.split("[^A-Za-z0-9]+")) {
            if (!part.isEmpty()) {
                sb.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        String name = (sb.length() == 0 ? "Models" : sb.toString()) + "Schema";
        return Character.isJavaIdentifierStart(name.charAt(0)) ? name : "Models" + name;
    }

    public String generate(String packageName, String className) {
        JavaClass out = new JavaClass();
        out.use("java.util.List");
        out.use("studio.queryset.schema.Field");
        out.use("studio.queryset.schema.Model");
        out.use("studio.queryset.schema.Schema");
        out.use("studio.queryset.schema.ValueType");
        List<String> modelCalls = new ArrayList<>();
        List<String> methods = new ArrayList<>();
        List<List<String>> models = new ArrayList<>();
        for (Model m : schema.modelsWithAutoCreated()) {
            String method = modelMethod(m, methods);
            modelCalls.add(method + "()");
            models.add(modelLines(out, m, method));
        }
        Code build = new Code(1);
        build.line("/** The models, each with its fields in declaration order; reverse relations follow from them. */");
        build.open("private static Schema build() {");
        build.fill("return new Schema(List.of", modelCalls, ");");
        build.close("}");
        out.method(build.lines());
        models.forEach(out::method);
        out.constant("SCHEMA", n -> "    /** The schema, built once (it is immutable): {@code QuerySet.of(SCHEMA, \"Model\")}. */\n"
                + "    public static final Schema " + n + " = build();");
        String apps = String.join(", ", schema.models().stream().map(Model::appLabel).distinct()
                .map(a -> "{@code " + a + "}").toList());
        List<String> doc = JavaText.wrap("The " + apps + " models as QuerySet Studio read them from models.py "
                + "(tables, columns, field types, relations with their related names, Meta.ordering), for the "
                + "QuerySet API of the runtime jar: nothing is parsed or introspected at run time. Generated; "
                + "export it again when the models change.", JavaText.WIDTH - 3);
        return out.render(packageName, className, doc);
    }

    private static String modelMethod(Model m, List<String> taken) {
        String base = Names.lowerFirst(Names.type(m.name()));
        if (Names.isJavaKeyword(base) || base.equals("build")) {
            base = base + "Model";
        }
        String name = base;
        for (int n = 2; taken.contains(name); n++) {
            name = base + n;
        }
        taken.add(name);
        return name;
    }

    private List<String> modelLines(JavaClass out, Model m, String method) {
        Code c = new Code(1);
        c.line("/** {@code " + m.appLabel() + "." + m.name() + "}, table {@code " + m.table() + "}. */");
        c.open("private static Model " + method + "() {");
        c.line("List<Field> fields = new ArrayList<>();");
        out.use("java.util.ArrayList");
        int relations = 0;
        for (Field f : m.fields()) {
            String relation = "null";
            if (f.relation() != null) {
                relation = "relation" + (++relations);
                c.fill("Relation " + relation + " = new Relation", relationArgs(out, f.relation()), ";");
            }
            c.fill("fields.add(new Field", fieldArgs(out, f, relation), ");");
        }
        List<String> ordering = new ArrayList<>();
        m.ordering().forEach(o -> ordering.add(JavaText.string(o)));
        List<String> args = new ArrayList<>(List.of(JavaText.string(m.name()), JavaText.string(m.appLabel()),
                JavaText.string(m.table()), "fields", "List.of(" + String.join(", ", ordering) + ")",
                Integer.toString(m.line())));
        if (m.autoCreated()) {
            args.add("true"); // Django's auto-created M2M through model: queried as Model.field.through
        }
        c.call("return new Model", args, ";");
        c.close("}");
        return c.lines();
    }

    private static List<String> fieldArgs(JavaClass out, Field f, String relation) {
        return List.of(JavaText.string(f.name()), str(f.column()), JavaText.string(f.djangoType()),
                "ValueType." + f.valueType().name(), Boolean.toString(f.nullable()), Boolean.toString(f.unique()),
                Boolean.toString(f.primaryKey()), Integer.toString(f.maxLength()), str(f.generated()), relation,
                Integer.toString(f.line()), fieldDefault(out, f.defaultValue()));
    }

    private static List<String> relationArgs(JavaClass out, Relation r) {
        out.use("studio.queryset.schema.Relation");
        out.use("studio.queryset.schema.RelationKind");
        return List.of("RelationKind." + r.kind().name(), JavaText.string(r.target()), str(r.relatedName()),
                str(r.relatedQueryName()), str(r.through()), str(r.throughTable()), str(r.throughSourceColumn()),
                str(r.throughTargetColumn()), str(r.onDelete()));
    }

    private static String fieldDefault(JavaClass out, FieldDefault d) {
        if (d == null) {
            return "null";
        }
        out.use("studio.queryset.schema.FieldDefault");
        return "new FieldDefault(FieldDefault.Kind." + d.kind().name() + ", " + literal(out, d.literal()) + ", "
                + str(d.source()) + ")";
    }

    /** A default's literal: the importer gives strings, longs, doubles, decimals, booleans or null. */
    private static String literal(JavaClass out, Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof String s) {
            return JavaText.string(s);
        }
        if (v instanceof Long l) {
            return l + "L";
        }
        if (v instanceof Integer i) {
            return i.toString();
        }
        if (v instanceof Double d) {
            return d.isNaN() ? "Double.NaN" : d.isInfinite() ? (d > 0 ? "Double.POSITIVE_INFINITY"
                    : "Double.NEGATIVE_INFINITY") : d + "d";
        }
        if (v instanceof Boolean b) {
            return b.toString();
        }
        if (v instanceof BigDecimal b) {
            out.use("java.math.BigDecimal");
            return "new BigDecimal(" + JavaText.string(b.toString()) + ")";
        }
        throw new CodegenException("a field default of type " + v.getClass().getSimpleName().toLowerCase(Locale.ROOT)
                + " cannot be written as Java");
    }

    private static String str(String s) {
        return s == null ? "null" : JavaText.string(s);
    }
}
