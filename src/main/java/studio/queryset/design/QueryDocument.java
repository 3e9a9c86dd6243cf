package studio.queryset.design;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import studio.queryset.design.Revision.Cause;
import studio.queryset.design.Revision.Settings;
import studio.queryset.query.QuerySet;

/**
 * The one owner of the window's query: a {@link DesignHistory} of canvas commands and Django text edits alike,
 * and the {@link Revision} every panel shows. Each change bumps the generation and hands a job to the
 * document's own worker thread, which builds the revision (parse, graph, compile, SQL, Java, findings) once;
 * the result comes back through the injected {@code deliver} executor (the FX thread in the app, the caller in
 * tests) and is shown only if no newer change was asked for meanwhile, so a stale revision never overwrites a
 * newer one. A card move reuses what the current revision computed.
 *
 * <p>Commands are called on one thread, the owner's (the one {@code deliver} runs on). {@link #settle()} waits
 * for the newest revision, for callers that need it at once (a command that selects the node it added).
 */
public final class QueryDocument implements AutoCloseable {
    private final Executor deliver;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "qss-document");
        t.setDaemon(true);
        return t;
    });
    /** Builds the Java snippet while the worker builds the rest of the revision. */
    private final ExecutorService side = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "qss-document-java");
        t.setDaemon(true);
        return t;
    });
    private final List<Consumer<Revision>> listeners = new CopyOnWriteArrayList<>();
    private DesignHistory history = new DesignHistory(Design.of("untitled", null));
    private Settings settings;
    /** The newest generation asked for; only its revision is shown. */
    private long requested;
    private Revision current;
    private CompletableFuture<Revision> pending = CompletableFuture.completedFuture(null);

    public QueryDocument(Settings settings, Executor deliver) {
        this.settings = settings;
        this.deliver = deliver;
        this.current = Revisions.of(0, Cause.LOAD, history.current(), settings, Runnable::run); // no query: no work
    }

    // ---------------------------------------------------------------- commands

    /** Starts over on a design (New, Open, a sample, recovery): no undo step of what was shown before. */
    public synchronized void load(Design d) {
        history = new DesignHistory(d == null || d.query() == null ? Design.of("untitled", null) : d);
        compute(Cause.LOAD);
    }

    /**
     * Applies a command (its new design); {@code mergeKey} non-null merges it into the previous command of the same
     * key (the steps of one drag). False when nothing changed. The first query of an empty document is no undo
     * step: there is nothing to go back to.
     */
    public synchronized boolean apply(String name, Design next, String mergeKey) {
        Design before = history.current();
        if (next.equals(before)) {
            return false;
        }
        if (before.query() == null) {
            history = new DesignHistory(next);
        } else {
            history.apply(name, next, mergeKey);
        }
        changed(before, Cause.COMMAND);
        return true;
    }

    /** A new query replacing the design (a model picked): on another model it starts with fresh positions. */
    public boolean startOver(QuerySet qs) {
        Design d = design();
        Design next = d.query() != null && d.query().model().equals(qs.model()) ? d.withQuery(qs)
                : Design.of("untitled", qs);
        return apply("New query on " + qs.model(), next, null);
    }

    /**
     * The Django editor's text: parsed and compiled on the worker; when it gives a new query the revision's design
     * becomes a history entry ("Edit Django text") as it is shown, else the revision carries the error and the
     * last good query. Returns the generation that will show it.
     */
    public synchronized long editText(String text) {
        String value = text == null ? "" : text;
        long gen = ++requested;
        Design base = history.current();
        Settings s = settings;
        Revision previous = current;
        submit(() -> Revisions.ofText(gen, base, value, s, previous, side));
        return gen;
    }

    /** Drops editor text that did not parse: the editor shows the current design again. */
    public synchronized void discardText() {
        if (current.parseError() != null || requested != current.generation()) {
            compute(Cause.TEXT);
        }
    }

    public synchronized boolean undo() {
        if (!history.canUndo()) {
            return false;
        }
        Design before = history.current();
        history.undo();
        changed(before, Cause.UNDO);
        return true;
    }

    public synchronized boolean redo() {
        if (!history.canRedo()) {
            return false;
        }
        Design before = history.current();
        history.redo();
        changed(before, Cause.REDO);
        return true;
    }

    /** Takes back the card move of drag {@code dragKey} without leaving a redo step (the drag was a drop). */
    public synchronized boolean revertMove(String dragKey) {
        if (dragKey == null || !dragKey.equals(history.undoMergeKey().orElse(null))) {
            return false;
        }
        Design before = history.current();
        history.undo();
        history.dropRedo();
        changed(before, Cause.MOVE);
        return true;
    }

    /** Schema, dialect, inlined values, export choices or name changed: a new revision of the same design. */
    public synchronized void configure(Settings s) {
        if (s.equals(settings)) {
            return;
        }
        settings = s;
        if (current.parseError() != null) {
            // the text in the editor is kept, and read again with the new schema
            editText(current.source());
        } else {
            compute(Cause.SETTINGS);
        }
    }

    /** Waits for the newest revision and shows it (listeners run on this thread); returns it. */
    public Revision settle() {
        CompletableFuture<Revision> job;
        synchronized (this) {
            job = pending;
        }
        try {
            Revision r = job.get();
            if (r != null) {
                show(r);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            // its delivery raises it on the owner's thread; the revision shown stays the last one built
        }
        return current();
    }

    // ---------------------------------------------------------------- publishing

    private void changed(Design before, Cause cause) {
        Design now = history.current();
        boolean sameQuery = java.util.Objects.equals(before.query(), now.query());
        if (sameQuery && requested == current.generation() && current.parseError() == null
                && current.design().query() == before.query()) {
            // positions, notes or params only: what the current revision computed still holds
            show(current.withDesign(++requested, cause == Cause.COMMAND ? Cause.MOVE : cause, now));
        } else {
            compute(cause);
        }
    }

    private void compute(Cause cause) {
        long gen = ++requested;
        Design d = history.current();
        Settings s = settings;
        submit(() -> Revisions.of(gen, cause, d, s, side));
    }

    private void submit(java.util.function.Supplier<Revision> job) {
        CompletableFuture<Revision> f = CompletableFuture.supplyAsync(job, worker);
        pending = f;
        f.whenComplete((r, failure) -> deliver.execute(() -> {
            if (failure != null) {
                // a bug of ours: raised on the owner's thread, where the app reports unexpected errors; the next
                // change builds its revision as usual
                throw new IllegalStateException("building a revision failed", failure);
            }
            show(r);
        }));
    }

    /**
     * Shows a revision if it is the newest asked for and not shown yet; a text edit's query enters the history.
     * Listeners run under the lock, so a revision is never half shown when another thread settles.
     */
    private synchronized void show(Revision r) {
        if (r.generation() != requested || r.generation() <= current.generation()) {
            return; // a newer change is on its way, or this one is shown already
        }
        if (r.cause() == Cause.TEXT && r.parseError() == null && r.design() != history.current()) {
            Design before = history.current();
            if (before.query() == null) {
                history = new DesignHistory(r.design());
            } else {
                boolean otherModel = !before.query().model().equals(r.design().query().model());
                history.apply(otherModel ? "New query on " + r.design().query().model() : "Edit Django text",
                        r.design(), null);
            }
        }
        current = r;
        for (Consumer<Revision> l : listeners) {
            l.accept(r);
        }
    }

    // ---------------------------------------------------------------- state

    /** Called with every revision shown, on the thread that shows it (the owner's). */
    public void addListener(Consumer<Revision> listener) {
        listeners.add(listener);
    }

    /** The revision shown now. */
    public synchronized Revision current() {
        return current;
    }

    /** The design as it stands (commands apply to it even while its revision is being built). */
    public synchronized Design design() {
        return history.current();
    }

    public synchronized Settings settings() {
        return settings;
    }

    /** A change was asked for whose revision is not shown yet. */
    public synchronized boolean busy() {
        return requested != current.generation();
    }

    public synchronized boolean canUndo() {
        return history.canUndo();
    }

    public synchronized boolean canRedo() {
        return history.canRedo();
    }

    public synchronized Optional<String> undoName() {
        return history.undoName();
    }

    public synchronized Optional<String> redoName() {
        return history.redoName();
    }

    @Override
    public void close() {
        worker.shutdownNow();
        side.shutdownNow();
    }
}
