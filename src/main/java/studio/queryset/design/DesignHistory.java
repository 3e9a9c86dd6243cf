package studio.queryset.design;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * Undo and redo over Design snapshots. Every user action is a named command from one Design to the next;
 * because Designs are immutable, undoing restores the exact previous document. Consecutive moves of the same
 * node merge into one step so dragging does not flood the history.
 */
public final class DesignHistory {
    /** A command as it happened: its name, the key later commands merge into it by (or null), before and after. */
    public record Entry(String name, String mergeKey, Design before, Design after) { }

    private static final int LIMIT = 500;
    private final Deque<Entry> undo = new ArrayDeque<>();
    private final Deque<Entry> redo = new ArrayDeque<>();
    private Design current;

    public DesignHistory(Design initial) {
        this.current = initial;
    }

    public Design current() {
        return current;
    }

    /** Applies a command; {@code mergeKey} non-null merges it with the previous command of the same key. */
    public Design apply(String name, Design next, String mergeKey) {
        if (next.equals(current)) {
            return current;
        }
        Entry last = undo.peek();
        if (mergeKey != null && last != null && mergeKey.equals(last.mergeKey())) {
            undo.pop();
            undo.push(new Entry(name, mergeKey, last.before(), next));
        } else {
            // the name is what Undo says ("Undo Move"); the key only groups the steps of one drag
            undo.push(new Entry(name, mergeKey, current, next));
            if (undo.size() > LIMIT) {
                undo.removeLast();
            }
        }
        redo.clear();
        current = next;
        return current;
    }

    public Design apply(String name, Design next) {
        return apply(name, next, null);
    }

    public boolean canUndo() {
        return !undo.isEmpty();
    }

    public boolean canRedo() {
        return !redo.isEmpty();
    }

    public Optional<String> undoName() {
        return Optional.ofNullable(undo.peek()).map(Entry::name);
    }

    /** The merge key of the step Undo would take back (a drag's key), or empty. */
    public Optional<String> undoMergeKey() {
        return Optional.ofNullable(undo.peek()).map(Entry::mergeKey);
    }

    public Optional<String> redoName() {
        return Optional.ofNullable(redo.peek()).map(Entry::name);
    }

    public Design undo() {
        Entry e = undo.poll();
        if (e != null) {
            redo.push(e);
            current = e.before();
        }
        return current;
    }

    /** Forgets what redo would bring back (an undone step that was only a means, such as a reverted drag). */
    public void dropRedo() {
        redo.clear();
    }

    public Design redo() {
        Entry e = redo.poll();
        if (e != null) {
            undo.push(e);
            current = e.after();
        }
        return current;
    }
}
