package studio.queryset.app.shell;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Tab;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;
import studio.queryset.app.connection.ConnectionTarget;
import studio.queryset.app.document.DocumentModel;
import studio.queryset.app.document.ExportDialogModel;
import studio.queryset.app.connection.ConnectionDialog;
import studio.queryset.app.document.Exports;
import studio.queryset.app.document.JavaExportDialog;
import studio.queryset.app.document.SamplesGalleryDialog;
import studio.queryset.app.querylog.QueryInsightModel;
import studio.queryset.app.querylog.QueryInsightView;
import studio.queryset.app.connection.PasswordStore;
import studio.queryset.app.connection.SchemaSource;
import studio.queryset.schema.Schema;
import studio.queryset.app.results.StreamingResultsView;
import studio.queryset.app.results.StreamingRunModel;
import studio.queryset.design.Design;
import studio.queryset.design.DesignFile;
import studio.queryset.sample.SampleGallery;
import studio.queryset.query.QueryException;
import studio.queryset.sql.Dialect;
import studio.queryset.sql.QueryPlan;
import studio.queryset.sql.SqlCompiler;

/**
 * Everything around the canvas a person needs every day, installed onto the main window: a menu bar (File:
 * new/open/recent/save/save as/export; Samples; Database: connect, stream, stop; View: theme, preferences;
 * Help: shortcuts), the unsaved-changes prompt on New/Open/close, autosave to a recovery file every 30 s and
 * the offer to recover it after a crash, the streaming results grid (inside the Results tab, beside the
 * classic grid), the dark theme, remembered window bounds. {@link #install} is the one call the app makes.
 */
public final class Workbench {
    public static final String DARK_CSS = Workbench.class.getResource("dark.css").toExternalForm();
    static final KeyCombination STREAM = new KeyCodeCombination(KeyCode.ENTER, KeyCombination.SHORTCUT_DOWN,
            KeyCombination.SHIFT_DOWN);

    private final Stage stage;
    private final StudioViewModel vm;
    private final MainView view;
    private final WorkbenchSettings settings;
    private final DocumentModel document;
    private final PasswordStore passwords;
    private final StreamingRunModel stream = new StreamingRunModel();
    private final StreamingResultsView streamView;
    private final Menu recentMenu = new Menu("Open Recent");
    private final CheckMenuItem darkItem = new CheckMenuItem("Dark theme");
    private Timeline autosave;
    private final javafx.beans.property.ReadOnlyStringWrapper schemaStatus =
            new javafx.beans.property.ReadOnlyStringWrapper(this, "schemaStatus", "");
    private Tab resultsTab;
    private Node classicResults;
    private final QueryInsightModel insight = new QueryInsightModel();
    private QueryInsightView insightView;
    private studio.queryset.app.lessons.LessonDock lessons;

    private Workbench(Stage stage, StudioViewModel vm, MainView view, WorkbenchSettings settings) {
        this.stage = stage;
        this.vm = vm;
        this.view = view;
        this.settings = settings;
        this.document = new DocumentModel(vm, settings);
        this.passwords = new PasswordStore(settings.dir());
        this.streamView = new StreamingResultsView(stream, this::streamRows);
    }

    /** Installs the workbench on a shown or about-to-show main window; returns it (for tests). */
    public static Workbench install(Stage stage, StudioViewModel vm, MainView view) {
        Workbench w = new Workbench(stage, vm, view, new WorkbenchSettings(WorkbenchSettings.defaultDir()));
        w.init();
        return w;
    }

    private void init() {
        Node top = view.getTop();
        MenuBar menus = menuBar();
        view.setTop(new VBox(menus, top));
        if (top instanceof HBox toolbar) {
            Button streamButton = new Button("Stream");
            streamButton.setId("toolbarStreamButton");
            streamButton.setTooltip(new Tooltip("Stream the rows into the grid (Ctrl+Shift+Enter)"));
            streamButton.disableProperty().bind(stream.runningProperty().or(vm.query().planProperty().isNull()));
            streamButton.setOnAction(e -> streamRows());
            int at = toolbar.getChildren().indexOf(toolbar.lookup("#stopButton"));
            toolbar.getChildren().add(at < 0 ? toolbar.getChildren().size() : at, streamButton);
        }
        installResults();
        installQueryLog();
        lessons = new studio.queryset.app.lessons.LessonDock(vm, view, insight, () -> insightView);
        Scene scene = view.getScene();
        if (scene != null) {
            attach(scene);
        } else {
            view.sceneProperty().addListener((o, old, now) -> {
                if (now != null && old == null) {
                    attach(now);
                }
            });
        }
        vm.query().dialectProperty().set(settings.defaultDialect());
        if (vm.schemaBrowser().schemaProperty().get() != null && vm.schemaBrowser().sourceProperty().get().isEmpty()) {
            vm.schemaBrowser().sourceProperty().set("models.py (blog sample)");
        }
        applyLimits();
        stage.titleProperty().unbind();
        stage.titleProperty().bind(Bindings.concat(document.displayNameBinding(), " — ", vm.titleProperty()));
        restoreBounds();
        restoreLayout();
        stage.addEventHandler(WindowEvent.WINDOW_CLOSE_REQUEST, e -> {
            if (!closing()) {
                e.consume();
            }
        });
        int seconds = Integer.getInteger("qss.autosave.seconds", 30);
        autosave = new Timeline(new KeyFrame(javafx.util.Duration.seconds(seconds), e -> document.autosave()));
        autosave.setCycleCount(Animation.INDEFINITE);
        autosave.play();
        if (!document.orphanedRecoveries().isEmpty()) {
            Platform.runLater(this::offerRecovery);
        }
        demo();
    }

    /**
     * For screenshots and demos: {@code -Dqss.demo.stream='Django text'} streams that query into the grid once
     * the window shows; {@code -Dqss.demo.gallery=true} opens the samples gallery; {@code -Dqss.demo.compare=author}
     * runs the N+1 comparison touching those relations; {@code -Dqss.demo.explain=true} explains the query;
     * {@code -Dqss.demo.attach=PATH} attaches a models.py.
     */
    private void demo() {
        String streamText = System.getProperty("qss.demo.stream");
        if (streamText != null && !streamText.isBlank()) {
            Platform.runLater(() -> {
                vm.setDjangoText(streamText.trim());
                streamRows();
            });
        }
        String touches = System.getProperty("qss.demo.compare");
        if (touches != null && insightView != null) {
            // after the demo query's run has landed: compare, with the relations the loop touches
            Timeline later = new Timeline(new KeyFrame(javafx.util.Duration.seconds(3), e -> {
                insight.touchesProperty().set(touches);
                view.bottomTabs().select("Query log");
                insightView.compare();
            }));
            later.play();
        }
        if (Boolean.getBoolean("qss.demo.explain") && insightView != null) {
            insight.planProperty().addListener((o, old, lines) -> view.bottomTabs().select("Query log"));
            Timeline later = new Timeline(new KeyFrame(javafx.util.Duration.seconds(3), e -> insightView.explain()));
            later.play();
        }
        String attach = System.getProperty("qss.demo.attach");
        if (attach != null && !attach.isBlank()) {
            Platform.runLater(() -> attachModels(Path.of(attach)));
        }
        if (Boolean.getBoolean("qss.demo.gallery")) {
            Platform.runLater(this::showGallery);
        }
    }

    private void attach(Scene scene) {
        applyTheme(scene);
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (STREAM.match(e)) {
                streamRows();
                e.consume();
            } else if (e.getCode() == KeyCode.ESCAPE && stream.isRunning()) {
                stream.stop();
                e.consume();
            } else if (e.getCode() == KeyCode.F1) {
                ShortcutsDialog.show(stage);
                e.consume();
            }
        });
    }

    // ------------------------------------------------------------------ menus

    private MenuBar menuBar() {
        Menu file = new Menu("File");
        file.setId("fileMenu");
        file.getItems().addAll(
                item("New", "menuNew", "Shortcut+N", this::newDocument),
                item("Open…", "menuOpen", "Shortcut+O", this::openDialog),
                recentMenu,
                new SeparatorMenuItem(),
                item("Save", "menuSave", "Shortcut+S", this::save),
                item("Save As…", "menuSaveAs", "Shortcut+Shift+S", this::saveAs),
                new SeparatorMenuItem(),
                exportMenu(),
                new SeparatorMenuItem(),
                item("Quit", "menuQuit", "Shortcut+Q", () -> {
                    if (closing()) {
                        stage.close();
                    }
                }));
        file.setOnShowing(e -> refreshRecent());
        refreshRecent();

        // Undo reaches the document from anywhere (the schema tree, the results, the Django editor: typing and
        // canvas commands are one history); other text boxes keep their own undo
        MenuItem undo = item("Undo", "menuUndo", "Shortcut+Z", () -> vm.canvas().undo());
        MenuItem redo = item("Redo", "menuRedo", "Shortcut+Shift+Z", () -> vm.canvas().redo());
        Menu edit = new Menu("Edit");
        edit.setId("editMenu");
        edit.getItems().addAll(undo, redo);
        edit.setOnShowing(e -> {
            undo.setText(vm.canvas().canUndo() ? "Undo " + vm.canvas().undoName() : "Undo");
            undo.setDisable(!vm.canvas().canUndo());
            redo.setText(vm.canvas().canRedo() ? "Redo " + vm.canvas().redoName() : "Redo");
            redo.setDisable(!vm.canvas().canRedo());
        });

        Menu samples = new Menu("Samples");
        samples.getItems().add(item("Samples gallery…", "menuGallery", "Shortcut+Shift+G", this::showGallery));

        // update()/delete() run only with this ticked; it turns off when the connection changes
        CheckMenuItem allowWrites = new CheckMenuItem("Allow writes");
        allowWrites.setId("menuAllowWrites");
        allowWrites.setOnAction(e -> vm.allowWrites(allowWrites.isSelected()));
        vm.runs().writesAllowedProperty().addListener((o, was, on) -> allowWrites.setSelected(on));
        Menu db = new Menu("Database");
        db.getItems().addAll(
                item("Connect…", "menuConnect", "Shortcut+Shift+D", this::showConnections),
                item("Bundled sample (SQLite)", "menuSampleDb", null, this::useSampleDatabase),
                allowWrites,
                new SeparatorMenuItem(),
                item("Attach models.py…", "menuAttachModels", null, this::chooseModelsPy),
                item("Open Django project folder…", "menuOpenProject", null, this::chooseProjectFolder),
                item("Introspect the database", "menuIntrospect", null, this::introspect),
                new SeparatorMenuItem(),
                item("Run", "menuRun", "Shortcut+Enter", vm::run),
                item("Stream rows", "menuStream", "Shortcut+Shift+Enter", this::streamRows),
                item("Stop", "menuStop", null, () -> {
                    vm.stop();
                    stream.stop();
                }));

        Menu viewMenu = new Menu("View");
        darkItem.setId("menuDark");
        darkItem.setSelected("dark".equals(settings.theme()));
        darkItem.setOnAction(e -> {
            settings.put("theme", darkItem.isSelected() ? "dark" : "light");
            applyTheme(view.getScene());
        });
        viewMenu.getItems().addAll(darkItem, item("Preferences…", "menuPreferences", "Shortcut+Comma",
                () -> PreferencesDialog.show(stage, settings, this::preferencesApplied)));

        Menu help = new Menu("Help");
        help.getItems().add(item("Keyboard shortcuts", "menuShortcuts", "F1", () -> ShortcutsDialog.show(stage)));
        help.getItems().add(studio.queryset.app.lessons.LessonMenu.of(this::openLesson));
        MenuBar bar = new MenuBar(file, edit, samples, db, viewMenu, help);
        bar.setId("menuBar");
        return bar;
    }

    private Menu exportMenu() {
        Menu export = new Menu("Export");
        export.getItems().addAll(
                item("SQL…", "menuExportSql", null, () -> exportText("SQL", "sql",
                        vm.query().sqlTextProperty().get())),
                item("Django…", "menuExportDjango", null, () -> exportText("Django", "py",
                        vm.query().djangoTextProperty().get())),
                item("Java…", "menuExportJava", "Shortcut+Shift+E", this::exportCode),
                item("Canvas as PNG…", "menuExportPng", null, this::exportPng));
        return export;
    }

    private static MenuItem item(String text, String id, String accelerator, Runnable action) {
        MenuItem i = new MenuItem(text);
        i.setId(id);
        if (accelerator != null) {
            i.setAccelerator(KeyCombination.keyCombination(accelerator));
        }
        i.setOnAction(e -> action.run());
        return i;
    }

    private void refreshRecent() {
        recentMenu.getItems().clear();
        List<Path> recent = settings.recentFiles();
        for (Path p : recent) {
            MenuItem i = new MenuItem(p.getFileName() + "  —  " + p.getParent());
            i.setOnAction(e -> {
                if (confirmDiscard()) {
                    open(p);
                }
            });
            recentMenu.getItems().add(i);
        }
        recentMenu.setDisable(recent.isEmpty());
    }

    // ------------------------------------------------------------------ documents

    /**
     * The window is about to close: unsaved changes are saved or dropped as the user says (false: cancelled);
     * then the bounds are remembered and the recovery file goes (a clean close).
     */
    private boolean closing() {
        if (!confirmDiscard()) {
            return false;
        }
        saveBounds();
        document.releaseRecovery();
        if (autosave != null) {
            autosave.stop();
        }
        return true;
    }

    /** Asks to save unsaved changes; false when the user cancelled. */
    boolean confirmDiscard() {
        if (!document.isDirty() || document.current() == null) {
            return true;
        }
        switch (Prompts.unsavedChanges(stage, document.displayNameBinding().get())) {
            case SAVE:
                return save();
            case DISCARD:
                return true;
            default:
                return false;
        }
    }

    public void newDocument() {
        if (confirmDiscard()) {
            document.newDocument();
            document.deleteRecovery();
            vm.schemaBrowser().selectedModelProperty().set(null);
        }
    }

    private void openDialog() {
        if (!confirmDiscard()) {
            return;
        }
        FileChooser c = chooser("Open a design");
        File f = c.showOpenDialog(stage);
        if (f != null) {
            open(f.toPath());
        }
    }

    /**
     * A start without a design argument: reopens the last design (the first recent file) when the preference is
     * on and no autosave waits to be recovered; a file gone since is said in the status line, the sample stays.
     */
    public void reopenLast() {
        if (!settings.reopenLastDesign() || !document.orphanedRecoveries().isEmpty()) {
            return;
        }
        List<Path> recent = settings.recentFiles();
        if (recent.isEmpty()) {
            return;
        }
        Path last = recent.get(0);
        if (!Files.isRegularFile(last)) {
            vm.say("The last design, " + last + ", is not there any more: the sample is open.");
            return;
        }
        if (open(last)) {
            vm.say("Reopened " + last.getFileName() + " (Preferences: reopen the last design on start)");
        }
    }

    /** Opens a design file; a failure is shown, the current design stays. */
    public boolean open(Path f) {
        try {
            document.open(f);
            document.deleteRecovery();
            return true;
        } catch (IOException | QueryException e) {
            Prompts.error(stage, "Cannot open " + f.getFileName(), message(e));
            return false;
        }
    }

    /** Saves to the document's file, or asks for one; false when not saved. */
    public boolean save() {
        if (document.fileProperty().get() == null) {
            return saveAs();
        }
        return saveTo(document.fileProperty().get());
    }

    private boolean saveAs() {
        FileChooser c = chooser("Save the design");
        Design d = document.current();
        c.setInitialFileName((d == null ? "Untitled" : d.name()) + DesignFile.EXTENSION);
        File f = c.showSaveDialog(stage);
        return f != null && saveTo(f.toPath());
    }

    public boolean saveTo(Path f) {
        try {
            document.saveAs(f);
            vm.runs(); // status stays the run's; the title shows the saved name
            return true;
        } catch (IOException | RuntimeException e) {
            Prompts.error(stage, "Not saved", "The design was not saved to " + f + ": " + message(e)
                    + "\nThe file on disk is unchanged.");
            return false;
        }
    }

    private FileChooser chooser(String title) {
        FileChooser c = new FileChooser();
        c.setTitle(title);
        c.getExtensionFilters().add(new FileChooser.ExtensionFilter("QuerySet Studio designs",
                "*" + DesignFile.EXTENSION));
        Path f = document.fileProperty().get();
        if (f != null && f.getParent() != null) {
            c.setInitialDirectory(f.getParent().toFile());
        }
        return c;
    }

    /**
     * Offers the newest autosave a crashed window left; Discard moves on to the next. Nothing is deleted without
     * the user's answer: an unreadable file is set aside under a name that is told, the others stay for later.
     */
    private void offerRecovery() {
        List<Path> orphans = document.orphanedRecoveries();
        for (int i = 0; i < orphans.size(); i++) {
            Path orphan = orphans.get(i);
            String detail;
            try {
                detail = DesignFile.read(orphan, document.schema()).name() + " (autosaved "
                        + java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").format(
                                Files.getLastModifiedTime(orphan).toInstant().atZone(java.time.ZoneId.systemDefault()))
                        + ")";
            } catch (IOException | QueryException e) {
                try {
                    Path aside = document.recoveryStore().setAside(orphan);
                    Prompts.error(stage, "Cannot read an autosaved design", message(e) + "\nIt is kept as " + aside
                            + ".");
                } catch (IOException moveFailed) {
                    Prompts.error(stage, "Cannot read an autosaved design", message(e) + "\nIt stays at " + orphan
                            + ".");
                }
                continue;
            }
            int left = orphans.size() - i - 1;
            if (left > 0) {
                detail += "\n(" + left + " more autosaved design" + (left == 1 ? " is" : "s are")
                        + " offered after this one or at the next start)";
            }
            if (Prompts.recover(stage, detail)) {
                try {
                    document.recover(orphan);
                } catch (IOException | QueryException e) {
                    Prompts.error(stage, "Cannot recover", message(e) + "\nThe autosave stays at " + orphan + ".");
                }
                return;
            }
            try {
                document.recoveryStore().discard(orphan);
            } catch (IOException e) {
                Prompts.error(stage, "Cannot discard the autosave", message(e));
            }
        }
    }

    private void exportText(String what, String ext, String text) {
        if (text == null || text.isBlank() || document.current() == null) {
            Prompts.error(stage, "Nothing to export", "There is no query yet: select a model or open a design.");
            return;
        }
        FileChooser c = new FileChooser();
        c.setTitle("Export " + what);
        c.setInitialFileName(document.current().name() + "." + ext);
        File f = c.showSaveDialog(stage);
        if (f != null) {
            try {
                Exports.writeText(f.toPath(), text);
            } catch (IOException e) {
                Prompts.error(stage, "Export failed", message(e));
            }
        }
    }

    /** The code export: the generators the command line has, with names remembered by the design. */
    public void exportCode() {
        if (document.current() == null) {
            Prompts.error(stage, "Nothing to export", "There is no query yet: select a model or open a design.");
            return;
        }
        ExportDialogModel model = exportModel();
        JavaExportDialog.show(stage, model, settings, document::setExportOptions);
    }

    /** The dialog's model for the open design (for tests: what the dialog would show). */
    public ExportDialogModel exportModel() {
        return new ExportDialogModel(document.schema(), vm.query().dialectProperty().get(),
                vm.query().querySetProperty().get(), document.designName(), document.exportOptions());
    }

    private void exportPng() {
        Node canvas = view.lookup("#canvas");
        if (canvas == null) {
            Prompts.error(stage, "Export failed", "No canvas in this window.");
            return;
        }
        FileChooser c = new FileChooser();
        c.setTitle("Export the canvas as PNG");
        c.setInitialFileName("canvas.png");
        File f = c.showSaveDialog(stage);
        if (f != null) {
            try {
                Exports.writePng(canvas, f.toPath());
            } catch (IOException e) {
                Prompts.error(stage, "Export failed", message(e));
            }
        }
    }

    // ------------------------------------------------------------------ samples and connections

    public void showGallery() {
        List<SampleGallery.Sample> samples;
        try {
            samples = SampleGallery.load(document.schema());
        } catch (RuntimeException e) {
            Prompts.error(stage, "Samples unavailable", message(e));
            return;
        }
        ConnectionTarget t = vm.runs().targetProperty().get();
        Dialect d = t == null ? vm.query().dialectProperty().get() : t.dialect();
        SamplesGalleryDialog.showOver(stage, samples, d, this::openSample);
    }

    /** Loads a sample's design (query and parameters) as a new unsaved document. */
    public void openSample(SampleGallery.Sample s) {
        if (!confirmDiscard()) {
            return;
        }
        document.showSample(s.design());
        vm.schemaBrowser();
        studio.queryset.lessons.Lessons.forSample(s.id()).ifPresent(lessons::open); // docked beside the canvas
    }

    public void showConnections() {
        ConnectionTarget t = vm.runs().targetProperty().get();
        Path sample = t != null && t.dialect() == Dialect.SQLITE ? Path.of(t.url().substring("jdbc:sqlite:".length()))
                : null;
        ConnectionDialog.showOver(stage, passwords, sample, this::connect);
    }

    /** Switches runs to the target; the SQL is recompiled for its dialect. */
    public void connect(ConnectionTarget target) {
        vm.setConnection(target);
    }

    private void useSampleDatabase() {
        Path db = studio.queryset.app.shell.ProjectHome.locate().database();
        if (Files.isRegularFile(db)) {
            connect(ConnectionTarget.sqlite(db, db.getFileName() + " — SQLite sample (read-only)"));
        } else {
            Prompts.error(stage, "Sample not found", db + " does not exist.");
        }
    }

    // ------------------------------------------------------------------ schema source

    private void chooseModelsPy() {
        FileChooser c = new FileChooser();
        c.setTitle("Attach a Django models.py to " + vm.connectionLabelProperty().get());
        c.getExtensionFilters().add(new FileChooser.ExtensionFilter("Django models", "*.py"));
        File f = c.showOpenDialog(stage);
        if (f != null) {
            attachModels(f.toPath());
        }
    }

    /** A project root, an app folder or a models/ package: every app's models, linked across files. */
    private void chooseProjectFolder() {
        javafx.stage.DirectoryChooser c = new javafx.stage.DirectoryChooser();
        c.setTitle("Open a Django project (or app) folder for " + vm.connectionLabelProperty().get());
        File dir = c.showDialog(stage);
        if (dir != null) {
            attachModels(dir.toPath());
        }
    }

    /** The schema becomes the models.py's (read off the FX thread); a broken file keeps the old schema. */
    public void attachModels(Path modelsPy) {
        loadSchema("Reading " + modelsPy.getFileName() + "…", () -> SchemaSource.modelsPy(modelsPy));
    }

    /** The schema becomes what the connected database's tables say (JDBC introspection). */
    public void introspect() {
        ConnectionTarget t = vm.runs().targetProperty().get();
        loadSchema("Introspecting " + (t == null ? "the database" : t.label()) + "…", () -> SchemaSource.introspect(t));
    }

    private interface SchemaJob {
        SchemaSource.Loaded load() throws SchemaSource.Failure;
    }

    private void loadSchema(String message, SchemaJob job) {
        schemaStatus.set(message);
        javafx.concurrent.Task<SchemaSource.Loaded> task = new javafx.concurrent.Task<>() {
            @Override
            protected SchemaSource.Loaded call() throws SchemaSource.Failure {
                return job.load();
            }
        };
        task.setOnSucceeded(e -> {
            SchemaSource.Loaded loaded = task.getValue();
            useSchema(loaded.schema());
            vm.schemaBrowser().sourceProperty().set(loaded.description());
            List<studio.queryset.schema.ImportWarning> warnings = loaded.schema().warnings();
            vm.showImportWarnings(warnings);
            schemaStatus.set("Schema: " + loaded.description() + ", " + loaded.schema().models().size() + " models"
                    + (warnings.isEmpty() ? "" : ", " + warnings.size() + " import warnings"));
            if (!warnings.isEmpty()) {
                // what the importer assumed, file:line each: never applied silently
                Prompts.warnings(stage, "Imported with " + warnings.size() + " warnings (also listed in Problems)",
                        warnings.stream().map(Object::toString).collect(java.util.stream.Collectors.joining("\n")));
            }
        });
        task.setOnFailed(e -> {
            Throwable error = task.getException();
            String what = error instanceof SchemaSource.Failure f && f.line() > 0
                    ? f.source() + ", line " + f.line() + ":\n" + error.getMessage() : message(error);
            Schema kept = vm.query().schemaProperty().get();
            schemaStatus.set("Schema not changed: " + message(error));
            Prompts.error(stage, "Schema not loaded", what + "\n\nThe schema in use stays"
                    + (kept == null ? "" : " (" + kept.models().size() + " models)") + ".");
        });
        Thread t = new Thread(task, "qss-schema-loader");
        t.setDaemon(true);
        t.start();
    }

    /** Browser, inspector and query all switch to the schema; the query recompiles against it. */
    private void useSchema(Schema schema) {
        vm.schemaBrowser().selectedModelProperty().set(null);
        vm.schemaBrowser().schemaProperty().set(schema);
        vm.inspector().schemaProperty().set(schema);
        vm.query().schemaProperty().set(schema);
    }

    /** What the last schema change said ("Schema: models.py (blog), 7 models"), for the window and tests. */
    public javafx.beans.property.ReadOnlyStringProperty schemaStatusProperty() {
        return schemaStatus.getReadOnlyProperty();
    }

    // ------------------------------------------------------------------ streaming

    private void installResults() {
        for (Tab t : view.bottomTabs().outputTabs().getTabs()) {
            if ("resultsTab".equals(t.getId())) {
                resultsTab = t;
            }
        }
        if (resultsTab == null) {
            return;
        }
        classicResults = resultsTab.getContent();
        vm.runs().resultProperty().addListener((o, old, now) -> resultsTab.setContent(classicResults));
        // rows of an older query are marked as such until the next run replaces them
        vm.query().sqlTextProperty().addListener((o, old, now) -> {
            if (classicResults instanceof studio.queryset.app.results.ResultsView r) {
                r.markStale();
            }
            streamView.markStale();
        });
    }

    /** The Query log tab gets the N+1 counter, the naive-vs-optimized comparison and EXPLAIN around its table. */
    @SuppressWarnings("unchecked")
    private void installQueryLog() {
        for (Tab t : view.bottomTabs().outputTabs().getTabs()) {
            if ("queryLogTab".equals(t.getId()) && t.getContent() instanceof javafx.scene.control.TableView<?> table) {
                insightView = new QueryInsightView(vm, insight,
                        (javafx.scene.control.TableView<studio.queryset.app.querylog.QueryLogEntry>) table);
                t.setContent(insightView);
            }
        }
    }

    /** Streams the current row query into the streaming grid (compiled for the connection's dialect). */
    public void streamRows() {
        if (stream.isRunning() || !vm.query().hasQuery()) {
            return;
        }
        if (!vm.query().flushEdit()) {
            return;
        }
        ConnectionTarget t = vm.runs().targetProperty().get();
        if (t == null) {
            Prompts.error(stage, "No database", "Connect to a database first (Database → Connect…).");
            return;
        }
        QueryPlan plan;
        try {
            plan = SqlCompiler.planFor(vm.query().schemaProperty().get(), vm.query().querySetProperty().get(),
                    t.dialect(), vm.runParams());
        } catch (QueryException e) {
            Prompts.error(stage, "Does not compile", e.kind() + ": " + e.getMessage());
            return;
        }
        if (resultsTab != null) {
            resultsTab.setContent(streamView);
            view.bottomTabs().outputTabs().getSelectionModel().select(resultsTab);
        }
        int seconds = settings.timeLimitSeconds();
        stream.start(t, plan, vm.runParams(), settings.rowLimit(), seconds > 0 ? Duration.ofSeconds(seconds) : null);
    }

    // ------------------------------------------------------------------ look and feel

    /**
     * The light or dark look: AtlantaFX's PrimerLight / PrimerDark as the user-agent stylesheet (the base of
     * every control, in every window), the app's studio.css above it, and dark.css on top for the dark theme.
     * {@code themeBase=modena} in the settings (or {@code -Dqss.theme.base=modena}) keeps JavaFX's own Modena.
     */
    private void applyTheme(Scene scene) {
        boolean dark = "dark".equals(settings.theme());
        darkItem.setSelected(dark);
        javafx.application.Application.setUserAgentStylesheet(userAgentStylesheet(dark));
        if (scene == null) {
            return;
        }
        scene.getStylesheets().remove(DARK_CSS);
        if (dark) {
            scene.getStylesheets().add(DARK_CSS);
        }
    }

    /** The base stylesheet for the theme; null is JavaFX's default (Modena). */
    String userAgentStylesheet(boolean dark) {
        if ("modena".equals(settings.get("themeBase", System.getProperty("qss.theme.base", "primer")))) {
            return null;
        }
        return dark ? new atlantafx.base.theme.PrimerDark().getUserAgentStylesheet()
                : new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet();
    }

    private void preferencesApplied() {
        applyTheme(view.getScene());
        applyLimits();
    }

    private void applyLimits() {
        int seconds = settings.timeLimitSeconds();
        vm.runs().setTimeLimit(seconds > 0 ? Duration.ofSeconds(seconds) : null);
    }

    private void restoreBounds() {
        double w = settings.getDouble("window.width", -1);
        double h = settings.getDouble("window.height", -1);
        if (w > 300 && h > 200) {
            stage.setWidth(w);
            stage.setHeight(h);
        }
        double x = settings.getDouble("window.x", Double.NaN);
        double y = settings.getDouble("window.y", Double.NaN);
        if (!Double.isNaN(x) && !Double.isNaN(y)) {
            stage.setX(x);
            stage.setY(y);
        }
        if ("true".equals(settings.get("window.maximized", "false"))) {
            stage.setMaximized(true);
        }
    }

    /** The window's split panes by the name their divider positions are kept under. */
    private java.util.Map<String, javafx.scene.control.SplitPane> splits() {
        java.util.Map<String, javafx.scene.control.SplitPane> out = new java.util.LinkedHashMap<>();
        for (String id : List.of("mainSplit", "workSplit")) {
            if (view.lookup("#" + id) instanceof javafx.scene.control.SplitPane p) {
                out.put(id, p);
            }
        }
        out.put("bottomTabs", view.bottomTabs());
        if (insightView != null) {
            out.put("queryLogSplit", insightView.split());
        }
        return out;
    }

    private java.util.Map<String, javafx.scene.control.TabPane> tabPanes() {
        java.util.Map<String, javafx.scene.control.TabPane> out = new java.util.LinkedHashMap<>();
        out.put("outputTabs", view.bottomTabs().outputTabs());
        if (insightView != null) {
            out.put("insightTabs", insightView.details());
        }
        return out;
    }

    /** Divider positions and selected tabs, kept as {@code layout.<id>} (positions comma separated). */
    void saveLayout() {
        splits().forEach((id, p) -> settings.put("layout." + id, java.util.Arrays.stream(p.getDividerPositions())
                .mapToObj(d -> String.format(java.util.Locale.ROOT, "%.4f", d))
                .collect(java.util.stream.Collectors.joining(","))));
        tabPanes().forEach((id, t) -> {
            Tab selected = t.getSelectionModel().getSelectedItem();
            settings.put("layout." + id, selected == null ? null : selected.getId());
        });
        if (view.lookup("#canvasEditor") instanceof studio.queryset.app.canvas.editor.CanvasEditorView canvas
                && canvas.paletteChosen()) {
            settings.put("layout.paletteCollapsed", canvas.paletteCollapsedProperty().get());
        }
    }

    /** The layout of the last clean close; a value that does not fit (another version's panes) is ignored. */
    void restoreLayout() {
        splits().forEach((id, p) -> {
            String saved = settings.get("layout." + id, "");
            String[] parts = saved.split(",");
            if (saved.isBlank() || parts.length != p.getDividers().size()) {
                return;
            }
            double[] positions = new double[parts.length];
            try {
                for (int i = 0; i < parts.length; i++) {
                    positions[i] = Double.parseDouble(parts[i].trim());
                    if (!(positions[i] > 0.02 && positions[i] < 0.98)) {
                        return;
                    }
                }
            } catch (NumberFormatException e) {
                return;
            }
            p.setDividerPositions(positions);
        });
        String palette = settings.get("layout.paletteCollapsed", null);
        if (palette != null && view.lookup("#canvasEditor") instanceof studio.queryset.app.canvas.editor.CanvasEditorView c) {
            c.choosePalette(Boolean.parseBoolean(palette));
        }
        tabPanes().forEach((id, t) -> {
            String saved = settings.get("layout." + id, null);
            for (Tab tab : t.getTabs()) {
                if (tab.getId() != null && tab.getId().equals(saved)) {
                    t.getSelectionModel().select(tab);
                }
            }
        });
    }

    private void saveBounds() {
        saveLayout();
        settings.put("window.maximized", stage.isMaximized());
        if (!stage.isMaximized()) {
            settings.put("window.x", stage.getX());
            settings.put("window.y", stage.getY());
            settings.put("window.width", stage.getWidth());
            settings.put("window.height", stage.getHeight());
        }
    }

    static String message(Throwable e) {
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m;
    }

    public DocumentModel document() {
        return document;
    }

    public StreamingRunModel stream() {
        return stream;
    }

    public StreamingResultsView streamView() {
        return streamView;
    }

    public QueryInsightModel insight() {
        return insight;
    }

    /** The Query log tab's content (null when the window has no query log). */
    public QueryInsightView insightView() {
        return insightView;
    }

    public WorkbenchSettings settings() {
        return settings;
    }

    /** Opens a lesson from Help → Lessons: with its gallery sample when it has one, else from its query. */
    public void openLesson(studio.queryset.lessons.Lesson l) {
        for (SampleGallery.Sample s : SampleGallery.load(document.schema())) {
            if (s.id().equals(l.id())) {
                openSample(s);
                return;
            }
        }
        if (confirmDiscard() && vm.setDjangoText(l.query())) {
            lessons.open(l);
        }
    }

    /** The lesson panel's dock (for tests). */
    public studio.queryset.app.lessons.LessonDock lessons() {
        return lessons;
    }

    /** Stops what runs; called when the app stops. */
    public void dispose() {
        stream.stop();
        insight.dispose();
        lessons.dispose();
        if (autosave != null) {
            autosave.stop();
        }
    }
}
