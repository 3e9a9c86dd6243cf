package studio.queryset.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import studio.queryset.schema.ModelsPyImporter;
import studio.queryset.schema.Schema;

/**
 * Project import speed: a generated 20-app project of 5,000 lines of models modules (target/bench/import-project:
 * a settings file naming the user model, a shared abstract base imported by every app, cross-app targets by string
 * and by imported class, M2M fields, Meta, choices, methods and properties) imported once in a fresh JVM, timed from
 * the call to the schema (JVM start excluded, nothing warmed up), as a user opening a project meets it.
 */
final class ImportSection {
    static final int APPS = 20;
    static final int LINES = 5_000;

    private final BenchReport report;
    private final BenchSuite.Options options;

    ImportSection(BenchReport report, BenchSuite.Options options) {
        this.report = report;
        this.options = options;
    }

    void run() throws Exception {
        Path project = Path.of("target", "bench", "import-project");
        int lines = generate(project);
        int runs = options.quick() ? 3 : 7;
        List<Double> ms = new ArrayList<>();
        List<Double> cpu = new ArrayList<>();
        int models = 0;
        for (int i = 0; i < runs; i++) {
            Process p = new ProcessBuilder(CompileSection.javaBinary(), "-cp", System.getProperty("java.class.path"),
                    ImportSection.class.getName(), project.toString()).redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            String[] out = new String(p.getInputStream().readAllBytes()).trim().split(" ");
            if (p.waitFor() != 0 || out.length != 3) {
                throw new IllegalStateException("the import JVM failed: " + String.join(" ", out));
            }
            ms.add(Double.parseDouble(out[0]));
            cpu.add(Double.parseDouble(out[1]));
            models = Integer.parseInt(out[2]);
        }
        ms.sort(null);
        cpu.sort(null);
        double median = ms.get(ms.size() / 2);
        double load = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        report.add("models import", String.format(Locale.ROOT, "project folder, %d apps, %,d lines (%d models): "
                        + "first import in a fresh JVM, median of %d", APPS, lines, models, runs), BenchReport.ms(median),
                "", median / 300.0, BenchReport.Goal.atMost(1.0, "≤ 300 ms"), String.format(Locale.ROOT,
                        "fastest %s, slowest %s; the importing thread's CPU time: median %s; load average %.1f "
                                + "after the runs", BenchReport.ms(ms.get(0)), BenchReport.ms(ms.get(ms.size() - 1)),
                        BenchReport.ms(cpu.get(cpu.size() / 2)), load));
    }

    /**
     * Run in its own JVM: imports the project once and prints the wall-clock milliseconds, the importing thread's
     * CPU milliseconds (what a loaded machine's wait leaves out) and the number of models.
     */
    public static void main(String[] args) throws Exception {
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpu = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        Schema s = ModelsPyImporter.importFile(Path.of(args[0]), null);
        double ms = (System.nanoTime() - start) / 1e6;
        double cpuMs = (threads.getCurrentThreadCpuTime() - cpu) / 1e6;
        // the generated project is plain Django: a warning other than the note of the user model setting means
        // the importer misread it
        var unexpected = s.warnings().stream().filter(w -> !w.file().equals("site/settings.py")).toList();
        if (!unexpected.isEmpty()) {
            throw new IllegalStateException("unexpected warnings: " + unexpected);
        }
        System.out.printf(Locale.ROOT, "%.2f %.2f %d%n", ms, cpuMs, s.models().size());
    }

    /** Writes the project (again, so it is always this generator's) and returns its models modules' lines. */
    static int generate(Path root) throws IOException {
        Files.createDirectories(root.resolve("site"));
        Files.writeString(root.resolve("site/settings.py"), "INSTALLED_APPS = []\nAUTH_USER_MODEL = \"app01.Account\"\n");
        Files.createDirectories(root.resolve("core"));
        Files.writeString(root.resolve("core/__init__.py"), "");
        Files.writeString(root.resolve("core/base.py"), """
                from django.conf import settings
                from django.db import models


                class Stamped(models.Model):
                    created = models.DateTimeField(auto_now_add=True)
                    modified = models.DateTimeField(auto_now=True)
                    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                                   related_name="%(app_label)s_%(class)s_created")

                    class Meta:
                        abstract = True
                        ordering = ["-created"]
                """);
        int total = 0;
        int perApp = LINES / APPS;
        for (int a = 1; a <= APPS; a++) {
            String app = String.format(Locale.ROOT, "app%02d", a);
            Path dir = Files.createDirectories(root.resolve(app));
            Files.writeString(dir.resolve("__init__.py"), "");
            Files.writeString(dir.resolve("apps.py"), "from django.apps import AppConfig\n\n\nclass Config(AppConfig):\n"
                    + "    name = \"" + app + "\"\n");
            StringBuilder src = new StringBuilder();
            src.append("from django.conf import settings\nfrom django.db import models\n\nfrom core.base import Stamped\n");
            String previous = a > 1 ? String.format(Locale.ROOT, "app%02d", a - 1) : null;
            if (previous != null) {
                src.append("from ").append(previous).append(".models import Item as PreviousItem\n");
            }
            src.append("\nSTATUS_CHOICES = [\n    (\"draft\", \"Draft\"),\n    (\"live\", \"Live\"),\n]\n\n");
            if (a == 1) {
                src.append("\nclass Account(models.Model):\n    password = models.CharField(max_length=128)\n"
                        + "    last_login = models.DateTimeField(null=True)\n    email = models.EmailField(unique=True)\n\n");
            }
            int m = 0;
            while (lines(src) + 26 <= perApp) {
                String name = m == 0 ? "Item" : "Thing" + m;
                src.append("\nclass ").append(name).append("(Stamped):\n");
                src.append("    \"\"\"A generated model of ").append(app).append(".\"\"\"\n\n");
                src.append("    title = models.CharField(max_length=200, db_index=True)\n");
                src.append("    slug = models.SlugField(unique=True)\n");
                src.append("    status = models.CharField(max_length=10, choices=STATUS_CHOICES, default=\"draft\")\n");
                src.append("    price = models.DecimalField(max_digits=10, decimal_places=2, null=True)\n");
                src.append("    count = models.PositiveIntegerField(default=0)\n");
                if (m > 0) {
                    src.append("    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name=\"things")
                            .append(m).append("\")\n");
                } else if (previous != null) {
                    src.append("    previous = models.ForeignKey(PreviousItem, null=True, on_delete=models.SET_NULL)\n");
                } else {
                    src.append("    owner = models.ForeignKey(\"app01.Account\", on_delete=models.CASCADE)\n");
                }
                src.append("    watchers = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True,\n")
                        .append("                                      related_name=\"").append(app).append("_")
                        .append(name.toLowerCase(Locale.ROOT)).append("_watched\")\n");
                src.append("\n    class Meta:\n        ordering = [\"title\"]\n        verbose_name = \"")
                        .append(name.toLowerCase(Locale.ROOT)).append("\"\n\n");
                src.append("    def __str__(self):\n        return self.title\n\n");
                src.append("    @property\n    def is_live(self):\n        return self.status == \"live\"\n\n");
                src.append("    def total(self):\n        return (self.price or 0) * self.count\n\n");
                m++;
            }
            while (lines(src) < perApp) {
                src.append("# end of ").append(app).append('\n');
            }
            Files.writeString(dir.resolve("models.py"), src.toString());
            total += lines(src);
        }
        return total + lines(new StringBuilder(Files.readString(root.resolve("core/base.py"))));
    }

    private static int lines(CharSequence s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '\n') {
                n++;
            }
        }
        return n;
    }
}
