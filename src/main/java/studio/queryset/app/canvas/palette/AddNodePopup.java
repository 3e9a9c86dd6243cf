package studio.queryset.app.canvas.palette;

import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.VBox;
import javafx.stage.Popup;
import studio.queryset.app.canvas.editor.CanvasEditorView;
import studio.queryset.app.canvas.editor.CanvasDrops;
import studio.queryset.app.canvas.editor.CanvasViewModel;

/**
 * The add-node search (Tab, Space or right-click on the canvas): a text box over the list of what can go at that
 * place ({@link AddNodeItems}); typing narrows it, Enter (or a double click) adds the highlighted item, Esc closes.
 */
public final class AddNodePopup {
    private final CanvasViewModel vm;
    private final CanvasDrops drops;
    private final Popup popup = new Popup();
    private final javafx.scene.layout.StackPane themed = new javafx.scene.layout.StackPane();
    private final TextField query = new TextField();
    private final ListView<AddNodeItems.Item> list = new ListView<>();
    private List<AddNodeItems.Item> all = List.of();
    private Node owner;
    /** Gives the keyboard back once a choice has been applied (to the canvas, or the new node's name). */
    private final Runnable afterChoice;

    public AddNodePopup(CanvasViewModel vm, CanvasDrops drops, Runnable afterChoice) {
        this.vm = vm;
        this.drops = drops;
        this.afterChoice = afterChoice;
        query.setId("addNodeQuery");
        query.setPromptText("Add… (type to search: cou, filter, OR, lookup on title)");
        list.setId("addNodeList");
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(AddNodeItems.Item item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item.label() + "   · " + item.group());
            }
        });
        VBox box = new VBox(new Label("Add here"), query, list);
        box.getStyleClass().add("cn-search");
        box.getStylesheets().add(CanvasEditorView.class.getResource("canvas.css").toExternalForm());
        // a popup is a scene of its own: under a "studio" root with the window's stylesheets it follows the theme
        themed.getStyleClass().add("studio");
        themed.setStyle("-fx-background-color: transparent;");
        themed.getChildren().add(box);
        popup.getContent().add(themed);
        popup.setAutoHide(true);
        query.textProperty().addListener((o, a, b) -> refilter());
        query.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                choose();
                e.consume();
            } else if (e.getCode() == KeyCode.ESCAPE) {
                popup.hide();
                e.consume();
            } else if (e.getCode() == KeyCode.DOWN || e.getCode() == KeyCode.UP) {
                int i = list.getSelectionModel().getSelectedIndex() + (e.getCode() == KeyCode.DOWN ? 1 : -1);
                list.getSelectionModel().select(Math.max(0, Math.min(i, list.getItems().size() - 1)));
                list.scrollTo(list.getSelectionModel().getSelectedIndex());
                e.consume();
            }
        });
        list.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2) {
                choose();
            }
        });
    }

    /** Opens the search at screen point (x, y) for the place after {@code anchor} (null: the end). */
    public void show(Node owner, double x, double y, String anchor) {
        if (vm.graphProperty().get() == null) {
            vm.setMessage("Start a query first: double-click a model in the schema browser or drop it here.");
            return;
        }
        this.owner = owner;
        all = AddNodeItems.at(vm, drops, anchor);
        query.clear();
        refilter();
        if (owner.getScene() != null) {
            themed.getStylesheets().setAll(owner.getScene().getStylesheets());
        }
        popup.show(owner, x, y);
        query.requestFocus();
    }

    private void refilter() {
        list.getItems().setAll(AddNodeItems.filter(all, query.getText()));
        list.getSelectionModel().selectFirst();
    }

    private void choose() {
        AddNodeItems.Item item = list.getSelectionModel().getSelectedItem();
        if (item == null) {
            vm.setMessage("Nothing matches '" + query.getText() + "'.");
            return;
        }
        popup.hide();
        vm.forgetNodeToName();
        item.action().run();
        afterChoice.run();
    }

    public boolean isShowing() {
        return popup.isShowing();
    }
}
