package studio.queryset.app.canvas.inspector;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;
import studio.queryset.app.canvas.inspector.FormField.Choice;
import studio.queryset.app.canvas.inspector.FormField.Kind;
import studio.queryset.app.canvas.inspector.FormField.Place;
import studio.queryset.design.edit.Edit;
import studio.queryset.query.NodePath;
import studio.queryset.query.QueryException;
import studio.queryset.query.QuerySet;

/**
 * The view-model of one inspector: the fields of the selected node, the actions next to them (add an argument,
 * wrap in NOT) and a hint. Every change goes through {@link FormHost#commit}, so it is an undo step like any
 * canvas command; there is nothing to apply. FX-free: the view binds to it and calls {@link #sync} when the
 * document shows a new revision.
 */
public final class Form {
    private static final AtomicLong RUNS = new AtomicLong();

    /** A button of the form: a command on the node, committed at once. */
    public record Action(String id, String label, Function<QuerySet, Edit> edit) { }

    private final FormHost host;
    private final String kind;
    private NodePath path;
    private final List<FormField> fields = new ArrayList<>();
    private final List<Action> actions = new ArrayList<>();
    private final List<Runnable> listeners = new ArrayList<>();
    private Supplier<String> hint = () -> "";
    private Supplier<String> shape = () -> "";
    private String shapeBuilt = "";
    private String actionError;
    private FormField committing;
    private boolean busy;

    Form(FormHost host, String kind, NodePath path) {
        this.host = host;
        this.kind = kind;
        this.path = path;
    }

    // ---------------------------------------------------------------- building (the per-node factories)

    FormField add(String id, String label, Kind kind, Place place, Supplier<List<Choice>> choices,
                  Function<QuerySet, String> read, BiFunction<QuerySet, String, Edit> write) {
        return add(id, label, kind, place, choices, read, write, () -> true);
    }

    FormField add(String id, String label, Kind kind, Place place, Supplier<List<Choice>> choices,
                  Function<QuerySet, String> read, BiFunction<QuerySet, String, Edit> write, BooleanSupplier visible) {
        FormField f = new FormField(this, id, label, kind, place, choices, read, write, visible);
        fields.add(f);
        return f;
    }

    void action(String id, String label, Function<QuerySet, Edit> edit) {
        actions.add(new Action(id, label, edit));
    }

    void hint(Supplier<String> text) {
        hint = text;
    }

    /** What, besides the node and its kind, makes the view rebuild: how many arguments, Whens, picks .... */
    void shape(Supplier<String> s) {
        shape = s;
        shapeBuilt = s.get();
    }

    // ---------------------------------------------------------------- reading

    public FormHost host() {
        return host;
    }

    /** The node edited (it follows a rename: {@code s1.n.score} becomes {@code s1.n.rating}). */
    public NodePath path() {
        return path;
    }

    /** The kind of form (lookup, group, stage, expression, frame, prefetch, raw). */
    public String kind() {
        return kind;
    }

    public List<FormField> fields() {
        return List.copyOf(fields);
    }

    public FormField field(String id) {
        return fields.stream().filter(f -> f.id().equals(id)).findFirst().orElse(null);
    }

    public List<Action> actions() {
        return List.copyOf(actions);
    }

    public String hint() {
        try {
            return hint.get();
        } catch (RuntimeException e) {
            return "";
        }
    }

    /** Why the last action was refused, or null. */
    public String actionError() {
        return actionError;
    }

    /** A commit of this form is under way: the selection and the graph may change under it meanwhile. */
    public boolean busy() {
        return busy;
    }

    /** The form still fits the query (same fields): the view updates values in place instead of rebuilding. */
    public boolean fits() {
        try {
            return shape.get().equals(shapeBuilt);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Any field holds text that is not committed (invalid, or waiting for its pause). */
    public boolean pending() {
        return fields.stream().anyMatch(FormField::pending);
    }

    // ---------------------------------------------------------------- changes

    /** Called on every change of a field's text, error or the form's values. */
    public void addListener(Runnable r) {
        listeners.add(r);
    }

    /** The query changed (a commit, undo, an edit elsewhere): every field follows what it shows. */
    public void sync() {
        QuerySet q = host.query();
        for (FormField f : fields) {
            f.sync(q, committing);
        }
        changed();
    }

    /** Runs an action as one undo step. */
    public boolean run(Action a) {
        Edit edit;
        try {
            edit = a.edit().apply(host.query());
        } catch (QueryException e) {
            actionError = message(e);
            changed();
            return false;
        } catch (RuntimeException e) {
            actionError = e.getMessage();
            changed();
            return false;
        }
        actionError = commitEdit(null, edit, null);
        sync();
        return actionError == null;
    }

    String commit(FormField field, Edit edit, String mergeKey) {
        String refused = commitEdit(field, edit, mergeKey);
        if (refused == null) {
            committing = field;
            try {
                sync();
            } finally {
                committing = null;
            }
        }
        return refused;
    }

    private String commitEdit(FormField field, Edit edit, String mergeKey) {
        busy = true;
        try {
            String refused = host.commit(edit, mergeKey);
            if (refused == null) {
                actionError = null;
                if (edit.selectAfter() != null) {
                    path = edit.selectAfter();
                }
            }
            return refused;
        } finally {
            busy = false;
        }
    }

    String newRunKey(String fieldId) {
        return "inspector:" + fieldId + ":" + RUNS.incrementAndGet();
    }

    void changed() {
        for (Runnable r : List.copyOf(listeners)) {
            r.run();
        }
    }

    /** An error as Django words it: {@code FieldError: Cannot resolve keyword ...}. */
    static String message(QueryException e) {
        return e.kind() + ": " + e.getMessage();
    }
}
