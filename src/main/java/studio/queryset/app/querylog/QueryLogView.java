package studio.queryset.app.querylog;

import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import studio.queryset.app.results.ResultsView;
import studio.queryset.app.session.RunViewModel;

/**
 * Every executed statement, newest last: run number, time, why it ran (main, prefetch tags, count...),
 * milliseconds, rows, SQL, parameters, outcome.
 */
public final class QueryLogView extends TableView<QueryLogEntry> {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    public QueryLogView(RunViewModel vm) {
        super(vm.log());
        setId("queryLog");
        getStyleClass().add("query-log");
        setFixedCellSize(ResultsView.ROW_HEIGHT);
        setPlaceholder(new Label("Executed statements appear here with their cause, parameters, time and rows."));
        getColumns().add(number(column("Run", 50, e -> "#" + e.run())));
        getColumns().add(column("Time", 78, e -> TIME.format(e.at())));
        getColumns().add(column("Cause", 150, QueryLogEntry::cause));
        getColumns().add(number(column("ms", 60, e -> String.format("%.1f", e.millis()))));
        getColumns().add(number(column("Rows", 54, QueryLogEntry::rows)));
        TableColumn<QueryLogEntry, Object> sql = column("SQL", 420, QueryLogEntry::sql);
        sql.getStyleClass().add("sql-column");
        sql.setCellFactory(c -> new SqlCell());
        getColumns().add(sql);
        getColumns().add(column("Params", 120, e -> e.params().toString()));
        getColumns().add(column("Outcome", 140, e -> e.outcome() == QueryLogEntry.Outcome.ERROR
                ? "error: " + e.message() : e.outcome().name().toLowerCase(Locale.ROOT)));
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
