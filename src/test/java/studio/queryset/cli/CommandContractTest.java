package studio.queryset.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * DESIGN.md's command-line contract for {@code eval} and {@code compile}, through {@link MainCommand#run} as the
 * launcher calls it: exit codes (0, 2 for one failing EXPR, 0 for a batch whatever its lines say), one JSON object
 * a line in {@code --batch} mode, and the error object ({@code kind}, {@code message}, {@code position}).
 */
class CommandContractTest {
    static final String[] BLOG = {"--db", "jdbc:sqlite:sample-db/blog.sqlite3", "--models",
        "sample-db/blog/models.py"};
    static final ObjectMapper JSON = new ObjectMapper();

    /** What a run printed and returned. */
    record Ran(int code, String out, String err) {
        List<JsonNode> lines() throws Exception {
            List<JsonNode> out = new ArrayList<>();
            for (String l : this.out.split("\n")) {
                if (!l.isBlank()) {
                    out.add(JSON.readTree(l));
                }
            }
            return out;
        }

        JsonNode only() throws Exception {
            assertThat(lines()).as(out).hasSize(1);
            return lines().get(0);
        }
    }

    static Ran run(String stdin, String... args) {
        InputStream in = System.in;
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            int code = MainCommand.run(args);
            return new Ran(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setIn(in);
            System.setOut(out);
            System.setErr(err);
        }
    }

    static String[] with(String[] base, String... more) {
        String[] all = new String[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    @Test
    void anSqliteFilePathIsTakenAsItsJdbcUrlAndOtherTextSaysWhatIsValid() throws Exception {
        Ran ran = run("", "eval", "--db", "sample-db/blog.sqlite3", "--models", "sample-db/blog/models.py",
                "Post.objects.count()");
        assertThat(ran.code()).as(ran.out() + ran.err()).isZero();
        assertThat(ran.only().get("result").asLong()).isPositive();
        Ran wrong = run("", "eval", "--db", "sample-db/blog/models.py", "--models", "sample-db/blog/models.py",
                "Post.objects.count()");
        assertThat(wrong.only().get("error").get("message").asText()).contains("jdbc:sqlite:FILE");
    }

    @Test
    void evalOfOneExpressionPrintsItsResultAndQueriesAndExitsZero() throws Exception {
        Ran r = run("", with(with(new String[] {"eval"}, BLOG), "Post.objects.filter(id=1).values_list(\"title\", "
                + "flat=True)"));
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode answer = r.only();
        assertThat(answer.get("expr").asText())
                .isEqualTo("Post.objects.filter(id=1).values_list(\"title\", flat=True)");
        assertThat(answer.get("result").isArray()).isTrue();
        assertThat(answer.get("result")).hasSize(1);
        assertThat(answer.get("result").get(0).isTextual()).isTrue(); // flat: scalars, not arrays
        JsonNode query = answer.get("queries").get(0);
        assertThat(query.get("sql").asText()).isEqualTo("SELECT \"blog_post\".\"title\" FROM \"blog_post\" WHERE "
                + "\"blog_post\".\"id\" = ?");
        assertThat(query.get("params").get(0).asInt()).isEqualTo(1);
        assertThat(query.get("rows").asInt()).isEqualTo(1);
        assertThat(query.has("ms")).isTrue();
    }

    @Test
    void aFailingExpressionIsAnErrorObjectWithItsPositionAndExitCodeTwo() throws Exception {
        Ran r = run("", with(with(new String[] {"eval"}, BLOG), "Post.objects.filter(titel=\"x\")"));
        assertThat(r.code()).isEqualTo(2);
        JsonNode error = r.only().get("error");
        assertThat(error.get("kind").asText()).isEqualTo("FieldError");
        assertThat(error.get("message").asText()).startsWith("Cannot resolve keyword 'titel' into field. Choices "
                + "are: author, author_id,");
        assertThat(error.get("position").asInt()).isEqualTo("Post.objects.filter(".length());
        assertThat(r.out()).doesNotContain("\tat ");
    }

    @Test
    void aBatchAnswersEveryExpressionLineWithOneJsonLineAndExitsZero() throws Exception {
        String stdin = String.join("\n", "Tag.objects.count()", "# a comment", "", "Post.objects.get(id=-1)",
                "Author.objects.filter(", "Post.objects.filter(id=1).exists()");
        Ran r = run(stdin, with(with(new String[] {"eval"}, BLOG), "--batch"));
        assertThat(r.code()).as(r.err()).isZero();
        List<JsonNode> lines = r.lines();
        assertThat(lines).extracting(l -> l.get("expr").asText()).containsExactly("Tag.objects.count()",
                "Post.objects.get(id=-1)", "Author.objects.filter(", "Post.objects.filter(id=1).exists()");
        assertThat(lines.get(0).get("result").isInt()).isTrue();
        assertThat(lines.get(1).get("error").get("kind").asText()).isEqualTo("DoesNotExist");
        assertThat(lines.get(1).get("error").get("message").asText()).isEqualTo("Post matching query does not exist.");
        JsonNode syntax = lines.get(2).get("error");
        assertThat(syntax.get("kind").asText()).isEqualTo("SyntaxError");
        assertThat(syntax.get("position").asInt()).isBetween(0, "Author.objects.filter(".length());
        assertThat(lines.get(3).get("result").asBoolean()).isTrue();
    }

    @Test
    void compilePrintsSqlAndParamsWithoutADatabase() throws Exception {
        Ran r = run("", "compile", "--dialect", "postgresql", "--models", "sample-db/blog/models.py",
                "Post.objects.filter(slug=\"a\")[:2]");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode answer = r.only();
        assertThat(answer.get("sql").asText()).startsWith("SELECT \"blog_post\".\"id\",")
                .endsWith("WHERE \"blog_post\".\"slug\" = ? LIMIT 2");
        assertThat(answer.get("params").get(0).asText()).isEqualTo("a");
        assertThat(answer.has("result")).isFalse();
    }

    @Test
    void compileOfTextThatDoesNotParseIsAnErrorObjectAndExitCodeTwo() throws Exception {
        Ran r = run("", "compile", "--dialect", "sqlite", "--models", "sample-db/blog/models.py",
                "Post.objects.filter(slug=)");
        assertThat(r.code()).isEqualTo(2);
        JsonNode error = r.only().get("error");
        assertThat(error.get("kind").asText()).isEqualTo("SyntaxError");
        assertThat(error.get("position").asInt()).isEqualTo("Post.objects.filter(slug=".length());
    }

    @Test
    void compileInBatchModeAnswersEachLine() throws Exception {
        Ran r = run("Tag.objects.all()\nTag.objects.filter(nme=1)\nTag.objects.bulk_create([])\nTag.objects.all()\n",
                "compile", "--dialect", "sqlite", "--models", "sample-db/blog/models.py", "--batch");
        assertThat(r.code()).as(r.err()).isZero();
        List<JsonNode> lines = r.lines();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0).get("sql").asText()).contains("FROM \"blog_tag\"");
        assertThat(lines.get(1).get("error").get("kind").asText()).isEqualTo("FieldError");
        assertThat(lines.get(2).get("sql").isNull()).isTrue(); // runs no query, and the batch goes on
        assertThat(lines.get(2).get("note").asText()).isEqualTo("runs no query");
        assertThat(lines.get(3).get("sql").asText()).contains("FROM \"blog_tag\"");
    }

    @Test
    void aMissingRequiredOptionIsAUsageErrorNotAResult() {
        Ran r = run("", "eval", "--models", "sample-db/blog/models.py", "Post.objects.all()");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("Missing required option: '--db=<db>'");
    }

    @Test
    void importWarningsGoInEveryJsonObjectOfCompileAndEvalAndOnStderr(@org.junit.jupiter.api.io.TempDir
            java.nio.file.Path dir) throws Exception {
        java.nio.file.Path models = dir.resolve("models.py");
        java.nio.file.Files.writeString(models, "from django.db import models\n\n"
                + "class Item(models.Model):\n    name = models.CharField(max_length=20)\n    colour = ColourField()\n");
        Ran compiled = run("Item.objects.all()\nItem.objects.filter(colour=\"red\")\n", "compile", "--models",
                models.toString(), "--dialect", "sqlite", "--batch");
        assertThat(compiled.lines()).hasSize(2).allSatisfy(o -> assertThat(o.get("warnings").get(0).asText())
                .contains("models.py:5").contains("ColourField"));
        assertThat(compiled.err()).contains("warning: ").contains("ColourField");
        // the sample database has no such table: the error object still carries what the import assumed
        Ran evaluated = run("", "eval", "--models", models.toString(), "--db", "jdbc:sqlite:sample-db/blog.sqlite3",
                "Item.objects.filter(colour=\"red\")");
        assertThat(evaluated.only().get("error").get("message").asText()).contains("no such table");
        assertThat(evaluated.only().get("warnings").get(0).asText()).contains("ColourField");
    }
}
