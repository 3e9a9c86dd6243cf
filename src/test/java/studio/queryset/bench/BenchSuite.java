package studio.queryset.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The one benchmark command: {@code mvn -B -Pbench -DskipTests package exec:exec} runs every section and prints one
 * table (also written to target/bench/report.md). Arguments ({@code -Dbench.args="..."}):
 * {@code --quick} (fewer iterations, for trying it out), {@code --only compile,import,stream,prefetch,generated,gui}
 * (some sections), {@code --rounds N} (interleaved rounds per comparison, default 5), {@code --jmh REGEX} (one JMH
 * benchmark with JMH's own report instead of the table).
 */
public final class BenchSuite {
    static final List<String> SECTIONS = List.of("compile", "import", "stream", "prefetch", "generated", "gui");

    record Options(boolean quick, int rounds, Set<String> sections, String jmh) {
        static Options parse(String[] args) {
            boolean quick = false;
            int rounds = 5;
            Set<String> sections = new LinkedHashSet<>(SECTIONS);
            String jmh = null;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--quick":
                        quick = true;
                        rounds = 3;
                        break;
                    case "--rounds":
                        rounds = Integer.parseInt(args[++i]);
                        break;
                    case "--jmh":
                        jmh = args[++i];
                        break;
                    case "--only":
                        sections = new LinkedHashSet<>(List.of(args[++i].split(",")));
                        if (!SECTIONS.containsAll(sections)) {
                            throw new IllegalArgumentException("--only takes some of " + SECTIONS + ", not "
                                    + args[i]);
                        }
                        break;
                    default:
                        if (!args[i].isBlank()) {
                            throw new IllegalArgumentException("unknown argument " + args[i]
                                    + " (valid: --quick, --rounds N, --only " + String.join(",", SECTIONS)
                                    + ", --jmh REGEX)");
                        }
                }
            }
            return new Options(quick, rounds, sections, jmh);
        }
    }

    private BenchSuite() {
    }

    public static void main(String[] args) throws Exception {
        List<String> split = new ArrayList<>();
        for (String arg : args) {
            split.addAll(List.of(arg.trim().split("\\s+")));
        }
        Options options = Options.parse(split.toArray(String[]::new));
        if (options.jmh() != null) {
            // JMH's own runner and report for one benchmark class or method (RunnerBenchmark, GeneratedJdbc, ...)
            org.openjdk.jmh.Main.main(new String[] {options.jmh()});
            return;
        }
        BenchReport report = new BenchReport(machine());
        long start = System.nanoTime();
        for (String section : options.sections()) {
            System.out.println("bench: section " + section);
            try {
                runSection(section, report, options);
            } catch (Exception e) {
                report.add(section, "section failed", "error", "", Double.NaN, BenchReport.Goal.none(),
                        e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        }
        String table = report.markdown();
        System.out.println();
        System.out.println(table);
        System.out.printf("bench: %d s in all%n", (System.nanoTime() - start) / 1_000_000_000L);
        report.write(Path.of("target", "bench", "report.md"));
        System.exit(0);
    }

    private static void runSection(String section, BenchReport report, Options options) throws Exception {
        switch (section) {
            case "compile":
                new CompileSection(report, options).run();
                break;
            case "import":
                new ImportSection(report, options).run();
                break;
            case "stream":
                new StreamSection(report, options).run();
                break;
            case "prefetch":
                new PrefetchSection(report, options).run();
                break;
            case "generated":
                new GeneratedJdbcSection(report, options).run();
                break;
            default:
                try (GuiSection gui = new GuiSection(report, options)) {
                    gui.run();
                }
        }
    }

    /** Cores, memory, JVM and load: each figure names the machine it ran on. */
    static String machine() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        long memory = 0;
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            memory = sun.getTotalMemorySize();
        }
        return String.format(java.util.Locale.ROOT, "%d cores, %.0f GiB, %s %s, %s %s, load average %.1f at start",
                os.getAvailableProcessors(), memory / (1024.0 * 1024 * 1024), System.getProperty("java.vm.name"),
                System.getProperty("java.version"), os.getName(), os.getVersion(), os.getSystemLoadAverage());
    }
}
