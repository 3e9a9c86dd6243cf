package studio.queryset.app.lessons;

import java.util.List;

/** What the lesson panel asks of the main window; the workbench carries it out with its own commands. */
public interface LessonActions {
    /** Replaces the query with Django text, as typing it would (undoable). */
    void setQuery(String django);

    /** Runs the current query (Ctrl+Enter). */
    void run();

    /** Runs the N+1 comparison of the current query with these relations ticked, and shows it. */
    void compare(List<String> touches);

    /**
     * Points at SQL fragments: marks them in the SQL panel and selects the canvas nodes that wrote them.
     * Returns how many fragments were found in the SQL shown now.
     */
    int highlight(List<String> fragments);
}
