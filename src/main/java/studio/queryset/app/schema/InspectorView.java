package studio.queryset.app.schema;

import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import studio.queryset.app.schema.InspectorViewModel.Row;
import studio.queryset.app.schema.InspectorViewModel.Section;

/** The selected model's details, section by section. */
public final class InspectorView extends VBox {
    private final VBox content = new VBox(14);
    private final Label empty = new Label("Select a model to see its table, fields and relations.");

    public InspectorView(InspectorViewModel vm) {
        setId("inspector");
        getStyleClass().addAll("side-panel", "inspector");
        Label header = new Label("Inspector");
        header.getStyleClass().add("panel-header");
        content.getStyleClass().add("inspector-content");
        empty.getStyleClass().add("placeholder-text");
        empty.setWrapText(true);
        ScrollPane scroll = new ScrollPane(content);
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroll.getStyleClass().add("inspector-scroll");
        VBox.setVgrow(scroll, Priority.ALWAYS);
        getChildren().addAll(header, scroll);
        vm.sectionsProperty().addListener((o, old, now) -> show(now));
        show(vm.sections());
    }

    private void show(List<Section> sections) {
        content.getChildren().clear();
        if (sections.isEmpty()) {
            content.getChildren().add(empty);
            return;
        }
        for (Section section : sections) {
            Label title = new Label(section.title());
            title.getStyleClass().add("section-title");
            content.getChildren().addAll(title, grid(section.rows()));
        }
    }

    private static GridPane grid(List<Row> rows) {
        GridPane grid = new GridPane();
        grid.getStyleClass().add("property-grid");
        grid.setHgap(10);
        grid.setVgap(5);
        ColumnConstraints keys = new ColumnConstraints();
        keys.setMinWidth(Region.USE_PREF_SIZE);
        ColumnConstraints values = new ColumnConstraints();
        values.setHgrow(Priority.ALWAYS);
        values.setFillWidth(true);
        values.setMinWidth(0);
        grid.getColumnConstraints().addAll(keys, values);
        int r = 0;
        for (Row row : rows) {
            Label key = new Label(row.key());
            key.getStyleClass().add("property-key");
            Text value = new Text(row.value());
            value.getStyleClass().add("property-value");
            TextFlow cell = new TextFlow(value);
            cell.setMinWidth(0);
            for (String mark : row.marks()) {
                Label m = new Label(mark);
                m.getStyleClass().addAll("mark", "mark-" + mark);
                cell.getChildren().addAll(new Text("  "), m);
            }
            grid.addRow(r++, key, cell);
        }
        return grid;
    }
}
