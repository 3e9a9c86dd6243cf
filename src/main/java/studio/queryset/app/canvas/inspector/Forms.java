package studio.queryset.app.canvas.inspector;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import studio.queryset.app.canvas.ExpressionPalette;
import studio.queryset.app.canvas.PaletteItems;
import studio.queryset.app.canvas.inspector.FormField.Choice;
import studio.queryset.app.canvas.inspector.FormField.Kind;
import studio.queryset.app.canvas.inspector.FormField.Place;
import studio.queryset.design.DesignNode;
import studio.queryset.design.RelationPaths;
import studio.queryset.design.Role;
import studio.queryset.design.edit.AnnotationEdits;
import studio.queryset.design.edit.ConditionEdits;
import studio.queryset.design.edit.Edit;
import studio.queryset.design.edit.ExpressionEdits;
import studio.queryset.design.edit.ExpressionText;
import studio.queryset.design.edit.NestedEdits;
import studio.queryset.design.edit.NodeEdits;
import studio.queryset.design.edit.NodeParts;
import studio.queryset.design.edit.NodePath;
import studio.queryset.design.edit.QueryLens;
import studio.queryset.design.edit.Segment;
import studio.queryset.design.edit.StepEdits;
import studio.queryset.django.DjangoParser;
import studio.queryset.django.DjangoPrinter;
import studio.queryset.query.Expression;
import studio.queryset.query.FunctionNames;
import studio.queryset.query.Prefetch;
import studio.queryset.query.Q;
import studio.queryset.query.QueryException;
import studio.queryset.query.QuerySet;
import studio.queryset.query.Step;
import studio.queryset.schema.Model;
import studio.queryset.schema.Schema;
import studio.queryset.sql.LookupCatalog;

/**
 * The form of each kind of node: which fields it has, how each reads from the query and how each writes back
 * through the design/edit operations. One factory per inspector (lookup, Q group, stage, expression, frame,
 * prefetch, raw); {@link #of} picks it.
 */
public final class Forms {
    /** How many relations a field picker walks ({@code posts__author__name} from Tag is two). */
    static final int PATH_DEPTH = 2;
    private static final List<String> AGGREGATES = List.of("Count", "Sum", "Avg", "Max", "Min", "StdDev", "Variance");
    private static final List<String> OPERATORS = List.of("+", "-", "*", "/", "%");
    private static final List<String> OUTPUT_FIELDS = List.of("", "IntegerField", "FloatField", "DecimalField",
            "CharField", "TextField", "BooleanField", "DateField", "DateTimeField");

    /**
     * Where a node sits: the model its paths start from, the outer model when it is inside a Subquery / Exists
     * frame (its lookups may take OuterRef), whether a frame is a condition that NOT can wrap.
     */
    public record NodeContext(String model, String outerModel, boolean negatable) { }

    private Forms() {
    }

    /** The form of {@code node}, or null when the node has nothing to edit (a source, a terminal without args). */
    public static Form of(FormHost host, DesignNode node, NodeContext ctx) {
        QuerySet q = host.query();
        if (q == null || host.schema() == null) {
            return null;
        }
        Object part;
        try {
            part = QueryLens.shown(q, node.path());
        } catch (RuntimeException e) {
            return null;
        }
        switch (node.kind()) {
            case LOOKUP:
                return part instanceof Q.Lookup ? lookup(host, node.path(), ctx) : null;
            case Q_GROUP:
                return part instanceof Q.Node ? group(host, node.path(), ctx.model()) : null;
            case STAGE:
            case TERMINAL:
                if (part instanceof Step.Raw) {
                    return raw(host, node.path(), ctx.model());
                }
                return part instanceof Step s ? stage(host, node.path(), s, ctx.model()) : null;
            case EXPRESSION:
                return part instanceof Expression e ? expression(host, node, e, ctx.model()) : null;
            case SUBQUERY:
                return node.role().frame() ? frame(host, node, ctx) : null;
            case PREFETCH:
                return part instanceof Prefetch ? prefetch(host, node.path(), ctx.model()) : null;
            default:
                return null;
        }
    }

    // ---------------------------------------------------------------- lookup

    static Form lookup(FormHost host, NodePath at, NodeContext ctx) {
        Form form = new Form(host, "lookup", at);
        Schema schema = host.schema();
        String model = ctx.model();
        Function<QuerySet, Q.Lookup> lookupOf = q -> QueryLens.get(q, form.path(), Q.Lookup.class);
        List<Choice> paths = RelationPaths.fields(schema, model, PATH_DEPTH).stream()
                .map(f -> new Choice(f.path(), f.label())).toList();
        List<String> kinds = new ArrayList<>(Operands.VALUE_KINDS);
        if (ctx.outerModel() != null) {
            kinds.add(Operands.OUTER_REF);
        }
        FormField[] f = new FormField[5];
        // each field writes the lookup from what all four show, so a fix in one commits the others' pending text
        BiFunction<QuerySet, String[], Edit> write = (q, texts) -> {
            String path = texts[0].strip();
            String name = texts[1].strip();
            requirePath(schema, model, path);
            requireLookup(schema, model, path, name);
            Expression value = Operands.operand(texts[2], texts[3], schema, model);
            String full = name.isEmpty() || name.equals("exact") ? path : path + "__" + name;
            Edit e = ConditionEdits.replace(q, form.path(), new Q.Lookup(full, value));
            return Checks.compiles(schema, q, e);
        };
        f[0] = form.add("lookupPath", "field", Kind.COMBO, Place.ROW, () -> paths,
                q -> LookupCatalog.split(lookupOf.apply(q).path())[0],
                (q, t) -> write.apply(q, new String[] {t, f[1].text(), f[2].text(), f[3].text()}));
        f[1] = form.add("lookupName", "lookup", Kind.COMBO, Place.ROW,
                () -> Choice.plain(lookups(schema, model, f[0].text())),
                q -> LookupCatalog.split(lookupOf.apply(q).path())[1],
                (q, t) -> write.apply(q, new String[] {f[0].text(), t, f[2].text(), f[3].text()}));
        f[2] = form.add("valueKind", "value as", Kind.CHOICE, Place.ROW, () -> Choice.plain(kinds),
                q -> valueKind(lookupOf.apply(q).value()),
                (q, t) -> write.apply(q, new String[] {f[0].text(), f[1].text(), t, f[3].text()}));
        f[3] = form.add("lookupValue", "value", Kind.TEXT, Place.ROW, List::of,
                q -> valueText(lookupOf.apply(q).value()),
                (q, t) -> write.apply(q, new String[] {f[0].text(), f[1].text(), f[2].text(), t}));
        if (ctx.outerModel() != null) {
            List<Choice> outer = Choice.plain(RelationPaths.outerRefPaths(schema, ctx.outerModel()));
            f[4] = form.add("outerRefField", ctx.outerModel() + " field", Kind.COMBO, Place.ROW, () -> outer,
                    q -> lookupOf.apply(q).value() instanceof Expression.OuterRef o ? o.path() : "",
                    (q, t) -> write.apply(q, new String[] {f[0].text(), f[1].text(), Operands.OUTER_REF, t}),
                    () -> Operands.OUTER_REF.equals(f[2].text()));
        }
        form.action("negateLookup", "Wrap in NOT", q -> ConditionEdits.negate(q, form.path()));
        form.hint(() -> "Changes apply as you type; Enter goes back to the canvas, Esc reverts the field.");
        return form;
    }

    /** The lookups that fit the field's type (all the common ones when the path does not resolve yet). */
    static List<String> lookups(Schema schema, String model, String fieldPath) {
        return LookupCatalog.typeOf(schema, model, fieldPath == null ? "" : fieldPath.strip())
                .map(LookupCatalog::validLookups)
                .orElse(List.of("exact", "in", "isnull", "gt", "gte", "lt", "lte"));
    }

    private static void requirePath(Schema schema, String model, String path) {
        if (path.isEmpty()) {
            throw new QueryException("FieldError", "a lookup needs a field: pick one (e.g. "
                    + RelationPaths.concreteFields(schema, model).stream().skip(1).findFirst().orElse("pk") + ")");
        }
        // a path that does not resolve is refused by the compile check, in Django's words and with the
        // query's annotations among the choices
    }

    private static void requireLookup(Schema schema, String model, String path, String name) {
        if (LookupCatalog.typeOf(schema, model, path).isEmpty()) {
            return; // an annotation or a path that does not resolve: the compile check decides
        }
        List<String> valid = lookups(schema, model, path);
        String last = name.contains("__") ? name.substring(name.lastIndexOf("__") + 2) : name;
        if (!name.isEmpty() && !valid.contains(name) && !valid.contains(last)) {
            String type = LookupCatalog.typeOf(schema, model, path).map(Object::toString).orElse("the field");
            throw new QueryException("FieldError", "Unsupported lookup '" + name + "' for " + type
                    + " or join on the field not permitted; valid here: " + String.join(", ", valid));
        }
    }

    private static String valueKind(Expression v) {
        if (v instanceof Expression.QueryValue || v instanceof Expression.Subquery || NodeParts.simple(v)
                && !(v instanceof Expression.F) && !(v instanceof Expression.Param)
                && !(v instanceof Expression.OuterRef)) {
            return "value";
        }
        return Operands.kindOf(v);
    }

    private static String valueText(Expression v) {
        if (v instanceof Expression.QueryValue || v instanceof Expression.Subquery) {
            return ExpressionText.print(v);
        }
        if ("value".equals(valueKind(v)) && !(v instanceof Expression.Value)) {
            return ExpressionText.print(v);
        }
        return Operands.textOf(v);
    }

    // ---------------------------------------------------------------- Q group

    static Form group(FormHost host, NodePath at, String model) {
        Form form = new Form(host, "group", at);
        form.add("negateGroup", "NOT (negate)", Kind.CHECK, Place.ROW, List::of,
                q -> String.valueOf(ConditionEdits.condition(q, form.path()) instanceof Q.Node n && n.negated()),
                (q, t) -> ConditionEdits.update(q, form.path(), c -> c instanceof Q.Node n
                        ? new Q.Node(n.connector(), Boolean.parseBoolean(t), n.children()) : c, "Negate"));
        form.add("groupConnector", "connector", Kind.CHOICE, Place.ROW, () -> Choice.plain(List.of("AND", "OR")),
                q -> ConditionEdits.condition(q, form.path()) instanceof Q.Node n ? n.connector().name() : "AND",
                (q, t) -> ConditionEdits.update(q, form.path(), c -> c instanceof Q.Node n
                        ? new Q.Node(Q.Connector.valueOf(t), n.negated(), n.children()) : c, "AND / OR"));
        form.action("connectorToggle", "AND ↔ OR", q -> ConditionEdits.toggleConnector(q, form.path()));
        form.action("groupAddLookup", "+ lookup", q -> ConditionEdits.add(q, form.path(),
                PaletteItems.defaultLookup(host.schema(), model)));
        form.shape(() -> "children " + ((Q.Node) ConditionEdits.condition(host.query(), form.path())).children().size());
        return form;
    }

    // ---------------------------------------------------------------- stage

    static Form stage(FormHost host, NodePath at, Step step, String model) {
        Form form = new Form(host, "stage", at);
        Schema schema = host.schema();
        Function<QuerySet, Step> stepOf = q -> QueryLens.get(q, form.path(), Step.class);
        form.add("stageText", "arguments", Kind.TEXT, Place.ROW, List::of,
                q -> stageText(stepOf.apply(q)),
                (q, t) -> Checks.compiles(schema, q, StepEdits.replace(q, form.path(),
                        PaletteItems.parseStep(t, schema, model))));
        List<String> choices = picks(schema, model, step);
        if (choices != null) {
            List<String> shown = new ArrayList<>(new LinkedHashSet<>(choices));
            for (String p : picked(step)) {
                if (!shown.contains(p)) {
                    shown.add(p);
                }
            }
            List<FormField> ticks = new ArrayList<>();
            for (String path : shown) {
                // a tick writes what all ticks show, so a swap (tick slug, untick title) can go in either order
                ticks.add(form.add("pick-" + path, path, Kind.CHECK, Place.FLOW, List::of,
                        q -> String.valueOf(picked(stepOf.apply(q)).contains(path)),
                        (q, t) -> StepEdits.replace(q, form.path(), withPicks(stepOf.apply(q), ticks, path,
                                Boolean.parseBoolean(t)))));
            }
            form.hint(() -> pickCaption(stepOf.apply(host.query())));
        } else {
            form.hint(() -> "The stage as Django text; it applies as you type (Esc reverts).");
        }
        form.shape(() -> stepOf.apply(host.query()).method());
        return form;
    }

    /** A stage's Django text as the inspector shows it: {@code .filter(a=1)}, {@code [:5]}. */
    static String stageText(Step s) {
        String text = DjangoPrinter.print(new QuerySet("M", List.of(s)));
        return text.startsWith("M.objects") ? text.substring("M.objects".length()) : text;
    }

    private static List<String> picks(Schema schema, String model, Step step) {
        if (step instanceof Step.SelectRelated) {
            return RelationPaths.singleValued(schema, model, 3);
        }
        if (step instanceof Step.Only || step instanceof Step.Values || step instanceof Step.ValuesList) {
            return RelationPaths.concreteFields(schema, model);
        }
        return null;
    }

    private static List<String> picked(Step step) {
        if (step instanceof Step.SelectRelated s) {
            return s.paths();
        }
        if (step instanceof Step.Only o) {
            return o.fields();
        }
        if (step instanceof Step.Values v) {
            return v.fields();
        }
        return step instanceof Step.ValuesList v ? v.fields() : List.of();
    }

    private static String pickCaption(Step step) {
        if (step instanceof Step.SelectRelated) {
            return "Relations to JOIN (forward FK / one-to-one, chained with __); a tick applies at once.";
        }
        if (step instanceof Step.Only o) {
            return o.defer() ? "Fields to leave out of SELECT:" : "Fields to load (the pk always is):";
        }
        return step instanceof Step.Values ? "Columns of each dict:"
                : "Columns of each tuple (flat=True: one column, plain values):";
    }

    /**
     * The step with the paths the ticks show ({@code path} as {@code on}): the order already written stays, new
     * picks follow in list order.
     */
    private static Step withPicks(Step s, List<FormField> ticks, String path, boolean on) {
        List<String> ticked = new ArrayList<>();
        for (FormField f : ticks) {
            String p = f.label();
            if (p.equals(path) ? on : f.checked()) {
                ticked.add(p);
            }
        }
        List<String> next = new ArrayList<>();
        for (String p : picked(s)) {
            if (ticked.contains(p)) {
                next.add(p);
            }
        }
        for (String p : ticked) {
            if (!next.contains(p)) {
                next.add(p);
            }
        }
        if (s instanceof Step.SelectRelated) {
            return new Step.SelectRelated(next);
        }
        if (s instanceof Step.Only o) {
            if (next.isEmpty()) {
                throw new QueryException("ValueError", o.method() + "() needs at least one field: tick another "
                        + "first.");
            }
            return new Step.Only(next, o.defer());
        }
        if (s instanceof Step.Values v) {
            return new Step.Values(next, v.expressions());
        }
        Step.ValuesList v = (Step.ValuesList) s;
        if (v.flat() && next.size() != 1) {
            throw new QueryException("TypeError", "'flat' is not valid when values_list is called with more than "
                    + "one field: untick the other first (or drop flat=True in the arguments).");
        }
        return new Step.ValuesList(next, v.flat(), v.named());
    }

    // ---------------------------------------------------------------- raw

    static Form raw(FormHost host, NodePath at, String model) {
        Form form = new Form(host, "raw", at);
        Schema schema = host.schema();
        Function<QuerySet, Step.Raw> rawOf = q -> QueryLens.get(q, form.path(), Step.Raw.class);
        FormField[] f = new FormField[2];
        // the SQL and its parameters are checked together: a new %s and its parameter may be typed in either order
        f[0] = form.add("rawSql", "SQL", Kind.AREA, Place.ROW, List::of, q -> rawOf.apply(q).sql(),
                (q, t) -> NestedEdits.raw(q.model(), t, rawParams(f[1].text(), schema, model), "Edit raw SQL"));
        f[1] = form.add("rawParams", "parameters", Kind.TEXT, Place.ROW, List::of,
                q -> rawParamsText(rawOf.apply(q)),
                (q, t) -> NestedEdits.raw(q.model(), f[0].text(), rawParams(t, schema, model), "Edit raw SQL"));
        form.hint(() -> "Write SQL for " + model + "'s table; each %s takes the next parameter (Python literals, "
                + "comma-separated: 42, \"text\", None), bound by the driver, never spliced into the text.");
        return form;
    }

    /** {@code 0, "x"} as the parameters of raw(), read as Python would read the list. */
    static List<Expression> rawParams(String text, Schema schema, String model) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            return List.of();
        }
        QuerySet qs;
        try {
            qs = DjangoParser.parse(model + ".objects.raw(\"\", [" + t + "])", schema);
        } catch (QueryException e) {
            throw new QueryException("SyntaxError", "the parameters are not a list of Python literals (42, "
                    + "\"text\", None): " + e.getMessage());
        }
        return ((Step.Raw) qs.steps().get(0)).params();
    }

    private static String rawParamsText(Step.Raw raw) {
        String text = DjangoPrinter.print(new QuerySet("M", List.of(new Step.Raw("", raw.params()))));
        int open = text.indexOf('[');
        int close = text.lastIndexOf(']');
        return open >= 0 && close > open ? text.substring(open + 1, close) : "";
    }

    // ---------------------------------------------------------------- prefetch

    static Form prefetch(FormHost host, NodePath at, String model) {
        Form form = new Form(host, "prefetch", at);
        Schema schema = host.schema();
        Function<QuerySet, Prefetch> pfOf = q -> NestedEdits.prefetchAt(q, form.path());
        FormField[] f = new FormField[3];
        BiFunction<QuerySet, String[], Edit> write = (q, t) -> {
            String path = t[0].strip();
            List<String> many = RelationPaths.manyValued(schema, model, 3);
            if (!many.contains(path)) {
                throw new QueryException("AttributeError", "Cannot find '" + path + "' on " + model
                        + " object, '" + path + "' is an invalid parameter to prefetch_related(); many-valued "
                        + "relations: " + String.join(", ", RelationPaths.manyValued(schema, model, 2)));
            }
            String target = RelationPaths.target(schema, model, path).orElse(model);
            Prefetch old = pfOf.apply(q);
            return NestedEdits.setPrefetch(q, form.path(), NestedEdits.prefetch(path, target, old.queryset(),
                    Boolean.parseBoolean(t[1]), t[2]));
        };
        f[0] = form.add("prefetchLookup", "lookup", Kind.COMBO, Place.ROW,
                () -> Choice.plain(RelationPaths.manyValued(schema, model, 2)), q -> pfOf.apply(q).lookup(),
                (q, t) -> write.apply(q, new String[] {t, f[1].text(), f[2].text()}));
        f[2] = form.add("prefetchToAttr", "to_attr", Kind.TEXT, Place.ROW, List::of,
                q -> pfOf.apply(q).toAttr() == null ? "" : pfOf.apply(q).toAttr(),
                (q, t) -> write.apply(q, new String[] {f[0].text(), f[1].text(), t}));
        f[1] = form.add("prefetchWithQueryset", "queryset=  (a nested pipeline in a frame)", Kind.CHECK, Place.ROW,
                List::of, q -> String.valueOf(pfOf.apply(q).queryset() != null),
                (q, t) -> write.apply(q, new String[] {f[0].text(), t, f[2].text()}));
        form.hint(() -> pfOf.apply(host.query()).queryset() != null
                ? "The frame below is the queryset of the prefetch query (" + pfOf.apply(host.query()).queryset()
                .model() + "): select it and add filter / order_by from the palette. to_attr stores the list under "
                + "that name."
                : "Tick queryset= to filter or order what is prefetched; to_attr stores the list under a name of "
                + "its own.");
        form.shape(() -> String.valueOf(pfOf.apply(host.query()).queryset() != null));
        return form;
    }

    // ---------------------------------------------------------------- Subquery / Exists frame

    static Form frame(FormHost host, DesignNode node, NodeContext ctx) {
        Form form = new Form(host, "frame", node.path());
        Schema schema = host.schema();
        Function<QuerySet, QuerySet> inner = q -> QueryLens.pipeline(q, form.path());
        if (node.alias() != null) {
            aliasField(form, "frameAlias", schema);
        }
        List<String> models = schema.models().stream().map(Model::name).toList();
        form.add("frameModel", "model", Kind.CHOICE, Place.ROW, () -> Choice.plain(models),
                q -> inner.apply(q).model(), (q, t) -> {
                    Model m = schema.findModel(t.strip()).orElseThrow(() -> new QueryException("LookupError",
                            "No model '" + t.strip() + "' in the schema; pick one of " + String.join(", ", models)));
                    return NestedEdits.setModel(q, form.path(), m.name());
                });
        if (node.role() != Role.EXISTS) {
            form.add("frameValuesField", "returns", Kind.COMBO, Place.ROW,
                    () -> Choice.plain(LookupCatalog.paths(schema, inner.apply(host.query()).model(), 1)),
                    q -> singleValueField(inner.apply(q)), (q, t) -> {
                        String field = t.strip();
                        String innerModel = inner.apply(q).model();
                        if (field.isEmpty() || LookupCatalog.typeOf(schema, innerModel, field).isEmpty()) {
                            throw new QueryException("FieldError", "Pick the field the Subquery returns, one of "
                                    + innerModel + "'s (e.g. " + String.join(", ", RelationPaths.concreteFields(
                                    schema, innerModel).stream().limit(4).toList()) + ")");
                        }
                        return NestedEdits.singleValue(q, form.path(), field);
                    });
        }
        boolean lookupValue = node.path().last().equals(new Segment.Fixed(Segment.Part.LOOKUP_QUERY));
        if (node.alias() == null && !lookupValue && ctx.negatable()) {
            form.action("negateFrame", "Wrap in NOT", q -> ConditionEdits.negate(q, form.path()));
        }
        String outer = ctx.outerModel();
        boolean exists = node.role() == Role.EXISTS;
        form.hint(() -> "The nested pipeline queries " + inner.apply(host.query()).model() + "; OuterRef(\"…\") in "
                + "its lookups points at the " + outer + " row. Select this frame (or a stage in it) and use the "
                + "palette to add filter, order_by ... inside." + (exists ? " Exists() only asks whether a row "
                + "matches." : " A Subquery used as a value must return one column and at most one row: pick what "
                + "it returns."));
        return form;
    }

    /** {@code x} of a pipeline ending in {@code .values("x")[:1]}, else empty. */
    private static String singleValueField(QuerySet inner) {
        List<Step> s = inner.steps();
        int n = s.size();
        if (n >= 2 && s.get(n - 1) instanceof Step.Slice && s.get(n - 2) instanceof Step.Values v
                && v.fields().size() == 1 && v.expressions().isEmpty()) {
            return v.fields().get(0);
        }
        return "";
    }

    // ---------------------------------------------------------------- expression

    /** The name of an annotate / alias / aggregate entry: renaming follows Django's alias rule. */
    private static void aliasField(Form form, String id, Schema schema) {
        form.add(id, "name", Kind.TEXT, Place.ROW, List::of,
                q -> ((Segment.Named) form.path().last()).alias(),
                (q, t) -> AnnotationEdits.rename(q, form.path(), t.strip(), schema));
    }

    static Form expression(FormHost host, DesignNode node, Expression e, String model) {
        Form form = new Form(host, "expression", node.path());
        Schema schema = host.schema();
        List<Choice> paths = RelationPaths.fields(schema, model, PATH_DEPTH).stream()
                .map(f -> new Choice(f.path(), f.label())).toList();
        Function<QuerySet, Expression> exprOf = q -> (Expression) QueryLens.shown(q, form.path());
        ExpressionFields x = new ExpressionFields(form, schema, model, exprOf, paths);
        if (node.role() == Role.ANNOTATION) {
            aliasField(form, "exprAlias", schema);
        }
        if (e instanceof Expression.Aggregate) {
            x.aggregate();
        } else if (e instanceof Expression.Combined) {
            x.arithmetic();
        } else if (e instanceof Expression.Func f) {
            x.function(f.args().size());
        } else if (e instanceof Expression.Case) {
            x.caseForm();
        } else if (e instanceof Expression.When) {
            x.when(node);
        } else if (NodeParts.simple(e)) {
            x.operand("exprValue", "value", ex -> ex, (ex, v) -> v);
        }
        form.add("exprText", "text", Kind.TEXT, Place.ROW, List::of, q -> ExpressionText.print(exprOf.apply(q)),
                (q, t) -> Checks.compiles(schema, q, ExpressionEdits.replace(q, form.path(),
                        ExpressionText.parse(t, schema, model))));
        form.hint(() -> "Changes apply as you type; the text below is the whole expression as Django text.");
        form.shape(() -> shapeOf(exprOf.apply(host.query())));
        return form;
    }

    /** What decides an expression's fields: its kind, and a function's number of arguments. */
    private static String shapeOf(Expression now) {
        String kind = now instanceof Expression.Aggregate ? "aggregate" : now instanceof Expression.Combined
                ? "combined" : now instanceof Expression.Func ? "func" : now instanceof Expression.Case ? "case"
                : now instanceof Expression.When ? "when" : NodeParts.simple(now) ? "simple"
                : now.getClass().getSimpleName();
        return kind + (now instanceof Expression.Func f ? f.args().size() : "");
    }

    /** The fields of each kind of expression; each writes the expression with its one part changed. */
    private record ExpressionFields(Form form, Schema schema, String model, Function<QuerySet, Expression> exprOf,
                                    List<Choice> paths) {

        Edit replace(QuerySet q, Expression next) {
            return Checks.compiles(schema, q, ExpressionEdits.replace(q, form.path(), next));
        }

        /** A kind choice and a text for one operand, read by {@code get} and written back by {@code set}. */
        void operand(String id, String label, Function<Expression, Expression> get,
                     BiFunction<Expression, Expression, Expression> set) {
            operand(id, id + "Text", label, get, set);
        }

        void operand(String id, String textId, String label, Function<Expression, Expression> get,
                     BiFunction<Expression, Expression, Expression> set) {
            FormField[] f = new FormField[2];
            f[0] = form.add(id + "Kind", label, Kind.CHOICE, Place.ROW, () -> Choice.plain(Operands.OPERAND_KINDS),
                    q -> Operands.kindOf(get.apply(exprOf.apply(q))),
                    (q, t) -> replace(q, set.apply(exprOf.apply(q), Operands.operand(t, f[1].text(), schema, model))));
            f[1] = form.add(textId, null, Kind.COMBO, Place.INLINE, () -> paths,
                    q -> Operands.textOf(get.apply(exprOf.apply(q))),
                    (q, t) -> replace(q, set.apply(exprOf.apply(q), Operands.operand(f[0].text(), t, schema, model))));
        }

        void choice(String id, String label, List<String> items, Function<Expression, String> get,
                    BiFunction<Expression, String, Expression> set) {
            form.add(id, label, Kind.CHOICE, Place.ROW, () -> Choice.plain(items), q -> get.apply(exprOf.apply(q)),
                    (q, t) -> replace(q, set.apply(exprOf.apply(q), t)));
        }

        void aggregate() {
            choice("exprFunction", "aggregate", AGGREGATES, e -> ((Expression.Aggregate) e).function(), (e, t) -> {
                Expression.Aggregate a = (Expression.Aggregate) e;
                return new Expression.Aggregate(t, a.argument(), a.distinct(), a.filter(), a.defaultValue(),
                        a.options());
            });
            operand("exprArg", "exprField", "of", e -> ((Expression.Aggregate) e).argument(), (e, v) -> {
                Expression.Aggregate a = (Expression.Aggregate) e;
                return new Expression.Aggregate(a.function(), v, a.distinct(), a.filter(), a.defaultValue(),
                        a.options());
            });
            form.add("exprDistinct", "distinct (count each value once)", Kind.CHECK, Place.ROW, List::of,
                    q -> String.valueOf(((Expression.Aggregate) exprOf.apply(q)).distinct()), (q, t) -> {
                        Expression.Aggregate a = (Expression.Aggregate) exprOf.apply(q);
                        return replace(q, new Expression.Aggregate(a.function(), a.argument(), Boolean.parseBoolean(t),
                                a.filter(), a.defaultValue(), a.options()));
                    });
            form.add("exprFilter", "filter= Q (only matching rows: conditional aggregation)", Kind.CHECK, Place.ROW,
                    List::of, q -> String.valueOf(((Expression.Aggregate) exprOf.apply(q)).filter() != null),
                    (q, t) -> {
                        Expression.Aggregate a = (Expression.Aggregate) exprOf.apply(q);
                        Q filter = Boolean.parseBoolean(t) ? (a.filter() != null ? a.filter()
                                : Q.and(List.of(PaletteItems.defaultLookup(schema, model)))) : null;
                        return replace(q, new Expression.Aggregate(a.function(), a.argument(), a.distinct(), filter,
                                a.defaultValue(), a.options()));
                    });
        }

        void arithmetic() {
            operand("exprLeft", "left", e -> ((Expression.Combined) e).left(), (e, v) -> {
                Expression.Combined c = (Expression.Combined) e;
                return new Expression.Combined(v, c.operator(), c.right());
            });
            choice("exprOperator", "operator", OPERATORS, e -> ((Expression.Combined) e).operator(), (e, t) -> {
                Expression.Combined c = (Expression.Combined) e;
                return new Expression.Combined(c.left(), t, c.right());
            });
            operand("exprRight", "right", e -> ((Expression.Combined) e).right(), (e, v) -> {
                Expression.Combined c = (Expression.Combined) e;
                return new Expression.Combined(c.left(), c.operator(), v);
            });
        }

        void function(int args) {
            List<String> names = new ArrayList<>(List.of("Coalesce", "Concat", "Lower", "Upper", "Length", "Now",
                    "Greatest", "Least", "Cast"));
            FunctionNames.FUNCTIONS.stream().filter(n -> !names.contains(n)).forEach(names::add);
            form.add("exprFunction", "function", Kind.COMBO, Place.ROW, () -> Choice.plain(names),
                    q -> ((Expression.Func) exprOf.apply(q)).name(), (q, t) -> {
                        Expression.Func f = (Expression.Func) exprOf.apply(q);
                        if (!t.strip().matches("[A-Za-z_][A-Za-z0-9_]*")) {
                            throw new QueryException("NameError", "'" + t.strip() + "' is not a function name");
                        }
                        return replace(q, new Expression.Func(t.strip(), f.args(), f.options()));
                    });
            for (int i = 0; i < args; i++) {
                int k = i;
                operand("exprArg" + i, "arg " + (i + 1), e -> ((Expression.Func) e).args().get(k), (e, v) -> {
                    Expression.Func f = (Expression.Func) e;
                    List<Expression> next = new ArrayList<>(f.args());
                    next.set(k, v);
                    return new Expression.Func(f.name(), next, f.options());
                });
                form.action("exprRemoveArg" + i, "✕ arg " + (i + 1), q -> ExpressionEdits.removeArgument(q,
                        form.path(), k));
            }
            form.action("exprAddArg", "+ argument", q -> ExpressionEdits.addArgument(q, form.path(),
                    new Expression.F(ExpressionPalette.field(schema.findModel(model).orElse(null), true))));
            form.add("exprOutputField", "output_field", Kind.COMBO, Place.ROW, () -> Choice.plain(OUTPUT_FIELDS),
                    q -> {
                        Object out = ((Expression.Func) exprOf.apply(q)).option("output_field");
                        return out == null ? "" : out.toString();
                    }, (q, t) -> {
                        Expression.Func f = (Expression.Func) exprOf.apply(q);
                        Map<String, Object> options = new LinkedHashMap<>(f.options());
                        String field = t.strip().replaceFirst("\\(\\)$", "");
                        if (field.isEmpty()) {
                            options.remove("output_field");
                        } else {
                            options.put("output_field", field);
                        }
                        return replace(q, new Expression.Func(f.name(), f.args(), options));
                    });
        }

        void caseForm() {
            form.action("exprAddWhen", "+ When", q -> ExpressionEdits.addWhen(q, form.path(),
                    new Expression.When(Q.and(List.of(PaletteItems.defaultLookup(schema, model))),
                            Expression.Value.of(1L))));
            operand("exprDefault", "default", e -> {
                Expression d = ((Expression.Case) e).defaultValue();
                return d == null ? Expression.Value.of(null) : d;
            }, (e, v) -> {
                Expression.Case c = (Expression.Case) e;
                boolean none = v instanceof Expression.Value val && val.value() == null;
                return new Expression.Case(c.whens(), none ? null : v, c.outputField());
            });
            form.add("exprOutputField", "output_field", Kind.COMBO, Place.ROW, () -> Choice.plain(OUTPUT_FIELDS),
                    q -> {
                        String out = ((Expression.Case) exprOf.apply(q)).outputField();
                        return out == null ? "" : out;
                    }, (q, t) -> {
                        Expression.Case c = (Expression.Case) exprOf.apply(q);
                        String field = t.strip().replaceFirst("\\(\\)$", "");
                        return replace(q, new Expression.Case(c.whens(), c.defaultValue(), field.isEmpty() ? null
                                : field));
                    });
        }

        void when(DesignNode node) {
            operand("exprThen", "then", e -> ((Expression.When) e).then(), (e, v) -> {
                Expression.When w = (Expression.When) e;
                return new Expression.When(w.condition(), v);
            });
            NodePath parent = node.parent() == null ? null : NodePath.parse(node.parent());
            form.action("exprRemoveWhen", "Remove this When", q -> {
                Edit d = NodeEdits.delete(q, form.path());
                return parent == null ? d : new Edit(d.query(), parent, d.undoName());
            });
        }
    }
}
