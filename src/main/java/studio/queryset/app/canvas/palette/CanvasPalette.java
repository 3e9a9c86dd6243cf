package studio.queryset.app.canvas.palette;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Dragboard;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Pane;
import studio.queryset.app.canvas.editor.CanvasDrag;
import studio.queryset.app.canvas.editor.CanvasDrops;
import studio.queryset.app.canvas.editor.CanvasModels;
import studio.queryset.app.canvas.editor.CanvasViewModel;
import studio.queryset.design.DesignGraph;

/**
 * The palette strip above the canvas: stages, results, conditions, nested querysets and expressions. A click adds
 * the item after the selected card; every chip but the edit buttons also drags (its payload on the Dragboard, a
 * snapshot of the chip as the ghost) onto a card or a wire, where {@link CanvasDrops} decides what it does.
 * Collapsed, the strip is one row of section buttons, each opening its chips in a drawer over the top of the canvas
 * (in the same scene, so a chip drags from there as from the strip), and the canvas gets the room.
 */
public final class CanvasPalette extends FlowPane {
    private final CanvasViewModel vm;
    private final Runnable backToCanvas;
    private final Consumer<String> status;
    private final List<Section> sections = new ArrayList<>();
    private final List<Node> editButtons = new ArrayList<>();
    private final BooleanProperty collapsed = new SimpleBooleanProperty(false);
    /** Set once the user (or their saved layout) chose open or collapsed; until then the room decides. */
    private boolean chosen;
    private boolean deciding;
    private final Button toggle = new Button();
    /** The open section's chips, over the canvas; null while none is open. */
    private Section openSection;
    private final FlowPane drawer = new FlowPane(3, 3);

    /** A named group of chips: inline when the palette is open, in the drawer from its button when collapsed. */
    private record Section(String name, Label label, Button opener, List<Node> chips) { }

    public CanvasPalette(CanvasViewModel vm, Pane overCanvas, Runnable backToCanvas, Runnable fit, Consumer<String> status) {
        super(3, 3);
        this.vm = vm;
        this.backToCanvas = backToCanvas;
        this.status = status;
        setId("canvasPalette");
        getStyleClass().add("cn-palette");
        List<Node> strip = section("Stages");
        for (String s : PaletteItems.STAGES) {
            strip.add(draggable(button("palette-" + s, s.equals("slice") ? "[:n]" : s, "cn-pal-stage",
                    "Add ." + s + "() after the selected stage (or drag it onto a card or a wire)", () -> addStage(s)),
                    new CanvasDrops.Payload(CanvasDrops.Kind.STAGE, s)));
        }
        strip = section("Results");
        for (String s : PaletteItems.TERMINALS) {
            strip.add(draggable(button("palette-" + s, s, "cn-pal-terminal", "End the chain with ."
                    + s + "() (or drag it onto the pipeline)", () -> addStage(s)),
                    new CanvasDrops.Payload(CanvasDrops.Kind.STAGE, s)));
        }
        strip = section("Conditions");
        for (String g : List.of("AND", "OR", "NOT")) {
            strip.add(draggable(button("palette-q-" + g.toLowerCase(), "Q " + g, "cn-pal-q",
                    "Add a Q " + g + " group to the selected filter or group (or drag it onto one, or a wire)",
                    () -> vm.addCondition(PaletteItems.group(g, vm.schema(), modelOfFocus()))),
                    new CanvasDrops.Payload(CanvasDrops.Kind.CONDITION, g)));
        }
        strip.add(draggable(button("palette-lookup", "lookup", "cn-pal-lookup",
                "Add a lookup leaf (field__lookup=value) to the selected filter or group (or drag it onto one)",
                () -> vm.addCondition(PaletteItems.defaultLookup(vm.schema(), modelOfFocus()))),
                new CanvasDrops.Payload(CanvasDrops.Kind.CONDITION, "lookup")));
        strip = section("Nested");
        for (NestedPalette.Item item : NestedPalette.ITEMS) {
            Button nb = button("palette-nested-" + item.id(), item.text(), "cn-pal-nested", item.tip(),
                    () -> item.action().test(vm));
            strip.add(item.id().equals("exists")
                    ? draggable(nb, new CanvasDrops.Payload(CanvasDrops.Kind.CONDITION, "Exists")) : nb);
        }
        strip = section("Expressions");
        for (String x : ExpressionPalette.ITEMS) {
            Button b = button("palette-x-" + x.replace("+", "plus"), ExpressionPalette.label(x), "cn-pal-expr",
                    ExpressionPalette.tip(x) + " (or drag it onto one)", () -> ExpressionPalette.put(vm, x));
            strip.add(draggable(b, new CanvasDrops.Payload(CanvasDrops.Kind.EXPRESSION, x)));
        }
        Label edit = new Label("Edit");
        edit.getStyleClass().add("cn-pal-section");
        editButtons.add(edit);
        editButtons.add(button("canvasUndo", "↶", "cn-pal-edit", "Undo (Ctrl+Z)", vm::undo));
        editButtons.add(button("canvasRedo", "↷", "cn-pal-edit", "Redo (Ctrl+Shift+Z / Ctrl+Y)", vm::redo));
        editButtons.add(button("canvasDelete", "✕", "cn-pal-edit", "Delete the selection (Delete)",
                vm::deleteSelection));
        editButtons.add(button("canvasFit", "⤢", "cn-pal-edit", "Fit the design in view (F)", fit));
        toggle.setId("paletteToggle");
        toggle.getStyleClass().addAll("cn-pal-button", "cn-pal-edit");
        toggle.setFocusTraversable(false);
        toggle.setOnAction(e -> collapsed.set(!collapsed.get()));
        editButtons.add(toggle);
        drawer.setId("paletteDrawer");
        drawer.getStyleClass().addAll("cn-palette", "cn-palette-drawer");
        drawer.setManaged(false);
        drawer.setVisible(false);
        drawer.setPrefWrapLength(420);
        overCanvas.getChildren().add(drawer);
        // presses and drags on the drawer are the drawer's, not the canvas's (no pan, no selection band)
        drawer.addEventHandler(javafx.scene.input.MouseEvent.ANY, e -> {
            if (e.getEventType() != javafx.scene.input.MouseEvent.DRAG_DETECTED) {
                e.consume();
            }
        });
        // a press anywhere else on the canvas closes the drawer, as a menu would
        overCanvas.addEventFilter(javafx.scene.input.MouseEvent.MOUSE_PRESSED, e -> {
            if (drawer.isVisible() && !drawer.localToScene(drawer.getBoundsInLocal()).contains(e.getSceneX(),
                    e.getSceneY())) {
                closeDrawer();
            }
        });
        collapsed.addListener(o -> {
            chosen |= !deciding;
            arrange();
        });
        arrange();
    }

    /** The user's saved choice: it holds whatever the room. */
    public void choose(boolean collapse) {
        chosen = true;
        collapsed.set(collapse);
    }

    /** Whether the user (or their saved layout) chose the state, rather than the room. */
    public boolean chosen() {
        return chosen;
    }

    /**
     * Until the user chooses, the palette collapses when its chips would take more than {@code share} of the
     * canvas column's height at this width (a small window), and opens again when there is room.
     */
    public void fitRoom(double width, double columnHeight, double share) {
        if (chosen || width <= 0 || columnHeight <= 0) {
            return;
        }
        double rowWidth = 0;
        int rows = 1;
        double rowHeight = 0;
        for (Section sec : sections) {
            for (Node n : concat(sec.label(), sec.chips())) {
                double w = n.prefWidth(-1) + getHgap();
                rowHeight = Math.max(rowHeight, n.prefHeight(-1));
                if (rowWidth + w > width - 12 && rowWidth > 0) {
                    rows++;
                    rowWidth = 0;
                }
                rowWidth += w;
            }
        }
        boolean tooTall = rows * (rowHeight + getVgap()) + 10 > share * columnHeight;
        if (tooTall != collapsed.get()) {
            deciding = true;
            collapsed.set(tooTall);
            deciding = false;
        }
    }

    private static List<Node> concat(Node first, List<Node> rest) {
        List<Node> all = new ArrayList<>(rest.size() + 1);
        all.add(first);
        all.addAll(rest);
        return all;
    }

    /** Collapsed (one row of section buttons) or open (every chip inline); the window keeps the choice. */
    public BooleanProperty collapsedProperty() {
        return collapsed;
    }

    /** Starts a section: its label, the button that opens it collapsed, and the list its chips go into. */
    private List<Node> section(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("cn-pal-section");
        Button opener = new Button(text + " ▾");
        opener.setId("palette-section-" + text.toLowerCase(Locale.ROOT));
        opener.getStyleClass().addAll("cn-pal-button", "cn-pal-opener");
        opener.setFocusTraversable(false);
        opener.setMnemonicParsing(false);
        Section section = new Section(text, l, opener, new ArrayList<>());
        opener.setOnAction(e -> open(section));
        sections.add(section);
        return section.chips();
    }

    private void arrange() {
        closeDrawer();
        List<Node> shown = new ArrayList<>();
        for (Section s : sections) {
            if (collapsed.get()) {
                shown.add(s.opener());
            } else {
                shown.add(s.label());
                shown.addAll(s.chips());
            }
        }
        shown.addAll(editButtons);
        getChildren().setAll(shown);
        toggle.setText(collapsed.get() ? "⌄" : "⌃");
        toggle.setTooltip(new Tooltip(collapsed.get() ? "Show every palette item above the canvas"
                : "Collapse the palette into one row of sections (more room for the canvas)"));
    }

    /** Opens a collapsed section's chips in the drawer (a second press on its button closes it). */
    private void open(Section s) {
        if (s == openSection) {
            closeDrawer();
            return;
        }
        drawer.getChildren().setAll(s.chips());
        drawer.setOpacity(1);
        drawer.setMouseTransparent(false);
        drawer.setVisible(true);
        drawer.autosize();
        drawer.relocate(6, 4);
        drawer.toFront();
        openSection = s;
    }

    private void closeDrawer() {
        if (openSection != null) {
            drawer.setVisible(false);
            drawer.getChildren().clear();
            openSection = null;
        }
    }

    private Button button(String id, String text, String style, String tip, Runnable action) {
        Button b = new Button(text);
        b.setId(id);
        b.getStyleClass().addAll("cn-pal-button", style);
        b.setTooltip(new Tooltip(tip));
        b.setFocusTraversable(false);
        b.setMnemonicParsing(false);
        b.setOnAction(e -> {
            closeDrawer();
            vm.forgetNodeToName();
            action.run();
            backToCanvas.run();
        });
        return b;
    }

    /** Makes a palette chip draggable: its payload on the Dragboard, a snapshot of the chip as the ghost. */
    private Button draggable(Button b, CanvasDrops.Payload payload) {
        b.setOnDragDetected(e -> {
            Dragboard db = b.startDragAndDrop(TransferMode.COPY);
            db.setContent(CanvasDrag.content(payload));
            db.setDragView(b.snapshot(null, null), e.getX(), e.getY());
            if (openSection != null) {
                // out of the way of the cards it covers; removing the chip would end the drag it started
                drawer.setOpacity(0);
                drawer.setMouseTransparent(true);
            }
            e.consume();
        });
        b.setOnDragDone(e -> closeDrawer());
        return b;
    }

    private void addStage(String name) {
        String model = modelOfFocus();
        if (model == null || vm.schema() == null) {
            vm.addStage(null);
            return;
        }
        try {
            vm.addStage(PaletteItems.stage(name, vm.schema(), vm.nested().stageModel(vm.focusedProperty().get())));
        } catch (RuntimeException e) {
            status.accept("Cannot add " + name + ": " + e.getMessage());
        }
    }

    /** The model of the pipeline holding the focused node (the main one when nothing is selected). */
    private String modelOfFocus() {
        DesignGraph g = vm.graphProperty().get();
        if (g == null) {
            return null;
        }
        return CanvasModels.modelOf(g, vm.focusedProperty().get());
    }
}
