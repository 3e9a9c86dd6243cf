package studio.queryset.app.canvas.inspector;

import javafx.animation.PauseTransition;
import javafx.collections.FXCollections;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.util.Duration;
import studio.queryset.app.canvas.inspector.FormField.Choice;

/**
 * One field's control bound to its {@link FormField}: typing goes to the field (checked at once) and commits
 * after a pause, on Enter or when focus leaves; a choice or a tick commits at once; Esc reverts; the control
 * follows the field when the query changes (its caret stays, nothing is rebuilt).
 */
final class FieldControl {
    /** The pause after the last keystroke before typed text commits. */
    static final Duration DEBOUNCE = Duration.millis(300);

    final FormField field;
    final Control control;
    final Label error = new Label();
    private final PauseTransition pause = new PauseTransition(DEBOUNCE);
    private final Runnable afterCommit;
    private SuggestPopup suggest;
    private boolean updating;

    FieldControl(FormField field, Runnable afterCommit) {
        this.field = field;
        this.afterCommit = afterCommit;
        this.control = create();
        control.setId(field.id());
        error.setId(field.id() + "-error");
        error.getStyleClass().add("cn-insp-error");
        error.setWrapText(true);
        error.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        pause.setOnFinished(e -> commit());
        update();
    }

    private Control create() {
        switch (field.kind()) {
            case CHECK: {
                CheckBox box = new CheckBox(field.label());
                box.setMnemonicParsing(false);
                box.selectedProperty().addListener((o, was, on) -> {
                    if (!updating) {
                        field.edit(String.valueOf(on));
                        afterCommit.run();
                    }
                });
                return box;
            }
            case CHOICE: {
                ComboBox<String> combo = new ComboBox<>(FXCollections.observableArrayList(
                        field.choices().stream().map(Choice::value).toList()));
                combo.setVisibleRowCount(14);
                combo.valueProperty().addListener((o, was, v) -> {
                    if (!updating && v != null) {
                        field.edit(v);
                        afterCommit.run();
                    }
                });
                return combo;
            }
            default: {
                TextInputControl t = field.kind() == FormField.Kind.AREA ? area() : new TextField();
                t.textProperty().addListener((o, was, now) -> {
                    if (!updating) {
                        field.edit(now);
                        pause.playFromStart();
                        if (suggest != null && t.isFocused()) {
                            suggest.show(now);
                            update(); // the error shows only once no choice matches
                        }
                    }
                });
                t.focusedProperty().addListener((o, was, focused) -> {
                    if (!focused) {
                        leave();
                    }
                });
                if (field.kind() == FormField.Kind.COMBO && t instanceof TextField tf) {
                    tf.setPromptText("type to search");
                    tf.setId(field.id()); // before the popup takes its list's id from it
                    suggest = new SuggestPopup(tf, field::choices, picked -> {
                        tf.setText(picked);
                        commit();
                        field.finish();
                    });
                }
                t.addEventFilter(KeyEvent.KEY_PRESSED, this::key);
                return t;
            }
        }
    }

    private static TextArea area() {
        TextArea a = new TextArea();
        a.setWrapText(true);
        a.setPrefRowCount(4);
        a.setMinHeight(88);
        a.getStyleClass().add("cn-insp-code");
        return a;
    }

    private void key(KeyEvent e) {
        if (e.getCode() == KeyCode.ESCAPE) {
            pause.stop();
            if (suggest != null && suggest.showing()) {
                suggest.hide();
            } else {
                field.revert();
            }
            e.consume();
        } else if ((e.getCode() == KeyCode.DOWN || e.getCode() == KeyCode.UP) && suggest != null
                && !e.isShortcutDown()) {
            suggest.move(e.getCode() == KeyCode.DOWN ? 1 : -1);
            e.consume();
        }
    }

    /** Enter while a suggestion is chosen with the arrows: that suggestion is picked (and committed). */
    boolean pickSuggestion() {
        return suggest != null && suggest.pickSelected();
    }

    /** Commits what is typed now (the pause is cut short). */
    boolean commit() {
        pause.stop();
        boolean ok = field.commit();
        afterCommit.run();
        return ok;
    }

    /** Focus left the field: its text commits (or stays with its error) and the run of typing ends. */
    void leave() {
        if (suggest != null) {
            suggest.hide();
        }
        if (field.pending()) {
            commit();
        }
        field.finish();
    }

    /** Puts the field's text, error and visibility into the control, leaving a control that shows it alone. */
    void update() {
        updating = true;
        try {
            if (control instanceof CheckBox box) {
                box.setSelected(field.checked());
            } else if (control instanceof ComboBox<?> c) {
                @SuppressWarnings("unchecked")
                ComboBox<String> combo = (ComboBox<String>) c;
                if (!field.text().equals(combo.getValue())) {
                    if (!combo.getItems().contains(field.text())) {
                        combo.getItems().add(field.text());
                    }
                    combo.setValue(field.text());
                }
            } else if (control instanceof TextInputControl t && !t.getText().equals(field.text())) {
                t.setText(field.text());
                t.positionCaret(t.getText().length());
            }
        } finally {
            updating = false;
        }
        // while the list under the field offers matches, a half-typed word is not an error yet
        String err = suggest != null && suggest.showing() ? null : field.error();
        error.setText(err == null ? "" : "⚠ " + err);
        error.setVisible(err != null);
        error.setManaged(err != null);
        control.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("invalid"), err != null);
    }

    Node node() {
        return control;
    }
}
