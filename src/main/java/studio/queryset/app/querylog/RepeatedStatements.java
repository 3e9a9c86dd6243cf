package studio.queryset.app.querylog;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The N+1 counter of one run in the query log: how many statements it ran and the largest group of them that
 * share one shape (the same SQL text, only the bound values differ). A shape repeated for every row is the
 * signature of lazy loading: {@code SELECT ... FROM author WHERE id = ?} fifty times after the posts.
 *
 * @param run        the run's number in the log
 * @param statements how many statements it ran
 * @param repeated   how many of them share the most frequent shape (1 when none repeats)
 * @param cause      the cause of the first statement of that shape ({@code naive: lazy load of post.author})
 * @param sql        that shape's SQL
 */
public record RepeatedStatements(int run, int statements, int repeated, String cause, String sql) {

    /** A shape that runs this many times or more in one run is flagged as N+1. */
    public static final int THRESHOLD = 3;

    /** The counter of the latest run in the log, or null for an empty log. */
    public static RepeatedStatements ofLatestRun(List<QueryLogEntry> log) {
        if (log.isEmpty()) {
            return null;
        }
        return ofRun(log, log.get(log.size() - 1).run());
    }

    /** The counter of one run (its entries may be anywhere in the log). */
    public static RepeatedStatements ofRun(List<QueryLogEntry> log, int run) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        Map<String, String> causes = new LinkedHashMap<>();
        int total = 0;
        for (QueryLogEntry e : log) {
            if (e.run() != run) {
                continue;
            }
            total++;
            counts.merge(e.sql(), 1, Integer::sum);
            causes.putIfAbsent(e.sql(), e.cause());
        }
        String top = null;
        int most = 0;
        for (Map.Entry<String, Integer> c : counts.entrySet()) {
            if (c.getValue() > most) {
                top = c.getKey();
                most = c.getValue();
            }
        }
        return new RepeatedStatements(run, total, most, top == null ? "" : causes.get(top), top == null ? "" : top);
    }

    /** True when one shape repeats often enough to be lazy loading row by row. */
    public boolean isNPlusOne() {
        return repeated >= THRESHOLD;
    }

    /** {@code Run #4: 51 statements · N+1: 50 × the same statement (naive: lazy load of post.author)}. */
    public String describe() {
        String head = String.format(Locale.ROOT, "Run #%d: %d statement%s", run, statements,
                statements == 1 ? "" : "s");
        if (!isNPlusOne()) {
            return head + " · no repeated statement";
        }
        return head + " · N+1: " + repeated + " × the same statement (" + cause + ")";
    }
}
