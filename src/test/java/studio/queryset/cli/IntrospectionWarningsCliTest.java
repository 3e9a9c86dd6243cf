package studio.queryset.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code compile --db} without {@code --models}: what the introspector assumed is in the JSON and on stderr. */
class IntrospectionWarningsCliTest {

    @Test
    void compileFromAnIntrospectedDatabaseCarriesItsAssumptions() throws Exception {
        CommandContractTest.Ran r = CommandContractTest.run("", "compile", "--db", "jdbc:sqlite:sample-db/blog.sqlite3",
                "Post.objects.filter(tags__name=\"x\")");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode answer = r.only();
        List<String> warnings = new ArrayList<>();
        answer.get("warnings").forEach(w -> warnings.add(w.asText()));
        // the sample database has no django_content_type: names come from table prefixes, the M2M from its columns
        assertThat(warnings).contains("blog_post: table blog_post has no django_content_type to name it: app label "
                + "blog is the table-name prefix that several tables share, the model name the rest capitalized at "
                + "its underscores; read as model blog.Post", "blog_post_tags: table blog_post_tags (an id and two "
                + "foreign keys, nothing else, and no content type) read as the join table of many-to-many "
                + "Post.tags to Tag");
        assertThat(r.err().lines().filter(l -> l.startsWith("warning: ")).map(l -> l.substring(9)).toList())
                .containsExactlyElementsOf(warnings);
        assertThat(answer.get("sql").asText()).contains("INNER JOIN \"blog_post_tags\"");
    }

    @Test
    void compileWithModelsThatImportCleanlyHasNoWarningsArray() throws Exception {
        CommandContractTest.Ran r = CommandContractTest.run("", "compile", "--dialect", "sqlite", "--models",
                "sample-db/blog/models.py", "Post.objects.all()");
        assertThat(r.only().has("warnings")).isFalse();
        assertThat(r.err()).doesNotContain("warning:");
    }
}
