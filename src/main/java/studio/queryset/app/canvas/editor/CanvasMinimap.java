package studio.queryset.app.canvas.editor;

import java.util.Collection;
import java.util.Map;
import java.util.function.BiConsumer;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import studio.queryset.design.Point;

/**
 * The overview in the canvas's corner: every card as a small block and the visible part as a frame. It shows only
 * while the design is larger than the view; pressing or dragging on it centres the view on that spot.
 */
final class CanvasMinimap extends Canvas {
    private static final double WIDTH = 180;
    private static final double HEIGHT = 110;
    private static final double PAD = 6;

    /** The world rectangle the minimap shows and its scale, from the last {@link #show}. */
    private double worldX;
    private double worldY;
    private double scale = 1;

    CanvasMinimap(BiConsumer<Double, Double> centreOn) {
        super(WIDTH, HEIGHT);
        setId("canvasMinimap");
        getStyleClass().add("cn-minimap");
        setManaged(false);
        setVisible(false);
        setOnMousePressed(e -> {
            centreOn.accept(worldX + (e.getX() - PAD) / scale, worldY + (e.getY() - PAD) / scale);
            e.consume();
        });
        setOnMouseDragged(e -> {
            centreOn.accept(worldX + (e.getX() - PAD) / scale, worldY + (e.getY() - PAD) / scale);
            e.consume();
        });
    }

    /** At most 180 x 110, and at most a third of a small view's width and height. */
    void fitInto(double viewWidth, double viewHeight) {
        setWidth(Math.max(60, Math.min(WIDTH, viewWidth / 3)));
        setHeight(Math.max(40, Math.min(HEIGHT, viewHeight / 3)));
    }

    /**
     * Redraws for the cards at {@code at} (top-left corners, {@code cardW} x {@code cardH}) and the visible world
     * rectangle {@code view} = (x, y, w, h); hides when every card is inside the view.
     */
    void show(Map<String, Point> at, Collection<String> selected, double cardW, double cardH, double[] view,
            boolean dark) {
        double x0 = Double.MAX_VALUE;
        double y0 = Double.MAX_VALUE;
        double x1 = -Double.MAX_VALUE;
        double y1 = -Double.MAX_VALUE;
        for (Point p : at.values()) {
            x0 = Math.min(x0, p.x());
            y0 = Math.min(y0, p.y());
            x1 = Math.max(x1, p.x() + cardW);
            y1 = Math.max(y1, p.y() + cardH);
        }
        boolean inside = x0 >= view[0] && y0 >= view[1] && x1 <= view[0] + view[2] && y1 <= view[1] + view[3];
        setVisible(!at.isEmpty() && !inside);
        if (!isVisible()) {
            return;
        }
        // the map covers the design and the view, so the frame never leaves it
        x0 = Math.min(x0, view[0]);
        y0 = Math.min(y0, view[1]);
        x1 = Math.max(x1, view[0] + view[2]);
        y1 = Math.max(y1, view[1] + view[3]);
        double width = getWidth();
        double height = getHeight();
        scale = Math.min((width - 2 * PAD) / (x1 - x0), (height - 2 * PAD) / (y1 - y0));
        worldX = x0;
        worldY = y0;
        GraphicsContext gc = getGraphicsContext2D();
        gc.clearRect(0, 0, width, height);
        gc.setFill(dark ? Color.rgb(30, 36, 46, 0.92) : Color.rgb(255, 255, 255, 0.92));
        gc.fillRoundRect(0, 0, width, height, 8, 8);
        gc.setStroke(Color.rgb(100, 116, 139, 0.6));
        gc.strokeRoundRect(0.5, 0.5, width - 1, height - 1, 8, 8);
        Color card = dark ? Color.rgb(148, 163, 184) : Color.rgb(100, 116, 139);
        Color chosen = Color.rgb(37, 99, 235);
        for (Map.Entry<String, Point> en : at.entrySet()) {
            Point p = en.getValue();
            gc.setFill(selected.contains(en.getKey()) ? chosen : card);
            gc.fillRect(mapX(p.x()), mapY(p.y()), Math.max(2, cardW * scale), Math.max(2, cardH * scale));
        }
        gc.setStroke(chosen);
        gc.setLineWidth(1.5);
        gc.strokeRect(mapX(view[0]), mapY(view[1]), view[2] * scale, view[3] * scale);
    }

    private double mapX(double x) {
        return PAD + (x - worldX) * scale;
    }

    private double mapY(double y) {
        return PAD + (y - worldY) * scale;
    }
}
