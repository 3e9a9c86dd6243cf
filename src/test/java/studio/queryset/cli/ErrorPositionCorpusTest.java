package studio.queryset.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every error {@code compile} reports has a position, and the range {@code [position, end)} covers the text the
 * error is about: ~90 bad expressions (src/test/resources/errors/bad-expressions.tsv) — unknown fields at every
 * depth, bad lookups, leading '-' and non-ASCII names, wrong value types, aggregate misuse, slicing, F() / OuterRef,
 * nested Subquery / Exists / Prefetch querysets, raw() with the wrong number of parameters.
 */
class ErrorPositionCorpusTest {
    record Case(String expr, String culprit) { }

    static List<Case> corpus() throws Exception {
        List<Case> out = new ArrayList<>();
        try (var in = ErrorPositionCorpusTest.class.getResourceAsStream("/errors/bad-expressions.tsv")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    String[] cols = line.split("\t");
                    assertThat(cols).as(line).hasSize(2);
                    out.add(new Case(cols[0], cols[1]));
                }
            }
        }
        return out;
    }

    @Test
    void everyErrorOfTheCorpusHasAPositionCoveringItsCulprit() throws Exception {
        List<Case> cases = corpus();
        assertThat(cases).hasSizeGreaterThanOrEqualTo(80);
        StringBuilder stdin = new StringBuilder();
        cases.forEach(c -> stdin.append(c.expr()).append('\n'));
        CommandContractTest.Ran r = CommandContractTest.run(stdin.toString(), "compile", "--models",
                "sample-db/blog/models.py", "--dialect", "sqlite", "--batch");
        assertThat(r.code()).as(r.err()).isZero();
        List<JsonNode> lines = r.lines();
        assertThat(lines).hasSize(cases.size());
        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            JsonNode line = lines.get(i);
            assertThat(line.get("expr").asText()).isEqualTo(c.expr());
            JsonNode err = line.get("error");
            if (err == null) {
                wrong.add(c.expr() + ": compiled, but it is an error in Django");
            } else if (!err.has("position") || !err.has("end")) {
                wrong.add(c.expr() + ": no position for " + err);
            } else {
                int start = err.get("position").asInt();
                int end = err.get("end").asInt();
                String shown = start >= 0 && start <= end && end <= c.expr().length()
                        ? c.expr().substring(start, end) : "(bad range " + start + ".." + end + ")";
                if (!shown.contains(c.culprit())) {
                    wrong.add(c.expr() + ": points at '" + shown + "', not at '" + c.culprit() + "' ("
                            + err.get("message").asText() + ")");
                }
            }
        }
        assertThat(wrong).as("errors without a position or pointing elsewhere").isEmpty();
    }

    @Test
    void aNameErrorPointsAtTheNameNotTheWholeLookup() throws Exception {
        CommandContractTest.Ran r = CommandContractTest.run("", "compile", "--models", "sample-db/blog/models.py",
                "--dialect", "sqlite", "Post.objects.order_by(\"title\", \"-author__nämé\")");
        JsonNode err = r.only().get("error");
        String text = "Post.objects.order_by(\"title\", \"-author__nämé\")";
        assertThat(text.substring(err.get("position").asInt(), err.get("end").asInt())).isEqualTo("nämé");
    }

    @Test
    void aDatabaseErrorOfEvalIsOnTheRawSqlOrTheWholeQuery() throws Exception {
        String raw = "Post.objects.raw(\"SELECT nope FROM blog_post\")";
        String regex = "Post.objects.filter(title__regex=\"(\")";
        CommandContractTest.Ran r = CommandContractTest.run(raw + "\n" + regex + "\n", CommandContractTest.with(
                CommandContractTest.with(new String[] {"eval"}, CommandContractTest.BLOG), "--batch"));
        List<JsonNode> lines = r.lines();
        JsonNode onRaw = lines.get(0).get("error");
        assertThat(onRaw.get("kind").asText()).isEqualTo("OperationalError");
        assertThat(raw.substring(onRaw.get("position").asInt(), onRaw.get("end").asInt()))
                .isEqualTo("\"SELECT nope FROM blog_post\"");
        JsonNode onQuery = lines.get(1).get("error");
        assertThat(onQuery.get("kind").asText()).isEqualTo("OperationalError");
        assertThat(regex.substring(onQuery.get("position").asInt(), onQuery.get("end").asInt())).isEqualTo(regex);
    }
}
