package studio.queryset.app.results;

import java.nio.file.Path;
import java.util.List;
import java.util.StringJoiner;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.concurrent.Task;
import javafx.geometry.Pos;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.stage.FileChooser;

/**
 * The streaming results grid: a virtualized TableView with a fixed cell size (a million rows scroll as fast
 * as ten), row numbers, NULL shown apart from the empty string, prefetched lists as "n items" cells that open
 * a detail list on double-click; Ctrl+C copies the clicked cell (or the selected rows), Ctrl+Shift+C the selected
 * rows (tab-separated, a line a row); Stop; export of the whole result to CSV or JSON with a progress bar.
 */
public final class StreamingResultsView extends BorderPane {
    public static final double ROW_HEIGHT = 24;
    private static final KeyCombination COPY = new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN);
    private static final KeyCombination COPY_ROWS = new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN,
            KeyCombination.SHIFT_DOWN);

    private final StreamingRunModel model;
    private final TableView<Object[]> table = new TableView<>();
    private final Label summary = new Label("Stream a row query (Ctrl+Shift+Enter) to see its rows here.");
    private final ProgressBar exportProgress = new ProgressBar(0);
    private final Label exportLabel = new Label();
    private final Label stale = new Label("From the previous query ·");
    private final Button exportCsv = new Button("CSV…");
    private final Button exportJson = new Button("JSON…");
    private final Button cancelExport = new Button("Cancel export");
    private final AtomicBoolean exportCancelled = new AtomicBoolean();
    private Task<Long> exportTask;

    public StreamingResultsView(StreamingRunModel model, Runnable streamAction) {
        this.model = model;
        setId("streamResults");
        getStyleClass().add("results-view");
        table.setId("streamTable");
        table.setFixedCellSize(ROW_HEIGHT);
        table.getStyleClass().add("results-table");
        table.setItems(model.rows());
        // Row selection: cell selection makes every layout of a million-row table several times slower
        // (measured); the clicked cell is remembered for copying instead.
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        table.setPlaceholder(new Label("No rows yet."));
        table.setOnKeyPressed(e -> {
            if (COPY_ROWS.match(e)) {
                copy(true);
                e.consume();
            } else if (COPY.match(e)) {
                copy(false);
                e.consume();
            }
        });
        summary.setId("streamSummary");
        summary.getStyleClass().add("caption");
        summary.textProperty().bind(model.messageProperty().map(m -> m.isEmpty()
                ? "Stream a row query (Ctrl+Shift+Enter) to see its rows here." : m));

        Button stream = new Button("Stream");
        stream.setId("streamButton");
        stream.setOnAction(e -> streamAction.run());
        stream.disableProperty().bind(model.runningProperty());
        Button stop = new Button("Stop");
        stop.setId("streamStopButton");
        stop.disableProperty().bind(model.runningProperty().not());
        stop.setOnAction(e -> model.stop());
        Label elapsed = new Label();
        elapsed.setId("streamElapsed");
        elapsed.getStyleClass().add("caption");
        elapsed.textProperty().bind(model.elapsedMillisProperty().asString("%d ms"));

        exportCsv.setId("exportCsvButton");
        exportCsv.setTooltip(new javafx.scene.control.Tooltip("Export the whole result (run again, streamed) to CSV"));
        exportJson.setTooltip(new javafx.scene.control.Tooltip("Export the whole result (run again, streamed) to JSON"));
        exportJson.setId("exportJsonButton");
        exportCsv.setOnAction(e -> chooseAndExport(ResultExporter.Format.CSV));
        exportJson.setOnAction(e -> chooseAndExport(ResultExporter.Format.JSON));
        for (Button b : new Button[] {exportCsv, exportJson}) {
            b.disableProperty().bind(model.runningProperty().or(model.columnsProperty().isEqualTo(List.of())));
        }
        exportProgress.setId("exportProgress");
        exportProgress.setPrefWidth(140);
        exportProgress.setVisible(false);
        cancelExport.setVisible(false);
        cancelExport.setOnAction(e -> exportCancelled.set(true));
        exportLabel.setId("exportLabel");
        exportLabel.getStyleClass().add("caption");

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        for (Button b : new Button[] {stream, stop, exportCsv, exportJson, cancelExport}) {
            b.setMinWidth(Region.USE_PREF_SIZE);
        }
        summary.setMinWidth(0);
        HBox.setHgrow(summary, Priority.SOMETIMES);
        stale.setId("streamStale");
        stale.getStyleClass().add("caption");
        stale.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        stale.managedProperty().bind(stale.visibleProperty());
        stale.setVisible(false);
        // a new stream replaces the old rows: they are no longer stale
        model.runningProperty().addListener((o, was, running) -> {
            if (running) {
                stale.setVisible(false);
                table.getStyleClass().remove("stale-results");
            }
        });
        HBox bar = new HBox(8, stream, stop, elapsed, stale, summary, spacer, exportProgress, cancelExport, exportCsv,
                exportJson);
        bar.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(exportLabel, Priority.ALWAYS);
        exportLabel.setMaxWidth(Double.MAX_VALUE);
        javafx.scene.layout.VBox top = new javafx.scene.layout.VBox(2, bar, exportLabel);
        exportLabel.managedProperty().bind(exportLabel.textProperty().isNotEmpty());
        top.getStyleClass().add("tab-bar-strip");
        setTop(top);
        setCenter(table);
        model.columnsProperty().addListener((o, old, now) -> buildColumns(now));
        model.rows().addListener((javafx.collections.ListChangeListener<Object[]>) c -> {
            if (!sized && !model.rows().isEmpty()) {
                sized = true;
                sizeColumns();
            }
        });
        elapsed.setMinWidth(Region.USE_PREF_SIZE);
    }

    /** The columns were sized from the first rows of this result. */
    private boolean sized;

    /** Wide enough for the header and the first rows' values, within bounds. */
    private void sizeColumns() {
        List<Object[]> first = model.rows().subList(0, Math.min(50, model.rows().size()));
        for (int i = 1; i < table.getColumns().size(); i++) {
            int chars = table.getColumns().get(i).getText().length() + 2;
            for (Object[] row : first) {
                Object v = i - 1 < row.length ? row[i - 1] : null;
                chars = Math.max(chars, v instanceof RelatedObjects r ? r.toString().length() + 2
                        : ResultValues.text(v).length());
            }
            table.getColumns().get(i).setPrefWidth(Math.max(60, Math.min(200, chars * 7.4 + 22)));
        }
    }

    private void buildColumns(List<String> names) {
        sized = false;
        table.getColumns().clear();
        TableColumn<Object[], Object> number = new TableColumn<>("#");
        number.setSortable(false);
        number.setPrefWidth(64);
        number.getStyleClass().add("row-number-column");
        number.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(Object item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || getIndex() < 0 ? null : Integer.toString(getIndex() + 1));
            }
        });
        table.getColumns().add(number);
        for (int i = 0; i < names.size(); i++) {
            int index = i;
            TableColumn<Object[], Object> c = new TableColumn<>(names.get(i));
            c.setSortable(false); // sorting a million streamed rows on the FX thread would freeze the window
            c.setCellValueFactory(r -> new ReadOnlyObjectWrapper<>(index < r.getValue().length
                    ? r.getValue()[index] : null));
            c.setCellFactory(col -> new StreamCell(this));
            c.setPrefWidth(Math.max(70, Math.min(260, names.get(i).length() * 8 + 40)));
            table.getColumns().add(c);
        }
    }

    /** The cell Ctrl+C copies (the one last clicked); row -1 when none. */
    private int copyRow = -1;
    private TableColumn<Object[], ?> copyColumn;

    /** Makes a cell the one Ctrl+C copies, and selects its row. */
    public void focusCell(int row, int column) {
        copyRow = row;
        copyColumn = table.getColumns().get(column);
        table.getSelectionModel().clearAndSelect(row);
    }

    /** Copies the clicked cell, or the selected rows (tab-separated, a line a row), to the clipboard. */
    public String copy(boolean wholeRows) {
        StringBuilder out = new StringBuilder();
        if (wholeRows || copyRow < 0 || copyColumn == null || copyRow >= table.getItems().size()) {
            for (Object[] row : table.getSelectionModel().getSelectedItems()) {
                StringJoiner j = new StringJoiner("\t");
                for (Object v : row) {
                    j.add(ResultValues.text(v));
                }
                out.append(j).append('\n');
            }
        } else {
            out.append(table.getColumns().indexOf(copyColumn) == 0 ? Integer.toString(copyRow + 1)
                    : ResultValues.text(copyColumn.getCellData(copyRow)));
        }
        String text = out.toString();
        ClipboardContent c = new ClipboardContent();
        c.putString(text);
        Clipboard.getSystemClipboard().setContent(c);
        return text;
    }

    private void chooseAndExport(ResultExporter.Format format) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export the whole result as " + format);
        String ext = format == ResultExporter.Format.CSV ? "csv" : "json";
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(format + " files", "*." + ext));
        chooser.setInitialFileName("result." + ext);
        java.io.File f = chooser.showSaveDialog(getScene().getWindow());
        if (f != null) {
            export(format, f.toPath(), null);
        }
    }

    /** Streams the last query again into the file, with progress; {@code done} runs on the FX thread after. */
    public void export(ResultExporter.Format format, Path file, Runnable done) {
        if (model.lastPlan() == null || (exportTask != null && exportTask.isRunning())) {
            return;
        }
        long expected = Math.max(1, model.rowCountProperty().get());
        exportCancelled.set(false);
        exportTask = new Task<>() {
            @Override
            protected Long call() throws Exception {
                return ResultExporter.export(model.lastTarget(), model.lastPlan(), model.lastParams(), format, file,
                        n -> {
                            updateProgress(Math.min(n, expected), expected);
                            updateMessage(String.format("%,d rows written", n));
                        }, exportCancelled::get);
            }
        };
        exportProgress.progressProperty().bind(exportTask.progressProperty());
        exportLabel.textProperty().bind(exportTask.messageProperty());
        exportProgress.setVisible(true);
        cancelExport.setVisible(true);
        Supplier<Void> finish = () -> {
            exportProgress.progressProperty().unbind();
            exportLabel.textProperty().unbind();
            exportProgress.setVisible(false);
            cancelExport.setVisible(false);
            return null;
        };
        exportTask.setOnSucceeded(e -> {
            finish.get();
            exportLabel.setText(String.format("Exported %,d rows to %s", exportTask.getValue(), file.getFileName()));
            if (done != null) {
                done.run();
            }
        });
        exportTask.setOnFailed(e -> {
            finish.get();
            Throwable t = exportTask.getException();
            exportLabel.setText("Export failed: " + (t == null ? "unknown error" : t.getMessage()));
            if (done != null) {
                done.run();
            }
        });
        Thread t = new Thread(exportTask, "qss-export");
        t.setDaemon(true);
        t.start();
    }

    public TableView<Object[]> table() {
        return table;
    }

    /** The query changed since these rows were streamed: greyed, and said so, until the next stream. */
    public void markStale() {
        if (!model.rows().isEmpty() && !stale.isVisible()) {
            stale.setVisible(true);
            table.getStyleClass().add("stale-results");
        }
    }

    public boolean isStale() {
        return stale.isVisible();
    }

    public Label exportLabel() {
        return exportLabel;
    }

    static void showRelated(javafx.scene.Node owner, String column, RelatedObjects related) {
        Alert a = new Alert(Alert.AlertType.INFORMATION, "", ButtonType.CLOSE);
        // the related rows as a grid of their own, as in the results grid (a list inside opens the same way)
        studio.queryset.app.results.RelatedRowsPane grid = new studio.queryset.app.results.RelatedRowsPane(a::close);
        grid.showList(column, related);
        grid.setPrefSize(640, 360);
        a.initOwner(owner.getScene().getWindow());
        a.setTitle(column);
        a.setHeaderText(column + ": " + related);
        a.getDialogPane().setContent(grid);
        a.getDialogPane().setId("relatedDialog");
        a.setResizable(true);
        a.show();
    }

    /** NULL styled, numbers right-aligned, prefetched lists as a link-like "n items" opening the detail list. */
    static final class StreamCell extends TableCell<Object[], Object> {
        StreamCell(StreamingResultsView owner) {
            setOnMousePressed(e -> {
                if (!isEmpty()) {
                    owner.copyRow = getIndex();
                    owner.copyColumn = getTableColumn();
                }
            });
            setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && getItem() instanceof RelatedObjects r) {
                    showRelated(this, getTableColumn().getText(), r);
                }
            });
        }

        /** The value style class this cell has now; changed only when it differs (each change restyles). */
        private String kind = "";

        private void kind(String k) {
            if (!k.equals(kind)) {
                if (!kind.isEmpty()) {
                    getStyleClass().remove(kind);
                }
                if (!k.isEmpty()) {
                    getStyleClass().add(k);
                }
                kind = k;
            }
        }

        @Override
        protected void updateItem(Object item, boolean empty) {
            super.updateItem(item, empty);
            if (empty) {
                setText(null);
                kind("");
            } else if (item == null) {
                setText("NULL");
                kind("null-value");
            } else if (item instanceof RelatedObjects r) {
                setText(r + " ›");
                kind("related-value");
            } else {
                setText(ResultValues.text(item));
                kind(item instanceof Number ? "number-value" : "");
            }
        }
    }

    static void runLater(Runnable r) {
        Platform.runLater(r);
    }
}
