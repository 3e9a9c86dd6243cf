package studio.queryset.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parse + compile against Django 3.2 over the differential expressions (every app under differential/): for each
 * app, Django times building and compiling each QuerySet (bench/django_compile_time.py --app), then
 * {@code compile --repeat N --batch} times the same expressions in a JVM of its own, one app after the other in the
 * same run. The row is the geometric mean of the per-expression ratios; expressions Django cannot compile without
 * a database (terminals such as count(), errors) and those the engine refuses are left out and counted.
 */
final class DifferentialCompileRow {
    /** app → its expressions file (shop keeps its historical place). */
    private static final Map<String, String> APPS = new LinkedHashMap<>();

    static {
        APPS.put("shop", "differential/expressions.txt");
        APPS.put("club", "differential/club/expressions.txt");
        APPS.put("library", "differential/library/expressions.txt");
        APPS.put("collation", "differential/collation/expressions.txt");
        APPS.put("forum", "differential/forum/expressions.txt");
        APPS.put("ledger", "differential/ledger/expressions.txt");
        APPS.put("eager", "differential/eager/expressions.txt");
    }

    private final BenchReport report;
    private final BenchSuite.Options options;

    DifferentialCompileRow(BenchReport report, BenchSuite.Options options) {
        this.report = report;
        this.options = options;
    }

    void run() throws Exception {
        double logSum = 0;
        double oursLogSum = 0;
        double djangoLogSum = 0;
        int timed = 0;
        int djangoSkipped = 0;
        int refused = 0;
        double worst = Double.POSITIVE_INFINITY;
        String worstExpr = "";
        for (var app : APPS.entrySet()) {
            Map<String, Double> django;
            try {
                django = django(app.getKey(), new File(app.getValue()));
            } catch (Python.Unavailable e) {
                report.skip("parse + compile", "compile --repeat vs Django 3.2, differential expressions",
                        "Django not measured: " + e.getMessage());
                return;
            }
            djangoSkipped += countLines(new File(app.getValue())) - django.size();
            File input = File.createTempFile("qss-bench-compile-", ".txt");
            try {
                Files.writeString(input.toPath(), String.join("\n", django.keySet()) + "\n", StandardCharsets.UTF_8);
                List<JsonNode> ours = CompileSection.compileRepeat("differential/" + app.getKey() + "/models.py",
                        input, options.quick() ? 1000 : 5000);
                for (JsonNode o : ours) {
                    if (!o.has("us")) {
                        refused++;
                        continue;
                    }
                    double theirs = django.get(o.get("expr").asText());
                    double ratio = theirs / o.get("us").asDouble();
                    logSum += Math.log(ratio);
                    oursLogSum += Math.log(o.get("us").asDouble());
                    djangoLogSum += Math.log(theirs);
                    timed++;
                    if (ratio < worst) {
                        worst = ratio;
                        worstExpr = o.get("expr").asText();
                    }
                }
            } finally {
                Files.deleteIfExists(input.toPath());
            }
        }
        double geometricMean = Math.exp(logSum / timed);
        report.add("parse + compile", "compile --repeat vs Django 3.2: geometric mean over " + timed
                        + " differential expressions (× faster)", BenchReport.us(Math.exp(oursLogSum / timed)),
                BenchReport.us(Math.exp(djangoLogSum / timed)), geometricMean,
                BenchReport.Goal.atLeast(50, "≥ 50× faster"), djangoSkipped + " not QuerySets Django compiles "
                        + "without a database (terminals, errors), " + refused + " refused by the engine");
        report.add("parse + compile", "... the slowest of them against Django (× faster)", "", "", worst,
                BenchReport.Goal.none(), worstExpr.length() > 90 ? worstExpr.substring(0, 90) + "…" : worstExpr);
    }

    /** Django's median microseconds per expression it could time, in file order. */
    private Map<String, Double> django(String app, File expressions) throws Exception {
        Map<String, Double> out = new LinkedHashMap<>();
        for (String line : Python.run(List.of("bench/django_compile_time.py",
                String.valueOf(options.quick() ? 100 : 300), "--app", app), expressions)) {
            JsonNode json = new ObjectMapper().readTree(line);
            if (json.has("us")) {
                out.put(json.get("expr").asText(), json.get("us").asDouble());
            }
        }
        return out;
    }

    private static int countLines(File expressions) throws Exception {
        int n = 0;
        for (String line : Files.readAllLines(expressions.toPath(), StandardCharsets.UTF_8)) {
            if (!line.isBlank() && !line.strip().startsWith("#")) {
                n++;
            }
        }
        return n;
    }
}
