package studio.queryset.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import studio.queryset.schema.ModelsPyImporter;
import studio.queryset.schema.SchemaException;

/**
 * Mutated input never kills a run: truncated, cut, doubled, bracket-swapped, unicode-salted and deeply nested
 * expressions given to {@code eval --batch} each get one JSON object on their own line (a result or an error, no
 * stack trace) and the batch ends with exit code 0; mutated models files import or fail with a SchemaError.
 */
class FuzzedInputTest {
    static final List<String> SEEDS = List.of(
            "Post.objects.filter(Q(published_at__isnull=False) | Q(author__name=\"Alice\")).count()",
            "Author.objects.annotate(n=Count(\"posts\"), latest=Max(\"posts__published_at\")).order_by(\"-n\")[:3]",
            "Post.objects.exclude(tags__name__in=[\"python\", \"sql\"]).values_list(\"title\", flat=True)[:2]",
            "Author.objects.annotate(last=Subquery(Post.objects.filter(author=OuterRef(\"pk\"))"
                    + ".order_by(\"-published_at\").values(\"title\")[:1])).values(\"name\", \"last\")[:2]",
            "Post.objects.filter(view_count__gt=F(\"word_count\") * 2, published_at__year=2023).exists()",
            "Post.objects.raw(\"SELECT id, title FROM blog_post WHERE id < %s\", [3])",
            "Author.objects.prefetch_related(Prefetch(\"posts\", queryset=Post.objects.order_by(\"-view_count\")))[:1]",
            "Post.objects.aggregate(total=Sum(\"view_count\"), n=Count(\"id\", filter=Q(view_count__gt=10)))");
    static final String UNICODE = "\u0000\u001B\u200B\u202E\uD800\u00E9\uD83D\uDE00\\'\"";

    static Arbitrary<String> mutated() {
        Arbitrary<String> seed = Arbitraries.of(SEEDS);
        Arbitrary<Integer> at = Arbitraries.integers().between(0, 10_000);
        Arbitrary<Integer> kind = Arbitraries.integers().between(0, 6);
        return Combinators.combine(seed, at, at, kind).as(FuzzedInputTest::mutate)
                .map(s -> s.replace('\n', ' ').replace('\r', ' '));
    }

    static String mutate(String s, int a, int b, int kind) {
        int i = a % (s.length() + 1);
        int j = Math.min(s.length(), i + b % 12);
        return switch (kind) {
            case 0 -> s.substring(0, i); // truncation
            case 1 -> s.substring(0, i) + s.substring(j); // deletion
            case 2 -> s.substring(0, j) + s.substring(i); // duplication
            case 3 -> s.substring(0, i) + s.substring(i).replace('(', '[').replace(')', '}'); // bracket swap
            case 4 -> s.substring(0, i) + UNICODE.charAt(b % UNICODE.length()) + s.substring(i); // unicode
            case 5 -> s.substring(0, i) + "(".repeat(200 + b % 2000) + s.substring(i); // deep nesting
            default -> s.substring(0, i) + "~".repeat(1 + b % 5000) + s.substring(i); // long unary chains
        };
    }

    @Provide
    Arbitrary<List<String>> batches() {
        return mutated().list().ofMinSize(5).ofMaxSize(15);
    }

    @Property(tries = 25)
    void everyMutatedExpressionGetsOneJsonLine(@ForAll("batches") List<String> lines) throws Exception {
        List<String> expected = new ArrayList<>();
        for (String l : lines) {
            if (!l.isBlank() && !l.strip().startsWith("#")) {
                expected.add(l.strip());
            }
        }
        InputStream in = System.in;
        PrintStream out = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int code;
        try {
            System.setIn(new ByteArrayInputStream(String.join("\n", lines).getBytes(StandardCharsets.UTF_8)));
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            code = MainCommand.run("eval", "--batch", "--db", "jdbc:sqlite:sample-db/blog.sqlite3", "--models",
                    "sample-db/blog/models.py");
        } finally {
            System.setIn(in);
            System.setOut(out);
        }
        String text = captured.toString(StandardCharsets.UTF_8);
        assertThat(code).as(text).isZero();
        assertThat(text).doesNotContain("\tat ").doesNotContain("Exception:");
        String[] answers = text.split("\n");
        assertThat(answers).hasSize(expected.size());
        ObjectMapper json = new ObjectMapper();
        for (int k = 0; k < answers.length; k++) {
            JsonNode node = json.readTree(answers[k]);
            assertThat(node.has("result") || node.has("error")).as(answers[k]).isTrue();
            if (node.has("error")) {
                assertThat(node.get("error").get("kind").asText()).as(answers[k]).isNotEqualTo("InternalError");
            }
        }
    }

    @Provide
    Arbitrary<String> models() {
        String source;
        try {
            source = Files.readString(Path.of("sample-db/blog/models.py"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Arbitrary<Integer> at = Arbitraries.integers().between(0, 100_000);
        return Combinators.combine(at, at, Arbitraries.integers().between(0, 6))
                .as((a, b, kind) -> mutate(source, a, b, kind));
    }

    @Property(tries = 150)
    void aMutatedModelsFileImportsOrIsASchemaError(@ForAll("models") String source) {
        try {
            ModelsPyImporter.importSource("blog", source, "models.py");
        } catch (SchemaException expected) {
            assertThat(expected.getMessage()).isNotBlank().doesNotContain("\tat ");
        }
    }
}
