package studio.queryset.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The table {@link BenchSuite} prints: one line per figure, with its reference, ratio and goal. */
final class BenchReport {
    /** A goal on a ratio (ours / reference, or reference / ours for "N× faster" goals). */
    record Goal(String text, double limit, boolean atMost) {
        static Goal atMost(double limit, String text) {
            return new Goal(text, limit, true);
        }

        static Goal atLeast(double limit, String text) {
            return new Goal(text, limit, false);
        }

        static Goal none() {
            return new Goal("", Double.NaN, true);
        }

        String verdict(double ratio) {
            if (Double.isNaN(limit) || Double.isNaN(ratio)) {
                return "";
            }
            return (atMost ? ratio <= limit : ratio >= limit) ? "met" : "MISSED";
        }
    }

    record Line(String section, String measure, String ours, String reference, double ratio, Goal goal,
                String note) {
    }

    private final List<Line> lines = new ArrayList<>();
    private final String machine;

    BenchReport(String machine) {
        this.machine = machine;
    }

    void add(String section, String measure, String ours, String reference, double ratio, Goal goal, String note) {
        Line line = new Line(section, measure, ours, reference, ratio, goal, note);
        lines.add(line);
        System.out.println("BENCH " + row(line));
    }

    void skip(String section, String measure, String why) {
        add(section, measure, "skipped", "", Double.NaN, Goal.none(), why);
    }

    List<Line> lines() {
        return lines;
    }

    String markdown() {
        StringBuilder out = new StringBuilder();
        out.append("Machine: ").append(machine).append("\n\n");
        out.append("| section | measure | QuerySet Studio | reference | ratio | goal | |\n");
        out.append("|---|---|---|---|---|---|---|\n");
        for (Line line : lines) {
            out.append(row(line)).append('\n');
        }
        List<String> notes = new ArrayList<>();
        for (Line line : lines) {
            if (!line.note().isBlank()) {
                notes.add("- " + line.measure() + ": " + line.note());
            }
        }
        if (!notes.isEmpty()) {
            out.append('\n').append(String.join("\n", notes)).append('\n');
        }
        return out.toString();
    }

    private static String row(Line line) {
        String ratio = Double.isNaN(line.ratio()) ? "" : String.format(Locale.ROOT, "%.2f×", line.ratio());
        return "| " + line.section() + " | " + line.measure() + " | " + line.ours() + " | " + line.reference()
                + " | " + ratio + " | " + line.goal().text() + " | " + line.goal().verdict(line.ratio()) + " |";
    }

    void write(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, markdown());
    }

    static String ms(double millis) {
        return millis >= 100 ? String.format(Locale.ROOT, "%,.0f ms", millis)
                : String.format(Locale.ROOT, "%.2f ms", millis);
    }

    static String us(double micros) {
        return String.format(Locale.ROOT, "%,.1f µs", micros);
    }

    static String mb(double bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
    }
}
