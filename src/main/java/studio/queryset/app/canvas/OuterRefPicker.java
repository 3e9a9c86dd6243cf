package studio.queryset.app.canvas;

import javafx.geometry.Pos;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import studio.queryset.design.RelationPaths;
import studio.queryset.query.Expression;
import studio.queryset.query.QueryException;

/**
 * For a lookup inside a Subquery / Exists frame: the value kind OuterRef, and a picker of the OUTER model's
 * fields (walking its relations) that fills the value — {@code filter(author=OuterRef("pk"))}.
 */
final class OuterRefPicker extends HBox {
    static final String KIND = "OuterRef";

    OuterRefPicker(CanvasViewModel vm, String frame, ComboBox<String> kind, TextField value) {
        super(8);
        setAlignment(Pos.CENTER_LEFT);
        String outer = vm.nested().outerModel(frame);
        Label key = new Label(outer + " field");
        key.getStyleClass().add("property-key");
        ComboBox<String> fields = NodeInspectorView.combo("outerRefField", vm.schema() == null || outer == null
                ? java.util.List.of() : RelationPaths.outerRefPaths(vm.schema(), outer),
                KIND.equals(kind.getValue()) ? value.getText() : null);
        HBox.setHgrow(fields, Priority.ALWAYS);
        fields.setPromptText("pick the outer row's field");
        // typing or picking an outer field makes the value an OuterRef of it
        fields.getEditor().textProperty().addListener((o, old, text) -> {
            if (fields.isFocused() || fields.getEditor().isFocused() || fields.isShowing()) {
                kind.setValue(KIND);
                value.setText(text);
            }
        });
        fields.valueProperty().addListener((o, old, v) -> {
            if (v != null) {
                kind.setValue(KIND);
                value.setText(v);
            }
        });
        visibleProperty().bind(kind.valueProperty().isEqualTo(KIND));
        managedProperty().bind(visibleProperty());
        getChildren().addAll(key, fields);
    }

    /** {@code OuterRef("path")}: the outer row's field; a blank path is an error that says what to pick. */
    static Expression value(String path) {
        if (path == null || path.isBlank()) {
            throw new QueryException("ValueError", "OuterRef needs a field of the outer model: pick one (pk, ...)");
        }
        return new Expression.OuterRef(path.strip(), 1);
    }
}
