package studio.queryset.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A big models.py is read a logical line at a time: 8 MB (20,000 models) compiles in a child JVM with a 128 MB heap
 * (all its tokens at once took ~350 MB), and a heap too small for the schema itself is a one-line MemoryError.
 */
class LargeModelsFileTest {
    private static final int MODELS = 20_000;

    @Test
    void eightMegabytesOfModelsCompileWithin128MegabytesOfHeap(@TempDir Path dir) throws Exception {
        Path models = bigModels(dir);
        assertThat(Files.size(models)).isGreaterThan(8_000_000);
        Result r = compile("-Xmx128m", models, "Model19999.objects.filter(parent__name=\"x\")");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("INNER JOIN \\\"app_model19998\\\" ON (\\\"app_model19999\\\".\\\"parent_id\\\"");
        assertThat(r.err()).doesNotContain("Exception");
    }

    @Test
    void aHeapTooSmallForTheSchemaIsAMemoryErrorLineNotAStackTrace(@TempDir Path dir) throws Exception {
        Result r = compile("-Xmx24m", bigModels(dir), "Model1.objects.all()");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.out()).contains("\"kind\":\"MemoryError\"").contains("-Xmx");
        assertThat(r.err()).doesNotContain("Exception in thread");
    }

    private static Path bigModels(Path dir) throws IOException {
        Path app = Files.createDirectories(dir.resolve("app"));
        StringBuilder sb = new StringBuilder("from django.db import models\n\n");
        for (int i = 0; i < MODELS; i++) {
            sb.append("class Model").append(i).append("(models.Model):\n")
                    .append("    name = models.CharField(max_length=100, help_text=\"a long help text, number ")
                    .append(i).append(", to make the file as large as a generated one\")\n")
                    .append("    slug = models.SlugField(unique=True)\n")
                    .append("    count = models.IntegerField(default=0)\n")
                    .append("    created = models.DateTimeField(auto_now_add=True)\n")
                    .append("    parent = models.ForeignKey(\"Model").append(Math.max(0, i - 1))
                    .append("\", on_delete=models.CASCADE, null=True, related_name=\"children_").append(i)
                    .append("\")\n\n    class Meta:\n        ordering = [\"name\"]\n\n");
        }
        return Files.writeString(app.resolve("models.py"), sb, StandardCharsets.UTF_8);
    }

    private record Result(int exit, String out, String err) { }

    private static Result compile(String heap, Path models, String expr) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                heap, "-cp", System.getProperty("java.class.path"), "studio.queryset.Launcher", "compile",
                "--models", models.toString(), "--dialect", "sqlite", expr));
        Process p = new ProcessBuilder(cmd).start();
        // read both streams fully before waiting (a full pipe would block the child)
        var out = p.getInputStream().readAllBytes();
        var err = p.getErrorStream().readAllBytes();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err,
                StandardCharsets.UTF_8));
    }
}
