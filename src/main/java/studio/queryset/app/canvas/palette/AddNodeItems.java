package studio.queryset.app.canvas.palette;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import studio.queryset.app.canvas.editor.CanvasDrops;
import studio.queryset.app.canvas.editor.CanvasModels;
import studio.queryset.app.canvas.editor.CanvasViewModel;
import studio.queryset.design.DesignGraph;
import studio.queryset.query.Expression;
import studio.queryset.query.NodePath;
import studio.queryset.query.Q;
import studio.queryset.query.QuerySet;
import studio.queryset.design.edit.QueryLens;
import studio.queryset.query.Step;
import studio.queryset.schema.Field;
import studio.queryset.schema.Hop;
import studio.queryset.schema.Model;
import studio.queryset.schema.PathResolver;
import studio.queryset.schema.ValueType;
import studio.queryset.sql.LookupCatalog;
import studio.queryset.sql.LookupSpec;

/**
 * What the add-node search offers at a place of the canvas (after a selected card, on a wire, on empty canvas):
 * stages and results, conditions, expressions (functions and aggregates), lookups on the fields of the place's
 * model and nested querysets; each item is the command that puts it there. No Nodes.
 */
public final class AddNodeItems {
    /** One entry: what the list shows, a hint of what it is, and what choosing it does. */
    public record Item(String label, String group, Runnable action) {
        /** Every word of the query is in the label ("title ico" finds {@code title__icontains}). */
        boolean matches(String query) {
            String l = label.toLowerCase(Locale.ROOT);
            for (String word : query.strip().toLowerCase(Locale.ROOT).split("\\s+")) {
                if (!l.contains(word)) {
                    return false;
                }
            }
            return true;
        }

        boolean startsWith(String query) {
            return label.toLowerCase(Locale.ROOT).startsWith(query.strip().toLowerCase(Locale.ROOT));
        }
    }

    private AddNodeItems() {
    }

    /** Every item for a place after {@code anchor} (null: the end of the main pipeline). */
    public static List<Item> at(CanvasViewModel vm, CanvasDrops drops, String anchor) {
        List<Item> out = new ArrayList<>();
        DesignGraph g = vm.graphProperty().get();
        if (g == null) {
            return out;
        }
        String model = drops.placeModel(anchor);
        for (String s : PaletteItems.STAGES) {
            out.add(new Item(s.equals("slice") ? "[:n] slice" : s, "stage",
                    () -> put(vm, drops, new CanvasDrops.Payload(CanvasDrops.Kind.STAGE, s), anchor)));
        }
        for (String c : List.of("OR", "AND", "NOT")) {
            out.add(new Item("Q " + c, "condition",
                    () -> put(vm, drops, new CanvasDrops.Payload(CanvasDrops.Kind.CONDITION, c), anchor)));
        }
        out.add(new Item("Exists", "condition", () -> vm.nested().addExists(anchor)));
        for (String x : ExpressionPalette.ITEMS) {
            out.add(new Item(ExpressionPalette.label(x), ExpressionPalette.aggregate(x) ? "aggregate"
                    : "expression", () -> putExpression(vm, drops, x, anchor)));
        }
        Model m = vm.schema() == null || model == null ? null : vm.schema().findModel(model).orElse(null);
        if (m != null) {
            for (Field f : m.concreteFields()) {
                out.add(new Item("lookup on " + f.name(), "condition",
                        () -> put(vm, drops, new CanvasDrops.Payload(CanvasDrops.Kind.FIELD, m.name() + "." + f.name()),
                                anchor)));
            }
            for (String path : lookupPaths(vm, m)) {
                ValueType type = LookupCatalog.typeOf(vm.schema(), m.name(), path).orElse(null);
                if (type == null) {
                    continue;
                }
                for (LookupSpec spec : LookupCatalog.specsFor(type)) {
                    Expression value = placeholder(type, spec);
                    if (value != null) {
                        Q.Lookup l = new Q.Lookup(path + "__" + spec.name(), value);
                        out.add(new Item(path + "__" + spec.name(), "lookup", () -> putLookup(vm, l, anchor)));
                    }
                }
            }
            // order_by takes the annotations made before the place as well as fields (order_by("-n"))
            List<String> orderable = new ArrayList<>(annotationsBefore(vm, anchor));
            m.concreteFields().forEach(f -> orderable.add(f.name()));
            for (String field : orderable) {
                for (boolean desc : new boolean[] {true, false}) {
                    String name = (desc ? "-" : "") + field;
                    out.add(new Item("order_by " + name, "stage", () -> vm.addStageAfter(anchor, new Step.OrderBy(
                            List.of(new Expression.OrderBy(new Expression.F(field), desc, null, null, true))))));
                }
            }
        }
        for (NestedPalette.Item n : NestedPalette.ITEMS) {
            out.add(new Item(n.text(), "nested", () -> {
                vm.select(anchor);
                n.action().test(vm);
            }));
        }
        for (String t : PaletteItems.TERMINALS) {
            out.add(new Item(t + "()", "result",
                    () -> put(vm, drops, new CanvasDrops.Payload(CanvasDrops.Kind.STAGE, t), anchor)));
        }
        return out;
    }

    /** The names annotate() and alias() give in the anchor's pipeline up to the anchor (all of it: null). */
    private static List<String> annotationsBefore(CanvasViewModel vm, String anchor) {
        List<String> out = new ArrayList<>();
        QuerySet qs = vm.design() == null ? null : vm.design().query();
        if (qs == null) {
            return out;
        }
        NodePath at;
        try {
            at = anchor == null ? NodePath.step(Math.max(0, qs.steps().size() - 1)) : NodePath.parse(anchor);
        } catch (RuntimeException e) {
            return out; // a place that names no step (empty canvas) has nothing annotated yet
        }
        List<Step> steps = QueryLens.pipelineOf(qs, at).steps();
        int last = Math.min(steps.size() - 1, at.isSource() ? -1 : at.stepIndex());
        for (int i = 0; i <= last; i++) {
            if (steps.get(i) instanceof Step.Annotate a) {
                out.addAll(a.named().keySet());
            }
        }
        return out;
    }

    /** The model's own concrete fields, then those one forward FK / one-to-one away ({@code author__name}). */
    private static List<String> lookupPaths(CanvasViewModel vm, Model m) {
        List<String> out = new ArrayList<>();
        for (Field f : m.concreteFields()) {
            out.add(f.name());
        }
        for (Hop h : PathResolver.relationsOf(vm.schema()).hopsFrom(m, PathResolver.Names.QUERY)) {
            if (h.kind() == Hop.Kind.FORWARD) {
                for (Field g : h.to().concreteFields()) {
                    if (!g.isRelation()) {
                        out.add(h.name() + "__" + g.name());
                    }
                }
            }
        }
        return out;
    }

    /**
     * What a lookup chosen from the search compares with until the user types the value: "" for text (its value
     * field then takes the keyboard), 0, True; False for isnull; null where there is no neutral value to start
     * from (dates, lists, ranges, search terms, JSON keys) and for transforms, which the inspector chains.
     */
    private static Expression placeholder(ValueType type, LookupSpec spec) {
        return switch (spec.operand()) {
            case BOOLEAN -> Expression.Value.of(false);
            case FIELD_VALUE, TEXT, REGEX -> switch (type) {
                case TEXT -> Expression.Value.of("");
                case BOOLEAN -> Expression.Value.of(true);
                case INTEGER, DECIMAL, FLOAT -> Expression.Value.of(0);
                default -> null;
            };
            default -> null;
        };
    }

    /** A lookup into the filter or Q group at the place, else a filter() of its own after it. */
    private static void putLookup(CanvasViewModel vm, Q.Lookup l, String anchor) {
        String at = anchor != null ? anchor : last(vm);
        String target = vm.conditionTarget(at);
        if (target != null) {
            vm.addConditionTo(target, l);
        } else {
            vm.addStageAfter(at, new Step.Filter(List.of(), List.of(l), false));
        }
    }

    /** The items matching {@code query}: those that start with it first, each group in list order. */
    public static List<Item> filter(List<Item> all, String query) {
        List<Item> first = new ArrayList<>();
        List<Item> rest = new ArrayList<>();
        for (Item i : all) {
            if (i.matches(query)) {
                (i.startsWith(query) ? first : rest).add(i);
            }
        }
        first.addAll(rest);
        return first;
    }

    /** Drops the item on the anchor when it takes it; otherwise it goes in as a stage of its own after it. */
    private static void put(CanvasViewModel vm, CanvasDrops drops, CanvasDrops.Payload p, String anchor) {
        if (anchor != null && drops.accepts(p, anchor)) {
            drops.drop(p, anchor);
            return;
        }
        String at = anchor != null ? anchor : last(vm);
        if (p.kind() == CanvasDrops.Kind.FIELD) {
            // a lookup on a field where no filter takes it: a filter() with it, right there
            Q.Lookup l = CanvasModels.lookupForField(vm.schema(), CanvasModels.modelOf(vm.graphProperty().get(), at),
                    p.value());
            vm.addStageAfter(at, new Step.Filter(List.of(), List.of(l), false));
            return;
        }
        drops.dropOnWire(p, at);
    }

    private static void putExpression(CanvasViewModel vm, CanvasDrops drops, String item, String anchor) {
        CanvasDrops.Payload p = new CanvasDrops.Payload(CanvasDrops.Kind.EXPRESSION, item);
        if (anchor != null && drops.accepts(p, anchor)) {
            drops.drop(p, anchor);
            return;
        }
        // nowhere to hold it: a new annotate() with it, after the place
        String model = CanvasModels.modelOf(vm.graphProperty().get(), anchor);
        Expression e = ExpressionPalette.create(item, vm.schema(), model);
        String alias = studio.queryset.design.edit.AnnotationEdits.freshAlias(model,
                item.equals("F+") ? "score" : item.toLowerCase(Locale.ROOT), vm.schema());
        vm.addStageAfter(anchor, new Step.Annotate(List.of(), Map.of(alias, e), false));
    }

    /** The last step of the main pipeline (its source when it has none). */
    private static String last(CanvasViewModel vm) {
        List<String> steps = studio.queryset.design.Pipelines.steps(vm.graphProperty().get(), "src");
        return steps.isEmpty() ? "src" : steps.get(steps.size() - 1);
    }
}
