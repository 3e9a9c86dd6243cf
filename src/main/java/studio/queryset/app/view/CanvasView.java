package studio.queryset.app.view;

import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.paint.Color;
import javafx.scene.layout.Pane;
import studio.queryset.app.vm.QueryViewModel;

/**
 * The design canvas: a dotted grid with the current pipeline as one node, or a hint when there is none.
 * The node editor proper comes later; this one shows and moves the single node.
 */
public final class CanvasView extends Pane {
    private static final double GRID = 20;
    private final Canvas grid = new Canvas();
    private final Label hint = new Label("Select a model in the schema browser to start a QuerySet");
    private final Label footer = new Label("Drag the node to move it · Ctrl+Enter runs the query · Esc stops it");
    private final PipelineNodeView node;

    public CanvasView(QueryViewModel vm) {
        setId("canvas");
        getStyleClass().add("design-canvas");
        setMinSize(200, 150);
        grid.setManaged(false);
        grid.setMouseTransparent(true);
        hint.getStyleClass().add("canvas-hint");
        hint.setManaged(false);
        hint.visibleProperty().bind(vm.pipelineTitleProperty().isEmpty());
        footer.getStyleClass().add("canvas-footer");
        footer.setManaged(false);
        node = new PipelineNodeView(vm);
        node.relocate(40, 40);
        getChildren().addAll(grid, hint, footer, node);
    }

    @Override
    protected void layoutChildren() {
        super.layoutChildren();
        double w = getWidth();
        double h = getHeight();
        if (grid.getWidth() != w || grid.getHeight() != h) {
            grid.setWidth(w);
            grid.setHeight(h);
            drawGrid(w, h);
        }
        hint.autosize();
        hint.relocate(Math.max(8, (w - hint.getWidth()) / 2), Math.max(8, (h - hint.getHeight()) / 2));
        footer.autosize();
        footer.relocate(12, h - footer.getHeight() - 8);
    }

    private void drawGrid(double w, double h) {
        GraphicsContext g = grid.getGraphicsContext2D();
        g.clearRect(0, 0, w, h);
        g.setFill(Color.rgb(148, 163, 184, 0.45));
        for (double x = GRID; x < w; x += GRID) {
            for (double y = GRID; y < h; y += GRID) {
                g.fillOval(x - 1, y - 1, 2, 2);
            }
        }
    }
}
