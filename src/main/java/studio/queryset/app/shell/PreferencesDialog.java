package studio.queryset.app.shell;

import java.util.Optional;
import javafx.geometry.Insets;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;

/** Preferences: theme, default dialect, row limit of the streaming grid, time limit of runs, reopening. */
public final class PreferencesDialog {
    private PreferencesDialog() {
    }

    /** Shows the dialog; on OK the settings are stored and {@code applied} runs. */
    public static void show(Window owner, WorkbenchSettings settings, Runnable applied) {
        Dialog<ButtonType> d = new Dialog<>();
        d.initOwner(owner);
        d.setTitle("Preferences");
        d.getDialogPane().setId("preferencesDialog");
        ChoiceBox<String> theme = new ChoiceBox<>();
        theme.setId("prefTheme");
        theme.getItems().addAll("light", "dark");
        theme.setValue(settings.theme());
        ChoiceBox<String> dialect = new ChoiceBox<>();
        dialect.setId("prefDialect");
        dialect.getItems().addAll("sqlite", "postgresql", "mariadb");
        dialect.setValue(settings.get("dialect", "sqlite"));
        Spinner<Integer> rows = new Spinner<>(0, 50_000_000, settings.rowLimit(), 10_000);
        rows.setId("prefRowLimit");
        rows.setEditable(true);
        Spinner<Integer> seconds = new Spinner<>(0, 3600, settings.timeLimitSeconds(), 5);
        seconds.setId("prefTimeLimit");
        seconds.setEditable(true);
        CheckBox reopen = new CheckBox("Reopen the last design on start");
        reopen.setId("prefReopenLast");
        reopen.setSelected(settings.reopenLastDesign());
        GridPane g = new GridPane();
        g.setHgap(10);
        g.setVgap(8);
        g.setPadding(new Insets(12));
        g.addRow(0, new Label("Theme"), theme);
        g.addRow(1, new Label("Default SQL dialect"), dialect);
        g.addRow(2, new Label("Row limit (streaming grid, 0 = none)"), rows);
        g.addRow(3, new Label("Time limit in seconds (0 = none)"), seconds);
        g.add(reopen, 0, 4, 2, 1);
        d.getDialogPane().setContent(g);
        d.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        Optional<ButtonType> r = d.showAndWait();
        if (r.isPresent() && r.get() == ButtonType.OK) {
            settings.put("theme", theme.getValue());
            settings.put("dialect", dialect.getValue());
            settings.put("rowLimit", rows.getValue());
            settings.put("timeLimitSeconds", seconds.getValue());
            settings.put("reopenLast", reopen.isSelected());
            applied.run();
        }
    }
}
