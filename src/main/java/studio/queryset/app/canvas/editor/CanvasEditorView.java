package studio.queryset.app.canvas.editor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Group;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.input.DragEvent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;
import javafx.scene.shape.CubicCurve;
import javafx.scene.shape.Rectangle;
import javafx.scene.transform.Scale;
import javafx.scene.transform.Translate;
import studio.queryset.app.canvas.palette.AddNodePopup;
import studio.queryset.app.canvas.palette.CanvasPalette;
import studio.queryset.app.canvas.palette.ExpressionPalette;
import studio.queryset.design.DesignGraph;
import studio.queryset.design.DesignNode;
import studio.queryset.design.NodeKind;
import studio.queryset.design.Pipelines;
import studio.queryset.design.Point;
import studio.queryset.query.Q;

/**
 * The node editor: a palette strip above a pannable, zoomable canvas with a dotted grid, the design's nodes as
 * cards and its edges as curves. Every action goes through {@link CanvasViewModel} as a command.
 * Mouse: drag empty space (or middle button) pans, Shift/Ctrl-drag on empty space draws a selection band,
 * Ctrl+wheel (or pinch) zooms, drag a card to move it (with the rest of the selection).
 */
public final class CanvasEditorView extends BorderPane {
    private static final double GRID = 20;
    private static final double MIN_ZOOM = 0.15;
    private static final double MAX_ZOOM = 2.5;
    /** Below this a card's field text is too small to read at the default font size. */
    private static final double READABLE_ZOOM = 0.75;
    /** An open palette taller than this share of the canvas column collapses (until the user chooses). */
    private static final double PALETTE_SHARE = 0.4;

    private final CanvasViewModel vm;
    private final Pane viewport = new Pane();
    private final Canvas grid = new Canvas();
    private final Group world = new Group();
    private final Group frames = new Group();
    private final Group edges = new Group();
    /** Wide invisible curves over the pipeline wires: where a stage dropped on a wire lands. */
    private final Group wireHits = new Group();
    private final Group cards = new Group();
    private final Rectangle band = new Rectangle();
    private final Label status = new Label();
    private final Label hint = new Label("Select a model in the schema browser to start a QuerySet, then add "
            + "stages from the palette.");
    private final Translate pan = new Translate();
    private final Scale zoom = new Scale(1, 1);
    private final Map<String, NodeCard> cardById = new HashMap<>();
    private final List<EdgeView> edgeViews = new ArrayList<>();
    private String shownModel;

    private double pressX;
    private double pressY;
    private boolean panning;
    private boolean banding;
    private Map<String, Point> dragStart;
    private String dragKey;
    private int dragCount;
    private boolean dragged;
    /** The card pressed for a move; on release over a card or wire it may reorder or move its part instead. */
    private String pressedCard;
    private final CanvasDrops drops;
    private final DropHighlight highlight = new DropHighlight();
    private final AddNodePopup search;
    private final CanvasMinimap minimap = new CanvasMinimap(this::centreOn);
    private final CanvasPalette palette;

    private record EdgeView(String from, String to, boolean pipeline, CubicCurve curve, CubicCurve hit) { }

    public CanvasEditorView(CanvasViewModel vm) {
        this.vm = vm;
        this.drops = new CanvasDrops(vm);
        this.search = new AddNodePopup(vm, drops, this::keyboardToCanvas);
        setId("canvasEditor");
        getStyleClass().add("cn-editor");
        getStylesheets().add(CanvasEditorView.class.getResource("canvas.css").toExternalForm());
        palette = new CanvasPalette(vm, viewport, this::keyboardToCanvas, this::fit, this::showStatusText);
        setTop(palette);
        viewport.getStyleClass().add("cn-viewport");
        viewport.setId("canvasViewport");
        viewport.setFocusTraversable(true);
        viewport.setMinSize(100, 100);
        Rectangle clip = new Rectangle();
        clip.widthProperty().bind(viewport.widthProperty());
        clip.heightProperty().bind(viewport.heightProperty());
        viewport.setClip(clip);
        grid.setMouseTransparent(true);
        grid.setManaged(false);
        world.getTransforms().addAll(pan, zoom);
        frames.setMouseTransparent(true);
        world.getChildren().addAll(frames, edges, wireHits, cards);
        world.setManaged(false);
        band.getStyleClass().add("cn-band");
        band.setManaged(false);
        band.setVisible(false);
        band.setMouseTransparent(true);
        status.getStyleClass().add("cn-status");
        status.setManaged(false);
        status.setMouseTransparent(true);
        status.setId("canvasStatus");
        hint.getStyleClass().add("cn-hint");
        hint.setManaged(false);
        hint.setMouseTransparent(true);
        viewport.getChildren().addAll(grid, world, band, hint, status, minimap);
        setCenter(viewport);
        viewport.widthProperty().addListener(o -> layoutOverlay());
        viewport.heightProperty().addListener(o -> layoutOverlay());
        widthProperty().addListener(o -> palette.fitRoom(getWidth(), getHeight(), PALETTE_SHARE));
        heightProperty().addListener(o -> palette.fitRoom(getWidth(), getHeight(), PALETTE_SHARE));

        vm.graphProperty().addListener((o, old, g) -> rebuild());
        vm.positionsVersionProperty().addListener(o -> relocate());
        vm.errorsProperty().addListener(o -> rebuild());
        // no listener on the warnings: they follow the graph (CanvasWarnings listens first), so the graph's
        // rebuild below already shows them; a second listener rebuilt every card twice per edit
        vm.selection().addListener((javafx.collections.SetChangeListener<String>) c -> showSelection());
        vm.messageProperty().addListener((o, old, m) -> showStatus());
        initMouse();
        initKeys();
        initDrop();
        rebuild();
    }

    // ---------------------------------------------------------------- rendering

    private void rebuild() {
        DesignGraph g = vm.graphProperty().get();
        hint.setVisible(g == null);
        if (g == null) {
            cards.getChildren().clear();
            cardById.clear();
            edges.getChildren().clear();
            wireHits.getChildren().clear();
            edgeViews.clear();
            // the frames of the design that was shown go too (File > New left a ghost frame)
            frames.getChildren().clear();
            shownModel = null;
            return;
        }
        Map<String, String> errors = vm.errorsProperty().get();
        boolean firstShow = cardById.isEmpty();
        List<String> added = new ArrayList<>();
        Map<String, NodeCard> keep = new HashMap<>();
        List<javafx.scene.Node> ordered = new ArrayList<>();
        for (DesignNode n : g.nodes()) {
            NodeCard card = cardById.remove(n.id());
            if (card == null) {
                card = newCard();
                added.add(n.id());
            }
            card.show(n, errors.get(n.id()), vm.warnings().textFor(n.id()));
            keep.put(n.id(), card);
            ordered.add(card);
        }
        cardById.clear();
        cardById.putAll(keep);
        if (!cards.getChildren().equals(ordered)) {
            // re-adding every card would restyle all of them: only when the set of cards changed
            if (cards.getChildren().size() == ordered.size() && cards.getChildren().containsAll(ordered)) {
                // same cards, other order: keep them (z-order does not matter for the layout)
            } else {
                cards.getChildren().setAll(ordered);
            }
        }

        List<javafx.scene.Node> curves = new ArrayList<>();
        List<javafx.scene.Node> hits = new ArrayList<>();
        int i = 0;
        List<EdgeView> views = new ArrayList<>();
        for (DesignGraph.Edge e : g.edges()) {
            CubicCurve c = i < edgeViews.size() ? edgeViews.get(i).curve() : new CubicCurve();
            CubicCurve hit = i < edgeViews.size() ? edgeViews.get(i).hit() : wireHit();
            i++;
            String kind = e.pipeline() ? "cn-edge-pipeline" : "cn-edge-part";
            if (!c.getStyleClass().contains(kind)) {
                c.getStyleClass().setAll("cn-edge", kind);
                c.setFill(null);
                c.setMouseTransparent(true);
            }
            EdgeView view = new EdgeView(e.from(), e.to(), e.pipeline(), c, hit);
            hit.setUserData(view);
            views.add(view);
            curves.add(c);
            if (e.pipeline()) {
                hits.add(hit);
            }
        }
        edgeViews.clear();
        edgeViews.addAll(views);
        if (!edges.getChildren().equals(curves)) {
            edges.getChildren().setAll(curves);
        }
        if (!wireHits.getChildren().equals(hits)) {
            wireHits.getChildren().setAll(hits);
        }
        relocate();
        showSelection();
        if (!firstShow && !added.isEmpty()) {
            reveal(added);
        }
        String model = vm.design().query() == null ? null : vm.design().query().model();
        if (model != null && !model.equals(shownModel)) {
            shownModel = model;
            if (viewport.getWidth() > 0) {
                showOpened();
            } else {
                javafx.application.Platform.runLater(this::showOpened);
            }
        }
    }

    private void relocate() {
        Map<String, Point> at = vm.layout();
        drawFrames(at);
        showMinimap();
        cardById.forEach((id, card) -> {
            Point p = at.get(id);
            if (p != null) {
                card.relocate(p.x(), p.y());
            }
        });
        for (EdgeView e : edgeViews) {
            Point a = at.get(e.from());
            Point b = at.get(e.to());
            if (a == null || b == null) {
                continue;
            }
            CubicCurve c = e.curve();
            if (e.pipeline()) {
                double sx = a.x() + NodeCard.WIDTH;
                double sy = a.y() + NodeCard.HEIGHT / 2;
                double ex = b.x();
                double ey = b.y() + NodeCard.HEIGHT / 2;
                double d = Math.max(40, Math.abs(ex - sx) / 2);
                set(c, sx, sy, sx + d, sy, ex - d, ey, ex, ey);
                set(e.hit(), sx, sy, sx + d, sy, ex - d, ey, ex, ey);
            } else {
                double sx = a.x() + 24;
                double sy = a.y() + NodeCard.HEIGHT;
                double ex = b.x() + NodeCard.WIDTH / 2;
                double ey = b.y();
                double d = Math.max(24, Math.abs(ey - sy) / 2);
                set(c, sx, sy, sx, sy + d, ex, ey - d, ex, ey);
            }
        }
    }

    /** A frame behind each nested pipeline (Subquery, Exists, a Prefetch queryset, a queryset value). */
    private void drawFrames(Map<String, Point> at) {
        DesignGraph g = vm.graphProperty().get();
        List<javafx.scene.Node> out = new ArrayList<>();
        if (g != null) {
            for (DesignNode n : g.nodes()) {
                if (n.kind() != NodeKind.SOURCE || n.parent() == null) {
                    continue;
                }
                studio.queryset.query.NodePath frame = n.path().frame();
                double x0 = Double.MAX_VALUE;
                double y0 = Double.MAX_VALUE;
                double x1 = -Double.MAX_VALUE;
                double y1 = -Double.MAX_VALUE;
                for (Map.Entry<String, Point> en : at.entrySet()) {
                    if (cardById.containsKey(en.getKey()) && frame.contains(cardById.get(en.getKey()).node().path())) {
                        Point p = en.getValue();
                        x0 = Math.min(x0, p.x());
                        y0 = Math.min(y0, p.y());
                        x1 = Math.max(x1, p.x() + NodeCard.WIDTH);
                        y1 = Math.max(y1, p.y() + NodeCard.HEIGHT);
                    }
                }
                if (x0 == Double.MAX_VALUE) {
                    continue;
                }
                Rectangle r = new Rectangle(x0 - 14, y0 - 23, x1 - x0 + 28, y1 - y0 + 37);
                r.setArcWidth(18);
                r.setArcHeight(18);
                r.getStyleClass().add("cn-frame");
                Label title = new Label("nested " + n.label() + " — " + g.node(n.parent()).label());
                title.getStyleClass().add("cn-frame-title");
                title.relocate(x0 - 6, y0 - 22);
                out.add(r);
                out.add(title);
            }
        }
        frames.getChildren().setAll(out);
    }

    private static void set(CubicCurve c, double sx, double sy, double c1x, double c1y, double c2x, double c2y,
                            double ex, double ey) {
        c.setStartX(sx);
        c.setStartY(sy);
        c.setControlX1(c1x);
        c.setControlY1(c1y);
        c.setControlX2(c2x);
        c.setControlY2(c2y);
        c.setEndX(ex);
        c.setEndY(ey);
    }

    private void showSelection() {
        cardById.forEach((id, card) -> card.setSelected(vm.selection().contains(id)));
        for (EdgeView e : edgeViews) {
            boolean on = vm.selection().contains(e.from()) || vm.selection().contains(e.to());
            if (on != e.curve().getStyleClass().contains("cn-edge-selected")) {
                if (on) {
                    e.curve().getStyleClass().add("cn-edge-selected");
                } else {
                    e.curve().getStyleClass().remove("cn-edge-selected");
                }
            }
        }
        showMinimap();
    }

    /** Far out, cards show just their title, larger, so the design stays readable (semantic zoom). */
    private void updateDetail() {
        boolean far = zoom.getX() < 0.62;
        if (far != world.getStyleClass().contains("cn-far")) {
            if (far) {
                world.getStyleClass().add("cn-far");
            } else {
                world.getStyleClass().remove("cn-far");
            }
        }
    }

    private void showStatus() {
        updateDetail();
        showStatusText(vm.messageProperty().get());
    }

    private void showStatusText(String text) {
        status.setText(text == null ? "" : text + "   ·   zoom " + Math.round(zoom.getX() * 100) + "%");
        layoutOverlay();
    }

    private void layoutOverlay() {
        double w = viewport.getWidth();
        double h = viewport.getHeight();
        if (grid.getWidth() != w || grid.getHeight() != h) {
            grid.setWidth(w);
            grid.setHeight(h);
        }
        drawGrid();
        status.autosize();
        status.relocate(10, h - status.getHeight() - 8);
        hint.autosize();
        hint.relocate(Math.max(8, (w - hint.getWidth()) / 2), Math.max(8, (h - hint.getHeight()) / 2));
        minimap.fitInto(w, h);
        placeMinimap();
    }

    /**
     * The minimap takes the corner where it hides the least of the design: never a selected card if a corner
     * spares it (a new card often lands at the right edge, and the user is about to work on it), else the fewest
     * cards; bottom-right when that is as good as any, bottom-left last (above the status line).
     */
    private void placeMinimap() {
        double w = viewport.getWidth();
        double h = viewport.getHeight();
        double mw = minimap.getWidth();
        double mh = minimap.getHeight();
        // bottom-left sits above the status line, which keeps its corner
        double bottomLeft = Math.max(10, h - mh - 10 - status.getHeight() - 8);
        double[][] corners = {{w - mw - 10, h - mh - 10}, {w - mw - 10, 10}, {10, 10}, {10, bottomLeft}};
        double[] best = corners[0];
        int bestScore = Integer.MAX_VALUE;
        for (double[] c : corners) {
            int score = 0;
            for (Map.Entry<String, Point> e : vm.layout().entrySet()) {
                if (cardById.containsKey(e.getKey()) && covers(c, mw, mh, e.getValue())) {
                    score += vm.selection().contains(e.getKey()) ? 100 : 1;
                }
            }
            if (score < bestScore) {
                best = c;
                bestScore = score;
            }
        }
        minimap.relocate(best[0], best[1]);
    }

    /** True when a minimap at {@code corner} would cover part of the card at world point {@code p}. */
    private boolean covers(double[] corner, double mw, double mh, Point p) {
        double z = zoom.getX();
        double x = p.x() * z + pan.getX();
        double y = p.y() * z + pan.getY();
        return x < corner[0] + mw && x + NodeCard.WIDTH * z > corner[0]
                && y < corner[1] + mh && y + NodeCard.HEIGHT * z > corner[1];
    }

    /** The minimap follows every pan, zoom and move (it hides itself while the whole design is in view). */
    private void showMinimap() {
        Map<String, Point> at = new HashMap<>(vm.layout());
        at.keySet().retainAll(cardById.keySet());
        double z = zoom.getX();
        double[] view = {-pan.getX() / z, -pan.getY() / z, viewport.getWidth() / z, viewport.getHeight() / z};
        boolean dark = getScene() != null
                && getScene().getStylesheets().stream().anyMatch(c -> c.endsWith("dark.css"));
        minimap.show(at, vm.selection(), NodeCard.WIDTH, NodeCard.HEIGHT, view, dark);
        placeMinimap();
    }

    /** Pans so the world point (x, y) is in the middle of the view (a press on the minimap). */
    private void centreOn(double x, double y) {
        double z = zoom.getX();
        pan.setX(viewport.getWidth() / 2 - x * z);
        pan.setY(viewport.getHeight() / 2 - y * z);
        drawGrid();
    }

    private void drawGrid() {
        GraphicsContext gc = grid.getGraphicsContext2D();
        double w = grid.getWidth();
        double h = grid.getHeight();
        gc.clearRect(0, 0, w, h);
        double step = GRID * zoom.getX();
        while (step < 10) {
            step *= 2;
        }
        double ox = mod(pan.getX(), step);
        double oy = mod(pan.getY(), step);
        gc.setFill(Color.rgb(100, 116, 139, 0.35));
        double r = Math.max(1, Math.min(1.6, zoom.getX() * 1.2));
        for (double x = ox; x < w; x += step) {
            for (double y = oy; y < h; y += step) {
                gc.fillOval(x - r / 2, y - r / 2, r, r);
            }
        }
        showMinimap();
    }

    private static double mod(double a, double b) {
        double m = a % b;
        return m < 0 ? m + b : m;
    }

    private NodeCard newCard() {
        NodeCard card = new NodeCard();
        card.setOnMousePressed(e -> cardPressed(card, e));
        card.setOnMouseDragged(e -> cardDragged(e));
        card.setOnMouseReleased(e -> cardReleased(card, e));
        card.setOnDragOver(e -> {
            CanvasDrops.Payload p = CanvasDrag.payload(e.getDragboard());
            if (p != null && p.kind() == CanvasDrops.Kind.MODEL) {
                return; // a model goes on the canvas itself (the viewport takes it)
            }
            if (drops.accepts(p, card.node().id())) {
                e.acceptTransferModes(TransferMode.COPY);
            }
            e.consume();
        });
        card.setOnDragEntered(e -> {
            CanvasDrops.Payload p = CanvasDrag.payload(e.getDragboard());
            if (p != null && p.kind() != CanvasDrops.Kind.MODEL) {
                boolean takes = drops.accepts(p, card.node().id());
                highlight.card(card, takes);
                if (!takes) {
                    // the red outline says no; the status bar says why while the pointer is still there
                    vm.setMessage(drops.refusal(p, card.node().id()));
                }
            }
        });
        card.setOnDragExited(e -> highlight.clear());
        card.setOnDragDropped(e -> {
            highlight.clear();
            vm.forgetNodeToName();
            e.setDropCompleted(drops.drop(CanvasDrag.payload(e.getDragboard()), card.node().id()));
            keyboardToCanvas();
            e.consume();
        });
        return card;
    }

    /** A wide invisible curve over a pipeline wire that takes drops (palette chips) and shows where one lands. */
    private CubicCurve wireHit() {
        CubicCurve hit = new CubicCurve();
        hit.getStyleClass().add("cn-wire-hit");
        hit.setFill(null);
        hit.setOnDragOver(e -> {
            if (drops.acceptsOnWire(CanvasDrag.payload(e.getDragboard()))) {
                e.acceptTransferModes(TransferMode.COPY);
            }
            e.consume();
        });
        hit.setOnDragEntered(e -> {
            if (drops.acceptsOnWire(CanvasDrag.payload(e.getDragboard()))) {
                highlight.wire(((EdgeView) hit.getUserData()).curve());
            }
        });
        hit.setOnDragExited(e -> highlight.clear());
        hit.setOnDragDropped(e -> {
            highlight.clear();
            vm.forgetNodeToName();
            e.setDropCompleted(drops.dropOnWire(CanvasDrag.payload(e.getDragboard()),
                    ((EdgeView) hit.getUserData()).from()));
            keyboardToCanvas();
            e.consume();
        });
        hit.setOnMouseReleased(e -> {
            if (e.getButton() == MouseButton.SECONDARY && e.isStillSincePress()) {
                search.show(viewport, e.getScreenX(), e.getScreenY(), ((EdgeView) hit.getUserData()).from());
                e.consume();
            }
        });
        return hit;
    }

    /**
     * After a drop, a palette click or a search choice the user is on the canvas: Enter, Tab and Ctrl+Z go to it,
     * not to where the drag started; when the command added a node to name or fill, its field takes the typing.
     */
    private void keyboardToCanvas() {
        viewport.requestFocus();
        String id = vm.takeNodeToName();
        if (id != null) {
            vm.select(id);
            panTo(id);
            vm.requestEdit();
        }
    }

    // ---------------------------------------------------------------- mouse

    private void cardPressed(NodeCard card, MouseEvent e) {
        viewport.requestFocus();
        if (e.getButton() != MouseButton.PRIMARY) {
            e.consume();
            return;
        }
        String id = card.node().id();
        pressedCard = id;
        if (e.isShiftDown() || e.isShortcutDown()) {
            // Ctrl-drag copies: a pressed card stays in the selection it drags
            if (!vm.selection().contains(id) || !e.isShortcutDown()) {
                vm.toggleSelected(id);
            }
        } else if (!vm.selection().contains(id)) {
            vm.select(id);
        } else {
            // bring it forward as the inspected node
            vm.selection().remove(id);
            vm.selection().add(id);
        }
        Point2D w = toWorld(e.getSceneX(), e.getSceneY());
        pressX = w.getX();
        pressY = w.getY();
        dragStart = new LinkedHashMap<>();
        for (String s : vm.selection()) {
            Point p = vm.layout().get(s);
            if (p != null) {
                dragStart.put(s, p);
            }
        }
        if (!dragStart.containsKey(id) && vm.layout().get(id) != null) {
            dragStart.put(id, vm.layout().get(id));
        }
        dragKey = "drag#" + (++dragCount);
        card.toFront();
        e.consume();
    }

    private void cardDragged(MouseEvent e) {
        if (dragStart == null || e.getButton() != MouseButton.PRIMARY) {
            return;
        }
        Point2D w = toWorld(e.getSceneX(), e.getSceneY());
        double dx = w.getX() - pressX;
        double dy = w.getY() - pressY;
        Map<String, Point> to = new LinkedHashMap<>();
        dragStart.forEach((id, p) -> to.put(id, new Point(Math.round(p.x() + dx), Math.round(p.y() + dy))));
        vm.moveNodes(to, dragKey);
        showDropUnder(w);
        e.consume();
    }

    /** The card (not one being dragged) or pipeline wire under a world point, for a card dropped there. */
    private record Under(String card, String wireFrom) { }

    private Under under(Point2D w) {
        for (Map.Entry<String, Point> en : vm.layout().entrySet()) {
            Point p = en.getValue();
            if (cardById.containsKey(en.getKey()) && !dragStart.containsKey(en.getKey()) && w.getX() >= p.x()
                    && w.getX() <= p.x() + NodeCard.WIDTH && w.getY() >= p.y() && w.getY() <= p.y() + NodeCard.HEIGHT) {
                return new Under(en.getKey(), null);
            }
        }
        for (EdgeView ev : edgeViews) {
            if (ev.pipeline() && !dragStart.containsKey(ev.from()) && !dragStart.containsKey(ev.to())
                    && ev.hit().contains(w)) {
                return new Under(null, ev.from());
            }
        }
        return null;
    }

    private void showDropUnder(Point2D w) {
        highlight.clear();
        Under u = pressedCard == null ? null : under(w);
        if (u == null) {
            return;
        }
        if (u.card() != null) {
            DesignNode target = cardById.get(u.card()).node();
            boolean structural = Pipelines.isStep(vm.graphProperty().get(), pressedCard)
                    || vm.part(pressedCard) instanceof Q;
            if (structural && (target.kind() != NodeKind.EXPRESSION)) {
                String why = drops.stageMoveRefusal(pressedCard, u.card());
                highlight.card(cardById.get(u.card()), why == null && drops.acceptsNode(pressedCard, u.card()));
                if (why != null) {
                    showStatusText(why);
                }
            }
        } else if (drops.acceptsNodeOnWire(pressedCard, u.wireFrom())) {
            String why = drops.stageMoveRefusal(pressedCard, u.wireFrom());
            edgeViews.stream().filter(ev -> ev.pipeline() && ev.from().equals(u.wireFrom())).findFirst()
                    .ifPresent(ev -> highlight.wire(ev.curve()));
            if (why != null) {
                showStatusText(why);
            }
        }
    }

    /**
     * A card let go: over a card or wire that takes it, the move becomes an edit of the query (a stage reordered,
     * a condition moved or, with Ctrl, copied) and the card goes back to its place; elsewhere it just moved.
     */
    private void cardReleased(NodeCard card, MouseEvent e) {
        highlight.clear();
        if (e.getButton() == MouseButton.SECONDARY && e.isStillSincePress()) {
            vm.select(card.node().id());
            search.show(viewport, e.getScreenX(), e.getScreenY(), card.node().id());
            e.consume();
            return;
        }
        if (dragStart != null && pressedCard != null && !e.isStillSincePress()) {
            Under u = under(toWorld(e.getSceneX(), e.getSceneY()));
            String target = u == null ? null : u.card() != null ? u.card() : u.wireFrom();
            boolean takes = target != null && (u.card() != null ? drops.acceptsNode(pressedCard, target)
                    : drops.acceptsNodeOnWire(pressedCard, target));
            boolean refusedStage = target != null && !takes && Pipelines.isStep(vm.graphProperty().get(), pressedCard)
                    && Pipelines.isStep(vm.graphProperty().get(), target);
            if (takes) {
                vm.revertMove(dragKey);
                drops.dropNode(pressedCard, target, e.isShortcutDown());
            } else if (refusedStage) {
                vm.revertMove(dragKey);
            }
        }
        dragStart = null;
        pressedCard = null;
        e.consume();
    }

    private Point2D toWorld(double sceneX, double sceneY) {
        Point2D local = viewport.sceneToLocal(sceneX, sceneY);
        return new Point2D((local.getX() - pan.getX()) / zoom.getX(), (local.getY() - pan.getY()) / zoom.getY());
    }

    private void initMouse() {
        viewport.addEventHandler(MouseEvent.MOUSE_PRESSED, e -> viewport.requestFocus());
        viewport.setOnMousePressed(e -> {
            pressX = e.getX();
            pressY = e.getY();
            dragged = false;
            banding = e.getButton() == MouseButton.PRIMARY && (e.isShiftDown() || e.isShortcutDown());
            panning = !banding && (e.getButton() == MouseButton.MIDDLE || e.getButton() == MouseButton.PRIMARY
                    || e.getButton() == MouseButton.SECONDARY);
            if (banding) {
                band.setX(pressX);
                band.setY(pressY);
                band.setWidth(0);
                band.setHeight(0);
                band.setVisible(true);
            }
        });
        viewport.setOnMouseDragged(e -> {
            dragged = true;
            if (panning) {
                pan.setX(pan.getX() + e.getX() - pressX);
                pan.setY(pan.getY() + e.getY() - pressY);
                pressX = e.getX();
                pressY = e.getY();
                drawGrid();
            } else if (banding) {
                band.setX(Math.min(pressX, e.getX()));
                band.setY(Math.min(pressY, e.getY()));
                band.setWidth(Math.abs(e.getX() - pressX));
                band.setHeight(Math.abs(e.getY() - pressY));
            }
        });
        viewport.setOnMouseReleased(e -> {
            if (banding) {
                selectInBand(e.isShiftDown() || e.isShortcutDown());
                band.setVisible(false);
            } else if (!dragged && e.getButton() == MouseButton.PRIMARY) {
                vm.select(null);
            } else if (!dragged && e.getButton() == MouseButton.SECONDARY) {
                search.show(viewport, e.getScreenX(), e.getScreenY(), vm.focusedProperty().get());
            }
            banding = false;
            panning = false;
        });
        viewport.addEventFilter(ScrollEvent.SCROLL, e -> {
            if (e.isShortcutDown()) {
                zoomAt(e.getX(), e.getY(), Math.pow(1.0015, e.getDeltaY()));
            } else {
                pan.setX(pan.getX() + e.getDeltaX());
                pan.setY(pan.getY() + e.getDeltaY());
                drawGrid();
            }
            e.consume();
        });
        viewport.setOnZoom(e -> zoomAt(e.getX(), e.getY(), e.getZoomFactor()));
    }

    private void selectInBand(boolean add) {
        double x0 = (band.getX() - pan.getX()) / zoom.getX();
        double y0 = (band.getY() - pan.getY()) / zoom.getY();
        double x1 = x0 + band.getWidth() / zoom.getX();
        double y1 = y0 + band.getHeight() / zoom.getY();
        List<String> inside = new ArrayList<>();
        vm.layout().forEach((id, p) -> {
            if (cardById.containsKey(id) && p.x() < x1 && p.x() + NodeCard.WIDTH > x0 && p.y() < y1
                    && p.y() + NodeCard.HEIGHT > y0) {
                inside.add(id);
            }
        });
        vm.selectOnly(inside, add);
    }

    /** Zooms by {@code factor} keeping the viewport point (x, y) still. */
    public void zoomAt(double x, double y, double factor) {
        double z = Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, zoom.getX() * factor));
        double wx = (x - pan.getX()) / zoom.getX();
        double wy = (y - pan.getY()) / zoom.getY();
        zoom.setX(z);
        zoom.setY(z);
        pan.setX(x - wx * z);
        pan.setY(y - wy * z);
        drawGrid();
        showStatus();
    }

    /** Fits the whole design in the viewport (at most 100 %, at least 15 %): the Fit button and F. */
    public void fit() {
        fit(MIN_ZOOM);
    }

    /**
     * Shows a newly opened design: fitted when it fits at a readable zoom, else at that zoom with its start (the
     * top-left) in view, the rest a pan away (the minimap shows where).
     */
    private void showOpened() {
        fit(READABLE_ZOOM);
    }

    private void fit(double floor) {
        Map<String, Point> at = vm.layout();
        if (at.isEmpty() || viewport.getWidth() <= 0) {
            return;
        }
        double x0 = Double.MAX_VALUE;
        double y0 = Double.MAX_VALUE;
        double x1 = -Double.MAX_VALUE;
        double y1 = -Double.MAX_VALUE;
        for (Map.Entry<String, Point> en : at.entrySet()) {
            if (!cardById.containsKey(en.getKey())) {
                continue;
            }
            Point p = en.getValue();
            x0 = Math.min(x0, p.x());
            y0 = Math.min(y0, p.y());
            x1 = Math.max(x1, p.x() + NodeCard.WIDTH);
            y1 = Math.max(y1, p.y() + NodeCard.HEIGHT);
        }
        if (x0 == Double.MAX_VALUE) {
            return;
        }
        double margin = 36;
        double w = viewport.getWidth() - 2 * margin;
        double h = viewport.getHeight() - 2 * margin - 24;
        double fits = Math.min(w / (x1 - x0), h / (y1 - y0));
        double z = Math.max(floor, Math.min(1.0, fits));
        zoom.setX(z);
        zoom.setY(z);
        // centred along an axis where the design fits; from its left / top edge where it does not
        double spareW = w - (x1 - x0) * z;
        double spareH = h - (y1 - y0) * z;
        pan.setX(margin + Math.max(0, spareW / 2) - x0 * z);
        pan.setY(margin + Math.max(0, spareH / 3) - y0 * z);
        drawGrid();
        showStatus();
    }

    /**
     * Pans so the new cards are in view, zooming out only when they do not fit (not below the readable zoom unless
     * the user is already further out): a drop or a palette click never adds out of sight.
     */
    private void reveal(List<String> ids) {
        Map<String, Point> at = vm.layout();
        double x0 = Double.MAX_VALUE;
        double y0 = Double.MAX_VALUE;
        double x1 = -Double.MAX_VALUE;
        double y1 = -Double.MAX_VALUE;
        for (String id : ids) {
            Point p = at.get(id);
            if (p != null) {
                x0 = Math.min(x0, p.x());
                y0 = Math.min(y0, p.y());
                x1 = Math.max(x1, p.x() + NodeCard.WIDTH);
                y1 = Math.max(y1, p.y() + NodeCard.HEIGHT);
            }
        }
        if (x0 == Double.MAX_VALUE || viewport.getWidth() <= 0) {
            return;
        }
        double m = 24;
        double w = viewport.getWidth();
        double h = viewport.getHeight();
        double fits = Math.min((w - 2 * m) / (x1 - x0), (h - 2 * m - 24) / (y1 - y0));
        if (fits < zoom.getX()) {
            double z = Math.max(Math.min(READABLE_ZOOM, zoom.getX()), fits);
            double cx = pan.getX() + (x0 + x1) / 2 * zoom.getX();
            double cy = pan.getY() + (y0 + y1) / 2 * zoom.getY();
            zoomAt(cx, cy, z / zoom.getX());
        }
        double z = zoom.getX();
        double left = pan.getX() + x0 * z;
        double right = pan.getX() + x1 * z;
        double top = pan.getY() + y0 * z;
        double bottom = pan.getY() + y1 * z;
        // the right / bottom edge in view first, then the left / top (which win when the group is larger)
        if (right > w - m) {
            pan.setX(pan.getX() - (right - (w - m)));
        }
        if (pan.getX() + x0 * z < m) {
            pan.setX(m - x0 * z);
        }
        if (bottom > h - m - 24) {
            pan.setY(pan.getY() - (bottom - (h - m - 24)));
        }
        if (pan.getY() + y0 * z < m) {
            pan.setY(m - y0 * z);
        }
        if (left != pan.getX() + x0 * z || top != pan.getY() + y0 * z) {
            drawGrid();
        }
    }

    /** Scrolls the view so the node's card is inside it (keyboard moves, new nodes). */
    private void panTo(String id) {
        Point p = vm.layout().get(id);
        if (p == null || viewport.getWidth() <= 0) {
            return;
        }
        double z = zoom.getX();
        double x0 = pan.getX() + p.x() * z;
        double y0 = pan.getY() + p.y() * z;
        double x1 = x0 + NodeCard.WIDTH * z;
        double y1 = y0 + NodeCard.HEIGHT * z;
        double m = 24;
        if (x0 < m) {
            pan.setX(pan.getX() + m - x0);
        } else if (x1 > viewport.getWidth() - m) {
            pan.setX(pan.getX() - (x1 - viewport.getWidth() + m));
        }
        if (y0 < m) {
            pan.setY(pan.getY() + m - y0);
        } else if (y1 > viewport.getHeight() - m) {
            pan.setY(pan.getY() - (y1 - viewport.getHeight() + m));
        }
        drawGrid();
    }

    /** Whether the palette is one row of section buttons (the window keeps the user's choice between runs). */
    public javafx.beans.property.BooleanProperty paletteCollapsedProperty() {
        return palette.collapsedProperty();
    }

    /** Restores the user's saved choice of an open or collapsed palette. */
    public void choosePalette(boolean collapsed) {
        palette.choose(collapsed);
    }

    /** Whether the palette's state was chosen (a click, a saved layout) rather than set by the room. */
    public boolean paletteChosen() {
        return palette.chosen();
    }

    public double zoomFactor() {
        return zoom.getX();
    }

    // ---------------------------------------------------------------- keys

    private void initKeys() {
        vm.canvasRequestsProperty().addListener(o -> viewport.requestFocus());
        viewport.setOnKeyPressed(e -> {
            if (handleKey(e)) {
                e.consume();
            }
        });
    }

    private boolean handleKey(KeyEvent e) {
        KeyCode k = e.getCode();
        boolean ctrl = e.isShortcutDown();
        double step = e.isShiftDown() ? 40 : 10;
        if (k == KeyCode.DELETE || k == KeyCode.BACK_SPACE) {
            return vm.deleteSelection() || true;
        }
        if (ctrl && k == KeyCode.Z) {
            return e.isShiftDown() ? vm.redo() || true : vm.undo() || true;
        }
        if (ctrl && k == KeyCode.Y) {
            return vm.redo() || true;
        }
        if (ctrl && k == KeyCode.C) {
            return vm.copy() || true;
        }
        if (ctrl && k == KeyCode.V) {
            return vm.paste() || true;
        }
        if (ctrl && k == KeyCode.D) {
            return vm.duplicate() || true;
        }
        if (ctrl && k == KeyCode.A) {
            vm.selectAll();
            return true;
        }
        if (!ctrl && k == KeyCode.F) {
            fit();
            return true;
        }
        if (k == KeyCode.LEFT || k == KeyCode.RIGHT || k == KeyCode.UP || k == KeyCode.DOWN) {
            int dx = k == KeyCode.LEFT ? -1 : k == KeyCode.RIGHT ? 1 : 0;
            int dy = k == KeyCode.UP ? -1 : k == KeyCode.DOWN ? 1 : 0;
            if (e.isAltDown()) {
                vm.nudge(dx * step, dy * step);
            } else {
                String next = KeyboardNavigation.next(vm.graphProperty().get(), vm.layout(),
                        vm.focusedProperty().get(), dx, dy);
                if (next != null) {
                    vm.select(next);
                    panTo(next);
                }
            }
            return true;
        }
        if (k == KeyCode.ENTER && vm.focusedProperty().get() != null) {
            vm.requestEdit();
            return true;
        }
        if ((k == KeyCode.TAB || k == KeyCode.SPACE) && !ctrl) {
            Bounds b = viewport.localToScreen(viewport.getBoundsInLocal());
            String anchor = vm.focusedProperty().get();
            Bounds at = anchor == null || cardById.get(anchor) == null ? null
                    : cardById.get(anchor).localToScreen(cardById.get(anchor).getBoundsInLocal());
            search.show(viewport, at != null ? at.getMinX() : b.getMinX() + 40,
                    at != null ? at.getMaxY() + 6 : b.getMinY() + 40, anchor);
            return true;
        }
        if (k == KeyCode.ESCAPE && !vm.selection().isEmpty()) {
            vm.select(null);
            return true;
        }
        return false;
    }

    // ---------------------------------------------------------------- drops by id (what a drop does)

    /** Drops a schema field ({@code Model.field}) on a node by id, as dragging it there does. */
    public boolean dropFieldOn(String nodeId, String modelDotField) {
        return drops.drop(new CanvasDrops.Payload(CanvasDrops.Kind.FIELD, modelDotField), nodeId);
    }

    /** Drops a palette expression on a node by id, as dragging it there does (see {@link ExpressionPalette#put}). */
    public boolean dropExpressionOn(String nodeId, String item) {
        return drops.drop(new CanvasDrops.Payload(CanvasDrops.Kind.EXPRESSION, item), nodeId);
    }

    private void initDrop() {
        viewport.setOnDragOver(e -> {
            if (modelOf(e) != null) {
                e.acceptTransferModes(TransferMode.COPY);
            }
            e.consume();
        });
        viewport.setOnDragExited(e -> highlight.clear());
        viewport.setOnDragDropped(e -> {
            String model = modelOf(e);
            e.setDropCompleted(model != null && vm.startPipeline(model));
            e.consume();
        });
    }

    private static String modelOf(DragEvent e) {
        CanvasDrops.Payload p = CanvasDrag.payload(e.getDragboard());
        return p != null && p.kind() == CanvasDrops.Kind.MODEL ? p.value() : null;
    }

    /** The add-node search popup (for tests). */
    AddNodePopup search() {
        return search;
    }

    /** The card of a node (for tests). */
    NodeCard card(String id) {
        return cardById.get(id);
    }

    public Bounds cardBoundsInScene(String id) {
        NodeCard c = cardById.get(id);
        return c == null ? null : c.localToScene(c.getBoundsInLocal());
    }

    public Pane viewport() {
        return viewport;
    }

    public CanvasViewModel viewModel() {
        return vm;
    }

    NodeKind kindOf(String id) {
        NodeCard c = cardById.get(id);
        return c == null ? null : c.node().kind();
    }
}
