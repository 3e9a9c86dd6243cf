package studio.queryset.app.canvas;

import java.util.function.Consumer;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import studio.queryset.design.DesignNode;
import studio.queryset.design.edit.NestedEdits;
import studio.queryset.design.RelationPaths;
import studio.queryset.query.Prefetch;

/**
 * Inspector section of a prefetch lookup: the relation (many-valued ones, nested paths too), whether it is a
 * {@code Prefetch(..., queryset=...)} with a frame of its own, and {@code to_attr}.
 */
final class PrefetchInspector extends VBox {

    /** The prefetch_related stage's text, where the Prefetch is written out in full. */
    private static String wholeText(CanvasViewModel vm, DesignNode node) {
        DesignNode stage = node.parent() == null ? null : vm.graphProperty().get().node(node.parent());
        return stage == null ? node.text() : stage.text();
    }

    PrefetchInspector(CanvasViewModel vm, DesignNode node, Consumer<String> error) {
        super(8);
        Prefetch pf;
        try {
            pf = NestedEdits.prefetchAt(vm.design().query(), node.path());
        } catch (RuntimeException e) {
            getChildren().add(NodeInspectorView.code(node.text()));
            return;
        }
        String model = CanvasModels.modelOf(vm.graphProperty().get(), node.id());
        ComboBox<String> lookup = NodeInspectorView.combo("prefetchLookup", vm.schema() == null
                ? java.util.List.of() : RelationPaths.manyValued(vm.schema(), model, 2), pf.lookup());
        CheckBox withQs = new CheckBox("queryset=  (a nested pipeline in a frame)");
        withQs.setId("prefetchWithQueryset");
        withQs.setSelected(pf.queryset() != null);
        TextField toAttr = new TextField(pf.toAttr() == null ? "" : pf.toAttr());
        toAttr.setId("prefetchToAttr");
        toAttr.setPromptText("attribute name (optional)");
        Button apply = new Button("Apply");
        apply.setId("applyPrefetch");
        apply.getStyleClass().add("accent");
        Runnable doApply = () -> {
            if (!vm.nested().setPrefetch(node.id(), lookup.getEditor().getText(), withQs.isSelected(),
                    toAttr.getText())) {
                error.accept(vm.messageProperty().get());
            }
        };
        apply.setOnAction(e -> doApply.run());
        toAttr.setOnAction(e -> doApply.run());
        Label hint = new Label(pf.queryset() != null
                ? "The frame below is the queryset of the prefetch query (" + pf.queryset().model() + "): select it "
                + "and add filter / order_by from the palette. to_attr stores the list under that name."
                : "Tick queryset= to filter or order what is prefetched; to_attr stores the list under a name "
                + "of its own.");
        hint.setWrapText(true);
        hint.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        hint.getStyleClass().add("cn-insp-help");
        getChildren().addAll(NodeInspectorView.form(new String[] {"lookup", "to_attr"}, lookup, toAttr), withQs,
                apply, hint, NodeInspectorView.code(wholeText(vm, node)));
    }
}
