package studio.queryset.app.view;

import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeCell;
import javafx.scene.layout.HBox;
import studio.queryset.app.vm.SchemaNode;

/** A schema browser row: kind badge, name, detail in grey, and marks (pk, null, unique, generated). */
final class SchemaTreeCell extends TreeCell<SchemaNode> {

    @Override
    protected void updateItem(SchemaNode node, boolean empty) {
        super.updateItem(node, empty);
        if (empty || node == null) {
            setText(null);
            setGraphic(null);
            setTooltip(null);
            return;
        }
        Label badge = new Label(badgeText(node.kind()));
        badge.getStyleClass().addAll("kind-badge", "kind-" + node.kind().name().toLowerCase(java.util.Locale.ROOT));
        Label name = new Label(node.name());
        name.getStyleClass().add(node.kind() == SchemaNode.Kind.MODEL ? "model-name" : "member-name");
        Label detail = new Label(node.detail());
        detail.getStyleClass().add("member-detail");
        HBox box = new HBox(6, badge, name, detail);
        box.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        for (String mark : node.marks()) {
            Label m = new Label(mark);
            m.getStyleClass().addAll("mark", "mark-" + mark);
            box.getChildren().add(m);
        }
        setText(null);
        setGraphic(box);
        setTooltip(new Tooltip(node.toString()));
    }

    private static String badgeText(SchemaNode.Kind kind) {
        if (kind == SchemaNode.Kind.MODEL) {
            return "M";
        }
        if (kind == SchemaNode.Kind.FIELD) {
            return "F";
        }
        return kind == SchemaNode.Kind.RELATION ? "→" : "←";
    }
}
