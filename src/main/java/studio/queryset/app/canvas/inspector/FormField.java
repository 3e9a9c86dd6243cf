package studio.queryset.app.canvas.inspector;

import java.util.List;
import java.util.function.BiFunction;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;
import studio.queryset.design.edit.Edit;
import studio.queryset.query.QueryException;
import studio.queryset.query.QuerySet;

/**
 * One field of an inspector form: the text the user sees, the text the query gives it, and the error of the
 * text when it does not make a valid edit. A choice or a tick commits at once; typed text commits when the view
 * says (a pause, Enter, focus leaving), and every commit of one run of typing merges into one undo step. Invalid
 * text is never committed and never dropped: it stays with its error until it is fixed or {@link #revert}ed.
 */
public final class FormField {
    /** How the view shows a field. */
    public enum Kind {
        /** one line of text */
        TEXT,
        /** several lines (raw SQL) */
        AREA,
        /** text with suggestions to pick from (paths, lookups, names) */
        COMBO,
        /** one of a fixed list */
        CHOICE,
        /** a tick box; its text is "true" or "false" */
        CHECK
    }

    /** Where the view puts it: a row with its label, on the row before it, or among the tick boxes before it. */
    public enum Place { ROW, INLINE, FLOW }

    /** A suggestion: the text it puts in the field and what the list shows ({@code author__name  CharField}). */
    public record Choice(String value, String label) {
        public static List<Choice> plain(List<String> values) {
            return values.stream().map(v -> new Choice(v, v)).toList();
        }
    }

    private final Form form;
    private final String id;
    private final String label;
    private final Kind kind;
    private final Place place;
    private final Supplier<List<Choice>> choices;
    private final Function<QuerySet, String> read;
    private final BiFunction<QuerySet, String, Edit> write;
    private final BooleanSupplier visible;
    private String text;
    /** The text the query gave this field when it was last read. */
    private String shown;
    private String error;
    /** The merge key of the current run of typing; null between runs. */
    private String run;

    FormField(Form form, String id, String label, Kind kind, Place place, Supplier<List<Choice>> choices,
              Function<QuerySet, String> read, BiFunction<QuerySet, String, Edit> write, BooleanSupplier visible) {
        this.form = form;
        this.id = id;
        this.label = label;
        this.kind = kind;
        this.place = place;
        this.choices = choices;
        this.read = read;
        this.write = write;
        this.visible = visible;
        this.shown = read(form.host().query());
        this.text = shown;
    }

    public String id() {
        return id;
    }

    public String label() {
        return label;
    }

    public Kind kind() {
        return kind;
    }

    public Place place() {
        return place;
    }

    /** The suggestions as the query stands (a lookup's choices follow its field's type). */
    public List<Choice> choices() {
        try {
            return List.copyOf(choices.get());
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    public String text() {
        return text;
    }

    /** Why the text is not committed, or null. */
    public String error() {
        return error;
    }

    public boolean visible() {
        return visible.getAsBoolean();
    }

    /** The text differs from what the query says (typed and not committed yet, or invalid). */
    public boolean pending() {
        return !text.equals(shown);
    }

    /** A tick box's state. */
    public boolean checked() {
        return Boolean.parseBoolean(text);
    }

    /**
     * The user changed the field: the text is checked at once (its error shown, or cleared); a choice or a tick
     * is committed at once, typed text waits for {@link #commit}.
     */
    public void edit(String newText) {
        String t = newText == null ? "" : newText;
        if (t.equals(text)) {
            return;
        }
        text = t;
        if (kind == Kind.CHOICE || kind == Kind.CHECK) {
            commit();
            run = null;
        } else {
            error = text.equals(shown) ? null : problem(text);
            form.changed();
        }
    }

    /** Commits the text if it is valid and new; false (with the error kept) when it is not valid. */
    public boolean commit() {
        if (!pending()) {
            error = null;
            form.changed();
            return true;
        }
        QuerySet q = form.host().query();
        Edit edit;
        try {
            edit = write.apply(q, text);
        } catch (QueryException e) {
            error = Form.message(e);
            form.changed();
            return false;
        } catch (RuntimeException e) {
            error = e.getMessage() == null ? e.toString() : e.getMessage();
            form.changed();
            return false;
        }
        boolean typing = kind != Kind.CHOICE && kind != Kind.CHECK;
        if (typing && run == null) {
            run = form.newRunKey(id);
        }
        String refused = form.commit(this, edit, typing ? run : null);
        error = refused;
        form.changed();
        return refused == null;
    }

    /** Ends the run of typing: the next commit is an undo step of its own (Enter, focus leaving, Esc). */
    public void finish() {
        run = null;
    }

    /** Esc: back to what the query says, the error gone. */
    public void revert() {
        text = shown;
        error = null;
        run = null;
        form.changed();
    }

    /**
     * The query changed: the field follows it unless the change is this field's own commit (the user's spelling
     * and caret stay) or the query did not change what the field shows (an invalid text is kept, with its error).
     */
    void sync(QuerySet q, FormField committing) {
        String now = read(q);
        if (now.equals(shown)) {
            return;
        }
        shown = now;
        if (committing == this || text.equals(now)) {
            error = null;
            return;
        }
        text = now;
        error = null;
        run = null;
    }

    private String read(QuerySet q) {
        try {
            String s = q == null ? "" : read.apply(q);
            return s == null ? "" : s;
        } catch (RuntimeException e) {
            return ""; // the part is gone (undone or deleted); the view rebuilds for what is selected now
        }
    }

    /** The error {@code t} would give if committed now, or null. */
    private String problem(String t) {
        try {
            write.apply(form.host().query(), t);
            return null;
        } catch (QueryException e) {
            return Form.message(e);
        } catch (RuntimeException e) {
            return e.getMessage() == null ? e.toString() : e.getMessage();
        }
    }
}
