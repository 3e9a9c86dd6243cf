package studio.queryset.app.shell;

import java.time.format.DateTimeFormatter;
import java.util.Locale;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/**
 * Problems with the sample, the query and its runs: severity, where, what; the canvas's gotchas and lint flags
 * as warnings. Selecting a line about a canvas node selects the node.
 */
public final class ProblemsView extends BorderPane {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    public ProblemsView(StudioViewModel vm) {
        setId("problems");
        ListView<Problem> list = new ListView<>(vm.problems());
        list.setId("problemsList");
        list.setPlaceholder(new Label("No problems."));
        list.setCellFactory(l -> new ProblemCell());
        // clicking a line about a canvas node selects that node (a click only: the list's own selection also
        // moves when lines are replaced, and that must not move the canvas)
        list.setOnMouseClicked(e -> {
            Problem p = list.getSelectionModel().getSelectedItem();
            String id = p == null ? null : nodeIdOf(p.message());
            if (id != null && vm.canvas().graphProperty().get() != null
                    && vm.canvas().graphProperty().get().node(id) != null) {
                vm.canvas().select(id);
            }
        });
        Label count = new Label();
        count.getStyleClass().add("caption");
        count.textProperty().bind(javafx.beans.binding.Bindings.size(vm.problems())
                .map(n -> n.intValue() == 1 ? "1 problem" : n + " problems"));
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        Button clear = new Button("Clear");
        clear.setOnAction(e -> vm.clearProblems());
        clear.disableProperty().bind(javafx.beans.binding.Bindings.isEmpty(vm.problems()));
        HBox bar = new HBox(8, count, grow, clear);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("tab-bar-strip");
        setTop(bar);
        setCenter(list);
    }

    private static final java.util.regex.Pattern NODE = java.util.regex.Pattern.compile("^Node .*? \\(([\\w.]+)\\): ");

    /** The canvas node a problem line names ({@code Node <label> (<id>): ...}), or null. */
    static String nodeIdOf(String message) {
        java.util.regex.Matcher m = NODE.matcher(message == null ? "" : message);
        return m.find() ? m.group(1) : null;
    }

    static final class ProblemCell extends ListCell<Problem> {
        ProblemCell() {
            setPrefWidth(0);
        }

        @Override
        protected void updateItem(Problem p, boolean empty) {
            super.updateItem(p, empty);
            if (empty || p == null) {
                setText(null);
                setGraphic(null);
                return;
            }
            Label severity = new Label(p.severity().name().toLowerCase(Locale.ROOT));
            severity.getStyleClass().addAll("severity", "severity-" + p.severity().name().toLowerCase(Locale.ROOT));
            severity.setMinWidth(Region.USE_PREF_SIZE);
            Label source = new Label(p.source() + " · " + TIME.format(p.at()));
            source.getStyleClass().add("caption");
            source.setMinWidth(Region.USE_PREF_SIZE);
            Label message = new Label(p.message());
            message.setWrapText(true);
            message.setMinWidth(0);
            HBox.setHgrow(message, Priority.ALWAYS);
            HBox box = new HBox(10, severity, source, message);
            box.setAlignment(Pos.CENTER_LEFT);
            setText(null);
            setGraphic(box);
        }
    }
}
