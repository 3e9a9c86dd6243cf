package studio.queryset.app.results;

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
import studio.queryset.app.querylog.QueryLogEntry;
import studio.queryset.app.session.RunViewModel;

/**
 * The last result as a grid: objects and dicts a column per key ({@code author.name} for select_related
 * objects, {@code 3 items} for prefetched lists), tuples columns 0..n, a count or aggregate as one row. NULL is
 * shown apart from the empty string. A prefetched list (click) or a select_related object (double-click one of
 * its columns) opens as a grid in the detail pane beside; rows of an older query are greyed until rerun.
 */
public final class ResultsView extends BorderPane {
    public static final double ROW_HEIGHT = 26;
    private final TableView<List<Object>> table = new TableView<>();
    private final Label summary = new Label("No results yet");
    private final javafx.scene.control.SplitPane split = new javafx.scene.control.SplitPane();
    private final RelatedRowsPane related = new RelatedRowsPane(this::closeRelated);
    private ResultTable shown;
    private boolean stale;

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
        split.getItems().add(table);
        split.setId("resultsSplit");
        setCenter(split);
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
        shown = result;
        stale = false;
        table.getStyleClass().remove("stale-results");
        closeRelated();
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
            column.setCellFactory(c -> new ValueCell(this::open));
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

    /**
     * The query changed since these rows were read: the grid is greyed and says so until the next run, so
     * nobody reads old rows as the answer to the new query.
     */
    public void markStale() {
        if (shown == null || stale) {
            return;
        }
        stale = true;
        table.getStyleClass().add("stale-results");
        summary.setText("From the previous query — run it (Ctrl+Enter) to see this one's rows · " + summary.getText());
    }

    public boolean isStale() {
        return stale;
    }

    /**
     * A click on a related cell: a prefetched list opens as a sub-grid; a cell of a select_related object
     * ({@code author.name}) opens that object (all its {@code author.*} columns) the same way.
     */
    private void open(TableCell<List<Object>, Object> cell, Object value) {
        if (shown == null || cell.getIndex() < 0 || cell.getIndex() >= table.getItems().size()) {
            return;
        }
        String column = cell.getTableColumn().getText();
        List<Object> row = table.getItems().get(cell.getIndex());
        String where = "row " + (cell.getIndex() + 1) + "." + column;
        if (value instanceof RelatedObjects list) {
            related.showList(where, list);
        } else if (column.contains(".")) {
            String object = column.substring(0, column.indexOf('.'));
            java.util.Map<String, Object> fields = new java.util.LinkedHashMap<>();
            for (int i = 0; i < shown.columns().size(); i++) {
                String c = shown.columns().get(i);
                if (c.startsWith(object + ".")) {
                    fields.put(c.substring(object.length() + 1), row.get(i));
                }
            }
            related.showObject("row " + (cell.getIndex() + 1) + "." + object + " (select_related)", fields);
        } else {
            return;
        }
        if (!split.getItems().contains(related)) {
            split.getItems().add(related);
            split.setDividerPositions(0.6);
        }
    }

    private void closeRelated() {
        split.getItems().remove(related);
    }

    /** The detail pane when open (for tests). */
    RelatedRowsPane relatedRows() {
        return split.getItems().contains(related) ? related : null;
    }

    /**
     * A value; null as a styled NULL, the empty string as nothing, numbers right-aligned, lists as "3 items"
     * (clicked, they open as a sub-grid), select_related columns ({@code author.name}) open their object.
     */
    static final class ValueCell extends TableCell<List<Object>, Object> {
        ValueCell(java.util.function.BiConsumer<TableCell<List<Object>, Object>, Object> onOpen) {
            setOnMouseClicked(e -> {
                if (!isEmpty() && (getItem() instanceof RelatedObjects || (getTableColumn() != null
                        && getTableColumn().getText().contains(".") && e.getClickCount() == 2))) {
                    onOpen.accept(this, getItem());
                }
            });
        }

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
