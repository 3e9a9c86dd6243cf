package studio.queryset.app.shell;

import java.util.Optional;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.stage.Window;

/** The workbench's questions to the user, as small dialogs over the main window. */
public final class Prompts {
    public enum Unsaved { SAVE, DISCARD, CANCEL }

    public static final ButtonType SAVE = new ButtonType("Save", ButtonBar.ButtonData.YES);
    public static final ButtonType DISCARD = new ButtonType("Don't save", ButtonBar.ButtonData.NO);
    public static final ButtonType RECOVER = new ButtonType("Recover", ButtonBar.ButtonData.YES);
    public static final ButtonType DROP = new ButtonType("Discard", ButtonBar.ButtonData.NO);

    private Prompts() {
    }

    public static Unsaved unsavedChanges(Window owner, String name) {
        Alert a = new Alert(Alert.AlertType.CONFIRMATION, "", SAVE, DISCARD, ButtonType.CANCEL);
        a.initOwner(owner);
        a.setTitle("Unsaved changes");
        a.setHeaderText("Save the changes to " + name.replace(" *", "") + "?");
        a.setContentText("Your changes are lost if you don't save them.");
        a.getDialogPane().setId("unsavedDialog");
        Optional<ButtonType> r = a.showAndWait();
        if (r.isEmpty() || r.get() == ButtonType.CANCEL) {
            return Unsaved.CANCEL;
        }
        return r.get() == SAVE ? Unsaved.SAVE : Unsaved.DISCARD;
    }

    public static boolean recover(Window owner, String detail) {
        Alert a = new Alert(Alert.AlertType.CONFIRMATION, "", RECOVER, DROP);
        a.initOwner(owner);
        a.setTitle("Recover unsaved work");
        a.setHeaderText("QuerySet Studio did not close cleanly last time.");
        a.setContentText("An autosaved design was found:\n" + detail + "\n\nRecover it?");
        a.getDialogPane().setId("recoveryDialog");
        return a.showAndWait().orElse(DROP) == RECOVER;
    }

    /** A non-modal list of what an import assumed (scrollable: a project may give hundreds of lines). */
    public static void warnings(Window owner, String title, String lines) {
        Alert a = new Alert(Alert.AlertType.WARNING, null, ButtonType.OK);
        a.initOwner(owner);
        a.setTitle(title);
        a.setHeaderText(title);
        javafx.scene.control.TextArea text = new javafx.scene.control.TextArea(lines);
        text.setEditable(false);
        text.setWrapText(false);
        text.setPrefRowCount(16);
        a.getDialogPane().setContent(text);
        a.getDialogPane().setId("importWarningsDialog");
        a.show();
    }

    public static void error(Window owner, String title, String message) {
        Alert a = new Alert(Alert.AlertType.ERROR, message, ButtonType.OK);
        a.initOwner(owner);
        a.setTitle(title);
        a.setHeaderText(title);
        a.getDialogPane().setId("errorDialog");
        a.show();
    }
}
