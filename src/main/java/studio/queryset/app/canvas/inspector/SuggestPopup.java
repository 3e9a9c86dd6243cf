package studio.queryset.app.canvas.inspector;

import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.geometry.Bounds;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.stage.Popup;
import studio.queryset.app.canvas.inspector.FormField.Choice;

/**
 * The searchable list under a text field: the choices whose path contains what is typed, each with its type
 * ({@code author__name  CharField}). The keyboard stays in the field: Up / Down move through the list, Enter
 * picks (the highlighted one: what is typed, else the first choice starting with it), Esc closes it; a click picks too.
 */
final class SuggestPopup {
    private final Popup popup = new Popup();
    private final ListView<Choice> list = new ListView<>();
    private final TextField field;
    private final Supplier<List<Choice>> choices;
    private final Consumer<String> pick;

    SuggestPopup(TextField field, Supplier<List<Choice>> choices, Consumer<String> pick) {
        this.field = field;
        this.choices = choices;
        this.pick = pick;
        list.setId(field.getId() + "-choices");
        list.getStyleClass().add("cn-suggest");
        list.setFocusTraversable(false);
        list.setPrefWidth(320);
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(Choice c, boolean empty) {
                super.updateItem(c, empty);
                setText(empty || c == null ? null : c.label());
            }
        });
        list.setOnMouseClicked(e -> pickSelected());
        popup.getContent().add(list);
        popup.setAutoHide(true);
    }

    /** Shows the choices that contain {@code filter} (all for an empty one); hides when none does. */
    void show(String filter) {
        String f = filter == null ? "" : filter.strip().toLowerCase(Locale.ROOT);
        List<Choice> shown = choices.get().stream()
                .filter(c -> f.isEmpty() || c.value().toLowerCase(Locale.ROOT).contains(f)).toList();
        if (shown.isEmpty() || field.getScene() == null || field.getScene().getWindow() == null) {
            hide();
            return;
        }
        list.getItems().setAll(shown);
        list.getSelectionModel().clearSelection();
        int best = bestMatch(shown, f);
        if (best >= 0) {
            list.getSelectionModel().select(best); // what Enter takes, highlighted
        }
        list.setPrefHeight(Math.min(shown.size(), 10) * 24 + 4);
        Bounds b = field.localToScreen(field.getBoundsInLocal());
        if (b == null) {
            return;
        }
        if (!popup.isShowing()) {
            // the popup is a window of its own: it takes the window's theme (light or dark)
            popup.getScene().getStylesheets().setAll(field.getScene().getStylesheets());
            if (field.getScene().getRoot().getStyleClass().contains("studio")) {
                popup.getScene().getRoot().getStyleClass().add("studio"); // the dark theme's rules hang off it
            }
            popup.show(field, b.getMinX(), b.getMaxY());
        } else {
            popup.setX(b.getMinX());
            popup.setY(b.getMaxY());
        }
    }

    /**
     * The choice Enter should take for what is typed: the one equal to it, else the first that starts with it, else
     * the only one; -1 when nothing is typed or several merely contain it.
     */
    static int bestMatch(List<Choice> shown, String typed) {
        if (typed.isEmpty()) {
            return -1;
        }
        int prefix = -1;
        for (int i = 0; i < shown.size(); i++) {
            String v = shown.get(i).value().toLowerCase(Locale.ROOT);
            if (v.equals(typed)) {
                return i;
            }
            if (prefix < 0 && v.startsWith(typed)) {
                prefix = i;
            }
        }
        return prefix >= 0 ? prefix : shown.size() == 1 ? 0 : -1;
    }

    boolean showing() {
        return popup.isShowing();
    }

    /** Up / Down: the next or previous choice (the whole list opens on Down when it is closed). */
    void move(int step) {
        if (!popup.isShowing()) {
            show("");
        }
        if (!popup.isShowing()) {
            return;
        }
        int i = list.getSelectionModel().getSelectedIndex();
        int next = Math.max(0, Math.min(list.getItems().size() - 1, i < 0 ? 0 : i + step));
        list.getSelectionModel().select(next);
        list.scrollTo(next);
    }

    /** Enter: picks the choice moved to, if any. */
    boolean pickSelected() {
        Choice c = popup.isShowing() ? list.getSelectionModel().getSelectedItem() : null;
        if (c == null) {
            return false;
        }
        hide();
        field.requestFocus();
        pick.accept(c.value());
        hide(); // the picked text re-filtered the list; the choice is made
        return true;
    }

    void hide() {
        popup.hide();
    }
}
