package studio.queryset.app.canvas.editor;

import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import studio.queryset.app.document.QueryViewModel;

/**
 * The design canvas: the node editor ({@link CanvasEditorView}) showing the current QuerySet as a graph of
 * stages, conditions and expressions.
 */
public final class CanvasView extends StackPane {
    private final CanvasEditorView editor;

    public CanvasView(QueryViewModel vm, CanvasViewModel canvas) {
        setId("canvas");
        getStyleClass().add("design-canvas");
        setMinSize(200, 150);
        // the whole chain in one line, for tests and accessibility
        Label expression = new Label();
        expression.setId("pipelineExpression");
        expression.textProperty().bind(vm.pipelineTitleProperty());
        expression.setVisible(false);
        expression.setManaged(false);
        editor = new CanvasEditorView(canvas);
        getChildren().addAll(expression, editor);
    }

    public CanvasEditorView editor() {
        return editor;
    }
}
