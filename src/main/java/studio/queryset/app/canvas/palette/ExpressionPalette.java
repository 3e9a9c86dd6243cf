package studio.queryset.app.canvas.palette;

import java.util.List;
import java.util.Map;
import studio.queryset.app.canvas.editor.CanvasDrops;
import studio.queryset.app.canvas.editor.CanvasModels;
import studio.queryset.app.canvas.editor.CanvasViewModel;
import studio.queryset.design.DesignGraph;
import studio.queryset.design.DesignNode;
import studio.queryset.design.NodeKind;
import studio.queryset.design.edit.AliasRule;
import studio.queryset.design.edit.AnnotationEdits;
import studio.queryset.design.edit.Edit;
import studio.queryset.design.edit.ExpressionEdits;
import studio.queryset.design.edit.NodeParts;
import studio.queryset.design.edit.QueryLens;
import studio.queryset.query.Segment;
import studio.queryset.query.Expression;
import studio.queryset.query.Q;
import studio.queryset.query.QuerySet;
import studio.queryset.query.Step;
import studio.queryset.schema.Field;
import studio.queryset.schema.Model;
import studio.queryset.schema.Schema;
import studio.queryset.schema.ValueType;
import studio.queryset.sql.FunctionSpec;
import studio.queryset.sql.FunctionSpecs;

/**
 * The palette's expression items and where a click puts them: into the selected annotate / alias / aggregate
 * stage as a new named entry, in place of the selected expression node, or as the selected lookup's value; with the
 * source, another stage or nothing selected, a new annotate() after it (after the last stage when nothing is).
 */
public final class ExpressionPalette {
    /** The items that are not functions: F, F arithmetic ("F+"), a Case/When and a Window. */
    public static final List<String> STRUCTURAL = List.of("F", "F+", "Case", "Window");

    /** Item names in palette order: the structural ones, then the function registry's palette chips. */
    public static final List<String> ITEMS = java.util.stream.Stream.concat(STRUCTURAL.stream(),
            FunctionSpecs.palette().stream().map(FunctionSpec::name)).toList();

    /** Whether the item is an aggregate (the add-node search lists it as one). */
    public static boolean aggregate(String item) {
        return FunctionSpecs.find(item).map(s -> s.group() == FunctionSpec.Group.AGGREGATE).orElse(false);
    }

    private ExpressionPalette() {
    }

    public static String label(String item) {
        switch (item) {
            case "F+":
                return "F ± F";
            case "Case":
                return "Case/When";
            case "Window":
                return "Window";
            default:
                return item;
        }
    }

    public static String tip(String item) {
        return "Put a " + label(item) + " into the selected annotate / alias / aggregate stage, in place of the "
                + "selected expression, or as the selected lookup's value";
    }

    /** A new expression of this kind on {@code model} that compiles: numeric fields where numbers fit. */
    public static Expression create(String item, Schema schema, String model) {
        Model m = schema == null || model == null ? null : schema.findModel(model).orElse(null);
        Expression num = new Expression.F(field(m, true));
        Expression text = new Expression.F(field(m, false));
        switch (item) {
            case "F":
                return num;
            case "F+":
                return new Expression.Combined(num, "+", Expression.Value.of(1L));
            case "Case":
                Q cond = Q.and(List.of(PaletteItems.defaultLookup(schema, model)));
                return new Expression.Case(List.of(new Expression.When(cond, Expression.Value.of(1L))),
                        Expression.Value.of(0L), null);
            case "Window":
                // Window(expression=RowNumber(), order_by=F(x).desc()): the rows numbered by a field
                return new Expression.Window(new Expression.Func("RowNumber", List.of(), Map.of()), List.of(),
                        List.of(new Expression.OrderBy(num, true, null, null, false)), null);
            case "Coalesce":
            case "Greatest":
            case "Least":
                return new Expression.Func(item, List.of(num, Expression.Value.of(0L)), Map.of());
            case "Concat":
                return new Expression.Func(item, List.of(text, Expression.Value.of(" ")), Map.of());
            case "Lower":
            case "Upper":
            case "Length":
                return new Expression.Func(item, List.of(text), Map.of());
            case "Now":
                return new Expression.Func(item, List.of(), Map.of());
            case "Cast":
                return new Expression.Func(item, List.of(num), Map.of("output_field", "FloatField"));
            case "Count":
                return new Expression.Aggregate(item, new Expression.F("pk"), false, null, null, Map.of());
            default:
                return new Expression.Aggregate(item, num, false, null, null, Map.of());
        }
    }

    /** The first plain numeric (or text) field of the model, else "pk". */
    public static String field(Model m, boolean numeric) {
        if (m == null) {
            return "pk";
        }
        for (Field f : m.concreteFields()) {
            if (f.primaryKey() || f.isRelation()) {
                continue;
            }
            ValueType t = f.valueType();
            boolean isNumber = t == ValueType.INTEGER || t == ValueType.DECIMAL || t == ValueType.FLOAT;
            if (numeric ? isNumber : t == ValueType.TEXT) {
                return f.name();
            }
        }
        return "pk";
    }

    /**
     * Puts a new {@code item} where the selection says (see the class comment) as one command and selects the
     * node that shows it; false with the view-model's message when there is no place for it.
     */
    public static boolean put(CanvasViewModel vm, String item) {
        DesignGraph g = vm.graphProperty().get();
        String id = vm.focusedProperty().get();
        DesignNode n = g == null || id == null ? null : g.node(id);
        QuerySet qs = vm.design().query();
        if (qs == null || g == null) {
            return refuse(vm, label(item));
        }
        if (n == null || n.kind() == NodeKind.SOURCE || n.isStep() && !holdsNamed(qs, n)) {
            // as a drop on that card (nothing selected: the main pipeline's last card) does: a new annotate()
            List<String> steps = studio.queryset.design.Pipelines.steps(g, "src");
            String anchor = n != null ? id : steps.isEmpty() ? "src" : steps.get(steps.size() - 1);
            return new CanvasDrops(vm).annotateWith(item, anchor);
        }
        return place(vm, label(item), create(item, vm.schema(), CanvasModels.modelOf(g, id)),
                item.equals("F+") ? "score" : item.equals("F") ? "f" : item.toLowerCase());
    }

    /**
     * Places {@code e} where the selection says, as {@link #put} does; a new annotation is named {@code base}
     * (or base2, base3 ... when taken).
     */
    public static boolean place(CanvasViewModel vm, String what, Expression e, String base) {
        DesignGraph g = vm.graphProperty().get();
        String id = vm.focusedProperty().get();
        DesignNode n = g == null || id == null ? null : g.node(id);
        QuerySet qs = vm.design().query();
        if (n == null || qs == null) {
            return refuse(vm, what);
        }
        Object part = QueryLens.find(qs, n.path());
        if (n.isStep() && part instanceof Step s && AliasRule.holdsNamed(s)) {
            return vm.run(q -> {
                Edit added = AnnotationEdits.addFresh(q, n.path(), base, e, vm.schema());
                return new Edit(added.query(), added.selectAfter(), "Add " + what);
            });
        }
        if (n.kind() == NodeKind.EXPRESSION) {
            boolean ok = vm.command("Replace with " + what, q -> ExpressionEdits.replace(q, n.path(), e).query());
            if (ok) {
                vm.select(id);
            }
            return ok;
        }
        if (n.kind() == NodeKind.LOOKUP) {
            boolean ok = vm.command("Set value to " + what, q -> ExpressionEdits.replace(q, n.path(), e).query());
            if (ok) {
                vm.select(NodeParts.simple(e) ? id
                        : n.path().child(new Segment.Fixed(Segment.Part.LOOKUP_VALUE)).toString());
            }
            return ok;
        }
        return refuse(vm, what);
    }

    private static boolean holdsNamed(QuerySet qs, DesignNode n) {
        return QueryLens.find(qs, n.path()) instanceof Step s && AliasRule.holdsNamed(s);
    }

    private static boolean refuse(CanvasViewModel vm, String what) {
        vm.command("Add " + what, q -> {
            throw new studio.queryset.query.QueryException("Nothing selected to hold it",
                    "select an annotate, alias or aggregate stage (add one from the palette), an expression "
                            + "node, or a lookup — the " + what + " goes there");
        });
        return false;
    }
}
