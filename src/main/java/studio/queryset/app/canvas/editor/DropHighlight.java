package studio.queryset.app.canvas.editor;

import javafx.scene.Node;

/** The one drop target shown at a time: a card (green when it takes the drop, red when it refuses) or a wire. */
final class DropHighlight {
    private Node shown;
    private String style;

    void card(Node card, boolean takes) {
        show(card, takes ? "cn-drop-target" : "cn-drop-refused");
    }

    void wire(Node curve) {
        show(curve, "cn-wire-target");
    }

    private void show(Node n, String styleClass) {
        if (n == shown && styleClass.equals(style)) {
            return;
        }
        clear();
        shown = n;
        style = styleClass;
        n.getStyleClass().add(styleClass);
    }

    void clear() {
        if (shown != null) {
            shown.getStyleClass().remove(style);
            shown = null;
            style = null;
        }
    }

    /** The style shown on {@code n}, or null (for tests). */
    String styleOn(Node n) {
        return n == shown ? style : null;
    }
}
