package studio.queryset.app.canvas;

import java.util.List;
import java.util.function.Consumer;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Dragboard;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.FlowPane;
import studio.queryset.design.DesignGraph;

/**
 * The palette strip above the canvas: stages, results, conditions, nested querysets and expressions. A click adds
 * the item after the selected card; every chip but the edit buttons also drags (its payload on the Dragboard, a
 * snapshot of the chip as the ghost) onto a card or a wire, where {@link CanvasDrops} decides what it does.
 */
final class CanvasPalette extends FlowPane {
    private final CanvasViewModel vm;
    private final Runnable backToCanvas;
    private final Consumer<String> status;

    CanvasPalette(CanvasViewModel vm, Runnable backToCanvas, Runnable fit, Consumer<String> status) {
        super(3, 3);
        this.vm = vm;
        this.backToCanvas = backToCanvas;
        this.status = status;
        FlowPane strip = this;
        strip.setId("canvasPalette");
        strip.getStyleClass().add("cn-palette");
        strip.getChildren().add(section("Stages"));
        for (String s : PaletteItems.STAGES) {
            strip.getChildren().add(draggable(button("palette-" + s, s.equals("slice") ? "[:n]" : s, "cn-pal-stage",
                    "Add ." + s + "() after the selected stage (or drag it onto a card or a wire)", () -> addStage(s)),
                    new CanvasDrops.Payload(CanvasDrops.Kind.STAGE, s)));
        }
        strip.getChildren().add(section("Results"));
        for (String s : PaletteItems.TERMINALS) {
            strip.getChildren().add(draggable(button("palette-" + s, s, "cn-pal-terminal", "End the chain with ."
                    + s + "() (or drag it onto the pipeline)", () -> addStage(s)),
                    new CanvasDrops.Payload(CanvasDrops.Kind.STAGE, s)));
        }
        strip.getChildren().add(section("Conditions"));
        for (String g : List.of("AND", "OR", "NOT")) {
            strip.getChildren().add(draggable(button("palette-q-" + g.toLowerCase(), "Q " + g, "cn-pal-q",
                    "Add a Q " + g + " group to the selected filter or group (or drag it onto one, or a wire)",
                    () -> vm.addCondition(PaletteItems.group(g, vm.schema(), modelOfFocus()))),
                    new CanvasDrops.Payload(CanvasDrops.Kind.CONDITION, g)));
        }
        strip.getChildren().add(draggable(button("palette-lookup", "lookup", "cn-pal-lookup",
                "Add a lookup leaf (field__lookup=value) to the selected filter or group (or drag it onto one)",
                () -> vm.addCondition(PaletteItems.defaultLookup(vm.schema(), modelOfFocus()))),
                new CanvasDrops.Payload(CanvasDrops.Kind.CONDITION, "lookup")));
        strip.getChildren().add(section("Nested"));
        for (NestedPalette.Item item : NestedPalette.ITEMS) {
            Button nb = button("palette-nested-" + item.id(), item.text(), "cn-pal-nested", item.tip(),
                    () -> item.action().test(vm));
            strip.getChildren().add(item.id().equals("exists")
                    ? draggable(nb, new CanvasDrops.Payload(CanvasDrops.Kind.CONDITION, "Exists")) : nb);
        }
        strip.getChildren().add(section("Expressions"));
        for (String x : ExpressionPalette.ITEMS) {
            Button b = button("palette-x-" + x.replace("+", "plus"), ExpressionPalette.label(x), "cn-pal-expr",
                    ExpressionPalette.tip(x) + " (or drag it onto one)", () -> ExpressionPalette.put(vm, x));
            strip.getChildren().add(draggable(b, new CanvasDrops.Payload(CanvasDrops.Kind.EXPRESSION, x)));
        }
        strip.getChildren().add(section("Edit"));
        strip.getChildren().add(button("canvasUndo", "↶", "cn-pal-edit", "Undo (Ctrl+Z)", vm::undo));
        strip.getChildren().add(button("canvasRedo", "↷", "cn-pal-edit", "Redo (Ctrl+Shift+Z / Ctrl+Y)", vm::redo));
        strip.getChildren().add(button("canvasDelete", "✕", "cn-pal-edit", "Delete the selection (Delete)",
                vm::deleteSelection));
        strip.getChildren().add(button("canvasFit", "⤢", "cn-pal-edit", "Fit the design in view (F)", fit));
    }

    private static Label section(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("cn-pal-section");
        return l;
    }

    private Button button(String id, String text, String style, String tip, Runnable action) {
        Button b = new Button(text);
        b.setId(id);
        b.getStyleClass().addAll("cn-pal-button", style);
        b.setTooltip(new Tooltip(tip));
        b.setFocusTraversable(false);
        b.setMnemonicParsing(false);
        b.setOnAction(e -> {
            action.run();
            backToCanvas.run();
        });
        return b;
    }

    /** Makes a palette chip draggable: its payload on the Dragboard, a snapshot of the chip as the ghost. */
    private static Button draggable(Button b, CanvasDrops.Payload payload) {
        b.setOnDragDetected(e -> {
            Dragboard db = b.startDragAndDrop(TransferMode.COPY);
            db.setContent(CanvasDrag.content(payload));
            db.setDragView(b.snapshot(null, null), e.getX(), e.getY());
            e.consume();
        });
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
