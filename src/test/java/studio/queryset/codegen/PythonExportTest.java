package studio.queryset.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.queryset.django.DjangoParser;
import studio.queryset.query.QueryException;
import studio.queryset.query.QuerySet;
import studio.queryset.run.Connections;
import studio.queryset.run.Executor;
import studio.queryset.run.QueryLog;
import studio.queryset.run.ResultJson;
import studio.queryset.schema.ModelsPyImporter;
import studio.queryset.schema.Schema;
import studio.queryset.sql.Dialect;
import studio.queryset.sql.QueryPlan;
import studio.queryset.sql.SqlCompiler;

/**
 * The exported Python, run by Debian's Django 3.2 ({@code /usr/bin/python3}) on a copy of the sample's SQLite
 * file, returns what the engine returns for the same query (src/test/resources/codegen/django_runner.py writes
 * Django's answers as the eval contract's JSON). Skipped, with the reason, where Django is not installed.
 */
class PythonExportTest {
    private static final String PYTHON = "/usr/bin/python3";
    private static final ObjectMapper JSON = new ObjectMapper();

    static final List<CodegenCases.Case> CASES = CodegenCases.named("icontains", "Q or, negated Q", "F arithmetic",
            "annotate Count, filter on it", "aggregate", "Subquery with OuterRef", "values across a FK",
            "values_list flat", "values_list named", "select_related nested, LEFT OUTER one-to-one",
            "Prefetch to_attr", "nested prefetch", "count", "first", "get with select_related",
            "get, DoesNotExist", "raw", "Param with wildcards in the value", "optional Param left out",
            "optional Param given", "two optional Params, one", "optional Param in an OR", "datetime Param",
            "update with F", "delete with cascades");

    @TempDir
    Path dir;

    @Test
    void exportedPythonReturnsWhatTheEngineReturns() throws Exception {
        requireDjango();
        Path project = GeneratedJdbcCompilesAndRunsTest.projectDir();
        Path models = project.resolve("sample-db/blog/models.py");
        Schema schema = ModelsPyImporter.importFile(models, null);
        Path copy = dir.resolve("blog.sqlite3");
        Files.copy(project.resolve("sample-db/blog.sqlite3"), copy);

        PythonGenerator generator = new PythonGenerator(schema);
        StringBuilder input = new StringBuilder();
        Map<Integer, JsonNode> expected = new HashMap<>();
        try (Connection conn = Connections.open("jdbc:sqlite:" + copy, true)) {
            for (int i = 0; i < CASES.size(); i++) {
                CodegenCases.Case c = CASES.get(i);
                QuerySet qs = DjangoParser.parse(c.expr(), schema);
                ObjectNode item = JSON.createObjectNode();
                item.put("id", i);
                item.put("code", generator.generate(qs, null));
                Set<String> absent = new LinkedHashSet<>();
                Map<String, Object> given = new HashMap<>();
                if (!QueryParams.of(qs).isEmpty()) {
                    ObjectNode args = item.putObject("args");
                    for (var p : c.params().entrySet()) {
                        if (p.getValue() == null) {
                            absent.add(p.getKey());
                            continue;
                        }
                        given.put(p.getKey(), p.getValue());
                        if (p.getValue() instanceof LocalDateTime dt) {
                            args.putObject(p.getKey()).put("datetime", dt.toString());
                        } else {
                            args.set(p.getKey(), ResultJson.toJson(p.getValue()));
                        }
                    }
                }
                input.append(JSON.writeValueAsString(item)).append('\n');
                QueryPlan plan = SqlCompiler.plan(schema, qs, Dialect.SQLITE, absent);
                try {
                    Object result = new Executor(conn, Dialect.SQLITE, new QueryLog()).withParams(given)
                            .execute(plan, c.write() ? Executor.WriteMode.ROLLBACK : Executor.WriteMode.DENY);
                    expected.put(i, ResultJson.toJson(result));
                } catch (QueryException e) {
                    expected.put(i, JSON.createObjectNode().put("error", e.kind()));
                }
            }
        }

        List<JsonNode> answers = runDjango(project, models, copy, input.toString());
        assertThat(answers).hasSize(CASES.size());
        List<String> failures = new ArrayList<>();
        for (JsonNode answer : answers) {
            int id = answer.get("id").asInt();
            CodegenCases.Case c = CASES.get(id);
            JsonNode want = expected.get(id);
            String problem;
            if (answer.has("error")) {
                String kind = answer.get("error").get("kind").asText();
                problem = want.has("error") && want.get("error").asText().equals(kind) ? null
                        : "Django raised " + kind + ": " + answer.get("error").get("message").asText();
            } else if (want.has("error") && want.size() == 1) {
                problem = "the engine raised " + want.get("error").asText() + ", Django returned "
                        + answer.get("result");
            } else {
                problem = studio.queryset.differential.JsonCompare.diff(want, answer.get("result"),
                        answer.get("ordered").asBoolean(), "$");
            }
            if (problem != null) {
                failures.add(c + "\n    " + problem + "\n    python:\n" + item(input.toString(), id));
            }
        }
        System.out.println("[codegen] Python: " + (CASES.size() - failures.size()) + " of " + CASES.size()
                + " exported snippets return, under Django 3.2, what the engine returns");
        assertThat(failures).as("exported Python whose result under Django differs from the engine's").isEmpty();
    }

    private static void requireDjango() throws IOException, InterruptedException {
        if (!Files.isExecutable(Path.of(PYTHON))) {
            Assumptions.abort(PYTHON + " is not installed: the exported Python is not run (.ci/run installs "
                    + "python3-django)");
        }
        Process p = new ProcessBuilder(PYTHON, "-c", "import django; print(django.get_version())")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            Assumptions.abort("Django is not importable by " + PYTHON + " (" + out.lines().reduce((a, b) -> b)
                    .orElse("") + "): the exported Python is not run; .ci/run installs python3-django");
        }
    }

    private List<JsonNode> runDjango(Path project, Path models, Path db, String input) throws Exception {
        Path runner = project.resolve("src/test/resources/codegen/django_runner.py");
        Process p = new ProcessBuilder(PYTHON, runner.toString(), models.toString(), db.toString())
                .redirectError(ProcessBuilder.Redirect.to(dir.resolve("django.err").toFile())).start();
        p.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("django_runner.py failed: " + Files.readString(dir.resolve("django.err")))
                .isZero();
        List<JsonNode> answers = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (!line.isBlank()) {
                answers.add(JSON.readTree(line));
            }
        }
        return answers;
    }

    private static String item(String input, int id) throws IOException {
        JsonNode n = JSON.readTree(input.split("\n")[id]);
        return "        " + n.get("code").asText().strip().replace("\n", "\n        ");
    }
}
