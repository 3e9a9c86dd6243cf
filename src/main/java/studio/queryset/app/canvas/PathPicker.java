package studio.queryset.app.canvas;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;
import studio.queryset.design.RelationPaths;
import studio.queryset.query.Step;
import studio.queryset.schema.Schema;

/**
 * Tick boxes for the paths a stage takes: select_related's chains of single-valued relations
 * ({@code post__author__profile}), the concrete fields of only() / defer() / values() / values_list(). Apply sets
 * the stage's arguments.
 */
final class PathPicker extends VBox {

    /** The picker for a stage, or null when the stage takes no picked paths. */
    static PathPicker forStage(CanvasViewModel vm, String stepId, Object step, String model, Consumer<String> error) {
        Schema schema = vm.schema();
        if (schema == null || model == null) {
            return null;
        }
        if (step instanceof Step.SelectRelated s) {
            return new PathPicker(vm, stepId, RelationPaths.singleValued(schema, model, 3), s.paths(),
                    "Relations to JOIN (forward FK / one-to-one, chained with __):", error);
        }
        if (step instanceof Step.Only o) {
            return new PathPicker(vm, stepId, RelationPaths.concreteFields(schema, model), o.fields(),
                    o.defer() ? "Fields to leave out of SELECT:" : "Fields to load (the pk always is):", error);
        }
        if (step instanceof Step.Values v) {
            return new PathPicker(vm, stepId, RelationPaths.concreteFields(schema, model), v.fields(),
                    "Columns of each dict:", error);
        }
        if (step instanceof Step.ValuesList v) {
            return new PathPicker(vm, stepId, RelationPaths.concreteFields(schema, model), v.fields(),
                    "Columns of each tuple (flat=True: one column, plain values):", error);
        }
        return null;
    }

    private PathPicker(CanvasViewModel vm, String stepId, List<String> choices, List<String> picked, String caption,
                       Consumer<String> error) {
        super(6);
        Label title = new Label(caption);
        title.setWrapText(true);
        title.getStyleClass().add("cn-insp-help");
        FlowPane boxes = new FlowPane(8, 4);
        List<CheckBox> all = new ArrayList<>();
        Set<String> shown = new LinkedHashSet<>(choices);
        shown.addAll(picked);
        for (String path : shown) {
            CheckBox box = new CheckBox(path);
            box.setId("pick-" + path);
            box.setMnemonicParsing(false);
            box.setSelected(picked.contains(path));
            all.add(box);
            boxes.getChildren().add(box);
        }
        Button apply = new Button("Apply picks");
        apply.setId("applyPicks");
        apply.getStyleClass().add("accent");
        apply.setOnAction(e -> {
            List<String> chosen = new ArrayList<>();
            // keep the order already written, then new picks in list order
            for (String p : picked) {
                all.stream().filter(b -> b.getText().equals(p) && b.isSelected()).findFirst()
                        .ifPresent(b -> chosen.add(p));
            }
            for (CheckBox b : all) {
                if (b.isSelected() && !chosen.contains(b.getText())) {
                    chosen.add(b.getText());
                }
            }
            if (!vm.nested().setPicked(stepId, chosen)) {
                error.accept(vm.messageProperty().get());
            }
        });
        getChildren().addAll(title, boxes, apply);
    }
}
