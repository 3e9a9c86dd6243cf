package studio.queryset.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The GUI figures, measured by {@code gui.GuiProbe} in JVMs of their own: on a real X display (DISPLAY, or an
 * Xvfb this section starts when Debian's xvfb is installed), else on JavaFX's headless Monocle platform.
 */
final class GuiSection implements AutoCloseable {
    private static final String MONOCLE = "-Dglass.platform=Monocle -Dmonocle.platform=Headless -Dprism.order=sw "
            + "-Dheadless.geometry=1600x1200-32";
    private final BenchReport report;
    private final BenchSuite.Options options;
    private Process xvfb;
    private String display;
    private String platform;

    GuiSection(BenchReport report, BenchSuite.Options options) {
        this.report = report;
        this.options = options;
    }

    void run() throws Exception {
        chooseDisplay();
        startup();
        edit();
        scroll();
    }

    private void chooseDisplay() throws Exception {
        display = System.getenv("DISPLAY");
        if (display != null && !display.isBlank()) {
            platform = "X display " + display + " (GTK)";
            return;
        }
        if (new File("/usr/bin/Xvfb").canExecute()) {
            display = ":97";
            xvfb = new ProcessBuilder("/usr/bin/Xvfb", display, "-screen", "0", "1600x1000x24", "-nolisten", "tcp")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            Thread.sleep(1500);
            platform = "Xvfb " + display + " (GTK, software rendering)";
            return;
        }
        display = null;
        platform = "headless Monocle (software rendering; no Xvfb: apt-get install xvfb for a real window)";
    }

    /**
     * Start-up as {@code bin/studio} starts the app: from the shaded jar, with the class-data-sharing archive a
     * first run records (and, for comparison, without it), against an empty JavaFX window. CDS needs jars on
     * the class path, so the probe classes go into a jar of their own.
     */
    private void startup() throws Exception {
        Path jar = Path.of("target", "queryset-studio.jar");
        if (!Files.exists(jar)) {
            report.skip("GUI", "start-up", "target/queryset-studio.jar is missing (the bench command packages it)");
            return;
        }
        Path probeJar = probeJar();
        String classPath = jar + File.pathSeparator + probeJar;
        Path archive = Path.of("target", "bench", "startup.jsa");
        Files.deleteIfExists(archive);
        probe("startup-studio", null, classPath, "-XX:ArchiveClassesAtExit=" + archive);
        List<Double> plain = new ArrayList<>();
        List<Double> shared = new ArrayList<>();
        List<Double> empty = new ArrayList<>();
        List<Double> appCpu = new ArrayList<>();
        List<Double> emptyCpu = new ArrayList<>();
        for (int i = 0; i < options.rounds(); i++) {
            JsonNode app = probe("startup-studio", null, classPath, "-XX:SharedArchiveFile=" + archive);
            shared.add(app.get("ms").asDouble());
            appCpu.add(app.get("fxCpuMs").asDouble());
            plain.add(probe("startup-studio", null, classPath, null).get("ms").asDouble());
            JsonNode bare = probe("startup-empty", null, classPath, null);
            empty.add(bare.get("ms").asDouble());
            emptyCpu.add(bare.get("fxCpuMs").asDouble());
        }
        double app = Interleaved.median(shared);
        double baseline = Interleaved.median(empty);
        report.add("GUI", "start-up to a laid-out window, as bin/studio starts it (AppCDS; median of "
                + shared.size() + ")", BenchReport.ms(app), "", app / 1500, BenchReport.Goal.atMost(1.0, "≤ 1,500 ms"),
                "on " + platform + "; without the CDS archive " + BenchReport.ms(Interleaved.median(plain)));
        report.add("GUI", "start-up: app / empty JavaFX window", BenchReport.ms(app), BenchReport.ms(baseline),
                app / baseline, BenchReport.Goal.atMost(2.0, "≤ 2×"), "");
        double cpu = Interleaved.median(appCpu);
        double cpuBase = Interleaved.median(emptyCpu);
        report.add("GUI", "start-up, the FX thread's CPU time: app / empty window (steadier than wall time on a "
                + "busy machine)", BenchReport.ms(cpu), BenchReport.ms(cpuBase), cpu / cpuBase, BenchReport.Goal.none(), "");
    }

    private static Path probeJar() throws Exception {
        Path classes = Path.of("target", "test-classes");
        Path out = Path.of("target", "bench", "probe.jar");
        Files.createDirectories(out.getParent());
        try (var jar = new java.util.jar.JarOutputStream(Files.newOutputStream(out));
             var files = Files.list(classes.resolve("studio/queryset/bench/gui"))) {
            for (Path f : (Iterable<Path>) files::iterator) {
                jar.putNextEntry(new java.util.jar.JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                jar.write(Files.readAllBytes(f));
                jar.closeEntry();
            }
        }
        return out;
    }

    private void edit() throws Exception {
        JsonNode r = probe("edit", null);
        JsonNode edit = r.get("edit");
        report.add("GUI", "edit → refreshed panels, " + r.get("editNodes").asInt() + "-node design: p95 (p50) "
                        + "of edit + CSS + layout in one pulse", ms(edit.get("p95")) + " (" + ms(edit.get("p50")) + ")",
                "", edit.get("p95").asDouble() / 16.0, BenchReport.Goal.atMost(1.0, "p95 ≤ 16 ms"),
                "edit frames: the FX thread's CPU p95 (p50) " + ms(edit.get("cpuP95")) + " (" + ms(edit.get("cpuP50"))
                        + "), pulse interval p95 " + ms(edit.get("intervalP95")) + ", " + edit.get("frames") + " frames");
        JsonNode drag = r.get("drag");
        report.add("GUI", "drag step, " + r.get("dragNodes").asInt() + " nodes / " + r.get("dragEdges").asInt()
                        + " edges: p95 (p50) of move + CSS + layout", ms(drag.get("p95")) + " (" + ms(drag.get("p50"))
                        + ")", "", drag.get("p95").asDouble() / 16.7, BenchReport.Goal.atMost(1.0, "p95 ≤ 16.7 ms"),
                "drag frames: pulse interval p95 " + ms(drag.get("intervalP95")));
    }

    private void scroll() throws Exception {
        String db = BenchDatabases.largeSqliteUrl().substring("jdbc:sqlite:".length());
        JsonNode r = probe("scroll", db);
        JsonNode wheel = r.get("wheel");
        JsonNode bar = r.get("bar");
        String rows = String.format(Locale.ROOT, "%,d", r.get("rows").asLong());
        report.add("GUI", rows + "-row grid: wheel step per pulse, p95 (p50) of scroll + CSS + layout",
                ms(wheel.get("p95")) + " (" + ms(wheel.get("p50")) + ")", "", wheel.get("p95").asDouble() / 16.7,
                BenchReport.Goal.atMost(1.0, "p95 ≤ 16.7 ms"), "wheel frames: pulse interval p95 "
                        + ms(wheel.get("intervalP95")) + "; streaming the rows took "
                        + BenchReport.ms(r.get("streamMs").asDouble()) + ", first rows after "
                        + r.get("firstRowsMs").asLong() + " ms");
        report.add("GUI", rows + "-row grid: scroll-bar drag per pulse, p95 (p50)",
                ms(bar.get("p95")) + " (" + ms(bar.get("p50")) + ")", "", bar.get("p95").asDouble() / 16.7,
                BenchReport.Goal.atMost(1.0, "p95 ≤ 16.7 ms"), "scroll-bar frames: pulse interval p95 "
                        + ms(bar.get("intervalP95")));
    }

    private static String ms(JsonNode value) {
        return String.format(Locale.ROOT, "%.2f ms", value.asDouble());
    }

    /** Starts a probe JVM and returns its {@code PROBE} line's JSON. */
    private JsonNode probe(String mode, String argument) throws Exception {
        return probe(mode, argument, System.getProperty("java.class.path"), null);
    }

    private JsonNode probe(String mode, String argument, String classPath, String jvmOption) throws Exception {
        Path config = Files.createTempDirectory("qss-bench-config");
        List<String> command = new ArrayList<>(List.of(CompileSection.javaBinary(), "-Xmx3g",
                "-Dqss.config.dir=" + config, "-cp", classPath));
        if (jvmOption != null) {
            command.add(jvmOption);
        }
        if (display == null) {
            command.addAll(List.of(MONOCLE.split(" ")));
        }
        command.add("studio.queryset.bench.gui.GuiProbe");
        command.add(mode);
        if (argument != null) {
            command.add(argument);
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (display != null) {
            builder.environment().put("DISPLAY", display);
        }
        Process p = builder.start();
        JsonNode result = null;
        StringBuilder log = new StringBuilder();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("PROBE ")) {
                    result = new ObjectMapper().readTree(line.substring(6));
                } else {
                    log.append(line).append('\n');
                }
            }
        }
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
        }
        if (result == null) {
            throw new IllegalStateException("GUI probe " + mode + " printed no result:\n" + log);
        }
        return result;
    }

    @Override
    public void close() {
        if (xvfb != null) {
            xvfb.destroy();
        }
    }
}
