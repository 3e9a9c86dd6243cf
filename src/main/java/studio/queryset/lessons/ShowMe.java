package studio.queryset.lessons;

import java.util.List;

/** What a step's "Show me" button does in the window; the app carries it out. */
public sealed interface ShowMe {
    /** The button's text. */
    String label();

    /** Replaces the query with this Django text (undoable, like typing it). */
    record SetQuery(String label, String django) implements ShowMe { }

    /** Runs the current query (Ctrl+Enter). */
    record Run(String label) implements ShowMe { }

    /** Runs the N+1 comparison with these relations ticked. */
    record CompareNPlusOne(String label, List<String> touches) implements ShowMe {
        public CompareNPlusOne {
            touches = List.copyOf(touches);
        }
    }

    /** Runs the race lesson on a scratch copy of the SQLite sample. */
    record RunRace(String label) implements ShowMe { }
}
