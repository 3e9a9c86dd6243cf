package studio.queryset.run;

import java.util.List;
import java.util.Locale;
import studio.queryset.query.QuerySet;

/**
 * The N+1 lesson's answer for one QuerySet: how it runs "as naive code would" (the rows, then one lazy query
 * per related object touched) next to how it runs as written, with select_related joins and prefetch_related
 * queries. Nothing is asserted here; the two results should be the same objects, only the statements differ.
 *
 * @param query     the QuerySet as written (with its select_related / prefetch_related)
 * @param naive     the rows first, then the lazy loads Django issues on attribute access
 * @param optimized the QuerySet run through the normal {@link Executor}
 */
public record NPlusOneComparison(QuerySet query, Run naive, Run optimized) {

    /**
     * One way of evaluating the query.
     *
     * @param result what the evaluation returned (Django-shaped: objects with related objects and lists attached)
     * @param log    every statement, in the order it ran, with its cause ({@code main},
     *               {@code lazy load of post.author}, {@code post.tags.all()}, {@code prefetch tags})
     * @param ms     the database time: the sum of the statements' durations
     * @param wallMs the elapsed time of the whole evaluation, reading and stitching included
     */
    public record Run(Object result, List<LoggedStatement> log, double ms, double wallMs) {
        public Run {
            log = List.copyOf(log);
        }

        /** How many statements ran. */
        public int statements() {
            return log.size();
        }
    }

    public int naiveStatements() {
        return naive.statements();
    }

    public int optimizedStatements() {
        return optimized.statements();
    }

    /** The statements the naive version costs on top of the optimized one (the "N" of N+1). */
    public int extraStatements() {
        return naive.statements() - optimized.statements();
    }

    /** One line for the log panel: {@code naive: 51 statements, 12.3 ms; optimized: 1 statement, 0.9 ms}. */
    public String summary() {
        return String.format(Locale.ROOT, "naive: %d statement%s, %.1f ms; optimized: %d statement%s, %.1f ms",
                naive.statements(), naive.statements() == 1 ? "" : "s", naive.ms(),
                optimized.statements(), optimized.statements() == 1 ? "" : "s", optimized.ms());
    }
}
