package studio.queryset.app.view;

import java.util.List;
import java.util.Locale;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.util.Duration;
import studio.queryset.app.service.QueryLogEntry;
import studio.queryset.app.service.RelatedObjects;
import studio.queryset.app.service.ResultTable;
import studio.queryset.app.service.ResultValues;
import studio.queryset.app.vm.RunViewModel;

/**
 * The last result as a grid: objects and dicts a column per key ({@code author.name} for select_related
 * objects, {@code 3 items} for prefetched lists), tuples columns 0..n, a count or aggregate as one row. NULL is
 * shown apart from the empty string.
 */
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
            QueryLogEntry.Outcome last = vm.lastOutcomeProperty().get();
            if (running) {
                summary.setText("Running…");
            } else if (last != null && last != QueryLogEntry.Outcome.OK) {
                summary.setText("Last run " + last.name().toLowerCase(Locale.ROOT)
                        + (vm.result() == null ? "" : " · showing the previous result"));
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
        number.setPrefWidth(48);
        number.getStyleClass().add("row-number-column");
        number.setCellFactory(c -> new RowNumberCell());
        table.getColumns().add(number);
        for (int i = 0; i < result.columns().size(); i++) {
            int index = i;
            TableColumn<List<Object>, Object> column = new TableColumn<>(result.columns().get(i));
            column.setCellValueFactory(row -> new ReadOnlyObjectWrapper<>(row.getValue().get(index)));
            column.setCellFactory(c -> new ValueCell());
            column.setPrefWidth(preferredWidth(result, i));
            column.setComparator(ResultsView::compare);
            table.getColumns().add(column);
        }
        table.getItems().setAll(result.rows());
        summary.setText(result.describe() + (result.truncated() ? " (first " + result.rows().size() + " shown)" : "")
                + " · " + ResultTable.plural(result.columns().size(), "column", "columns") + " · "
                + RunViewModel.formatMillis(result.millis()) + " · "
                + ResultTable.plural(result.statements(), "statement", "statements"));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compare(Object a, Object b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        if (a instanceof RelatedObjects ra && b instanceof RelatedObjects rb) {
            return Integer.compare(ra.size(), rb.size());
        }
        if (a instanceof Comparable ca && a.getClass() == b.getClass()) {
            return ca.compareTo(b);
        }
        return ResultValues.text(a).compareTo(ResultValues.text(b));
    }

    /** Wide enough for the header and the first rows' values, within bounds. */
    private static double preferredWidth(ResultTable result, int column) {
        int chars = result.columns().get(column).length() + 2;
        for (int r = 0; r < Math.min(100, result.rows().size()); r++) {
            Object v = result.rows().get(r).get(column);
            chars = Math.max(chars, ResultValues.text(v).length());
        }
        return Math.max(56, Math.min(320, chars * 7.4 + 22));
    }

    public TableView<List<Object>> table() {
        return table;
    }

    /** A value; null as a styled NULL, the empty string as nothing, numbers right-aligned, lists as "3 items". */
    static final class ValueCell extends TableCell<List<Object>, Object> {
        @Override
        protected void updateItem(Object item, boolean empty) {
            super.updateItem(item, empty);
            getStyleClass().removeAll("null-value", "number-value", "related-value");
            setTooltip(null);
            if (empty) {
                setText(null);
            } else if (item == null) {
                setText("NULL");
                getStyleClass().add("null-value");
            } else if (item instanceof RelatedObjects related) {
                setText(related.toString());
                getStyleClass().add("related-value");
                Tooltip tip = new Tooltip(related.describe());
                tip.setShowDelay(Duration.millis(250));
                tip.setShowDuration(Duration.seconds(30));
                setTooltip(tip);
            } else {
                String text = ResultValues.text(item);
                setText(text);
                if (item instanceof Number) {
                    getStyleClass().add("number-value");
                }
                if (text.length() > 40) {
                    setTooltip(new Tooltip(text.length() > 2000 ? text.substring(0, 2000) + "…" : text));
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
