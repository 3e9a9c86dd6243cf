package studio.queryset.app.schema;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TextField;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The models of the schema with their fields and relations, narrowed by a filter. Selecting a row only shows
 * its model in the inspector (so a press to start dragging a field never touches the design); a new query on a
 * model is an explicit act: double-click, the row's menu "New query on Model", or a drop on the canvas.
 */
public final class SchemaBrowserView extends VBox {
    private final SchemaBrowserViewModel vm;
    private final TreeView<SchemaNode> tree = new TreeView<>(new TreeItem<>());
    private boolean syncing;

    public SchemaBrowserView(SchemaBrowserViewModel vm) {
        this.vm = vm;
        setId("schemaBrowser");
        getStyleClass().addAll("side-panel", "schema-browser");

        getStylesheets().add(SchemaBrowserView.class.getResource("schema-browser.css").toExternalForm());
        Label header = new Label("Schema");
        header.getStyleClass().add("panel-header");
        Label source = new Label();
        source.setId("schemaSource");
        source.getStyleClass().add("schema-source");
        source.textProperty().bind(vm.sourceProperty());
        source.visibleProperty().bind(vm.sourceProperty().isNotEmpty());
        source.managedProperty().bind(source.visibleProperty());
        TextField filter = new TextField();
        filter.setId("schemaFilter");
        filter.setPromptText("Filter models, fields, relations");
        filter.textProperty().bindBidirectional(vm.filterProperty());

        tree.setId("schemaTree");
        tree.setShowRoot(false);
        tree.setCellFactory(t -> new SchemaTreeCell());
        Label empty = new Label();
        empty.getStyleClass().add("placeholder-text");
        empty.setWrapText(true);
        empty.setMouseTransparent(true);
        empty.textProperty().bind(vm.filterProperty().map(f -> f.isBlank()
                ? "No schema loaded. See Problems." : "Nothing matches the filter."));
        empty.visibleProperty().bind(vm.rootsProperty().map(List::isEmpty));
        StackPane treeArea = new StackPane(tree, empty);
        StackPane.setAlignment(empty, javafx.geometry.Pos.TOP_LEFT);
        StackPane.setMargin(empty, new javafx.geometry.Insets(10));
        VBox.setVgrow(treeArea, Priority.ALWAYS);
        getChildren().addAll(header, source, filter, treeArea);

        initListeners();
        rebuild(vm.roots());
    }

    private void initListeners() {
        vm.rootsProperty().addListener((o, old, now) -> rebuild(now));
        tree.getSelectionModel().selectedItemProperty().addListener((o, old, item) -> {
            if (!syncing && item != null && item.getValue() != null) {
                vm.selectedModelProperty().set(item.getValue().model());
            }
        });
        tree.setOnMouseClicked(e -> {
            TreeItem<SchemaNode> item = tree.getSelectionModel().getSelectedItem();
            if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2 && item != null
                    && item.getValue().kind() == SchemaNode.Kind.MODEL) {
                vm.pickModel(item.getValue().model());
            }
        });
        vm.selectedModelProperty().addListener((o, old, name) -> showSelected(name));
        MenuItem newQuery = new MenuItem();
        newQuery.setId("schemaNewQuery");
        ContextMenu menu = new ContextMenu(newQuery);
        menu.setOnShowing(e -> {
            TreeItem<SchemaNode> item = tree.getSelectionModel().getSelectedItem();
            String model = item == null || item.getValue() == null ? null : item.getValue().model();
            newQuery.setText(model == null ? "New query" : "New query on " + model);
            newQuery.setDisable(model == null);
            newQuery.setOnAction(a -> vm.pickModel(model));
        });
        tree.setContextMenu(menu);
    }

    private void rebuild(List<SchemaNode> roots) {
        Set<String> expanded = new HashSet<>();
        for (TreeItem<SchemaNode> item : tree.getRoot().getChildren()) {
            if (item.isExpanded()) {
                expanded.add(item.getValue().name());
            }
        }
        syncing = true;
        try {
            tree.getRoot().getChildren().clear();
            for (SchemaNode model : roots) {
                TreeItem<SchemaNode> item = new TreeItem<>(model);
                for (SchemaNode child : model.children()) {
                    item.getChildren().add(new TreeItem<>(child));
                }
                item.setExpanded(vm.isFiltering() || expanded.contains(model.name()));
                tree.getRoot().getChildren().add(item);
            }
        } finally {
            syncing = false;
        }
        showSelected(vm.selectedModelProperty().get());
    }

    /** Selects the model's row, unless a row of that model is already selected. */
    private void showSelected(String name) {
        TreeItem<SchemaNode> current = tree.getSelectionModel().getSelectedItem();
        if (name == null || current != null && current.getValue() != null && name.equals(current.getValue().model())) {
            return;
        }
        for (TreeItem<SchemaNode> item : tree.getRoot().getChildren()) {
            if (item.getValue().name().equals(name)) {
                syncing = true;
                try {
                    item.setExpanded(true);
                    tree.getSelectionModel().select(item);
                    tree.scrollTo(Math.max(0, tree.getRow(item) - 1));
                } finally {
                    syncing = false;
                }
                return;
            }
        }
    }

    public TreeView<SchemaNode> tree() {
        return tree;
    }
}
