package studio.queryset.lessons;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import studio.queryset.django.DjangoPrinter;
import studio.queryset.query.QuerySet;
import studio.queryset.run.NPlusOneComparison;
import studio.queryset.run.NaiveEvaluator;
import studio.queryset.schema.Model;
import studio.queryset.schema.Schema;
import studio.queryset.sql.Dialect;

/**
 * The N+1 comparison with the words around it: what each column is, and why the times differ. The optimized
 * column is "as written" only when the written query already loads every touched relation; otherwise it is the
 * query with the loading steps added, and its label names them ({@code with select_related("author") added}).
 *
 * @param touches         the relations the loop reads
 * @param comparison      both runs, as {@link NaiveEvaluator} measured them
 * @param asWritten       true when the optimized run is the query exactly as written
 * @param optimizedQuery  the Django text of the optimized run
 * @param addedJoins      touched paths the optimized run loads with select_related (empty when as written)
 * @param addedPrefetches touched paths it loads with prefetch_related
 */
public record NPlusOneReport(List<String> touches, NPlusOneComparison comparison, boolean asWritten,
                             String optimizedQuery, List<String> addedJoins, List<String> addedPrefetches) {
    public NPlusOneReport {
        touches = List.copyOf(touches);
        addedJoins = List.copyOf(addedJoins);
        addedPrefetches = List.copyOf(addedPrefetches);
    }

    /**
     * Runs {@code query} both ways on {@code conn}; the touched relations are added to the optimized run. With
     * no touches named, the loop is taken to read what the query itself loads (its select_related and
     * prefetch_related paths).
     */
    public static NPlusOneReport run(Schema schema, Connection conn, Dialect dialect, QuerySet query,
                                     List<String> named, Map<String, Object> params) {
        List<String> touches = named.isEmpty() ? LoopTouches.loaded(query) : named;
        QuerySet optimized = LoopTouches.apply(schema, query, touches);
        boolean asWritten = LoopTouches.loadsAll(query, touches);
        NPlusOneComparison c = new NaiveEvaluator(schema, conn, dialect).withParams(params).compare(optimized);
        List<String> joins = new ArrayList<>();
        List<String> prefetches = new ArrayList<>();
        if (!asWritten) {
            Model root = schema.model(query.model());
            for (String t : touches) {
                String path = t.trim().replace(".", "__");
                (LoopTouches.isManyValued(schema, root, path) ? prefetches : joins).add(path);
            }
        }
        return new NPlusOneReport(touches, c, asWritten, DjangoPrinter.print(asWritten ? query : optimized), joins,
                prefetches);
    }

    /** The naive column: the rows first, then one query per related object the loop reads. */
    public String naiveLabel() {
        return "Naive: lazy loads";
    }

    public String optimizedLabel() {
        if (asWritten) {
            return "Optimized: as written";
        }
        return "Optimized: " + addedSteps() + " added";
    }

    /** {@code select_related("author")}, {@code prefetch_related("tags")}: what the optimized run adds. */
    public String addedSteps() {
        String s = addedJoins.isEmpty() ? "" : "select_related(" + quoted(addedJoins) + ")";
        if (!addedPrefetches.isEmpty()) {
            s += (s.isEmpty() ? "" : " + ") + "prefetch_related(" + quoted(addedPrefetches) + ")";
        }
        return s.isEmpty() ? "nothing" : s;
    }

    private static String quoted(List<String> names) {
        StringBuilder b = new StringBuilder();
        for (String n : names) {
            b.append(b.length() == 0 ? "" : ", ").append('"').append(n).append('"');
        }
        return b.toString();
    }

    /** The headline: the statement counts and what they mean. */
    public String headline() {
        int naive = comparison.naiveStatements();
        int opt = comparison.optimizedStatements();
        if (touches.isEmpty()) {
            return "Tick the relations your loop reads: without them both runs are the same " + naive + " statement"
                    + (naive == 1 ? "" : "s") + ", and nothing is compared.";
        }
        if (naive == opt) {
            return "Same number of statements both ways (" + naive + "): the loop's relations cost no lazy queries "
                    + "here (no rows, or null keys).";
        }
        return String.format(Locale.ROOT, "Reading %s lazily costs %d statements; loading it up front costs %d "
                + "(%d extra statement%s, %d vs %d).", String.join(", ", touches), naive, opt, naive - opt,
                naive - opt == 1 ? "" : "s", naive, opt);
    }

    /**
     * Why the database time may favour the naive run: each lazy statement is tiny (a lookup by primary key), and
     * database time sums only the work inside the database. What N+1 costs is round trips: each statement is
     * one request and one reply, which over a network costs far more than on a local SQLite file.
     */
    public String timesExplained() {
        NPlusOneComparison.Run n = comparison.naive();
        NPlusOneComparison.Run o = comparison.optimized();
        return String.format(Locale.ROOT, "Database time is the sum of the statements' own times (%.1f ms naive, "
                + "%.1f ms optimized); wall time includes every round trip (%.1f ms vs %.1f ms). Lazy lookups by "
                + "primary key are each cheap, so the naive database time can even be lower; the cost of N+1 is "
                + "%d round trips instead of %d, each a network request on a real server.", n.ms(), o.ms(),
                n.wallMs(), o.wallMs(), n.statements(), o.statements());
    }
}
