package studio.queryset.app.canvas.inspector;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import studio.queryset.design.NodeKind;
import studio.queryset.schema.ModelsPyImporter;
import studio.queryset.schema.Schema;
import studio.queryset.schema.ValueType;
import studio.queryset.sql.LookupCatalog;
import studio.queryset.sql.LookupSpecs;

/**
 * The inspector's forms without a window: a change commits through the document's history, a run of typing is
 * one undo step, invalid text is shown and never committed, Esc reverts, and fields follow undo.
 */
class FormsTest {
    static Schema schema;
    DocumentFormHost host;

    @BeforeAll
    static void load() throws Exception {
        schema = ModelsPyImporter.importFile(Path.of("sample-db/blog/models.py"), null);
    }

    @AfterEach
    void close() {
        if (host != null) {
            host.close();
        }
    }

    Form open(String django, NodeKind kind) {
        host = new DocumentFormHost(schema, django);
        return host.form(host.first(kind));
    }

    /** Types {@code text} one character at a time, committing after each as the view's pause would. */
    static void type(FormField f, String text) {
        for (int i = 1; i <= text.length(); i++) {
            f.edit(text.substring(0, i));
            f.commit();
        }
    }

    @Test
    void typingCommitsAsItGoesAndOneUndoTakesTheWholeRunBack() {
        Form form = open("Post.objects.filter(author__name=\"Bob\")", NodeKind.LOOKUP);
        FormField value = form.field("lookupValue");
        assertThat(value.text()).isEqualTo("\"Bob\"");
        type(value, "Alice");
        assertThat(host.django()).isEqualTo("Post.objects.filter(author__name=\"Alice\")");
        assertThat(value.text()).as("the user's spelling stays").isEqualTo("Alice");
        value.finish();
        host.undo();
        assertThat(host.django()).isEqualTo("Post.objects.filter(author__name=\"Bob\")");
        assertThat(host.doc.canUndo()).as("five keystrokes were one step").isFalse();
        form.sync();
        assertThat(value.text()).as("the field follows undo").isEqualTo("\"Bob\"");
    }

    @Test
    void twoRunsOfTypingAreTwoStepsAndAChoiceIsAStepOfItsOwn() {
        Form form = open("Post.objects.filter(author__name=\"Bob\")", NodeKind.LOOKUP);
        type(form.field("lookupValue"), "Al");
        form.field("lookupValue").finish();
        form.field("lookupName").edit("icontains");
        form.field("lookupName").commit();
        form.field("lookupName").finish();
        assertThat(host.django()).isEqualTo("Post.objects.filter(author__name__icontains=\"Al\")");
        host.undo();
        assertThat(host.django()).isEqualTo("Post.objects.filter(author__name=\"Al\")");
        host.undo();
        assertThat(host.django()).isEqualTo("Post.objects.filter(author__name=\"Bob\")");
    }

    @Test
    void aKindChoiceCommitsAtOnce() {
        Form form = open("Post.objects.filter(title=\"x\")", NodeKind.LOOKUP);
        form.field("lookupValue").edit("q");
        form.field("lookupValue").commit();
        form.field("valueKind").edit("Param");
        assertThat(host.django()).isEqualTo("Post.objects.filter(title=Param(\"q\"))");
        assertThat(form.field("valueKind").pending()).isFalse();
    }

    @Test
    void anUnknownFieldIsShownWithDjangosMessageAndNotCommitted() {
        Form form = open("Post.objects.filter(title=\"x\")", NodeKind.LOOKUP);
        String before = host.django();
        FormField path = form.field("lookupPath");
        path.edit("titel");
        assertThat(path.error()).startsWith("FieldError: Cannot resolve keyword 'titel' into field. Choices are: ")
                .contains("author, author_id, body, comments");
        assertThat(path.commit()).isFalse();
        assertThat(host.django()).isEqualTo(before);
        assertThat(host.doc.canUndo()).isFalse();
        // focus leaving: nothing lost, the text and its error stay until fixed or reverted
        path.finish();
        form.sync();
        assertThat(path.text()).isEqualTo("titel");
        assertThat(path.error()).isNotNull();
        path.revert();
        assertThat(path.text()).isEqualTo("title");
        assertThat(path.error()).isNull();
    }

    @Test
    void anAnnotationIsAFieldALookupMayName() {
        Form form = open("Post.objects.alias(lower=Lower(\"title\")).filter(title=\"x\")", NodeKind.LOOKUP);
        form.field("lookupPath").edit("lower");
        form.field("lookupPath").commit();
        form.field("lookupName").edit("startswith");
        assertThat(form.field("lookupName").commit()).isTrue();
        assertThat(host.django()).isEqualTo("Post.objects.alias(lower=Lower(\"title\")).filter(lower__startswith=\"x\")");
        form.field("lookupPath").edit("lowr");
        assertThat(form.field("lookupPath").error()).contains("Cannot resolve keyword 'lowr' into field");
    }

    @Test
    void aFixInOneFieldCommitsWhatAnotherFieldWaitedWith() {
        Form form = open("Post.objects.filter(published_at__year=2024)", NodeKind.LOOKUP);
        FormField path = form.field("lookupPath");
        path.edit("title");
        assertThat(path.commit()).as("title__year is no lookup").isFalse();
        assertThat(path.error()).startsWith("FieldError: Unsupported lookup 'year' for");
        FormField name = form.field("lookupName");
        name.edit("istartswith");
        assertThat(name.commit()).isTrue();
        assertThat(host.django()).isEqualTo("Post.objects.filter(title__istartswith=2024)");
        assertThat(path.error()).isNull();
        assertThat(path.pending()).isFalse();
    }

    @Test
    void anAliasDjangoRefusesKeepsTheQueryAndSaysWhy() {
        Form form = open("Author.objects.annotate(n=Count(\"posts\"))", NodeKind.EXPRESSION);
        FormField alias = form.field("exprAlias");
        alias.edit("name");
        assertThat(alias.error()).isEqualTo("ValueError: The annotation 'name' conflicts with a field on the model.");
        assertThat(alias.commit()).isFalse();
        assertThat(host.django()).isEqualTo("Author.objects.annotate(n=Count(\"posts\"))");
        alias.edit("post_count");
        assertThat(alias.error()).isNull();
        assertThat(alias.commit()).isTrue();
        assertThat(host.django()).isEqualTo("Author.objects.annotate(post_count=Count(\"posts\"))");
        assertThat(form.path().toString()).as("the form follows the rename").endsWith("post_count");
        form.field("exprFunction").edit("Max");
        assertThat(host.django()).isEqualTo("Author.objects.annotate(post_count=Max(\"posts\"))");
    }

    @Test
    void theRawSqlAndItsParametersAreCheckedTogether() {
        Form form = open("Post.objects.raw(\"SELECT * FROM blog_post WHERE id > %s\", [0])", NodeKind.TERMINAL);
        FormField sql = form.field("rawSql");
        sql.edit("SELECT * FROM blog_post WHERE id > %s AND view_count > %s");
        assertThat(sql.error()).contains("2 %s placeholders but 1 parameter");
        assertThat(sql.commit()).isFalse();
        FormField params = form.field("rawParams");
        params.edit("0, 10");
        assertThat(params.commit()).isTrue();
        assertThat(host.django()).isEqualTo(
                "Post.objects.raw(\"SELECT * FROM blog_post WHERE id > %s AND view_count > %s\", [0, 10])");
        assertThat(sql.error()).isNull();
    }

    @Test
    void aTickAddsThePathAtOnce() {
        Form form = open("Post.objects.select_related(\"author\")", NodeKind.STAGE);
        form.field("pick-author__profile").edit("true");
        assertThat(host.django()).isEqualTo("Post.objects.select_related(\"author\", \"author__profile\")");
        form.field("pick-author").edit("false");
        assertThat(host.django()).isEqualTo("Post.objects.select_related(\"author__profile\")");
        assertThat(form.field("stageText").text()).isEqualTo(".select_related(\"author__profile\")");
    }

    @Test
    void theFieldPickerListsTypedPathsWithoutCycles() {
        Form form = open("Post.objects.filter(title=\"x\")", NodeKind.LOOKUP);
        assertThat(form.field("lookupPath").choices()).extracting(FormField.Choice::label)
                .contains("author__name  CharField", "title  CharField")
                .noneMatch(l -> l.startsWith("author__posts"));
        form.field("lookupPath").edit("published_at");
        assertThat(form.field("lookupName").choices()).extracting(FormField.Choice::value).contains("year", "gte");
    }

    @Test
    void theLookupPickerOffersExactlyTheRegistrysLookupsForTheFieldsType() {
        Form form = open("Post.objects.filter(title=\"x\")", NodeKind.LOOKUP);
        for (String path : java.util.List.of("title", "published_at", "view_count", "author", "tags__name")) {
            form.field("lookupPath").edit(path);
            ValueType type = LookupCatalog.typeOf(schema, "Post", path).orElseThrow();
            assertThat(form.field("lookupName").choices()).as(path).extracting(FormField.Choice::value)
                    .containsExactlyElementsOf(LookupSpecs.namesFor(type));
            assertThat(form.field("lookupName").choices()).as(path).allMatch(c -> c.label().equals(
                    LookupSpecs.find(c.value()).orElseThrow().label()));
        }
        form.field("lookupPath").edit("title");
        form.field("lookupName").edit("icontains");
        assertThat(form.hint()).startsWith("icontains: " + LookupSpecs.find("icontains").orElseThrow().help()
                + ", compared with text. ");
    }
}
