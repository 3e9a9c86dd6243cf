package studio.queryset.app.canvas;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import studio.queryset.design.DesignNode;
import studio.queryset.design.Role;
import studio.queryset.design.edit.AnnotationEdits;
import studio.queryset.design.edit.Edit;
import studio.queryset.design.edit.ExpressionEdits;
import studio.queryset.design.edit.ExpressionText;
import studio.queryset.design.edit.NodeEdits;
import studio.queryset.design.edit.NodeParts;
import studio.queryset.query.NodePath;
import studio.queryset.design.edit.QueryLens;
import studio.queryset.query.Expression;
import studio.queryset.query.FunctionNames;
import studio.queryset.query.Q;
import studio.queryset.query.QuerySet;
import studio.queryset.schema.Schema;
import studio.queryset.sql.LookupCatalog;

/**
 * The inspector section of an expression node: the annotation's name, then a form for what the expression is
 * (an aggregate's function, argument, distinct and filter=; arithmetic's operands and operator; a function's
 * arguments; a Case's branches and default; a When's value) and, for any expression, its Django text.
 * Operands are F / value / Param / optional Param / expression; an expression operand becomes a child node.
 * Every change is one undoable command.
 */
final class ExpressionInspector {
    static final List<String> OPERAND_KINDS = List.of("F", "value", "Param", "optional Param", "expression");
    /** The aggregates of FunctionNames.AGGREGATES, in the order the menu lists them. */
    private static final List<String> AGGREGATES = List.of("Count", "Sum", "Avg", "Max", "Min", "StdDev", "Variance");
    private static final List<String> OPERATORS = List.of("+", "-", "*", "/", "%");
    private static final List<String> OUTPUT_FIELDS = List.of("", "IntegerField", "FloatField", "DecimalField",
            "CharField", "TextField", "BooleanField", "DateField", "DateTimeField");

    private final CanvasViewModel vm;
    private final DesignNode node;
    private final String model;
    private final VBox body;
    private final Label error;
    private final Schema schema;
    private final List<String> paths;

    private ExpressionInspector(CanvasViewModel vm, DesignNode node, String model, VBox body, Label error) {
        this.vm = vm;
        this.node = node;
        this.model = model;
        this.body = body;
        this.error = error;
        this.schema = vm.schema();
        this.paths = schema == null || model == null ? List.of() : LookupCatalog.paths(schema, model, 2);
    }

    /** Adds the section for expression node {@code n} to {@code body}; problems go to {@code error}. */
    static void show(CanvasViewModel vm, DesignNode n, String model, VBox body, Label error) {
        new ExpressionInspector(vm, n, model, body, error).build();
    }

    private void build() {
        QuerySet qs = vm.design().query();
        Object part = qs == null ? null : QueryLens.shown(qs, node.path());
        if (!(part instanceof Expression e)) {
            body.getChildren().add(code(node.text()));
            return;
        }
        TextField alias = aliasField();
        List<Node> rows = new ArrayList<>();
        Supplier<Expression> next;
        if (e instanceof Expression.Aggregate a) {
            next = aggregateForm(a, rows);
        } else if (e instanceof Expression.Combined c) {
            next = arithmeticForm(c, rows);
        } else if (e instanceof Expression.Func f) {
            next = functionForm(f, rows);
        } else if (e instanceof Expression.Case c) {
            next = caseForm(c, rows);
        } else if (e instanceof Expression.When w) {
            next = whenForm(w, rows);
        } else if (NodeParts.simple(e)) {
            Operand value = new Operand("exprValue", e);
            rows.add(value.row("value"));
            next = value::value;
        } else {
            next = null;
        }
        if (alias != null) {
            rows.add(0, row("name", alias));
        }
        if (!rows.isEmpty()) {
            GridPane grid = new GridPane();
            grid.setHgap(8);
            grid.setVgap(6);
            grid.getStyleClass().add("cn-insp-form");
            for (int i = 0; i < rows.size(); i++) {
                grid.add(rows.get(i), 0, i);
                GridPane.setHgrow(rows.get(i), Priority.ALWAYS);
            }
            body.getChildren().add(grid);
        }
        if (next != null || alias != null) {
            Button apply = new Button("Apply");
            apply.setId("applyExpression");
            apply.getStyleClass().add("accent");
            apply.setOnAction(ev -> apply(next == null ? null : next, alias));
            if (alias != null) {
                // Enter in the name renames, as in the other inspector boxes
                alias.setOnAction(ev -> apply(next == null ? null : next, alias));
            }
            body.getChildren().add(apply);
        }
        textEditor(e);
    }

    // ---------------------------------------------------------------- forms per kind

    private Supplier<Expression> aggregateForm(Expression.Aggregate a, List<Node> rows) {
        ComboBox<String> fn = combo("exprFunction", AGGREGATES, a.function());
        fn.setEditable(false);
        Operand arg = new Operand("exprArg", a.argument());
        arg.text.setId("exprField");
        arg.text.getItems().add(0, "*");
        CheckBox distinct = new CheckBox("distinct (count each value once)");
        distinct.setId("exprDistinct");
        distinct.setSelected(a.distinct());
        CheckBox filter = new CheckBox("filter= Q (only matching rows: conditional aggregation)");
        filter.setId("exprFilter");
        filter.setSelected(a.filter() != null);
        rows.add(row("aggregate", fn));
        rows.add(arg.row("of"));
        rows.add(distinct);
        rows.add(filter);
        return () -> new Expression.Aggregate(fn.getValue(), arg.value(), distinct.isSelected(),
                filter.isSelected() ? (a.filter() != null ? a.filter()
                        : Q.and(List.of(PaletteItems.defaultLookup(schema, model)))) : null,
                a.defaultValue(), a.options());
    }

    private Supplier<Expression> arithmeticForm(Expression.Combined c, List<Node> rows) {
        Operand left = new Operand("exprLeft", c.left());
        List<String> ops = new ArrayList<>(OPERATORS);
        if (!ops.contains(c.operator())) {
            ops.add(c.operator());
        }
        ComboBox<String> op = combo("exprOperator", ops, c.operator());
        op.setEditable(false);
        Operand right = new Operand("exprRight", c.right());
        rows.add(left.row("left"));
        rows.add(row("operator", op));
        rows.add(right.row("right"));
        return () -> new Expression.Combined(left.value(), op.getValue(), right.value());
    }

    private Supplier<Expression> functionForm(Expression.Func f, List<Node> rows) {
        List<String> names = new ArrayList<>(List.of("Coalesce", "Concat", "Lower", "Upper", "Length", "Now",
                "Greatest", "Least", "Cast"));
        FunctionNames.FUNCTIONS.stream().filter(x -> !names.contains(x)).forEach(names::add);
        ComboBox<String> fn = combo("exprFunction", names, f.name());
        rows.add(row("function", fn));
        List<Operand> args = new ArrayList<>();
        for (int i = 0; i < f.args().size(); i++) {
            Operand o = new Operand("exprArg" + i, f.args().get(i));
            args.add(o);
            Button remove = new Button("✕");
            remove.setId("exprRemoveArg" + i);
            int k = i;
            remove.setOnAction(ev -> command("Remove argument", q -> ExpressionEdits.removeArgument(q, node.path(), k)
                    .query()));
            HBox r = new HBox(6, o.row("arg " + (i + 1)), remove);
            HBox.setHgrow(r.getChildren().get(0), Priority.ALWAYS);
            rows.add(r);
        }
        Button add = new Button("+ argument");
        add.setId("exprAddArg");
        add.setOnAction(ev -> command("Add argument", q -> ExpressionEdits.addArgument(q, node.path(),
                new Expression.F(ExpressionPalette.field(schema.findModel(model).orElse(null), true))).query()));
        rows.add(add);
        Object out = f.option("output_field");
        ComboBox<String> output = combo("exprOutputField", OUTPUT_FIELDS, out == null ? "" : out.toString());
        rows.add(row("output_field", output));
        return () -> {
            List<Expression> values = new ArrayList<>();
            for (Operand o : args) {
                values.add(o.value());
            }
            Map<String, Object> options = new LinkedHashMap<>(f.options());
            String field = output.getEditor().getText().strip();
            if (field.isEmpty()) {
                options.remove("output_field");
            } else {
                options.put("output_field", field.replaceFirst("\\(\\)$", ""));
            }
            return new Expression.Func(fn.getEditor().getText().strip(), values, options);
        };
    }

    private Supplier<Expression> caseForm(Expression.Case c, List<Node> rows) {
        Label whens = new Label(c.whens().size() + " When node" + (c.whens().size() == 1 ? "" : "s")
                + " below: condition and value");
        whens.setWrapText(true);
        whens.getStyleClass().add("cn-insp-help");
        Button add = new Button("+ When");
        add.setId("exprAddWhen");
        add.setOnAction(ev -> command("Add When", q -> ExpressionEdits.addWhen(q, node.path(),
                new Expression.When(Q.and(List.of(PaletteItems.defaultLookup(schema, model))),
                        Expression.Value.of(1L))).query()));
        Operand def = new Operand("exprDefault", c.defaultValue() == null ? Expression.Value.of(null)
                : c.defaultValue());
        ComboBox<String> output = combo("exprOutputField", OUTPUT_FIELDS, c.outputField() == null ? ""
                : c.outputField());
        rows.add(whens);
        rows.add(add);
        rows.add(def.row("default"));
        rows.add(row("output_field", output));
        return () -> {
            String field = output.getEditor().getText().strip().replaceFirst("\\(\\)$", "");
            Expression d = def.value();
            boolean noDefault = d instanceof Expression.Value v && v.value() == null && c.defaultValue() == null;
            return new Expression.Case(c.whens(), noDefault ? null : d, field.isEmpty() ? null : field);
        };
    }

    private Supplier<Expression> whenForm(Expression.When w, List<Node> rows) {
        Label cond = new Label("Condition: the Q node below");
        cond.setWrapText(true);
        cond.getStyleClass().add("cn-insp-help");
        Operand then = new Operand("exprThen", w.then());
        Button remove = new Button("Remove this When");
        remove.setId("exprRemoveWhen");
        String parent = node.parent();
        remove.setOnAction(ev -> {
            if (command("Remove When", q -> NodeEdits.delete(q, node.path()).query())) {
                vm.select(parent);
            }
        });
        rows.add(cond);
        rows.add(then.row("then"));
        rows.add(remove);
        return () -> new Expression.When(w.condition(), then.value());
    }

    private void textEditor(Expression e) {
        TextField text = new TextField(ExpressionText.print(e));
        text.setId("exprText");
        text.getStyleClass().add("cn-insp-code");
        Button apply = new Button("Apply text");
        apply.setId("applyExprText");
        Runnable run = () -> {
            try {
                Expression parsed = ExpressionText.parse(text.getText(), schema, model);
                if (command("Edit expression", q -> ExpressionEdits.replace(q, node.path(), parsed).query())) {
                    vm.select(node.id());
                }
            } catch (RuntimeException ex) {
                error.setText(message(ex));
            }
        };
        apply.setOnAction(ev -> run.run());
        text.setOnAction(ev -> run.run());
        Label hint = new Label("As Django text (any expression); Enter applies it.");
        hint.getStyleClass().add("cn-insp-help");
        body.getChildren().addAll(row("text", text), hint, apply);
    }

    // ---------------------------------------------------------------- apply

    /** The annotation name field when the node is an annotate / alias / aggregate entry, else null. */
    private TextField aliasField() {
        if (node.role() != Role.ANNOTATION) {
            return null;
        }
        TextField alias = new TextField(node.alias());
        alias.setId("exprAlias");
        return alias;
    }

    private void apply(Supplier<Expression> next, TextField aliasField) {
        Expression e;
        try {
            e = next == null ? null : next.get();
        } catch (RuntimeException ex) {
            error.setText(message(ex));
            return;
        }
        NodePath at = node.path();
        String alias = aliasField == null ? null : node.alias();
        String newAlias = aliasField == null ? null : aliasField.getText().strip();
        boolean renaming = alias != null && !alias.equals(newAlias);
        NodePath[] renamed = new NodePath[1];
        boolean ok = command("Edit expression", q -> {
            QuerySet out = e == null ? q : ExpressionEdits.replace(q, at, e).query();
            if (!renaming) {
                return out;
            }
            Edit r = AnnotationEdits.rename(out, at, newAlias, vm.schema());
            renamed[0] = r.selectAfter();
            return r.query();
        });
        if (ok && renaming) {
            vm.select(renamed[0].toString());
        }
    }

    private boolean command(String name, UnaryOperator<QuerySet> change) {
        boolean ok = vm.command(name, change);
        if (!ok) {
            error.setText(vm.messageProperty().get());
        }
        return ok;
    }

    private static String message(RuntimeException ex) {
        if (ex instanceof studio.queryset.query.QueryException q) {
            return q.kind() + ": " + q.getMessage();
        }
        return ex.getMessage();
    }

    // ---------------------------------------------------------------- operands

    /** What kind of operand {@code e} is, for the kind choice. */
    static String kindOf(Expression e) {
        if (e instanceof Expression.F || e instanceof Expression.Star) {
            return "F";
        }
        if (e instanceof Expression.Param p) {
            return p.optional() ? "optional Param" : "Param";
        }
        if (e instanceof Expression.Value) {
            return "value";
        }
        return "expression";
    }

    /** The text an operand shows in its field. */
    static String textOf(Expression e) {
        if (e instanceof Expression.F f) {
            return f.path();
        }
        if (e instanceof Expression.Star) {
            return "*";
        }
        if (e instanceof Expression.Param p) {
            return p.name();
        }
        return e instanceof Expression.Value ? ExpressionText.printValue(e) : ExpressionText.print(e);
    }

    /**
     * An operand from its kind and text: F takes a field path ("*" for Count's star; a text with operators or
     * calls is parsed as an expression, so {@code F("a") * 2} works there too), value a Python literal, Param a
     * name, expression any Django expression (empty, a field or a literal: arithmetic on it, {@code F("a") + 1},
     * to edit on its own node).
     */
    static Expression operand(String kind, String text, Schema schema, String model) {
        String t = text == null ? "" : text.strip();
        switch (kind == null ? "value" : kind) {
            case "F":
                if (t.equals("*")) {
                    return new Expression.Star();
                }
                if (t.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                    return new Expression.F(t);
                }
                if (t.isEmpty()) {
                    throw new studio.queryset.query.QueryException("ValueError", "F needs a field name, e.g. "
                            + "view_count or author__name");
                }
                return ExpressionText.parse(t, schema, model);
            case "Param":
            case "optional Param":
                if (!t.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                    throw new studio.queryset.query.QueryException("ValueError", "'" + t + "' is not a parameter "
                            + "name: use letters, digits and _");
                }
                return new Expression.Param(t, kind.equals("optional Param"));
            case "expression":
                // asked for an expression: a field or a literal becomes arithmetic on it, edited on its own node
                if (t.isEmpty()) {
                    return ExpressionPalette.create("F+", schema, model);
                }
                Expression e = t.matches("[A-Za-z_][A-Za-z0-9_]*") ? new Expression.F(t) : expressionOrLiteral(t,
                        schema, model);
                boolean plain = e instanceof Expression.F || e instanceof Expression.Value;
                return plain ? new Expression.Combined(e, "+", Expression.Value.of(1L)) : e;
            default:
                return NodeInspectorView.value("value", t, schema, model);
        }
    }

    /** Django expression text, or a Python literal ({@code 1}, {@code "x"}) that annotate() alone would refuse. */
    private static Expression expressionOrLiteral(String t, Schema schema, String model) {
        try {
            return ExpressionText.parse(t, schema, model);
        } catch (studio.queryset.query.QueryException ex) {
            Expression literal = NodeInspectorView.value("value", t, schema, model);
            if (literal instanceof Expression.Value v && t.equals(v.value())) {
                throw ex; // not a literal either: the parser's message says what is wrong
            }
            return literal;
        }
    }

    /** A kind choice and a text (field paths offered) for one operand. */
    private final class Operand {
        final ComboBox<String> kind;
        final ComboBox<String> text;

        Operand(String id, Expression e) {
            kind = combo(id + "Kind", OPERAND_KINDS, kindOf(e));
            kind.setEditable(false);
            text = combo(id + "Text", paths, textOf(e));
        }

        Expression value() {
            return operand(kind.getValue(), text.getEditor().getText(), schema, model);
        }

        Node row(String key) {
            kind.setMinWidth(136);
            kind.setPrefWidth(136);
            kind.setMaxWidth(136);
            HBox both = new HBox(6, kind, text);
            HBox.setHgrow(text, Priority.ALWAYS);
            return row(key, both);
        }

        private Node row(String key, Node field) {
            return ExpressionInspector.row(key, field);
        }
    }

    // ---------------------------------------------------------------- helpers

    private static Node row(String key, Node field) {
        Label k = new Label(key);
        k.getStyleClass().add("property-key");
        k.setMinWidth(78);
        k.setPrefWidth(78);
        HBox r = new HBox(8, k, field);
        r.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        HBox.setHgrow(field, Priority.ALWAYS);
        if (field instanceof javafx.scene.control.Control c) {
            c.setMaxWidth(Double.MAX_VALUE);
        }
        return r;
    }

    private static ComboBox<String> combo(String id, List<String> items, String value) {
        return NodeInspectorView.combo(id, items, value);
    }

    private static Label code(String text) {
        return NodeInspectorView.code(text);
    }
}
