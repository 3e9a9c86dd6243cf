package studio.queryset.design;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import studio.queryset.django.DjangoParser;
import studio.queryset.schema.ModelsPyImporter;
import studio.queryset.schema.Schema;

/**
 * A compile error is shown on the node of the part it names (not on a node whose text happens to contain a quoted
 * word), and a text error underlines that part's text: both from the same part.
 */
class ErrorNodeTest {
    static Schema schema;
    DocumentDeliveries owner;
    QueryDocument doc;

    @BeforeAll
    static void load() throws Exception {
        schema = ModelsPyImporter.importFile(Path.of("sample-db/blog/models.py"), null);
    }

    @BeforeEach
    void open() {
        owner = new DocumentDeliveries();
        doc = new QueryDocument(Revision.Settings.of(schema), owner);
    }

    @AfterEach
    void close() {
        doc.close();
    }

    /** The node badged when the canvas holds {@code django} (parsed without checking fields, as the canvas may). */
    String badged(String django) throws Exception {
        doc.load(Design.of("d", DjangoParser.parse(django, null)));
        Revision r = owner.await(doc);
        assertThat(r.plan()).as(django).isNull();
        assertThat(r.nodeErrors()).as(django).hasSize(1);
        return r.nodeErrors().keySet().iterator().next();
    }

    @Test
    void theBadgeIsOnThePartTheErrorIsAbout() throws Exception {
        assertThat(badged("Post.objects.filter(Q(title=\"a\") | Q(titel=\"b\"))")).isEqualTo("s0.a0.c1");
        // the quoted word is in another node's text too: the part decides, not the text
        assertThat(badged("Post.objects.filter(title=\"titel\").filter(titel=\"x\")")).isEqualTo("s1.k0");
        assertThat(badged("Post.objects.annotate(n=Subquery(Comment.objects.filter(bdy=\"x\").values(\"id\")[:1]))"))
                .isEqualTo("s0.n.n.s0.k0");
        // a simple operand has no node of its own: the expression holding it
        assertThat(badged("Post.objects.annotate(n=F(\"view_count\") + F(\"slugg\"))")).isEqualTo("s0.n.n");
        assertThat(badged("Post.objects.order_by(\"-titel\")")).isEqualTo("s0");
    }

    @Test
    void theEditorUnderlinesTheSamePartsText() throws Exception {
        doc.load(Design.of("d", DjangoParser.parse("Post.objects.all()", schema)));
        owner.await(doc);
        String text = "Post.objects.filter(title=\"titel\").order_by(\"-titel\")";
        doc.editText(text);
        Revision r = owner.await(doc);
        assertThat(r.parseError()).isNotNull();
        assertThat(r.parseError().kind()).isEqualTo("FieldError");
        assertThat(text.substring(r.parseError().start(), r.parseError().end())).isEqualTo("titel");
        assertThat(r.parseError().start()).isEqualTo(text.lastIndexOf("titel"));
    }
}
