package studio.queryset.app.shell;

import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

/** The status line: the last thing that happened, progress while running, dialect and connection. */
public final class StatusBarView extends HBox {

    public StatusBarView(StudioViewModel vm) {
        setId("statusBar");
        getStyleClass().add("status-bar");
        setAlignment(Pos.CENTER_LEFT);
        setSpacing(12);
        Label message = new Label();
        message.setId("statusMessage");
        message.textProperty().bind(vm.statusProperty());
        message.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(message, Priority.ALWAYS);
        ProgressBar progress = new ProgressBar(ProgressBar.INDETERMINATE_PROGRESS);
        progress.setPrefWidth(120);
        progress.visibleProperty().bind(vm.runs().runningProperty());
        progress.managedProperty().bind(progress.visibleProperty());
        Label dialect = new Label();
        dialect.getStyleClass().add("caption");
        dialect.textProperty().bind(vm.query().dialectProperty().map(d -> "SQL shown for " + d.displayName()));
        Label connection = new Label();
        connection.getStyleClass().add("caption");
        connection.textProperty().bind(vm.connectionLabelProperty());
        dialect.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        connection.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        message.setMinWidth(0);
        getChildren().addAll(message, progress, dialect, connection);
    }
}
