package studio.queryset.app.canvas;

import java.util.ArrayList;
import java.util.List;
import javafx.collections.FXCollections;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import studio.queryset.design.DesignGraph;
import studio.queryset.design.DesignNode;
import studio.queryset.design.NodeKind;
import studio.queryset.django.DjangoParser;
import studio.queryset.query.Expression;
import studio.queryset.query.Q;
import studio.queryset.query.QuerySet;
import studio.queryset.query.Step;
import studio.queryset.schema.Schema;
import studio.queryset.sql.LookupCatalog;

/**
 * The inspector of the selected canvas node: for a lookup its field path (walking relations), a lookup that fits
 * the field's type and a value (literal, F or Param); for a Q group its connector and negation; for a stage its
 * arguments as Django text; for an expression node the {@link ExpressionInspector}. Every change is a command.
 */
public final class NodeInspectorView extends VBox {
    private static final List<String> VALUE_KINDS = List.of("value", "F", "Param", "optional Param", "expression");
    private final CanvasViewModel vm;
    private final VBox body = new VBox(8);
    private final Label error = new Label();

    public NodeInspectorView(CanvasViewModel vm) {
        this.vm = vm;
        setId("nodeInspector");
        getStyleClass().addAll("cn-inspector");
        getStylesheets().add(NodeInspectorView.class.getResource("canvas.css").toExternalForm());
        error.getStyleClass().add("cn-insp-error");
        error.setId("inspectorError");
        error.setWrapText(true);
        getChildren().add(body);
        vm.focusedProperty().addListener(o -> show());
        vm.historyVersionProperty().addListener(o -> show());
        vm.errorsProperty().addListener(o -> show());
        vm.editRequestsProperty().addListener(o -> focusFirstField());
        show();
    }

    /** The field Enter goes to when the inspector shows it: what one edits most (a value, a name). */
    private static final List<String> EDIT_FIRST = List.of("lookupValue", "exprAlias", "frameAlias", "prefetchToAttr",
            "stageText");

    /** Enter on a card: the keyboard goes to the inspector's main field (else its first), its text selected. */
    private void focusFirstField() {
        javafx.scene.Node first = null;
        for (String id : EDIT_FIRST) {
            first = first == null ? body.lookup("#" + id) : first;
        }
        if (first == null || !first.isVisible()) {
            first = first(body);
        }
        if (first != null) {
            first.requestFocus();
            if (first instanceof javafx.scene.control.TextInputControl t) {
                t.selectAll();
            }
        }
    }

    private static javafx.scene.Node first(javafx.scene.Parent p) {
        for (javafx.scene.Node n : p.getChildrenUnmodifiable()) {
            if (n.isVisible() && !n.isDisabled() && (n instanceof javafx.scene.control.TextInputControl
                    || n instanceof ComboBox<?> || n instanceof CheckBox)) {
                return n;
            }
            if (n instanceof javafx.scene.Parent q && !(n instanceof javafx.scene.control.Control)) {
                javafx.scene.Node f = first(q);
                if (f != null) {
                    return f;
                }
            }
        }
        return null;
    }

    private void show() {
        body.getChildren().clear();
        DesignGraph g = vm.graphProperty().get();
        String id = vm.focusedProperty().get();
        DesignNode n = g == null || id == null ? null : g.node(id);
        setVisible(n != null);
        setManaged(n != null);
        if (n == null) {
            return;
        }
        Label chip = new Label(n.kind().name().replace('_', ' '));
        chip.getStyleClass().addAll("cn-chip", NodeCard.kindClass(n.kind()));
        Label title = new Label(n.label());
        title.getStyleClass().add("cn-insp-title");
        title.setId("inspectedLabel");
        HBox head = new HBox(8, chip, title);
        head.setAlignment(Pos.CENTER_LEFT);
        Label help = new Label(NodeHelp.help(n));
        help.setWrapText(true);
        help.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        help.getStyleClass().add("cn-insp-help");
        body.getChildren().addAll(head, help);
        String err = vm.errorsProperty().get().get(id);
        if (err != null) {
            Label e = new Label("⚠ " + err);
            e.setWrapText(true);
            e.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
            e.getStyleClass().add("cn-insp-error");
            body.getChildren().add(e);
        }
        String model = CanvasModels.modelOf(g, id);
        switch (n.kind()) {
            case LOOKUP:
                lookupEditor(n, model);
                break;
            case Q_GROUP:
                groupEditor(n, model);
                break;
            case STAGE:
            case TERMINAL:
                stageEditor(n, model);
                break;
            case EXPRESSION:
                ExpressionInspector.show(vm, n, model, body, error);
                break;
            case SUBQUERY:
                body.getChildren().add(new SubqueryInspector(vm, n, error::setText));
                break;
            case PREFETCH:
                body.getChildren().add(new PrefetchInspector(vm, n, error::setText));
                break;
            default:
                Label t = new Label(n.text());
                t.setWrapText(true);
                t.getStyleClass().add("cn-insp-code");
                body.getChildren().add(t);
        }
        error.setText("");
        body.getChildren().add(error);
    }

    // ---------------------------------------------------------------- lookup

    private void lookupEditor(DesignNode n, String model) {
        Object part = vm.part(n.id());
        if (!(part instanceof Q.Lookup l)) {
            return;
        }
        Schema schema = vm.schema();
        String[] split = LookupCatalog.split(l.path());
        ComboBox<String> path = combo("lookupPath", schema == null ? List.of()
                : LookupCatalog.paths(schema, model, 2), split[0]);
        ComboBox<String> lookup = combo("lookupName", lookups(schema, model, split[0]), split[1]);
        path.valueProperty().addListener((o, old, p) -> {
            String keep = lookup.getEditor().getText();
            lookup.setItems(FXCollections.observableArrayList(lookups(schema, model, p)));
            lookup.getEditor().setText(keep);
        });
        String frame = vm.nested().targetFrame(n.id());
        List<String> kinds = new ArrayList<>(VALUE_KINDS);
        if (frame != null && !vm.nested().isFrame(n.id())) {
            kinds.add(OuterRefPicker.KIND);
        }
        ComboBox<String> kind = new ComboBox<>(FXCollections.observableArrayList(kinds));
        kind.setId("valueKind");
        TextField value = new TextField();
        value.setId("lookupValue");
        if (l.value() instanceof Expression.F f) {
            kind.setValue("F");
            value.setText(f.path());
        } else if (l.value() instanceof Expression.OuterRef o) {
            kind.setValue(OuterRefPicker.KIND);
            value.setText(o.path());
        } else if (l.value() instanceof Expression.Param p) {
            kind.setValue(p.optional() ? "optional Param" : "Param");
            value.setText(p.name());
        } else if (!studio.queryset.design.edit.NodeParts.simple(l.value())
                && !(l.value() instanceof Expression.QueryValue) && !(l.value() instanceof Expression.Subquery)) {
            kind.setValue("expression");
            value.setText(ExpressionInspector.textOf(l.value()));
        } else {
            kind.setValue("value");
            value.setText(n.text().substring(Math.min(n.text().length(), l.path().length() + 1)));
        }
        Button apply = new Button("Apply");
        apply.setId("applyLookup");
        apply.getStyleClass().add("accent");
        Runnable doApply = () -> {
            try {
                String p = path.getEditor().getText().strip();
                String lk = lookup.getEditor().getText().strip();
                String full = lk.isEmpty() || lk.equals("exact") ? p : p + "__" + lk;
                Expression v = value(kind.getValue(), value.getText().strip(), schema, model);
                if (!vm.replaceCondition(n.id(), new Q.Lookup(full, v))) {
                    error.setText(vm.messageProperty().get());
                }
            } catch (RuntimeException e) {
                error.setText(e.getMessage());
            }
        };
        apply.setOnAction(e -> doApply.run());
        value.setOnAction(e -> doApply.run());
        Button not = new Button("Wrap in NOT");
        not.setId("negateLookup");
        not.setOnAction(e -> vm.negate(n.id()));
        body.getChildren().add(form(new String[] {"field", "lookup", "value as", "value"}, path, lookup, kind, value));
        if (kinds.contains(OuterRefPicker.KIND)) {
            body.getChildren().add(new OuterRefPicker(vm, frame, kind, value));
        }
        body.getChildren().add(new HBox(8, apply, not));
    }

    private static List<String> lookups(Schema schema, String model, String fieldPath) {
        if (schema == null) {
            return List.of("exact");
        }
        return LookupCatalog.typeOf(schema, model, fieldPath).map(LookupCatalog::validLookups)
                .orElse(List.of("exact", "in", "isnull", "gt", "gte", "lt", "lte"));
    }

    /** A value as typed: Python literal (or any expression) for "value", a field path for F, a name for Param. */
    static Expression value(String kind, String text, Schema schema, String model) {
        if (OuterRefPicker.KIND.equals(kind)) {
            return OuterRefPicker.value(text);
        }
        if (kind != null && !kind.equals("value")) {
            return ExpressionInspector.operand(kind, text, schema, model);
        }
        if (text.isEmpty()) {
            return Expression.Value.of("");
        }
        try {
            QuerySet qs = DjangoParser.parse(model + ".objects.filter(pk=" + text + ")", schema);
            Step.Filter f = (Step.Filter) qs.steps().get(0);
            if (!f.kwargs().isEmpty()) {
                return f.kwargs().get(0).value();
            }
        } catch (RuntimeException e) {
            // not Python: the text itself
        }
        return Expression.Value.of(text);
    }

    // ---------------------------------------------------------------- Q group

    private void groupEditor(DesignNode n, String model) {
        Object part = vm.part(n.id());
        if (!(part instanceof Q.Node q)) {
            return;
        }
        Button toggle = new Button(q.connector() == Q.Connector.AND ? "AND → OR" : "OR → AND");
        toggle.setId("connectorToggle");
        toggle.setOnAction(e -> vm.toggleConnector(n.id()));
        CheckBox negate = new CheckBox("NOT (negate)");
        negate.setId("negateGroup");
        negate.setSelected(q.negated());
        negate.setOnAction(e -> vm.negate(n.id()));
        Button add = new Button("+ lookup");
        add.setId("groupAddLookup");
        add.setOnAction(e -> vm.addConditionTo(n.id(), PaletteItems.defaultLookup(vm.schema(), model)));
        Label text = new Label(n.text());
        text.setWrapText(true);
        text.getStyleClass().add("cn-insp-code");
        body.getChildren().addAll(new HBox(8, toggle, negate), add, text);
    }

    // ---------------------------------------------------------------- stage

    private void stageEditor(DesignNode n, String model) {
        Object step = vm.part(n.id());
        if (step instanceof Step.Raw raw) {
            body.getChildren().add(new RawInspector(vm, raw, model, error::setText));
            return;
        }
        TextField text = new TextField(n.text());
        text.setId("stageText");
        text.getStyleClass().add("cn-insp-code");
        Button apply = new Button("Apply");
        apply.setId("applyStage");
        apply.getStyleClass().add("accent");
        Runnable doApply = () -> {
            try {
                Step s = PaletteItems.parseStep(text.getText(), vm.schema(), model);
                if (!vm.replaceStep(n.id(), s)) {
                    error.setText(vm.messageProperty().get());
                }
            } catch (RuntimeException e) {
                error.setText(e.getMessage());
            }
        };
        apply.setOnAction(e -> doApply.run());
        text.setOnAction(e -> doApply.run());
        Label hint = new Label("The stage as Django text; Enter applies it.");
        hint.getStyleClass().add("cn-insp-help");
        body.getChildren().addAll(form(new String[] {"arguments"}, text), hint, apply);
        PathPicker picks = PathPicker.forStage(vm, n.id(), step, model, error::setText);
        if (picks != null) {
            body.getChildren().add(picks);
        }
    }

    // ---------------------------------------------------------------- helpers

    /** Django text shown as code. */
    static Label code(String text) {
        Label t = new Label(text);
        t.setWrapText(true);
        t.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        t.getStyleClass().add("cn-insp-code");
        return t;
    }

    static ComboBox<String> combo(String id, List<String> items, String value) {
        ComboBox<String> c = new ComboBox<>(FXCollections.observableArrayList(new ArrayList<>(items)));
        c.setId(id);
        c.setEditable(true);
        c.setValue(value);
        c.setMaxWidth(Double.MAX_VALUE);
        c.setVisibleRowCount(14);
        return c;
    }

    static GridPane form(String[] keys, javafx.scene.Node... fields) {
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(6);
        grid.getStyleClass().add("cn-insp-form");
        for (int i = 0; i < keys.length; i++) {
            Label k = new Label(keys[i]);
            k.getStyleClass().add("property-key");
            GridPane.setHgrow(fields[i], Priority.ALWAYS);
            if (fields[i] instanceof javafx.scene.control.Control c) {
                c.setMaxWidth(Double.MAX_VALUE);
            }
            grid.addRow(i, k, fields[i]);
        }
        return grid;
    }
}
