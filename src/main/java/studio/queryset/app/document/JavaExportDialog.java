package studio.queryset.app.document;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.geometry.Insets;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.DataFormat;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.Window;
import studio.queryset.app.editor.CodeView;
import studio.queryset.app.editor.SyntaxHighlighter;
import studio.queryset.app.shell.Prompts;
import studio.queryset.app.shell.WorkbenchSettings;
import studio.queryset.design.text.ExportPreview;
import studio.queryset.codegen.ExportOptions;
import studio.queryset.codegen.ExportOptions.DateTimes;
import studio.queryset.codegen.ExportOptions.Flavour;

/**
 * File > Export > Java…: the generator (plain JDBC, QuerySet API, Python) and the names, a live preview of
 * the file, Copy, and Save as {@code ClassName.java} into a folder (asking before it replaces a file). A query
 * the generator refuses shows the reason where the preview would be. The choices go back to the design when
 * the dialog closes; the folder is remembered in the settings.
 */
public final class JavaExportDialog {
    static final String FOLDER_KEY = "exportFolder";

    private final Window owner;
    private final ExportDialogModel model;
    private final WorkbenchSettings settings;
    private final Dialog<ButtonType> dialog = new Dialog<>();
    private final TextField folder = new TextField();
    private final Label status = new Label();
    /** Held here: a binding only a listener refers to would be collected, and the preview would stop following. */
    private StringBinding source;

    private JavaExportDialog(Window owner, ExportDialogModel model, WorkbenchSettings settings) {
        this.owner = owner;
        this.model = model;
        this.settings = settings;
    }

    /** Shows the dialog (modal); {@code remember} receives the choices when it closes. */
    public static void show(Window owner, ExportDialogModel model, WorkbenchSettings settings,
                            Consumer<ExportOptions> remember) {
        JavaExportDialog d = new JavaExportDialog(owner, model, settings);
        d.build();
        d.dialog.showAndWait();
        remember.accept(model.options()); // however it was closed

    }

    private void build() {
        dialog.initOwner(owner);
        dialog.setTitle("Export code");
        dialog.setResizable(true);
        dialog.getDialogPane().setId("exportDialog");
        ChoiceBox<Flavour> flavour = new ChoiceBox<>();
        flavour.setId("exportFlavour");
        flavour.getItems().addAll(Flavour.values());
        flavour.valueProperty().bindBidirectional(model.flavourProperty());
        ChoiceBox<DateTimes> dateTimes = new ChoiceBox<>();
        dateTimes.setId("exportDateTimes");
        dateTimes.getItems().addAll(DateTimes.values());
        dateTimes.valueProperty().bindBidirectional(model.dateTimesProperty());
        dateTimes.disableProperty().bind(model.flavourProperty().isEqualTo(Flavour.PYTHON));
        dateTimes.setTooltip(new Tooltip("The Java type of datetime columns (PostgreSQL's "
                + "timestamp with time zone); Django keeps them in UTC"));
        TextField pkg = field("exportPackage", model.packageNameProperty().get());
        pkg.textProperty().bindBidirectional(model.packageNameProperty());
        TextField cls = field("exportClass", model.classNameProperty().get());
        cls.textProperty().bindBidirectional(model.classNameProperty());
        TextField method = field("exportMethod", model.methodNameProperty().get());
        method.textProperty().bindBidirectional(model.methodNameProperty());
        folder.setId("exportFolder");
        folder.setPromptText("the folder to save into");
        folder.setText(settings.get(FOLDER_KEY, ""));
        Button browse = new Button("Browse…");
        browse.setId("exportBrowse");
        browse.setOnAction(e -> chooseFolder());
        HBox.setHgrow(folder, Priority.ALWAYS);

        GridPane form = new GridPane();
        form.setHgap(10);
        form.setVgap(6);
        form.addRow(0, new Label("Generator"), flavour);
        form.addRow(1, new Label("Package"), pkg);
        form.addRow(2, new Label("Class"), cls);
        form.addRow(3, new Label("Method / function"), method);
        form.addRow(4, new Label("Datetimes as"), dateTimes);
        form.addRow(5, new Label("Folder"), new HBox(6, folder, browse));
        GridPane.setHgrow(pkg, Priority.ALWAYS);

        source = Bindings.createStringBinding(() -> {
            ExportPreview p = model.preview();
            return p.ok() ? p.exported().source() : "";
        }, model.previewProperty());
        CodeView code = new CodeView("exportPreview", source, SyntaxHighlighter.java());
        Label error = new Label();
        error.setId("exportError");
        error.setWrapText(true);
        error.setStyle("-fx-text-fill: -color-danger-fg, #b00020; -fx-font-weight: bold;");
        error.textProperty().bind(model.previewProperty().map(p -> p.ok() ? "" : "Cannot export: " + p.error()));
        error.visibleProperty().bind(error.textProperty().isNotEmpty());
        code.visibleProperty().bind(error.visibleProperty().not());
        StackPane preview = new StackPane(code, error);
        StackPane.setAlignment(error, javafx.geometry.Pos.TOP_LEFT);
        preview.setPrefSize(820, 460);
        VBox.setVgrow(preview, Priority.ALWAYS);

        Button copy = new Button("Copy to clipboard");
        copy.setId("exportCopy");
        copy.setOnAction(e -> copy());
        Button save = new Button("Save");
        save.setId("exportSave");
        save.setDefaultButton(true);
        save.setOnAction(e -> save());
        for (Button b : new Button[] {copy, save}) {
            b.disableProperty().bind(Bindings.createBooleanBinding(() -> !model.preview().ok(),
                    model.previewProperty()));
        }
        Label saveAs = new Label();
        saveAs.textProperty().bind(model.previewProperty().map(p -> p.ok() ? "as " + p.exported().fileName() : ""));
        status.setId("exportStatus");
        HBox actions = new HBox(8, copy, save, saveAs, status);
        actions.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        VBox content = new VBox(10, form, preview, actions);
        content.setPadding(new Insets(12));
        dialog.getDialogPane().setContent(content);
        // the preview needs the width of a 120-column class; a dialog window takes its pane's minimum width
        dialog.getDialogPane().setPrefSize(960, 720);
        dialog.getDialogPane().setMinWidth(900);
        dialog.getDialogPane().getButtonTypes().add(new ButtonType("Close", ButtonBar.ButtonData.CANCEL_CLOSE));
    }

    private static TextField field(String id, String text) {
        TextField f = new TextField(text);
        f.setId(id);
        f.setPrefColumnCount(28);
        return f;
    }

    private void copy() {
        ExportPreview p = model.preview();
        Clipboard.getSystemClipboard().setContent(Map.of(DataFormat.PLAIN_TEXT, p.exported().source()));
        status.setText("Copied " + p.exported().fileName() + " to the clipboard.");
    }

    private Path chooseFolder() {
        DirectoryChooser c = new DirectoryChooser();
        c.setTitle("Save the exported code into");
        Path now = Path.of(folder.getText().isBlank() ? System.getProperty("user.home") : folder.getText());
        if (Files.isDirectory(now)) {
            c.setInitialDirectory(now.toFile());
        }
        File f = c.showDialog(dialog.getDialogPane().getScene().getWindow());
        if (f != null) {
            folder.setText(f.getAbsolutePath());
        }
        return f == null ? null : f.toPath();
    }

    /** Saves into the folder shown (asking for one when none is); asks before replacing a file. */
    private void save() {
        if (folder.getText().isBlank() && chooseFolder() == null) {
            return;
        }
        Path dir = Path.of(folder.getText().strip());
        if (!Files.isDirectory(dir)) {
            status.setText("");
            Prompts.error(dialog.getDialogPane().getScene().getWindow(), "Cannot save",
                    "The folder " + dir.toAbsolutePath() + " does not exist. Pick one with Browse….");
            return;
        }
        Path target = model.target(dir);
        if (Files.exists(target) && !confirmReplace(target)) {
            status.setText("Not saved: " + target.getFileName() + " was kept.");
            return;
        }
        try {
            model.save(target);
            settings.put(FOLDER_KEY, dir.toAbsolutePath().toString());
            status.setText("Saved " + target.toAbsolutePath());
        } catch (IOException e) {
            status.setText("");
            Prompts.error(dialog.getDialogPane().getScene().getWindow(), "Cannot save",
                    "Writing " + target + " failed: " + e.getMessage());
        }
    }

    private boolean confirmReplace(Path target) {
        ButtonType replace = new ButtonType("Replace", ButtonBar.ButtonData.YES);
        Alert a = new Alert(Alert.AlertType.CONFIRMATION, target.getFileName() + " already exists in "
                + target.toAbsolutePath().getParent() + ".\nReplace it with the exported code?", replace,
                ButtonType.CANCEL);
        a.initOwner(dialog.getDialogPane().getScene().getWindow());
        a.setTitle("Replace file?");
        a.setHeaderText("Replace " + target.getFileName() + "?");
        a.getDialogPane().setId("replaceDialog");
        return a.showAndWait().orElse(ButtonType.CANCEL) == replace;
    }
}
