package studio.queryset.app.canvas.editor;

import java.util.Locale;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import studio.queryset.design.DesignNode;
import studio.queryset.design.NodeKind;

/**
 * A node on the canvas: a card with a coloured header (kind, label), the Django text, a red error badge (does
 * not compile) and a yellow warning badge (a gotcha or lint flag; the why and the fix in the tooltip).
 */
final class NodeCard extends VBox {
    static final double WIDTH = 200;
    static final double HEIGHT = 62;

    private final Label chip = new Label();
    private final Label title = new Label();
    private final Label text = new Label();
    private final Label badge = new Label("!");
    private final Label warningBadge = new Label("⚠");
    private final Tooltip tooltip = new Tooltip();
    private DesignNode node;
    private String error;
    private String warning;

    NodeCard() {
        getStyleClass().add("cn-card");
        // drawn once into a bitmap (drop shadow included) and blitted while it or its neighbours move: without a
        // GPU, re-rendering every card's gaussian shadow each frame made a drag on 500 cards run at ~5 fps
        setCache(true);
        setCacheHint(javafx.scene.CacheHint.SPEED);
        setMinSize(WIDTH, HEIGHT);
        setPrefSize(WIDTH, HEIGHT);
        setMaxSize(WIDTH, HEIGHT);
        chip.getStyleClass().add("cn-chip");
        chip.setMinWidth(Region.USE_PREF_SIZE);
        title.getStyleClass().add("cn-title");
        title.setMinWidth(0);
        badge.getStyleClass().add("cn-badge");
        badge.setMinWidth(Region.USE_PREF_SIZE);
        badge.setVisible(false);
        badge.setManaged(false);
        warningBadge.getStyleClass().add("cn-warning-badge");
        warningBadge.setMinWidth(Region.USE_PREF_SIZE);
        warningBadge.setVisible(false);
        warningBadge.setManaged(false);
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox header = new HBox(6, chip, title, grow, warningBadge, badge);
        header.setAlignment(Pos.CENTER_LEFT);
        header.getStyleClass().add("cn-header");
        text.getStyleClass().add("cn-text");
        text.setWrapText(true);
        text.setMinHeight(0);
        VBox.setVgrow(text, Priority.ALWAYS);
        getChildren().addAll(header, text);
        tooltip.setShowDelay(Duration.millis(350));
        tooltip.setWrapText(true);
        tooltip.setMaxWidth(420);
        Tooltip.install(this, tooltip);
    }

    void show(DesignNode n, String err) {
        show(n, err, null);
    }

    /** Shows a node with its compile error (red badge) and its gotcha/lint warnings (yellow badge), each or null. */
    void show(DesignNode n, String err, String warn) {
        if (n.equals(node) && java.util.Objects.equals(err, error) && java.util.Objects.equals(warn, warning)) {
            return;
        }
        if (node == null || node.kind() != n.kind()) {
            if (node != null) {
                getStyleClass().remove(kindClass(node.kind()));
            }
            getStyleClass().add(kindClass(n.kind()));
        }
        node = n;
        error = err;
        warning = warn;
        warningBadge.setVisible(warn != null);
        warningBadge.setManaged(warn != null);
        toggleClass("cn-warning", warn != null && err == null);
        setId("node-" + n.id());
        chip.setText(chipText(n));
        title.setText(n.label());
        text.setText(n.text());
        badge.setVisible(err != null);
        badge.setManaged(err != null);
        if (err != null) {
            if (!getStyleClass().contains("cn-error")) {
                getStyleClass().add("cn-error");
            }
        } else {
            getStyleClass().remove("cn-error");
        }
        tooltip.setText(NodeHelp.help(n) + "\n\n" + n.text() + (err == null ? "" : "\n\n⚠ " + err)
                + (warn == null ? "" : "\n\n" + warn));
    }

    private void toggleClass(String styleClass, boolean on) {
        if (!on) {
            getStyleClass().remove(styleClass);
        } else if (!getStyleClass().contains(styleClass)) {
            getStyleClass().add(styleClass);
        }
    }

    /** The gotcha/lint text on this node (its tooltip part), or null. */
    String warning() {
        return warning;
    }

    boolean warningBadgeShown() {
        return warningBadge.isVisible();
    }

    DesignNode node() {
        return node;
    }

    String error() {
        return error;
    }

    Tooltip tooltip() {
        return tooltip;
    }

    void setSelected(boolean selected) {
        if (selected) {
            if (!getStyleClass().contains("cn-selected")) {
                getStyleClass().add("cn-selected");
            }
        } else {
            getStyleClass().remove("cn-selected");
        }
    }

    static String kindClass(NodeKind k) {
        return "cn-" + k.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static String chipText(DesignNode n) {
        switch (n.kind()) {
            case SOURCE:
                return "MODEL";
            case STAGE:
                return "STAGE";
            case TERMINAL:
                return "RESULT";
            case Q_GROUP:
                return "Q";
            case LOOKUP:
                return "LOOKUP";
            case EXPRESSION:
                return "EXPR";
            case SUBQUERY:
                return "SUBQUERY";
            case PREFETCH:
                return "PREFETCH";
            default:
                return "";
        }
    }
}
