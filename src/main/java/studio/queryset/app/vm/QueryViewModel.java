package studio.queryset.app.vm;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
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
import studio.queryset.django.DjangoParser;
import studio.queryset.django.DjangoPrinter;
import studio.queryset.query.QueryException;
import studio.queryset.query.QuerySet;
import studio.queryset.schema.Model;
import studio.queryset.schema.Schema;
import studio.queryset.schema.SchemaException;
import studio.queryset.sql.CompiledQuery;
import studio.queryset.codegen.ExportOptions;
import studio.queryset.sql.Dialect;
import studio.queryset.design.NodeSpans;
import studio.queryset.sql.QueryPlan;
import studio.queryset.sql.SqlCompiler;

/**
 * The current QuerySet and everything shown for it: the Django text being edited, the SQL for the chosen
 * dialect with its parameters, the Java the design exports to and the pipeline on the canvas.
 *
 * <p>The Django editor is the way in: {@link #edit} takes the text as typed and, 250 ms after the last
 * keystroke, parses and compiles it off the FX thread. When that works the parsed QuerySet becomes the current
 * one (the text stays as typed); when it does not, {@link #editorErrorProperty()} says what and where, and the
 * last good QuerySet stays. Setting {@link #querySetProperty()} from elsewhere (the schema browser) replaces
 * the editor text with the QuerySet printed. Commands are called on the FX thread; properties change on it.
 */
public final class QueryViewModel {
    static final Duration DEBOUNCE = Duration.millis(250);
    /** Printed QuerySets longer than this are laid out a step a line in the editor. */
    private static final int LINE = 60;
    /** A step longer than this gets a line per top-level argument or Q operand. */
    private static final int LONG_STEP = 200;

    private final ObjectProperty<Schema> schema = new SimpleObjectProperty<>(this, "schema");
    private final ObjectProperty<QuerySet> querySet = new SimpleObjectProperty<>(this, "querySet");
    private final ObjectProperty<Dialect> dialect = new SimpleObjectProperty<>(this, "dialect", Dialect.SQLITE);
    private final BooleanProperty inlineValues = new SimpleBooleanProperty(this, "inlineValues");
    private final ReadOnlyObjectWrapper<QueryPlan> plan = new ReadOnlyObjectWrapper<>(this, "plan");
    private final ReadOnlyObjectWrapper<CompiledQuery> compiled = new ReadOnlyObjectWrapper<>(this, "compiled");
    private final ReadOnlyStringWrapper sqlText = new ReadOnlyStringWrapper(this, "sqlText");
    /** Which characters of {@link #sqlText} each canvas node wrote; set just before the text changes. */
    private final ReadOnlyObjectWrapper<NodeSpans> sqlSpans = new ReadOnlyObjectWrapper<>(this, "sqlSpans",
            NodeSpans.NONE);
    private final ReadOnlyStringWrapper paramsText = new ReadOnlyStringWrapper(this, "paramsText", "");
    private final ReadOnlyObjectWrapper<List<ParamRow>> params = new ReadOnlyObjectWrapper<>(this, "params",
            List.of());
    private final ReadOnlyStringWrapper djangoText = new ReadOnlyStringWrapper(this, "djangoText", "");
    private final ReadOnlyStringWrapper editorText = new ReadOnlyStringWrapper(this, "editorText", "");
    private final ReadOnlyObjectWrapper<EditorError> editorError = new ReadOnlyObjectWrapper<>(this, "editorError");
    private final ReadOnlyBooleanWrapper editPending = new ReadOnlyBooleanWrapper(this, "editPending");
    private final ReadOnlyStringWrapper javaText = new ReadOnlyStringWrapper(this, "javaText");
    /** The export choices of the open design (the Java tab shows what they export) and its name. */
    private final ObjectProperty<ExportOptions> exportOptions = new SimpleObjectProperty<>(this, "exportOptions",
            ExportOptions.DERIVED);
    private final StringProperty designName = new SimpleStringProperty(this, "designName");
    private final ReadOnlyStringWrapper pipelineTitle = new ReadOnlyStringWrapper(this, "pipelineTitle", "");
    private final ReadOnlyObjectWrapper<List<String>> pipelineSteps = new ReadOnlyObjectWrapper<>(this,
            "pipelineSteps", List.of());
    private final ReadOnlyStringWrapper pipelineDetail = new ReadOnlyStringWrapper(this, "pipelineDetail", "");
    private final ReadOnlyStringWrapper compileError = new ReadOnlyStringWrapper(this, "compileError");

    private ExecutorService parser;
    private PauseTransition debounce;
    /** Bumped by every edit and every replacement of the text: a parse of an older text is dropped. */
    private long generation;
    private boolean applyingFromEditor;
    private Analysis lastAnalysis;

    public QueryViewModel() {
        InvalidationListener replaced = o -> {
            if (!applyingFromEditor) {
                resetEditor();
            }
            recompile();
        };
        schema.addListener(replaced);
        querySet.addListener(replaced);
        dialect.addListener(o -> recompile());
        exportOptions.addListener(o -> recompile());
        designName.addListener(o -> recompile());
        inlineValues.addListener(o -> recompile());
        recompile();
    }

    /** What a text gives: a QuerySet with its plan for a dialect, or an error. */
    private record Analysis(String text, Schema schema, Dialect dialect, QuerySet querySet, QueryPlan plan,
                            EditorError error) {
    }

    // ---------------------------------------------------------------- editing

    /**
     * The editor's text changed (the user typed): remembered as typed, parsed after a pause. Calls with the text
     * already shown (the editor echoing a replacement) change nothing.
     */
    public void edit(String text) {
        String value = text == null ? "" : text;
        if (value.equals(editorText.get()) && !editPending.get()) {
            return;
        }
        editorText.set(value);
        generation++;
        editPending.set(true);
        if (debounce == null) {
            debounce = new PauseTransition(DEBOUNCE);
            debounce.setOnFinished(e -> parseInBackground());
        }
        debounce.playFromStart();
    }

    /** Parses and compiles the text now, on this thread, and applies the outcome; true when it gave a QuerySet. */
    public boolean applyText(String text) {
        String value = text == null ? "" : text;
        editorText.set(value);
        generation++;
        if (debounce != null) {
            debounce.stop();
        }
        apply(analyse(value, schema.get(), dialect.get()));
        return editorError.get() == null;
    }

    /** Applies an edit still waiting for its pause (before a run); true when the editor's text is good. */
    public boolean flushEdit() {
        if (editPending.get()) {
            return applyText(editorText.get());
        }
        return editorError.get() == null;
    }

    private void parseInBackground() {
        long gen = generation;
        String text = editorText.get();
        Schema s = schema.get();
        Dialect d = dialect.get();
        if (parser == null) {
            parser = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "qss-django-parser");
                t.setDaemon(true);
                return t;
            });
        }
        parser.execute(() -> {
            Analysis a = analyse(text, s, d);
            Platform.runLater(() -> {
                if (gen == generation) {
                    apply(a);
                }
            });
        });
    }

    private static Analysis analyse(String text, Schema s, Dialect d) {
        if (s == null) {
            return new Analysis(text, s, d, null, null, new EditorError("SchemaError",
                    "No schema is loaded, so there are no models to query. See Problems.", -1, 0, 0));
        }
        if (text.isBlank()) {
            return new Analysis(text, s, d, null, null, new EditorError("SyntaxError",
                    "Write a QuerySet, e.g. Post.objects.filter(title__icontains=\"django\")", -1, 0, 0));
        }
        try {
            QuerySet qs = DjangoParser.parse(text, s);
            QueryPlan p = SqlCompiler.plan(s, qs, d);
            return new Analysis(text, s, d, qs, p, null);
        } catch (QueryException e) {
            return new Analysis(text, s, d, null, null, ErrorLocator.locate(text, e.kind(), e.getMessage(),
                    e.position()));
        } catch (SchemaException e) {
            return new Analysis(text, s, d, null, null, ErrorLocator.locate(text, "FieldError", e.getMessage(), -1));
        } catch (RuntimeException e) {
            // a bug of ours: still said in one line, with what failed
            return new Analysis(text, s, d, null, null, new EditorError("InternalError",
                    e.getClass().getSimpleName() + ": " + e.getMessage(), -1, 0, 0));
        } catch (StackOverflowError | OutOfMemoryError e) {
            // pasted text too deep or too large for this thread: an error in the editor, the window lives on
            return new Analysis(text, s, d, null, null, new EditorError(
                    studio.queryset.run.ResourceErrors.kind(e), studio.queryset.run.ResourceErrors.message(e), -1, 0,
                    0));
        }
    }

    private void apply(Analysis a) {
        editPending.set(false);
        if (a.error() != null) {
            editorError.set(a.error());
            return;
        }
        lastAnalysis = a;
        editorError.set(null);
        applyingFromEditor = true;
        try {
            querySet.set(a.querySet());
        } finally {
            applyingFromEditor = false;
        }
    }

    private void resetEditor() {
        generation++;
        if (debounce != null) {
            debounce.stop();
        }
        editPending.set(false);
        editorError.set(null);
        QuerySet qs = querySet.get();
        editorText.set(qs == null ? "" : layout(qs));
    }

    /**
     * Replaces the editor's text with the current QuerySet laid out (a step a line when long); a pending edit is
     * applied first, and a text with an error is left alone. True when the text was replaced.
     */
    public boolean formatText() {
        if (!flushEdit() || querySet.get() == null) {
            return false;
        }
        resetEditor();
        return true;
    }

    /**
     * The QuerySet as Django text for the editor: one line when short, else wrapped in parentheses a step a
     * line, as Django code is usually written: {@code (Author.objects\n    .annotate(...)\n    .filter(...))}.
     */
    static String layout(QuerySet qs) {
        String printed = DjangoPrinter.print(qs);
        List<String> chain = steps(qs);
        if (printed.length() <= LINE || (chain.size() < 3 && printed.length() <= LONG_STEP)) {
            return printed;
        }
        StringBuilder out = new StringBuilder("(").append(chain.get(0));
        for (int i = 1; i < chain.size(); i++) {
            String step = chain.get(i);
            if (step.length() > LONG_STEP) {
                step = StepWrap.wrap(step, "        ");
            }
            out.append(step.startsWith("[") ? "" : "\n    ").append(step);
        }
        return out.append(')').toString();
    }

    // ---------------------------------------------------------------- compiling

    /** The plan of the current QuerySet for a dialect (the connection's, when running). */
    public QueryPlan planFor(Dialect d) {
        Analysis a = lastAnalysis;
        if (a != null && a.querySet() == querySet.get() && a.schema() == schema.get() && a.dialect() == d) {
            return a.plan();
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

    private void recompile() {
        QuerySet qs = querySet.get();
        Schema s = schema.get();
        if (qs == null || s == null) {
            plan.set(null);
            compiled.set(null);
            compileError.set(null);
            sqlSpans.set(NodeSpans.NONE);
            sqlText.set("-- Select a model in the schema browser, or write a QuerySet in the Django tab.");
            paramsText.set("");
            params.set(List.of());
            djangoText.set("");
            javaText.set("// Select a model in the schema browser, or write a QuerySet in the Django tab.");
            pipelineTitle.set("");
            pipelineSteps.set(List.of());
            pipelineDetail.set("");
            return;
        }
        String printed = DjangoPrinter.print(qs);
        djangoText.set(printed);
        javaText.set(ExportPreview.javaTab(s, dialect.get(), exportOptions.get(), designName.get(), qs));
        pipelineTitle.set(printed);
        pipelineSteps.set(steps(qs));
        Model m = s.findModel(qs.model()).orElse(null);
        pipelineDetail.set(m == null ? "unknown model" : m.table() + " · " + m.concreteFields().size() + " columns");
        Dialect d = dialect.get();
        try {
            QueryPlan p = planFor(d);
            plan.set(p);
            compiled.set(p.statements().get(0));
            compileError.set(null);
            // text first: the spans' listeners mark ranges of the text now shown
            SqlDisplay.Shown shown = SqlDisplay.shown(p, qs, d, inlineValues.get());
            sqlText.set(shown.text());
            sqlSpans.set(shown.spans());
            List<ParamRow> rows = SqlDisplay.params(p, d);
            params.set(List.copyOf(rows));
            int statements = p.statements().size();
            long bound = rows.stream().filter(r -> !r.type().equals("keys")).count();
            paramsText.set(d.displayName() + " · " + plural(statements, "statement") + " · "
                    + plural(bound, "parameter") + (inlineValues.get() && bound > 0
                    ? " · values inlined for reading; the run binds them" : ""));
        } catch (QueryException | SchemaException e) {
            failedToCompile(e instanceof QueryException q ? q.kind() : "FieldError", e.getMessage(), d);
        } catch (RuntimeException e) {
            failedToCompile("InternalError", e.getClass().getSimpleName() + ": " + e.getMessage(), d);
        }
    }

    private void failedToCompile(String kind, String message, Dialect d) {
        plan.set(null);
        compiled.set(null);
        String text = kind + ": " + (message == null ? "" : message);
        compileError.set(text + " (" + d.displayName() + ")");
        sqlSpans.set(NodeSpans.NONE);
        sqlText.set("-- This QuerySet does not compile for " + d.displayName() + ":\n-- " + text.replace("\n",
                "\n-- "));
        paramsText.set("");
        params.set(List.of());
    }

    private static String plural(long n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }

    /** The chain as the canvas node lists it: {@code Author.objects}, {@code .annotate(n=Count("posts"))}, ... */
    static List<String> steps(QuerySet qs) {
        List<String> out = new ArrayList<>();
        String base = qs.model() + ".objects";
        out.add(base);
        String previous = base;
        for (int i = 1; i <= qs.steps().size(); i++) {
            String printed = DjangoPrinter.print(new QuerySet(qs.model(), qs.steps().subList(0, i)));
            if (!printed.startsWith(previous)) {
                return List.of(DjangoPrinter.print(qs));
            }
            out.add(printed.substring(previous.length()));
            previous = printed;
        }
        if (qs.steps().isEmpty()) {
            out.add(".all()");
        }
        return List.copyOf(out);
    }

    public void dispose() {
        if (debounce != null) {
            debounce.stop();
        }
        if (parser != null) {
            parser.shutdownNow();
        }
    }

    // ---------------------------------------------------------------- properties

    public ObjectProperty<Schema> schemaProperty() {
        return schema;
    }

    /** The current (last good) QuerySet; setting it replaces the editor's text. */
    public ObjectProperty<QuerySet> querySetProperty() {
        return querySet;
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

    public ReadOnlyObjectProperty<NodeSpans> sqlSpansProperty() {
        return sqlSpans.getReadOnlyProperty();
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
