package studio.queryset.app.view;

import java.time.format.DateTimeFormatter;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import studio.queryset.app.service.QueryLogEntry;
import studio.queryset.app.vm.RunViewModel;

/** Every executed statement: time, SQL, parameters, milliseconds, rows, outcome. Newest last. */
public final class QueryLogView extends TableView<QueryLogEntry> {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    public QueryLogView(RunViewModel vm) {
        super(vm.log());
        setId("queryLog");
        getStyleClass().add("query-log");
        setFixedCellSize(ResultsView.ROW_HEIGHT);
        setPlaceholder(new Label("Executed statements appear here with their parameters, time and row count."));
        getColumns().add(column("Time", 80, e -> TIME.format(e.at())));
        TableColumn<QueryLogEntry, Object> sql = column("SQL", 620, QueryLogEntry::sql);
        sql.getStyleClass().add("sql-column");
        sql.setCellFactory(c -> new SqlCell());
        getColumns().add(sql);
        getColumns().add(column("Params", 120, e -> e.params().toString()));
        getColumns().add(number(column("ms", 80, e -> String.format("%.1f", e.millis()))));
        getColumns().add(number(column("Rows", 60, QueryLogEntry::rows)));
        getColumns().add(column("Outcome", 180, e -> e.outcome() == QueryLogEntry.Outcome.ERROR
                ? "error: " + e.message() : e.outcome().name().toLowerCase(java.util.Locale.ROOT)));
        vm.log().addListener((javafx.collections.ListChangeListener<QueryLogEntry>) c -> {
            if (!getItems().isEmpty()) {
                scrollTo(getItems().size() - 1);
            }
        });
    }

    private static TableColumn<QueryLogEntry, Object> number(TableColumn<QueryLogEntry, Object> c) {
        c.getStyleClass().add("number-column");
        return c;
    }

    /** The statement on one line, in full in its tooltip. */
    private static final class SqlCell extends TableCell<QueryLogEntry, Object> {
        @Override
        protected void updateItem(Object item, boolean empty) {
            super.updateItem(item, empty);
            setText(empty || item == null ? null : item.toString());
            setTooltip(empty || item == null ? null : new Tooltip(item.toString()));
        }
    }

    private static TableColumn<QueryLogEntry, Object> column(String title, double width,
                                                             Function<QueryLogEntry, Object> value) {
        TableColumn<QueryLogEntry, Object> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        return c;
    }
}
