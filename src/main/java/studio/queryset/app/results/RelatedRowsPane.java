package studio.queryset.app.results;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/**
 * The detail pane beside the results grid: the related rows of one cell as a grid of their own (a prefetched
 * list's objects, or one select_related object's fields). A list inside it opens the same way, and Back returns
 * to the list it came from.
 */
public final class RelatedRowsPane extends BorderPane {
    private final TableView<List<Object>> table = new TableView<>();
    private final Label title = new Label();
    private final Button back = new Button("Back");
    private final List<Shown> trail = new ArrayList<>();

    private record Shown(String title, List<String> columns, List<List<Object>> rows) { }

    public RelatedRowsPane(Runnable onClose) {
        setId("relatedRows");
        getStyleClass().add("related-rows");
        table.setId("relatedRowsTable");
        table.setFixedCellSize(ResultsView.ROW_HEIGHT);
        table.getStyleClass().add("results-table");
        table.setPlaceholder(new Label("No related rows"));
        title.setId("relatedRowsTitle");
        title.getStyleClass().add("caption");
        title.setMinWidth(0);
        back.setId("relatedRowsBack");
        back.setOnAction(e -> back());
        Button close = new Button("×");
        close.setId("relatedRowsClose");
        close.setOnAction(e -> onClose.run());
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox bar = new HBox(6, back, title, grow, close);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(2, 4, 2, 6));
        bar.getStyleClass().add("tab-bar-strip");
        setTop(bar);
        setCenter(table);
    }

    /** Shows a prefetched list (replacing what was shown). */
    public void showList(String what, RelatedObjects list) {
        trail.clear();
        push(what, list);
    }

    /** Shows one select_related object: its fields as a one-row grid. */
    public void showObject(String what, Map<String, Object> fields) {
        trail.clear();
        List<Object> row = new ArrayList<>(fields.values());
        trail.add(new Shown(what, List.copyOf(fields.keySet()), List.of(row)));
        render();
    }

    private void push(String what, RelatedObjects list) {
        List<String> keys = list.keys();
        List<List<Object>> rows = new ArrayList<>();
        for (Map<String, Object> m : list.items()) {
            List<Object> row = new ArrayList<>();
            keys.forEach(k -> row.add(m.get(k)));
            rows.add(row);
        }
        trail.add(new Shown(what + " · " + ResultTable.plural(list.size(), "item", "items"), keys, rows));
        render();
    }

    private void back() {
        if (trail.size() > 1) {
            trail.remove(trail.size() - 1);
            render();
        }
    }

    private void render() {
        Shown s = trail.get(trail.size() - 1);
        title.setText(s.title());
        back.setVisible(trail.size() > 1);
        back.setManaged(trail.size() > 1);
        table.getColumns().clear();
        for (int i = 0; i < s.columns().size(); i++) {
            int index = i;
            String name = s.columns().get(i);
            TableColumn<List<Object>, Object> c = new TableColumn<>(name);
            c.setCellValueFactory(row -> new ReadOnlyObjectWrapper<>(index < row.getValue().size()
                    ? row.getValue().get(index) : null));
            c.setCellFactory(col -> new ResultsView.ValueCell((cell, value) -> {
                if (value instanceof RelatedObjects nested) {
                    push(s.title().replaceAll(" · \\d+ items?$", "") + " → row " + (cell.getIndex() + 1) + "."
                            + name, nested);
                }
            }));
            int chars = name.length() + 2;
            for (int r = 0; r < Math.min(50, s.rows().size()); r++) {
                List<Object> row = s.rows().get(r);
                chars = Math.max(chars, index < row.size() ? ResultValues.text(row.get(index)).length() : 0);
            }
            c.setPrefWidth(Math.max(48, Math.min(300, chars * 7.4 + 22)));
            table.getColumns().add(c);
        }
        table.getItems().setAll(s.rows());
    }

    TableView<List<Object>> table() {
        return table;
    }

    String title() {
        return title.getText();
    }
}
