package studio.queryset.app.document;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import studio.queryset.app.shell.StudioViewModel;
import studio.queryset.app.shell.WorkbenchSettings;
import studio.queryset.codegen.ExportOptions;
import studio.queryset.design.Design;
import studio.queryset.design.DesignFile;
import studio.queryset.query.QuerySet;
import studio.queryset.schema.Schema;

/**
 * The open design document around the window's query: its file (or none), the design last saved or opened
 * (name, node positions, parameter values, notes), and whether the query differs from it. Save is atomic
 * ({@link DesignFile#write}); the recovery file is written by {@link #autosave()} and removed on a clean close.
 * No JavaFX nodes; commands are called on the FX thread.
 */
public final class DocumentModel {
    public static final String RECOVERY = "recovery" + DesignFile.EXTENSION;

    /** How a design is written; tests replace it to make a save fail halfway. */
    public interface Writer {
        void write(Path file, Design d) throws IOException;
    }

    private final StudioViewModel vm;
    private final WorkbenchSettings settings;
    private final RecoveryStore recovery;
    private final ReadOnlyObjectWrapper<Path> file = new ReadOnlyObjectWrapper<>(this, "file");
    private final ReadOnlyObjectWrapper<Design> saved = new ReadOnlyObjectWrapper<>(this, "saved");
    private final BooleanBinding dirty;
    private final StringBinding displayName;
    /** Saves record the dialect the SQL is shown in (design file version 2). */
    private Writer writer = (f, d) -> DesignFile.write(f, d, dialect());
    private DesignFile.Loaded lastOpened;
    private String lastAutosaved;

    public DocumentModel(StudioViewModel vm, WorkbenchSettings settings) {
        this.vm = vm;
        this.settings = settings;
        this.recovery = new RecoveryStore(settings.dir());
        // a projection of the revision shown: where the cards sit is part of the design, so moving one makes the
        // document dirty and moving it back clean
        dirty = Bindings.createBooleanBinding(() -> {
            Design now = vm.query().revisionProperty().get().design();
            Design s = saved.get();
            return s == null ? now.query() != null : !Objects.equals(s.query(), now.query())
                    || !s.exportOptions().equals(exportOptions())
                    || !s.positions().equals(now.positions());
        }, vm.query().revisionProperty(), saved, vm.query().exportOptionsProperty());
        // the Java tab's class is named after the design
        vm.query().designNameProperty().bind(Bindings.createStringBinding(() -> saved.get() != null
                ? saved.get().name() : file.get() != null ? baseName(file.get()) : null, saved, file));
        displayName = Bindings.createStringBinding(() -> {
            Path f = file.get();
            String name = f != null ? f.getFileName().toString()
                    : saved.get() != null ? saved.get().name() : "Untitled";
            return name + (dirty.get() ? " *" : "");
        }, file, saved, dirty);
    }

    public void setWriter(Writer w) {
        this.writer = w;
    }

    /**
     * The design as it stands: the saved one's name, params and notes with the current query, card positions
     * and export choices.
     */
    public Design current() {
        Design now = vm.query().revisionProperty().get().design();
        QuerySet qs = now.query();
        if (qs == null) {
            return null;
        }
        Design s = saved.get();
        Design base = s != null ? s : Design.of(file.get() == null ? "Untitled" : baseName(file.get()), qs);
        return new Design(base.name(), qs, now.positions(), base.params(), base.notes())
                .withExportOptions(exportOptions());
    }

    /** The export choices made for this design (kept in its file when saved). */
    public ExportOptions exportOptions() {
        ExportOptions o = vm.query().exportOptionsProperty().get();
        return o == null ? ExportOptions.DERIVED : o;
    }

    /** Remembers export choices with the design: the Java tab follows them; saving writes them. */
    public void setExportOptions(ExportOptions options) {
        vm.query().exportOptionsProperty().set(options == null ? ExportOptions.DERIVED : options);
    }

    /** The design's name as the export derives names from it. */
    public String designName() {
        return vm.query().designNameProperty().get();
    }

    private static String baseName(Path f) {
        String n = f.getFileName().toString();
        return n.endsWith(DesignFile.EXTENSION) ? n.substring(0, n.length() - DesignFile.EXTENSION.length()) : n;
    }

    private studio.queryset.sql.Dialect dialect() {
        return vm.query().dialectProperty().get();
    }

    public Schema schema() {
        return vm.query().schemaProperty().get();
    }

    /** Starts over: no file, no query. */
    public void newDocument() {
        file.set(null);
        saved.set(null);
        setExportOptions(null);
        vm.setRunParams(Map.of());
        vm.canvas().load(null);
    }

    /** Reads a design file and shows it; errors are thrown with a one-line message (the window shows it). */
    public Design open(Path f) throws IOException {
        DesignFile.Loaded loaded = DesignFile.load(f, schema());
        Design d = loaded.design();
        show(d);
        if (loaded.dialect() != null) {
            vm.query().dialectProperty().set(loaded.dialect());
        }
        lastOpened = loaded;
        file.set(f.toAbsolutePath());
        settings.addRecent(f);
        return d;
    }

    /** Shows a design (from a file, a sample or the recovery file) as unsaved-to-any-file unless opened. */
    public void show(Design d) {
        file.set(null);
        saved.set(d);
        setExportOptions(d.exportOptions());
        vm.setRunParams(d.params());
        vm.canvas().load(d);
    }

    /** A sample opens as a new, unsaved document based on it. */
    public void showSample(Design d) {
        show(d);
        saved.set(d);
    }

    public void save() throws IOException {
        if (file.get() == null) {
            throw new IllegalStateException("no file: use Save As");
        }
        saveAs(file.get());
    }

    public void saveAs(Path f) throws IOException {
        Design d = current();
        if (d == null) {
            throw new IOException("there is no query to save; select a model or write a QuerySet first");
        }
        Path target = f.getFileName().toString().contains(".") ? f : f.resolveSibling(f.getFileName()
                + DesignFile.EXTENSION);
        Design named = d.withName(baseName(target));
        writer.write(target, named);
        file.set(target.toAbsolutePath());
        saved.set(named);
        settings.addRecent(target);
        deleteRecovery();
    }

    /** Parameter values for runs, kept with the design. */
    public Map<String, Object> params() {
        Design s = saved.get();
        return s == null ? Map.of() : new LinkedHashMap<>(s.params());
    }

    // ------------------------------------------------------------------ recovery

    /** This window's autosave file (others' are theirs; see {@link RecoveryStore}). */
    public Path recoveryFile() throws IOException {
        return recovery.own();
    }

    /** Writes the current design to the recovery file when it has unsaved changes; true when written. */
    public boolean autosave() {
        Design d = current();
        if (d == null || !dirty.get()) {
            return false;
        }
        String json = DesignFile.toJson(d);
        if (json.equals(lastAutosaved)) {
            return false;
        }
        try {
            DesignFile.write(recovery.own(), d, vm.query().dialectProperty().get());
            lastAutosaved = json;
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Autosaves that crashed windows left, newest first; they stay until recovered or discarded. */
    public List<Path> orphanedRecoveries() {
        return recovery.orphans();
    }

    public RecoveryStore recoveryStore() {
        return recovery;
    }

    /**
     * Shows the recovered design as a new unsaved document (Save As keeps it); the file becomes this window's
     * autosave, so the work stays on disk until it is saved.
     */
    public Design recover(Path orphan) throws IOException {
        Design d = DesignFile.read(orphan, schema());
        recovery.adopt(orphan);
        file.set(null);
        saved.set(null);
        vm.setRunParams(d.params());
        vm.canvas().load(d);
        saved.set(Design.of(d.name(), QuerySet.of(d.query().model())).withParams(d.params()).withNotes(d.notes()));
        lastAutosaved = null;
        setExportOptions(d.exportOptions());
        return d;
    }

    /** This window's autosave goes (its work was saved, or replaced by a new or opened design). */
    public void deleteRecovery() {
        lastAutosaved = null;
        recovery.deleteOwn();
    }

    /** A clean close: this window's autosave and its lock go. */
    public void releaseRecovery() {
        lastAutosaved = null;
        recovery.release();
    }

    /** The last file opened, with the format version it was written in (older ones were migrated). */
    public DesignFile.Loaded lastOpened() {
        return lastOpened;
    }

    public ReadOnlyObjectProperty<Path> fileProperty() {
        return file.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Design> savedProperty() {
        return saved.getReadOnlyProperty();
    }

    public BooleanBinding dirtyBinding() {
        return dirty;
    }

    public boolean isDirty() {
        return dirty.get();
    }

    public StringBinding displayNameBinding() {
        return displayName;
    }
}
