package studio.queryset.app.shell;

import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.stage.Window;

/** F1: every keyboard shortcut of the window in one table. */
public final class ShortcutsDialog {
    static final String[][] SHORTCUTS = {
        {"Ctrl+Enter", "Run the query"},
        {"Ctrl+Shift+Enter", "Stream the rows into the streaming grid"},
        {"Esc", "Stop the running query"},
        {"Ctrl+N", "New design"},
        {"Ctrl+O", "Open a design"},
        {"Ctrl+S", "Save"},
        {"Ctrl+Shift+S", "Save as"},
        {"Ctrl+Shift+E", "Export the query as code (Java or Python)"},
        {"Ctrl+Shift+G", "Samples gallery"},
        {"Ctrl+Shift+D", "Connect to a database"},
        {"Ctrl+,", "Preferences"},
        {"Ctrl+Z / Ctrl+Shift+Z", "Undo / redo (canvas and Django text alike)"},
        {"Tab / Shift+Tab (Django editor)", "Leave the editor for the canvas / the schema; on an indented"
                + " continuation line Tab indents"},
        {"Ctrl+M (Django editor)", "Leave the editor for the canvas"},
        {"Arrows, Enter, Delete (canvas)", "Move between nodes, edit the node, delete it (Alt+arrows nudge)"},
        {"Tab, Space, right-click (canvas)", "Add-node search: type cou, title ico, -pub; Enter"},
        {"Ctrl+C", "Copy the selected cells (results grid)"},
        {"Ctrl+Shift+C", "Copy the selected rows (results grid)"},
        {"F1", "This list"},
    };

    private ShortcutsDialog() {
    }

    public static void show(Window owner) {
        TableView<String[]> table = new TableView<>();
        table.setId("shortcutsTable");
        TableColumn<String[], String> keys = new TableColumn<>("Keys");
        keys.setCellValueFactory(r -> new ReadOnlyStringWrapper(r.getValue()[0]));
        keys.setPrefWidth(170);
        TableColumn<String[], String> what = new TableColumn<>("Does");
        what.setCellValueFactory(r -> new ReadOnlyStringWrapper(r.getValue()[1]));
        what.setPrefWidth(300);
        table.getColumns().add(keys);
        table.getColumns().add(what);
        table.getItems().addAll(SHORTCUTS);
        table.setPrefSize(490, 400);
        Alert a = new Alert(Alert.AlertType.INFORMATION, "", ButtonType.CLOSE);
        a.initOwner(owner);
        a.setTitle("Keyboard shortcuts");
        a.setHeaderText("Keyboard shortcuts");
        a.getDialogPane().setContent(table);
        a.getDialogPane().setId("shortcutsDialog");
        a.show();
    }
}
