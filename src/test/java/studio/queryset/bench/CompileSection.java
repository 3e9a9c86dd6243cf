package studio.queryset.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Parse + compile latency: JMH's ParseCompileBenchmark per dialect, and DESIGN.md's command line
 * ({@code compile --repeat N --batch} in its own JVM) on bench/expressions.txt against Django 3.2 building and
 * compiling the same expressions (bench/django_compile_time.py) right after it, in the same run.
 */
final class CompileSection {
    static final File EXPRESSIONS = new File("bench/expressions.txt");
    private static final String[] NAMES = {"Q OR across a relation", "5 joins, 10 conditions",
        "tutorial Subquery + two Counts"};

    private final BenchReport report;
    private final BenchSuite.Options options;

    CompileSection(BenchReport report, BenchSuite.Options options) {
        this.report = report;
        this.options = options;
    }

    void run() throws Exception {
        jmh();
        commandLineAgainstDjango();
        new DifferentialCompileRow(report, options).run();
    }

    private void jmh() throws Exception {
        Options jmh = new OptionsBuilder().include(ParseCompileBenchmark.class.getName())
                .warmupIterations(options.quick() ? 1 : 3).warmupTime(TimeValue.seconds(1))
                .measurementIterations(options.quick() ? 2 : 5).measurementTime(TimeValue.seconds(1))
                .forks(1).shouldFailOnError(true).build();
        Collection<RunResult> results = new Runner(jmh).run();
        for (RunResult result : results) {
            String query = result.getParams().getParam("query");
            String dialect = result.getParams().getParam("dialect");
            double score = result.getPrimaryResult().getScore();
            double error = result.getPrimaryResult().getScoreError();
            boolean fiveJoins = query.equals("FIVE_JOINS_TEN_CONDITIONS");
            report.add("parse + compile", "JMH " + query.toLowerCase().replace('_', ' ') + " (" + dialect.toLowerCase()
                    + ")", BenchReport.us(score) + (Double.isNaN(error) ? "" : " ± " + BenchReport.us(error)), "",
                    fiveJoins ? score / 50.0 : Double.NaN,
                    fiveJoins ? BenchReport.Goal.atMost(1.0, "≤ 50 µs") : BenchReport.Goal.none(), "");
        }
    }

    private void commandLineAgainstDjango() throws Exception {
        List<Double> ours = compileRepeat();
        List<Double> django;
        try {
            django = new ArrayList<>();
            for (String line : Python.run(List.of("bench/django_compile_time.py",
                    String.valueOf(options.quick() ? 500 : 2000)), EXPRESSIONS)) {
                django.add(new ObjectMapper().readTree(line).get("us").asDouble());
            }
        } catch (Python.Unavailable e) {
            for (int i = 0; i < ours.size(); i++) {
                report.add("parse + compile", "compile --repeat: " + NAMES[i], BenchReport.us(ours.get(i)), "",
                        Double.NaN, BenchReport.Goal.none(), "Django not measured: " + e.getMessage());
            }
            return;
        }
        for (int i = 0; i < ours.size(); i++) {
            report.add("parse + compile", "compile --repeat vs Django 3.2: " + NAMES[i] + " (× faster)",
                    BenchReport.us(ours.get(i)), BenchReport.us(django.get(i)), django.get(i) / ours.get(i),
                    BenchReport.Goal.atLeast(20, "≥ 20× faster"), "");
        }
    }

    /** DESIGN.md's benchmark command line, in a JVM of its own as a user would run it. */
    private List<Double> compileRepeat() throws Exception {
        List<Double> us = new ArrayList<>();
        for (JsonNode json : compileRepeat("sample-db/blog/models.py", EXPRESSIONS, options.quick() ? 5000 : 20000)) {
            if (json.has("error")) {
                throw new IllegalStateException("compile failed: " + json.get("error"));
            }
            us.add(json.get("us").asDouble());
        }
        return us;
    }

    /** {@code compile --repeat N --batch} on SQLite over the lines of {@code expressions}: one JSON object a line. */
    static List<JsonNode> compileRepeat(String models, File expressions, int repeat) throws Exception {
        List<String> command = List.of(javaBinary(), "-cp", System.getProperty("java.class.path"),
                "studio.queryset.Launcher", "compile", "--models", models, "--dialect", "sqlite",
                "--repeat", String.valueOf(repeat), "--batch");
        Process p = new ProcessBuilder(command).redirectInput(expressions)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        List<JsonNode> out = new ArrayList<>();
        for (String line : new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                out.add(new ObjectMapper().readTree(line));
            }
        }
        if (p.waitFor() != 0) {
            throw new IllegalStateException("compile --repeat exited with " + p.exitValue());
        }
        return out;
    }

    static String javaBinary() {
        return System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    }
}
