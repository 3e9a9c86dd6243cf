package studio.queryset.app.document;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;
import studio.queryset.sample.SampleGallery.Sample;
import studio.queryset.django.DjangoPrinter;
import studio.queryset.lessons.Lessons;
import studio.queryset.sql.Dialect;

/**
 * The samples gallery: the tutorial's examples by category on the left, the selected one's query and
 * explanation on the right, Open loads it (query and parameters). Samples that need another database
 * (full-text search needs PostgreSQL) are marked and cannot be opened on this connection.
 */
public final class SamplesGalleryDialog extends BorderPane {
    private final TreeView<Object> tree = new TreeView<>();
    private final Label title = new Label();
    private final Label requirement = new Label();
    private final TextArea django = new TextArea();
    private final TextArea explanation = new TextArea();
    private final Button open = new Button("Open sample");
    private final Dialect dialect;

    public SamplesGalleryDialog(List<Sample> samples, Dialect dialect, Consumer<Sample> onOpen, Runnable onClose) {
        this.dialect = dialect;
        setId("samplesGallery");
        TreeItem<Object> root = new TreeItem<>("Samples");
        Map<String, TreeItem<Object>> categories = new LinkedHashMap<>();
        for (Sample s : samples) {
            categories.computeIfAbsent(s.category(), c -> {
                TreeItem<Object> item = new TreeItem<>(c);
                item.setExpanded(true);
                root.getChildren().add(item);
                return item;
            }).getChildren().add(new TreeItem<>(s));
        }
        tree.setId("samplesTree");
        tree.setRoot(root);
        tree.setShowRoot(false);
        tree.setCellFactory(t -> new TreeCell<>() {
            @Override
            protected void updateItem(Object item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().removeAll("sample-unavailable", "sample-category");
                if (empty || item == null) {
                    setText(null);
                } else if (item instanceof Sample s) {
                    boolean ok = s.runsOn(dialect);
                    setText(s.title() + (s.requires() == null ? "" : "  [" + s.requires().displayName() + " only]"));
                    if (!ok) {
                        getStyleClass().add("sample-unavailable");
                        setStyle("-fx-opacity: 0.55;");
                    } else {
                        setStyle(null);
                    }
                } else {
                    setText(item.toString());
                    setStyle("-fx-font-weight: bold;");
                }
            }
        });
        tree.getSelectionModel().selectedItemProperty().addListener((o, old, now) -> show(now == null ? null
                : now.getValue()));
        tree.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2 && !open.isDisabled()) {
                open.fire();
            }
        });

        title.setId("sampleTitle");
        title.setStyle("-fx-font-size: 16px; -fx-font-weight: bold;");
        requirement.setId("sampleRequirement");
        requirement.setWrapText(true);
        requirement.setStyle("-fx-text-fill: #b45309;");
        django.setId("sampleDjango");
        django.setEditable(false);
        django.setWrapText(true);
        django.setPrefRowCount(4);
        django.setStyle("-fx-font-family: monospace;");
        explanation.setId("sampleExplanation");
        explanation.setEditable(false);
        explanation.setWrapText(true);
        explanation.getStyleClass().add("sample-explanation");
        VBox.setVgrow(explanation, Priority.ALWAYS);
        Label q = new Label("Query");
        q.getStyleClass().add("caption");
        Label why = new Label("What it shows");
        why.getStyleClass().add("caption");
        VBox detail = new VBox(8, title, requirement, q, django, why, explanation);
        detail.setPadding(new Insets(12));

        open.setId("openSampleButton");
        open.setDefaultButton(true);
        open.setDisable(true);
        open.setOnAction(e -> {
            Object v = tree.getSelectionModel().getSelectedItem() == null ? null
                    : tree.getSelectionModel().getSelectedItem().getValue();
            if (v instanceof Sample s && s.runsOn(dialect)) {
                onOpen.accept(s);
            }
        });
        Button close = new Button("Close");
        close.setCancelButton(true);
        close.setOnAction(e -> onClose.run());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Label count = new Label(samples.size() + " samples · connection: " + dialect.displayName());
        count.getStyleClass().add("caption");
        HBox buttons = new HBox(8, count, spacer, close, open);
        buttons.setPadding(new Insets(8, 12, 12, 12));

        SplitPane split = new SplitPane(tree, detail);
        split.setDividerPositions(0.38);
        setCenter(split);
        setBottom(buttons);
        setPrefSize(980, 620);
        if (!root.getChildren().isEmpty() && !root.getChildren().get(0).getChildren().isEmpty()) {
            tree.getSelectionModel().select(root.getChildren().get(0).getChildren().get(0));
        }
    }

    private void show(Object value) {
        if (value instanceof Sample s) {
            title.setText(s.title());
            boolean ok = s.runsOn(dialect);
            requirement.setText(s.requires() == null ? "" : ok ? "Needs " + s.requires().displayName() + "."
                    : "Needs " + s.requires().displayName() + ": connect to a " + s.requires().displayName()
                    + " database to open it (Database → Connect…).");
            django.setText(DjangoPrinter.print(s.design().query()) + (s.design().params().isEmpty() ? ""
                    : "\n\n# parameters: " + s.design().params()));
            explanation.setText(s.design().notes());
            // a sample with a lesson opens with it docked beside the canvas: its steps, Show me, its claims
            int steps = Lessons.forSample(s.id()).map(l -> l.steps().size()).orElse(0);
            open.setText(steps > 0 ? "Open with lesson (" + steps + " steps)" : "Open sample");
            open.setDisable(!ok);
        } else {
            title.setText(value == null ? "" : value.toString());
            requirement.setText("");
            django.setText("");
            explanation.setText("");
            open.setDisable(true);
        }
    }

    public TreeView<Object> tree() {
        return tree;
    }

    /** Opens the gallery as a window over the owner. */
    public static Stage showOver(Window owner, List<Sample> samples, Dialect dialect, Consumer<Sample> onOpen) {
        Stage stage = new Stage();
        stage.initOwner(owner);
        stage.initModality(Modality.WINDOW_MODAL);
        stage.setTitle("Samples gallery");
        SamplesGalleryDialog view = new SamplesGalleryDialog(samples, dialect, s -> {
            onOpen.accept(s);
            stage.close();
        }, stage::close);
        javafx.scene.Scene scene = new javafx.scene.Scene(view);
        if (owner != null && owner.getScene() != null) {
            scene.getStylesheets().setAll(owner.getScene().getStylesheets());
        }
        stage.setScene(scene);
        stage.show();
        return stage;
    }
}
