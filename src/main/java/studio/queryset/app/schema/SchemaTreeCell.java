package studio.queryset.app.schema;

import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeCell;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import studio.queryset.app.canvas.editor.CanvasDrag;
import studio.queryset.app.canvas.editor.CanvasDrops;

/**
 * A schema browser row: a glyph for the value type or relation kind ({@link SchemaIcons}), the name a lookup
 * uses, the detail in grey, and marks (pk, null, unique, generated).
 */
final class SchemaTreeCell extends TreeCell<SchemaNode> {

    SchemaTreeCell() {
        // rows take the tree's width: a long detail is cut with an ellipsis (full text in the tooltip)
        // instead of making the whole tree scroll sideways
        setPrefWidth(0);
        // a field dragged onto a canvas filter or Q group becomes a lookup leaf for it; a model dropped on the
        // canvas starts a pipeline
        setOnDragDetected(e -> {
            SchemaNode n = getItem();
            if (n != null) {
                javafx.scene.input.Dragboard db = startDragAndDrop(javafx.scene.input.TransferMode.COPY);
                db.setContent(CanvasDrag.content(n.kind() == SchemaNode.Kind.MODEL
                        ? new CanvasDrops.Payload(CanvasDrops.Kind.MODEL, n.name())
                        : new CanvasDrops.Payload(CanvasDrops.Kind.FIELD, n.model() + "." + n.name())));
                db.setDragView(snapshot(null, null), e.getX(), e.getY());
                e.consume();
            }
        });
    }

    @Override
    protected void updateItem(SchemaNode node, boolean empty) {
        super.updateItem(node, empty);
        if (empty || node == null) {
            setText(null);
            setGraphic(null);
            setTooltip(null);
            return;
        }
        javafx.scene.Node badge = SchemaIcons.icon(node.icon());
        Label name = new Label(node.name());
        name.getStyleClass().add(node.kind() == SchemaNode.Kind.MODEL ? "model-name" : "member-name");
        Label detail = new Label(node.detail());
        detail.getStyleClass().add("member-detail");
        detail.setMinWidth(0);
        name.setMinWidth(Region.USE_PREF_SIZE);
        HBox box = new HBox(6, badge, name, detail);
        box.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        for (String mark : node.marks()) {
            Label m = new Label(mark);
            m.getStyleClass().addAll("mark", mark.startsWith(SchemaNode.WARNING_MARK) ? "mark-warning"
                    : "mark-" + mark);
            m.setMinWidth(Region.USE_PREF_SIZE);
            box.getChildren().add(m);
        }
        setText(null);
        setGraphic(box);
        setTooltip(new Tooltip(node.warnings().isEmpty() ? node.toString() : node + "\nImported with assumptions:\n"
                + String.join("\n", node.warnings().subList(0, Math.min(12, node.warnings().size())))
                + (node.warnings().size() > 12 ? "\n... " + (node.warnings().size() - 12) + " more in Problems" : "")));
    }

}
