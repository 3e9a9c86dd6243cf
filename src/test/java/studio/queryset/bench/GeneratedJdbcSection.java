package studio.queryset.bench;

import java.util.Collection;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * The generated JDBC method against a hand-written loop (GeneratedJdbcBenchmark, its interleaved variant: both
 * timed in the same iterations, so the ratio holds on a busy machine).
 */
final class GeneratedJdbcSection {
    private final BenchReport report;
    private final BenchSuite.Options options;

    GeneratedJdbcSection(BenchReport report, BenchSuite.Options options) {
        this.report = report;
        this.options = options;
    }

    void run() throws Exception {
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                .include(GeneratedJdbcBenchmark.class.getName() + ".interleaved")
                .warmupIterations(options.quick() ? 2 : 5).warmupTime(TimeValue.seconds(1))
                .measurementIterations(options.quick() ? 3 : 10).measurementTime(TimeValue.seconds(1))
                .forks(1).shouldFailOnError(true).build()).run();
        RunResult result = results.iterator().next();
        Result<?> generated = result.getSecondaryResults().get("generatedMicros");
        Result<?> hand = result.getSecondaryResults().get("handWrittenMicros");
        double ratio = generated.getScore() / hand.getScore();
        report.add("generated JDBC", "SQLite: 3,000 posts with select_related author, generated vs hand-written "
                        + "(µs summed over the run)", BenchReport.us(generated.getScore()),
                BenchReport.us(hand.getScore()), ratio, BenchReport.Goal.atMost(1.05, "≤ 1.05×"), "");
    }
}
