package studio.queryset.app.view;

import java.util.List;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import studio.queryset.app.service.ResultTable;
import studio.queryset.app.vm.RunViewModel;

/** The last result: one column per result column, NULL shown apart from the empty string. */
public final class ResultsView extends BorderPane {
    static final double ROW_HEIGHT = 26;
    private final TableView<List<Object>> table = new TableView<>();
    private final Label summary = new Label("No results yet");

    public ResultsView(RunViewModel vm) {
        setId("results");
        getStyleClass().add("results-view");
        table.setId("resultsTable");
        table.setFixedCellSize(ROW_HEIGHT);
        table.setPlaceholder(new Label("Run the query (Ctrl+Enter) to see its rows here."));
        table.getStyleClass().add("results-table");
        summary.setId("resultsSummary");
        summary.getStyleClass().add("caption");
        HBox bar = new HBox(8, summary);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("tab-bar-strip");
        setTop(bar);
        setCenter(table);
        vm.resultProperty().addListener((o, old, now) -> show(now));
        vm.runningProperty().addListener((o, old, running) -> {
            if (running) {
                summary.setText("Running…");
            } else if (vm.lastOutcomeProperty().get() != null && vm.lastOutcomeProperty().get()
                    != studio.queryset.app.service.QueryLogEntry.Outcome.OK) {
                summary.setText("Last run " + vm.lastOutcomeProperty().get().name().toLowerCase(java.util.Locale.ROOT)
                        + " · showing the previous result");
            }
        });
    }

    private void show(ResultTable result) {
        table.getColumns().clear();
        table.getItems().clear();
        if (result == null) {
            summary.setText("No results yet");
            return;
        }
        TableColumn<List<Object>, Object> number = new TableColumn<>("#");
        number.setSortable(false);
        number.setPrefWidth(44);
        number.getStyleClass().add("row-number-column");
        number.setCellFactory(c -> new RowNumberCell());
        table.getColumns().add(number);
        for (int i = 0; i < result.columns().size(); i++) {
            int index = i;
            TableColumn<List<Object>, Object> column = new TableColumn<>(result.columns().get(i));
            column.setCellValueFactory(row -> new ReadOnlyObjectWrapper<>(row.getValue().get(index)));
            column.setCellFactory(c -> new ValueCell());
            column.setPrefWidth(preferredWidth(result, i));
            table.getColumns().add(column);
        }
        table.getItems().setAll(result.rows());
        int n = result.rows().size();
        summary.setText((n == 1 ? "1 row" : n + " rows") + (result.truncated() ? " (more not shown)" : "") + " · "
                + result.columns().size() + " columns · " + RunViewModel.formatMillis(result.millis()));
    }

    /** Wide enough for the header and the first rows' values, within bounds. */
    private static double preferredWidth(ResultTable result, int column) {
        int chars = result.columns().get(column).length() + 2;
        for (int r = 0; r < Math.min(100, result.rows().size()); r++) {
            Object v = result.rows().get(r).get(column);
            chars = Math.max(chars, v == null ? 4 : v.toString().length());
        }
        return Math.max(56, Math.min(340, chars * 7.4 + 22));
    }

    public TableView<List<Object>> table() {
        return table;
    }

    /** A value; null as a styled NULL, the empty string as nothing, numbers right-aligned. */
    static final class ValueCell extends TableCell<List<Object>, Object> {
        @Override
        protected void updateItem(Object item, boolean empty) {
            super.updateItem(item, empty);
            getStyleClass().removeAll("null-value", "number-value");
            if (empty) {
                setText(null);
            } else if (item == null) {
                setText("NULL");
                getStyleClass().add("null-value");
            } else {
                setText(item.toString());
                if (item instanceof Number) {
                    getStyleClass().add("number-value");
                }
            }
        }
    }

    static final class RowNumberCell extends TableCell<List<Object>, Object> {
        @Override
        protected void updateItem(Object item, boolean empty) {
            super.updateItem(item, empty);
            setText(empty || getIndex() < 0 ? null : Integer.toString(getIndex() + 1));
        }
    }
}
