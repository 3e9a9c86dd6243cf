package studio.queryset.app.canvas.inspector;

import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import studio.queryset.app.canvas.editor.CanvasViewModel;
import studio.queryset.app.canvas.editor.NodeHelp;
import studio.queryset.design.DesignGraph;
import studio.queryset.design.DesignNode;
import studio.queryset.design.NodeKind;
import studio.queryset.design.edit.Edit;
import studio.queryset.query.QuerySet;
import studio.queryset.schema.Schema;

/**
 * The inspector of the selected canvas node, a view of its {@link Form}: every change commits (no Apply), the
 * controls are updated in place when the query changes and rebuilt only when another node (or another kind of
 * node) is selected, so focus and caret stay where the user is. As in a property grid, Tab and Shift+Tab move
 * between the fields, Enter commits and gives the keyboard back to the canvas, Esc reverts the field, and
 * Ctrl+Z / Ctrl+Shift+Z undo and redo in the design's history (a run of typing is one step).
 */
public final class NodeInspectorView extends VBox {
    /** The field Enter on a card goes to: what one edits most (a value, a name). */
    private static final List<String> EDIT_FIRST = List.of("lookupValue", "exprAlias", "frameAlias", "prefetchToAttr",
            "stageText", "rawSql");

    private final CanvasViewModel vm;
    private final FormHost host;
    private final VBox body = new VBox(8);
    private final Label title = new Label();
    private final Label chip = new Label();
    private final Label help = new Label();
    private final Label nodeError = new Label();
    private final Label hint = new Label();
    private final Label code = new Label();
    private final Label error = new Label();
    private final List<FieldControl> controls = new ArrayList<>();
    private Form form;
    private String shownId;
    private NodeKind shownKind;

    public NodeInspectorView(CanvasViewModel vm) {
        this.vm = vm;
        this.host = new FormHost() {
            @Override
            public QuerySet query() {
                return vm.design().query();
            }

            @Override
            public Schema schema() {
                return vm.schema();
            }

            @Override
            public String commit(Edit edit, String mergeKey) {
                return vm.commit(edit, mergeKey);
            }
        };
        setId("nodeInspector");
        getStyleClass().addAll("cn-inspector");
        getStylesheets().add(CanvasViewModel.class.getResource("canvas.css").toExternalForm());
        title.getStyleClass().add("cn-insp-title");
        title.setId("inspectedLabel");
        chip.getStyleClass().add("cn-chip");
        for (Label l : List.of(help, nodeError, hint, code, error)) {
            l.setWrapText(true);
            l.setMinHeight(Region.USE_PREF_SIZE);
        }
        help.getStyleClass().add("cn-insp-help");
        hint.getStyleClass().add("cn-insp-help");
        nodeError.getStyleClass().add("cn-insp-error");
        code.getStyleClass().add("cn-insp-code");
        code.setId("inspectedText");
        error.getStyleClass().add("cn-insp-error");
        error.setId("inspectorError");
        getChildren().add(body);
        vm.focusedProperty().addListener(o -> refresh());
        vm.historyVersionProperty().addListener(o -> refresh());
        vm.errorsProperty().addListener(o -> refresh());
        vm.editRequestsProperty().addListener(o -> focusFirstField());
        addEventFilter(KeyEvent.KEY_PRESSED, this::key);
        refresh();
    }

    /** The form shown now (null when nothing editable is selected). */
    public Form form() {
        return form;
    }

    // ---------------------------------------------------------------- following the document

    private void refresh() {
        if (form != null && form.busy()) {
            return; // our own commit: the selection and graph settle first, then afterCommit() looks again
        }
        DesignGraph g = vm.graphProperty().get();
        String id = vm.focusedProperty().get();
        DesignNode n = g == null || id == null ? null : g.node(id);
        setVisible(n != null);
        setManaged(n != null);
        if (n == null) {
            form = null;
            shownId = null;
            body.getChildren().clear();
            controls.clear();
            return;
        }
        if (form != null && n.id().equals(shownId) && n.kind() == shownKind && form.fits()) {
            form.sync();
            showNode(n);
            return;
        }
        build(n);
    }

    private void afterCommit() {
        DesignGraph g = vm.graphProperty().get();
        if (form != null && g != null && g.node(form.path()) != null) {
            shownId = form.path().toString(); // a rename: the same node under its new name
        }
        refresh();
    }

    private void showNode(DesignNode n) {
        chip.setText(n.kind().name().replace('_', ' '));
        title.setText(n.label());
        help.setText(NodeHelp.help(n));
        String err = vm.errorsProperty().get().get(n.id());
        nodeError.setText(err == null ? "" : "⚠ " + err);
        nodeError.setVisible(err != null);
        nodeError.setManaged(err != null);
        code.setText(n.text());
        String h = form == null ? "" : form.hint();
        hint.setText(h);
        hint.setVisible(!h.isEmpty());
        hint.setManaged(!h.isEmpty());
        String a = form == null ? null : form.actionError();
        error.setText(a == null ? "" : a);
    }

    private void build(DesignNode n) {
        body.getChildren().clear();
        controls.clear();
        shownId = n.id();
        shownKind = n.kind();
        DesignGraph g = vm.graphProperty().get();
        String model = g.modelOf(n.id());
        String frame = vm.nested().targetFrame(n.id());
        boolean inFrame = frame != null && !vm.nested().isFrame(n.id());
        String outer = n.kind() == NodeKind.SUBQUERY ? vm.nested().outerModel(n.id())
                : inFrame ? vm.nested().outerModel(frame) : null;
        boolean negatable = n.parent() != null && vm.conditionTarget(n.parent()) != null;
        form = Forms.of(host, n, new Forms.NodeContext(model, outer, negatable));
        chip.getStyleClass().removeIf(c -> c.startsWith("cn-") && !c.equals("cn-chip"));
        chip.getStyleClass().add("cn-" + n.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        HBox head = new HBox(8, chip, title);
        head.setAlignment(Pos.CENTER_LEFT);
        body.getChildren().addAll(head, help, nodeError);
        if (form != null) {
            body.getChildren().add(fields());
            if (!form.actions().isEmpty()) {
                FlowPane actions = new FlowPane(8, 6);
                for (Form.Action a : form.actions()) {
                    Button b = new Button(a.label());
                    b.setId(a.id());
                    b.setMnemonicParsing(false);
                    b.setOnAction(e -> {
                        form.run(a);
                        afterCommit();
                    });
                    actions.getChildren().add(b);
                }
                body.getChildren().add(actions);
            }
            form.addListener(() -> controls.forEach(FieldControl::update));
        }
        error.setText("");
        body.getChildren().addAll(error, hint, code);
        showNode(n);
        controls.forEach(FieldControl::update);
        updateVisibility();
        if (form != null) {
            form.addListener(this::updateVisibility);
        }
    }

    /** The form's fields: a labelled row each, an operand's text beside its kind, tick boxes flowing together. */
    private VBox fields() {
        VBox rows = new VBox(6);
        rows.getStyleClass().add("cn-insp-form");
        HBox row = null;
        FlowPane flow = null;
        VBox errors = null;
        for (FormField f : form.fields()) {
            FieldControl c = new FieldControl(f, this::afterCommit);
            controls.add(c);
            if (f.place() == FormField.Place.FLOW) {
                if (flow == null) {
                    flow = new FlowPane(8, 4);
                    rows.getChildren().add(flow);
                }
                flow.getChildren().add(c.node());
                rows.getChildren().add(c.error);
                continue;
            }
            flow = null;
            if (f.place() == FormField.Place.INLINE && row != null) {
                row.getChildren().add(c.node());
                HBox.setHgrow(c.node(), Priority.ALWAYS);
                errors.getChildren().add(c.error);
                if (row.getChildren().get(1) instanceof javafx.scene.control.Control kind) {
                    kind.setMinWidth(136);
                    kind.setPrefWidth(136);
                    kind.setMaxWidth(136);
                }
                continue;
            }
            row = new HBox(8);
            row.setAlignment(Pos.CENTER_LEFT);
            if (f.kind() != FormField.Kind.CHECK) {
                Label k = new Label(f.label());
                k.getStyleClass().add("property-key");
                k.setMinWidth(78);
                k.setPrefWidth(78);
                row.getChildren().add(k);
            }
            row.getChildren().add(c.node());
            HBox.setHgrow(c.node(), Priority.ALWAYS);
            c.control.setMaxWidth(Double.MAX_VALUE);
            errors = new VBox(2, c.error);
            rows.getChildren().addAll(row, errors);
            row.setUserData(f);
        }
        return rows;
    }

    private void updateVisibility() {
        for (FieldControl c : controls) {
            boolean v = c.field.visible();
            Node rowOf = c.node().getParent() instanceof HBox h && h.getUserData() == c.field ? h : c.node();
            rowOf.setVisible(v);
            rowOf.setManaged(v);
            if (!v) {
                c.error.setVisible(false);
                c.error.setManaged(false);
            }
        }
    }

    // ---------------------------------------------------------------- keys

    private void key(KeyEvent e) {
        FieldControl at = focusedControl();
        if (at == null) {
            return;
        }
        boolean undo = e.isShortcutDown() && e.getCode() == KeyCode.Z && !e.isShiftDown();
        boolean redo = e.isShortcutDown() && (e.getCode() == KeyCode.Y || e.getCode() == KeyCode.Z && e.isShiftDown());
        if (undo || redo) {
            // the design's history, not the text field's own: what was typed is one step of it
            if (at.field.error() != null) {
                at.field.revert();
            } else {
                if (at.field.pending()) {
                    at.commit();
                }
                at.field.finish();
                if (undo) {
                    vm.undo();
                } else {
                    vm.redo();
                }
            }
            e.consume();
        } else if (e.getCode() == KeyCode.TAB && !e.isShortcutDown()) {
            move(at, e.isShiftDown() ? -1 : 1);
            e.consume();
        } else if (e.getCode() == KeyCode.ENTER && !e.isShortcutDown() && !(at.control instanceof TextArea)) {
            if (at.pickSuggestion()) {
                e.consume();
                return; // a pick from the list is a choice: the keyboard stays for the next field
            }
            if (at.control instanceof TextInputControl) {
                if (!at.commit()) {
                    e.consume();
                    return; // invalid: the keyboard stays with the error
                }
                at.field.finish();
            }
            vm.requestCanvas();
            e.consume();
        }
    }

    private FieldControl focusedControl() {
        if (getScene() == null) {
            return null;
        }
        Node owner = getScene().getFocusOwner();
        for (FieldControl c : controls) {
            for (Node n = owner; n != null; n = n.getParent()) {
                if (n == c.control) {
                    return c;
                }
            }
        }
        return null;
    }

    /** Tab / Shift+Tab: the next visible field of the form, round the end. */
    private void move(FieldControl from, int step) {
        List<FieldControl> shown = controls.stream().filter(c -> c.control.isVisible() && c.control.getParent() != null
                && c.control.getParent().isVisible() && !c.control.isDisabled()).toList();
        int i = shown.indexOf(from);
        if (shown.isEmpty() || i < 0) {
            return;
        }
        FieldControl next = shown.get(Math.floorMod(i + step, shown.size()));
        next.control.requestFocus();
        if (next.control instanceof TextInputControl t) {
            t.selectAll();
        }
    }

    /** Enter on a card: the keyboard goes to the inspector's main field (else its first), its text selected. */
    private void focusFirstField() {
        FieldControl first = null;
        for (String id : EDIT_FIRST) {
            for (FieldControl c : controls) {
                if (first == null && c.field.id().equals(id) && c.control.isVisible()) {
                    first = c;
                }
            }
        }
        if (first == null && !controls.isEmpty()) {
            first = controls.get(0);
        }
        if (first != null) {
            first.control.requestFocus();
            if (first.control instanceof TextInputControl t) {
                t.selectAll();
            }
        }
    }
}
