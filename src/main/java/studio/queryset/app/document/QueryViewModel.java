package studio.queryset.app.document;

import java.util.List;
import java.util.Objects;
import javafx.animation.PauseTransition;
import javafx.beans.InvalidationListener;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.util.Duration;
import studio.queryset.codegen.ExportOptions;
import studio.queryset.design.NodeSpans;
import studio.queryset.design.QueryDocument;
import studio.queryset.design.Revision;
import studio.queryset.design.text.DjangoLayout;
import studio.queryset.design.text.EditorError;
import studio.queryset.design.text.ParamRow;
import studio.queryset.design.text.SqlDisplay;
import studio.queryset.query.QuerySet;
import studio.queryset.schema.Schema;
import studio.queryset.sql.CompiledQuery;
import studio.queryset.sql.Dialect;
import studio.queryset.sql.QueryPlan;
import studio.queryset.sql.SqlCompiler;

/**
 * The window's view of the {@link QueryDocument}: every read-only property here is a projection of the
 * document's current {@link Revision} (set together in {@link #show}), and the settings (schema, dialect,
 * inlined values, export choices, name) are the document's settings.
 *
 * <p>The Django editor is one way in: {@link #edit} takes the text as typed and, 250 ms after the last
 * keystroke, hands it to the document, which parses and compiles it off the FX thread; a text that works becomes
 * a history entry (Ctrl+Z takes it back like a canvas command), one that does not is shown with its error and
 * the last good query stays. While typing is pending the editor keeps what was typed over revisions caused by
 * settings or card moves; a command (canvas, undo, open) replaces it. Called on the FX thread.
 */
public final class QueryViewModel {
    static final Duration DEBOUNCE = Duration.millis(250);

    private final QueryDocument document;
    private final ObjectProperty<Schema> schema = new SimpleObjectProperty<>(this, "schema");
    private final ObjectProperty<Dialect> dialect = new SimpleObjectProperty<>(this, "dialect", Dialect.SQLITE);
    private final BooleanProperty inlineValues = new SimpleBooleanProperty(this, "inlineValues");
    /** The export choices of the open design (the Java tab shows what they export) and its name. */
    private final ObjectProperty<ExportOptions> exportOptions = new SimpleObjectProperty<>(this, "exportOptions",
            ExportOptions.DERIVED);
    private final StringProperty designName = new SimpleStringProperty(this, "designName");

    private final ReadOnlyObjectWrapper<Revision> revision = new ReadOnlyObjectWrapper<>(this, "revision");
    private final ReadOnlyObjectWrapper<QuerySet> querySet = new ReadOnlyObjectWrapper<>(this, "querySet");
    private final ReadOnlyObjectWrapper<QueryPlan> plan = new ReadOnlyObjectWrapper<>(this, "plan");
    private final ReadOnlyObjectWrapper<CompiledQuery> compiled = new ReadOnlyObjectWrapper<>(this, "compiled");
    /** The SQL text with the node spans of that same text: one value, so no listener sees one without the other. */
    private final ReadOnlyObjectWrapper<SqlDisplay.Shown> sql = new ReadOnlyObjectWrapper<>(this, "sql",
            new SqlDisplay.Shown("", NodeSpans.NONE));
    private final ReadOnlyStringWrapper sqlText = new ReadOnlyStringWrapper(this, "sqlText");
    private final ReadOnlyStringWrapper paramsText = new ReadOnlyStringWrapper(this, "paramsText", "");
    private final ReadOnlyObjectWrapper<List<ParamRow>> params = new ReadOnlyObjectWrapper<>(this, "params",
            List.of());
    private final ReadOnlyStringWrapper djangoText = new ReadOnlyStringWrapper(this, "djangoText", "");
    private final ReadOnlyStringWrapper editorText = new ReadOnlyStringWrapper(this, "editorText", "");
    private final ReadOnlyObjectWrapper<EditorError> editorError = new ReadOnlyObjectWrapper<>(this, "editorError");
    private final ReadOnlyBooleanWrapper editPending = new ReadOnlyBooleanWrapper(this, "editPending");
    private final ReadOnlyStringWrapper javaText = new ReadOnlyStringWrapper(this, "javaText");
    private final ReadOnlyStringWrapper pipelineTitle = new ReadOnlyStringWrapper(this, "pipelineTitle", "");
    private final ReadOnlyObjectWrapper<List<String>> pipelineSteps = new ReadOnlyObjectWrapper<>(this,
            "pipelineSteps", List.of());
    private final ReadOnlyStringWrapper pipelineDetail = new ReadOnlyStringWrapper(this, "pipelineDetail", "");
    private final ReadOnlyStringWrapper compileError = new ReadOnlyStringWrapper(this, "compileError");

    private PauseTransition debounce;
    /** The generation that will show the text last handed to the document (0: none outstanding). */
    private long awaitedText;

    public QueryViewModel(QueryDocument document) {
        this.document = document;
        InvalidationListener settingsChanged = o -> {
            document.configure(settings());
            document.settle();
        };
        schema.addListener(settingsChanged);
        dialect.addListener(settingsChanged);
        inlineValues.addListener(settingsChanged);
        exportOptions.addListener(settingsChanged);
        designName.addListener(settingsChanged);
        document.addListener(this::show);
        show(document.current());
    }

    private Revision.Settings settings() {
        return new Revision.Settings(schema.get(), dialect.get(), inlineValues.get(), exportOptions.get(),
                designName.get());
    }

    // ---------------------------------------------------------------- projection

    private void show(Revision r) {
        boolean typingAhead = typing() || awaitedText > r.generation();
        boolean keepsTyping = typingAhead && (r.cause() == Revision.Cause.TEXT || r.cause() == Revision.Cause.SETTINGS
                || r.cause() == Revision.Cause.MOVE);
        if (!keepsTyping) {
            stopTyping();
            editorText.set(r.source());
            editorError.set(r.parseError());
        }
        querySet.set(r.query());
        plan.set(r.plan());
        compiled.set(r.plan() == null || r.plan().statements().isEmpty() ? null : r.plan().statements().get(0));
        compileError.set(r.compileError());
        if (sql.get().text() != r.sqlText() || sql.get().spans() != r.sqlSpans()) {
            sql.set(new SqlDisplay.Shown(r.sqlText(), r.sqlSpans())); // a card move keeps both: no new value
        }
        sqlText.set(r.sqlText());
        params.set(r.params());
        paramsText.set(r.paramsText());
        djangoText.set(r.djangoText());
        javaText.set(r.javaText());
        pipelineTitle.set(r.djangoText());
        pipelineSteps.set(r.pipelineSteps());
        pipelineDetail.set(r.pipelineDetail());
        editPending.set(typing() || awaitedText > r.generation());
        revision.set(r);
    }

    private boolean typing() {
        return debounce != null && debounce.getStatus() == javafx.animation.Animation.Status.RUNNING;
    }

    private void stopTyping() {
        if (debounce != null) {
            debounce.stop();
        }
        awaitedText = 0;
    }

    // ---------------------------------------------------------------- editing

    /**
     * The editor's text changed (the user typed): remembered as typed, handed to the document after a pause.
     * Calls with the text already shown (the editor echoing a replacement) change nothing.
     */
    public void edit(String text) {
        String value = text == null ? "" : text;
        if (value.equals(editorText.get()) && !editPending.get()) {
            return;
        }
        editorText.set(value);
        editPending.set(true);
        if (debounce == null) {
            debounce = new PauseTransition(DEBOUNCE);
            debounce.setOnFinished(e -> submitText());
        }
        debounce.playFromStart();
    }

    private void submitText() {
        awaitedText = document.editText(editorText.get());
    }

    /** Hands the text to the document now and waits for its revision; true when it gave a QuerySet. */
    public boolean applyText(String text) {
        stopTyping();
        String value = text == null ? "" : text;
        editorText.set(value);
        awaitedText = document.editText(value);
        document.settle();
        return editorError.get() == null;
    }

    /** Applies an edit still waiting for its pause or parse (before a run); true when the editor's text is good. */
    public boolean flushEdit() {
        if (typing()) {
            return applyText(editorText.get());
        }
        if (editPending.get()) {
            document.settle();
        }
        return editorError.get() == null;
    }

    /**
     * Replaces the editor's text with the current QuerySet laid out (a step a line when long); a pending edit is
     * applied first, and a text with an error is left alone. True when the text was replaced.
     */
    public boolean formatText() {
        if (!flushEdit() || querySet.get() == null) {
            return false;
        }
        editorText.set(layout(querySet.get()));
        return true;
    }

    /** The QuerySet as the editor lays it out (see {@link DjangoLayout#layout}). */
    public static String layout(QuerySet qs) {
        return DjangoLayout.layout(qs);
    }

    /** Typing not yet in the history: pending, or a text that did not parse. */
    private boolean typedChanges() {
        return editPending.get() || editorError.get() != null;
    }

    /**
     * Ctrl+Z from anywhere (the editor, the canvas, the menu): typing not yet in the history is taken back first
     * (the editor shows the current design again), else the last canvas or text change. Waits for the revision.
     */
    public boolean undo() {
        if (typedChanges()) {
            boolean submitted = awaitedText != 0 || editorError.get() != null;
            stopTyping();
            if (submitted) {
                document.discardText();
                document.settle();
            } else {
                show(document.current());
            }
            return true;
        }
        boolean done = document.undo();
        document.settle();
        return done;
    }

    /** Ctrl+Shift+Z / Ctrl+Y: typing in progress is applied first, then the next undone change comes back. */
    public boolean redo() {
        if (typedChanges()) {
            return false;
        }
        boolean done = document.redo();
        document.settle();
        return done;
    }

    public boolean canUndo() {
        return typedChanges() || document.canUndo();
    }

    public boolean canRedo() {
        return !typedChanges() && document.canRedo();
    }

    /** What Ctrl+Z would take back ("typing", "Add filter", "Edit Django text"), or "". */
    public String undoName() {
        return typedChanges() ? "typing" : document.undoName().orElse("");
    }

    public String redoName() {
        return typedChanges() ? "" : document.redoName().orElse("");
    }

    // ---------------------------------------------------------------- compiling

    /** The plan of the current QuerySet for a dialect (the connection's, when running). */
    public QueryPlan planFor(Dialect d) {
        Revision r = revision.get();
        if (r.plan() != null && r.settings().dialect() == d && r.settings().schema() == schema.get()) {
            return r.plan();
        }
        return SqlCompiler.plan(schema.get(), querySet.get(), d);
    }

    /** The main statement of the current QuerySet for a dialect. */
    public CompiledQuery compileFor(Dialect d) {
        return planFor(d).statements().get(0);
    }

    public boolean hasQuery() {
        return schema.get() != null && querySet.get() != null;
    }

    public void dispose() {
        if (debounce != null) {
            debounce.stop();
        }
        document.close();
    }

    // ---------------------------------------------------------------- properties

    /** The document every panel projects. */
    public QueryDocument document() {
        return document;
    }

    /** The revision shown: set after the properties below, so a listener to it sees them all in step. */
    public ReadOnlyObjectProperty<Revision> revisionProperty() {
        return revision.getReadOnlyProperty();
    }

    public ObjectProperty<Schema> schemaProperty() {
        return schema;
    }

    /** The current (last good) QuerySet, as the document has it; change it with the document's commands. */
    public ReadOnlyObjectProperty<QuerySet> querySetProperty() {
        return querySet.getReadOnlyProperty();
    }

    public ObjectProperty<Dialect> dialectProperty() {
        return dialect;
    }

    /** Show parameters as literals in the SQL text (for reading; runs always bind them). */
    public BooleanProperty inlineValuesProperty() {
        return inlineValues;
    }

    /** The current QuerySet's plan for the shown dialect, or null when it does not compile. */
    public ReadOnlyObjectProperty<QueryPlan> planProperty() {
        return plan.getReadOnlyProperty();
    }

    /** The main statement for the shown dialect, or null when it does not compile. */
    public ReadOnlyObjectProperty<CompiledQuery> compiledProperty() {
        return compiled.getReadOnlyProperty();
    }

    /** The SQL panel's text and which characters of it each canvas node wrote, together. */
    public ReadOnlyObjectProperty<SqlDisplay.Shown> sqlProperty() {
        return sql.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty sqlTextProperty() {
        return sqlText.getReadOnlyProperty();
    }

    /** {@code SQLite · 2 statements · 1 parameter}. */
    public ReadOnlyStringProperty paramsTextProperty() {
        return paramsText.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<List<ParamRow>> paramsProperty() {
        return params.getReadOnlyProperty();
    }

    /** The current QuerySet printed canonically ({@code DjangoPrinter}); empty when there is none. */
    public ReadOnlyStringProperty djangoTextProperty() {
        return djangoText.getReadOnlyProperty();
    }

    /** The Django editor's text: as typed, or the QuerySet printed when it was replaced from elsewhere. */
    public ReadOnlyStringProperty editorTextProperty() {
        return editorText.getReadOnlyProperty();
    }

    /** Why the editor's text gives no QuerySet, or null when it is good. */
    public ReadOnlyObjectProperty<EditorError> editorErrorProperty() {
        return editorError.getReadOnlyProperty();
    }

    public EditorError editorError() {
        return editorError.get();
    }

    /** An edit is waiting for its pause or its parse. */
    public ReadOnlyBooleanProperty editPendingProperty() {
        return editPending.getReadOnlyProperty();
    }

    /** The open design's export choices; null is taken as none made. */
    public ObjectProperty<ExportOptions> exportOptionsProperty() {
        return exportOptions;
    }

    public StringProperty designNameProperty() {
        return designName;
    }

    public ReadOnlyStringProperty javaTextProperty() {
        return javaText.getReadOnlyProperty();
    }

    /** The whole chain in one line (empty when there is no QuerySet). */
    public ReadOnlyStringProperty pipelineTitleProperty() {
        return pipelineTitle.getReadOnlyProperty();
    }

    /** The chain a step a line: {@code Author.objects}, then {@code .annotate(...)}, {@code .filter(...)}. */
    public ReadOnlyObjectProperty<List<String>> pipelineStepsProperty() {
        return pipelineSteps.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty pipelineDetailProperty() {
        return pipelineDetail.getReadOnlyProperty();
    }

    /** Why the current QuerySet does not compile for the shown dialect, or null. */
    public ReadOnlyStringProperty compileErrorProperty() {
        return compileError.getReadOnlyProperty();
    }

    @Override
    public String toString() {
        return "QueryViewModel[" + Objects.toString(querySet.get()) + "]";
    }
}
