package studio.queryset.app.document;

import studio.queryset.design.text.ExportPreview;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import studio.queryset.codegen.ExportOptions;
import studio.queryset.codegen.ExportOptions.DateTimes;
import studio.queryset.codegen.ExportOptions.Flavour;
import studio.queryset.codegen.Exporter;
import studio.queryset.query.QuerySet;
import studio.queryset.schema.Schema;
import studio.queryset.sql.Dialect;

/**
 * The export dialog's state: the generator and the names (filled with the derived ones, or those the design
 * remembers), and the live preview of what Copy and Save give. No JavaFX nodes and no toolkit needed, so tests
 * drive it as the dialog does. {@link #options()} is what the design keeps: only the names the user changed.
 */
public final class ExportDialogModel {
    private final Schema schema;
    private final Dialect dialect;
    private final QuerySet query;
    private final String designName;
    private final ObjectProperty<Flavour> flavour = new SimpleObjectProperty<>(this, "flavour");
    private final StringProperty packageName = new SimpleStringProperty(this, "packageName", "");
    private final StringProperty className = new SimpleStringProperty(this, "className", "");
    private final StringProperty methodName = new SimpleStringProperty(this, "methodName", "");
    /** The Java type of datetimes; the QuerySet and plain-JDBC exports take it, Python has its own. */
    private final ObjectProperty<DateTimes> dateTimes = new SimpleObjectProperty<>(this, "dateTimes");
    private final ReadOnlyObjectWrapper<ExportPreview> preview = new ReadOnlyObjectWrapper<>(this, "preview");
    /** The names derived for the current flavour: a field still showing one of them is not a choice. */
    private Exporter.Resolved derived;
    private boolean flavourChosen;
    private boolean dateTimesChosen;

    public ExportDialogModel(Schema schema, Dialect dialect, QuerySet query, String designName,
                             ExportOptions remembered) {
        this.schema = schema;
        this.dialect = dialect;
        this.query = query;
        this.designName = designName;
        ExportOptions start = remembered == null ? ExportOptions.DERIVED : remembered;
        flavourChosen = start.flavour() != null;
        derived = derivedFor(start.flavourOrDefault());
        flavour.set(start.flavourOrDefault());
        packageName.set(start.packageName() != null ? start.packageName() : text(derived.packageName()));
        className.set(start.className() != null ? start.className() : text(derived.className()));
        methodName.set(start.methodName() != null ? start.methodName() : text(derived.methodName()));
        dateTimesChosen = start.dateTimes() != null;
        dateTimes.set(start.dateTimesOrDefault());
        flavour.addListener((o, old, now) -> flavourChanged(now));
        packageName.addListener(o -> refresh());
        className.addListener(o -> refresh());
        methodName.addListener(o -> refresh());
        dateTimes.addListener(o -> {
            dateTimesChosen = true;
            refresh();
        });
        refresh();
    }

    private Exporter.Resolved derivedFor(Flavour f) {
        if (schema == null || query == null) {
            return new Exporter.Resolved(f, null, null, null);
        }
        return Exporter.resolve(schema, new ExportOptions(f, null, null, null), designName, java.util.List.of(query));
    }

    /** A name still at its derived value follows the new flavour's (a Python function is snake case). */
    private void flavourChanged(Flavour now) {
        flavourChosen = true;
        Exporter.Resolved before = derived;
        derived = derivedFor(now == null ? Flavour.JAVA_JDBC : now);
        follow(packageName, before.packageName(), derived.packageName());
        follow(className, before.className(), derived.className());
        follow(methodName, before.methodName(), derived.methodName());
        refresh();
    }

    private static void follow(StringProperty field, String before, String now) {
        if (Objects.equals(field.get(), text(before))) {
            field.set(text(now));
        }
    }

    private void refresh() {
        preview.set(ExportPreview.of(schema, dialect, effective(), designName, query));
    }

    /** What is exported now: the fields as shown (an empty one is derived). */
    private ExportOptions effective() {
        boolean java = flavour.get() == null || flavour.get().isJava();
        return new ExportOptions(flavour.get(), packageName.get(), className.get(), methodName.get(),
                java ? dateTimes.get() : null);
    }

    /** The choices to remember with the design: fields still at their derived value are left to follow it. */
    public ExportOptions options() {
        return new ExportOptions(flavourChosen ? flavour.get() : null, chosen(packageName, derived.packageName()),
                chosen(className, derived.className()), chosen(methodName, derived.methodName()),
                dateTimesChosen ? dateTimes.get() : null);
    }

    private static String chosen(StringProperty field, String derivedValue) {
        String v = field.get() == null ? "" : field.get().strip();
        return v.isEmpty() || v.equals(derivedValue) ? null : v;
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }

    /** Where Save puts the file in {@code folder}: {@code ClassName.java} (or the Python module). */
    public Path target(Path folder) {
        ExportPreview p = preview.get();
        if (!p.ok()) {
            throw new IllegalStateException("nothing to save: " + p.error());
        }
        return folder.resolve(p.exported().fileName());
    }

    /**
     * Writes the preview to {@code file} atomically (a temp file beside it, then moved over), so a failed save
     * never leaves half a class. The caller has asked before replacing an existing file. The files the class
     * needs beside it (the QuerySet API export's {@code BlogSchema.java}) are written into the same folder: they
     * are generated from the models and replaced as they are.
     */
    public void save(Path file) throws IOException {
        ExportPreview p = preview.get();
        if (!p.ok()) {
            throw new IOException("nothing to save: " + p.error());
        }
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        writeAtomically(file, p.exported().source());
        for (var companion : p.exported().companions()) {
            writeAtomically(dir.resolve(companion.fileName()), companion.source());
        }
    }

    private static void writeAtomically(Path file, String text) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        // not Files.createTempFile: its owner-only permissions would stay on a source file meant to be shared
        Path tmp = dir.resolve("." + file.getFileName() + "." + System.nanoTime() + ".tmp");
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    public ObjectProperty<Flavour> flavourProperty() {
        return flavour;
    }

    /** The Java type datetimes are read and bound as; a Python export leaves it aside. */
    public ObjectProperty<DateTimes> dateTimesProperty() {
        return dateTimes;
    }

    public StringProperty packageNameProperty() {
        return packageName;
    }

    public StringProperty classNameProperty() {
        return className;
    }

    public StringProperty methodNameProperty() {
        return methodName;
    }

    /** The generated file or the reason there is none; changes with every edit of the fields. */
    public ReadOnlyObjectProperty<ExportPreview> previewProperty() {
        return preview.getReadOnlyProperty();
    }

    public ExportPreview preview() {
        return preview.get();
    }

    public Dialect dialect() {
        return dialect;
    }
}
