package studio.queryset.app.sqlpanel;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import javafx.application.Platform;
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
import studio.queryset.app.canvas.editor.CanvasViewModel;
import studio.queryset.app.editor.CodeView;
import studio.queryset.app.editor.SyntaxHighlighter;
import studio.queryset.app.results.ResultsView;
import studio.queryset.design.text.ParamRow;
import studio.queryset.app.document.QueryViewModel;
import studio.queryset.design.NodeSpans;

/**
 * The SQL tab: the statements of the current QuerySet for the chosen dialect (main, then prefetch queries),
 * the bound parameters as a table, and "Inline values", which writes the values in place of {@code ?} for
 * reading (runs always bind them). The SQL a selected canvas node wrote is highlighted (inline values too: the
 * offsets follow the inlining), and a click in the SQL selects the node that wrote it.
 */
public final class SqlPanelView extends BorderPane {
    static final String NODE_SQL = "node-sql";
    private final TableView<ParamRow> params = new TableView<>();
    private final QueryViewModel vm;
    private final CanvasViewModel canvas;
    private final CodeView code;
    private List<NodeSpans.Range> shown = List.of();

    public SqlPanelView(QueryViewModel vm, CanvasViewModel canvas) {
        setId("sqlPanel");
        this.vm = vm;
        this.canvas = canvas;
        code = new CodeView("sqlCode", SyntaxHighlighter.sql());
        // text and spans come in one value: the marks are always of the text shown with them
        vm.sqlProperty().addListener((o, old, now) -> {
            code.show(now.text());
            showNodeSql();
        });
        code.show(vm.sqlProperty().get().text());
        canvas.focusedProperty().addListener(o -> showNodeSql());
        code.area().setOnMouseClicked(e -> {
            if (e.isStillSincePress()) {
                selectNodeAt(code.area().getCaretPosition());
            }
        });

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

    /**
     * Highlights the SQL the focused canvas node wrote (every place, e.g. an annotation in SELECT and ORDER BY)
     * and scrolls its first range into view.
     */
    private void showNodeSql() {
        String id = canvas.focusedProperty().get();
        List<NodeSpans.Range> ranges = id == null ? List.of() : vm.sqlProperty().get().spans().rangesOf(id);
        String text = code.area().getText();
        List<int[]> marks = new ArrayList<>();
        for (NodeSpans.Range r : ranges) {
            if (r.end() <= text.length()) {
                marks.add(new int[] {r.start(), r.end()});
            }
        }
        shown = marks.size() == ranges.size() ? ranges : List.of();
        code.mark(shown.isEmpty() ? List.of() : marks, NODE_SQL);
        if (!shown.isEmpty()) {
            // caret to the end, then to the start: the whole range is scrolled into view when it fits. No
            // selection: its colour would hide the highlight.
            int start = shown.get(0).start();
            code.area().moveTo(shown.get(0).end());
            code.area().requestFollowCaret();
            Platform.runLater(() -> {
                if (start <= code.area().getLength()) {
                    code.area().moveTo(start);
                    code.area().requestFollowCaret();
                }
            });
        }
    }

    /** A click in the SQL selects the canvas node that wrote the clicked character (the innermost one). */
    void selectNodeAt(int offset) {
        String id = vm.sqlProperty().get().spans().nodeAt(offset);
        if (id != null && !id.equals(canvas.focusedProperty().get())) {
            canvas.select(id);
        }
    }

    /** The SQL text highlighted for the focused node, one entry per place it wrote (for tests and status). */
    public List<String> highlightedSql() {
        String text = code.area().getText();
        List<String> out = new ArrayList<>();
        for (NodeSpans.Range r : shown) {
            out.add(text.substring(r.start(), r.end()));
        }
        return out;
    }

    public CodeView code() {
        return code;
    }

    public TableView<ParamRow> params() {
        return params;
    }
}
