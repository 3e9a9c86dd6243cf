package studio.queryset.app.view;

import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import studio.queryset.app.vm.ParamRow;
import studio.queryset.app.vm.QueryViewModel;

/**
 * The SQL tab: the statements of the current QuerySet for the chosen dialect (main, then prefetch queries),
 * the bound parameters as a table, and "Inline values", which writes the values in place of {@code ?} for
 * reading (runs always bind them).
 */
public final class SqlPanelView extends BorderPane {
    private final TableView<ParamRow> params = new TableView<>();

    public SqlPanelView(QueryViewModel vm) {
        setId("sqlPanel");
        CodeView code = new CodeView("sqlCode", vm.sqlTextProperty(), SyntaxHighlighter.sql());

        ToggleButton inline = new ToggleButton("Inline values");
        inline.setId("inlineValues");
        inline.getStyleClass().add("small-toggle");
        inline.setTooltip(new Tooltip("Show the parameter values in place of ? (for reading only: runs always bind"
                + " them)"));
        inline.selectedProperty().bindBidirectional(vm.inlineValuesProperty());
        Label summary = new Label();
        summary.setId("sqlParams");
        summary.getStyleClass().add("caption");
        summary.textProperty().bind(vm.paramsTextProperty());
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox bar = new HBox(10, summary, grow, inline);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().addAll("tab-bar-strip", "strip-top");

        params.setId("paramsTable");
        params.getStyleClass().add("params-table");
        params.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        params.setFixedCellSize(ResultsView.ROW_HEIGHT);
        params.setPlaceholder(new Label("No parameters"));
        params.getColumns().add(column("Statement", 96, ParamRow::statement));
        TableColumn<ParamRow, String> index = column("#", 30, ParamRow::index);
        index.getStyleClass().add("number-column");
        params.getColumns().add(index);
        params.getColumns().add(column("Type", 58, ParamRow::type));
        TableColumn<ParamRow, String> value = column("Value", 100, ParamRow::value);
        value.getStyleClass().add("mono-column");
        params.getColumns().add(value);
        vm.paramsProperty().addListener((o, old, now) -> params.setItems(FXCollections.observableArrayList(now)));
        params.setItems(FXCollections.observableArrayList(vm.paramsProperty().get()));

        SplitPane split = new SplitPane(code, params);
        split.setDividerPositions(0.6);
        SplitPane.setResizableWithParent(params, false);
        setTop(bar);
        setCenter(split);
    }

    private static TableColumn<ParamRow, String> column(String title, double width, Function<ParamRow, String> value) {
        TableColumn<ParamRow, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setSortable(false);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        return c;
    }

    public TableView<ParamRow> params() {
        return params;
    }
}
