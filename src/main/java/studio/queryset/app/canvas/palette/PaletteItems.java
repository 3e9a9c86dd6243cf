package studio.queryset.app.canvas.palette;

import java.util.List;
import studio.queryset.django.DjangoParser;
import studio.queryset.query.Expression;
import studio.queryset.query.Q;
import studio.queryset.query.QuerySet;
import studio.queryset.query.Step;
import studio.queryset.schema.Field;
import studio.queryset.schema.Model;
import studio.queryset.schema.ReverseRelation;
import studio.queryset.schema.Schema;

/** What the palette adds: each stage as Django text parsed against the current model, Q groups, lookups. */
public final class PaletteItems {
    /** Palette stage names in order. */
    public static final List<String> STAGES = List.of("filter", "exclude", "annotate", "alias", "aggregate", "order_by",
            "values", "values_list", "distinct", "only", "defer", "select_related", "prefetch_related", "slice");
    public static final List<String> TERMINALS = List.of("count", "exists", "first", "update", "delete");

    private PaletteItems() {
    }

    /** The Django text of a new stage for {@code model}: {@code .order_by("-id")}. */
    public static String stageText(String name, Schema schema, String model) {
        Model m = schema.findModel(model).orElse(null);
        String plain = m == null ? "pk" : plainField(m);
        switch (name) {
            case "filter":
                return ".filter()";
            case "exclude":
                return ".exclude()";
            case "annotate":
                return ".annotate(n=Count(\"pk\"))";
            case "alias":
                return ".alias(n=Count(\"pk\"))";
            case "aggregate":
                return ".aggregate(n=Count(\"pk\"))";
            case "order_by":
                return ".order_by(\"-pk\")";
            case "values":
                return ".values(\"pk\", \"" + plain + "\")";
            case "values_list":
                return ".values_list(\"" + plain + "\", flat=True)";
            case "distinct":
                return ".distinct()";
            case "only":
                return ".only(\"" + plain + "\")";
            case "defer":
                return ".defer(\"" + plain + "\")";
            case "select_related":
                return m == null || forwardRelation(m) == null ? ".select_related()"
                        : ".select_related(\"" + forwardRelation(m) + "\")";
            case "prefetch_related":
                return ".prefetch_related(\"" + manyRelation(schema, m) + "\")";
            case "slice":
                return "[:10]";
            case "update":
                return ".update(" + updatePlaceholder(m) + ")";
            default:
                return "." + name + "()";
        }
    }

    /** A new stage parsed from {@link #stageText}. */
    public static Step stage(String name, Schema schema, String model) {
        return parseStep(stageText(name, schema, model), schema, model);
    }

    /** One step from its Django text ({@code .filter(a=1)}, {@code [:5]}) on {@code model}. */
    public static Step parseStep(String text, Schema schema, String model) {
        String t = text.strip();
        if (!t.startsWith(".") && !t.startsWith("[")) {
            t = "." + t;
        }
        // on all(): a Manager has no delete(), and a step read alone must not depend on what the manager offers
        QuerySet qs = DjangoParser.parse(model + ".objects.all()" + t, schema);
        if (qs.steps().size() != 1) {
            throw new studio.queryset.query.QueryException("SyntaxError", "write exactly one step, e.g. "
                    + ".filter(title__icontains=\"x\")");
        }
        return qs.steps().get(0);
    }

    /** A lookup leaf that always compiles: {@code <first plain field>__isnull=False}. */
    public static Q.Lookup defaultLookup(Schema schema, String model) {
        Model m = schema == null ? null : schema.findModel(model).orElse(null);
        return new Q.Lookup((m == null ? "pk" : plainField(m)) + "__isnull", Expression.Value.of(false));
    }

    /** A new Q group: AND / OR with two leaves, NOT with one. */
    public static Q group(String kind, Schema schema, String model) {
        Q.Lookup leaf = defaultLookup(schema, model);
        switch (kind) {
            case "OR":
                return new Q.Node(Q.Connector.OR, false, List.of(leaf, leaf));
            case "NOT":
                return new Q.Node(Q.Connector.AND, true, List.of(leaf));
            default:
                return new Q.Node(Q.Connector.AND, false, List.of(leaf, leaf));
        }
    }

    /**
     * The assignment a new update() starts with: the first plain number field plus one, the tutorial's
     * {@code view_count=F("view_count") + 1}; else the first plain field set to itself.
     */
    private static String updatePlaceholder(Model m) {
        if (m != null) {
            for (Field f : m.concreteFields()) {
                if (!f.primaryKey() && !f.isRelation() && f.generated() == null && f.valueType().isNumeric()) {
                    return f.name() + "=F(\"" + f.name() + "\") + 1";
                }
            }
        }
        String plain = m == null ? "pk" : plainField(m);
        return plain + "=F(\"" + plain + "\")";
    }

    static String plainField(Model m) {
        for (Field f : m.concreteFields()) {
            if (!f.primaryKey() && !f.isRelation()) {
                return f.name();
            }
        }
        return "pk";
    }

    private static String forwardRelation(Model m) {
        for (Field f : m.fields()) {
            if (f.isRelation() && !f.isManyToMany()) {
                return f.name();
            }
        }
        return null;
    }

    private static String manyRelation(Schema schema, Model m) {
        if (m == null) {
            return "pk";
        }
        for (Field f : m.fields()) {
            if (f.isManyToMany()) {
                return f.name();
            }
        }
        for (ReverseRelation r : schema.reverseRelations(m)) {
            if (r.isMultiValued()) {
                return r.accessorName();
            }
        }
        String fk = forwardRelation(m);
        return fk == null ? "pk" : fk;
    }
}
