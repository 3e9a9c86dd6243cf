package studio.queryset.app.canvas;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import studio.queryset.design.DesignNode;
import studio.queryset.design.Role;
import studio.queryset.design.edit.QueryLens;
import studio.queryset.query.Segment;
import studio.queryset.query.QuerySet;
import studio.queryset.schema.Model;
import studio.queryset.sql.LookupCatalog;

/**
 * Inspector section of a Subquery / Exists frame: the annotation's name, the nested model (changing it starts
 * the nested pipeline over), and for a Subquery the single-value shape {@code .values("x")[:1]}.
 */
final class SubqueryInspector extends VBox {

    SubqueryInspector(CanvasViewModel vm, DesignNode frame, Consumer<String> error) {
        super(8);
        NestedCommands nested = vm.nested();
        if (!nested.isFrame(frame.id()) || vm.schema() == null) {
            getChildren().add(NodeInspectorView.code(frame.text()));
            return;
        }
        QuerySet inner = QueryLens.pipeline(vm.design().query(), frame.path());
        boolean exists = frame.role() == Role.EXISTS;
        boolean named = frame.alias() != null;
        List<String> keys = new ArrayList<>();
        List<javafx.scene.Node> fields = new ArrayList<>();
        TextField alias = new TextField(named ? frame.alias() : "");
        alias.setId("frameAlias");
        if (named) {
            keys.add("name");
            fields.add(alias);
        }
        List<String> models = new ArrayList<>();
        for (Model m : vm.schema().models()) {
            models.add(m.name());
        }
        ComboBox<String> model = NodeInspectorView.combo("frameModel", models, inner.model());
        keys.add("model");
        fields.add(model);
        getChildren().add(NodeInspectorView.form(keys.toArray(new String[0]), fields.toArray(new javafx.scene.Node[0])));
        Button apply = new Button("Apply");
        apply.setId("applyFrame");
        apply.getStyleClass().add("accent");
        Runnable doApply = () -> {
            String m = model.getEditor().getText().strip();
            boolean ok = nested.setFrameModel(frame.id(), m);
            if (ok && named) {
                ok = nested.renameAnnotation(frame.id(), alias.getText());
            }
            if (!ok) {
                error.accept(vm.messageProperty().get());
            }
        };
        apply.setOnAction(e -> doApply.run());
        alias.setOnAction(e -> doApply.run());
        getChildren().add(apply);
        boolean lookupValue = frame.path().last().equals(new Segment.Fixed(Segment.Part.LOOKUP_QUERY));
        if (!named && !lookupValue && vm.conditionTarget(frame.parent()) != null) {
            // a condition of a filter / Q group: ~Exists(...) is written by wrapping it in NOT
            Button not = new Button("Wrap in NOT");
            not.setId("negateFrame");
            not.setOnAction(e -> vm.negate(frame.id()));
            getChildren().add(not);
        }
        String outer = nested.outerModel(frame.id());
        Label hint = new Label("The nested pipeline queries " + inner.model() + "; OuterRef(\"…\") in its lookups "
                + "points at the " + outer + " row. Select this frame (or a stage in it) and use the palette to add "
                + "filter, order_by ... inside." + (exists ? " Exists() only asks whether a row matches." : ""));
        hint.setWrapText(true);
        hint.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        hint.getStyleClass().add("cn-insp-help");
        getChildren().add(hint);
        if (!exists) {
            ComboBox<String> field = NodeInspectorView.combo("frameValuesField",
                    LookupCatalog.paths(vm.schema(), inner.model(), 1), "");
            Button single = new Button("+ .values(…)[:1]");
            single.setId("addSingleValue");
            single.setMnemonicParsing(false);
            single.setOnAction(e -> {
                if (!nested.singleValue(frame.id(), field.getEditor().getText())) {
                    error.accept(vm.messageProperty().get());
                }
            });
            Label why = new Label("A Subquery used as a value must return one column and at most one row.");
            why.setWrapText(true);
            why.getStyleClass().add("cn-insp-help");
            getChildren().addAll(NodeInspectorView.form(new String[] {"returns"}, field), new HBox(8, single), why);
        }
        getChildren().add(NodeInspectorView.code(frame.text()));
    }
}
