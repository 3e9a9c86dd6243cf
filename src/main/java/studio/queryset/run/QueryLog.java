package studio.queryset.run;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** Every statement a run executes, in order; listeners (the GUI's log panel) see each as it lands. */
public final class QueryLog {
    private final List<LoggedStatement> entries = new CopyOnWriteArrayList<>();
    private final List<Consumer<LoggedStatement>> listeners = new CopyOnWriteArrayList<>();

    public void add(LoggedStatement s) {
        entries.add(s);
        for (Consumer<LoggedStatement> l : listeners) {
            l.accept(s);
        }
    }

    public List<LoggedStatement> entries() {
        return new ArrayList<>(entries);
    }

    public void onStatement(Consumer<LoggedStatement> listener) {
        listeners.add(listener);
    }

    public void clear() {
        entries.clear();
    }
}
