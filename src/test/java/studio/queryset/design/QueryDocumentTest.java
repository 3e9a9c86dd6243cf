package studio.queryset.design;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import studio.queryset.django.DjangoParser;
import studio.queryset.schema.ModelsPyImporter;
import studio.queryset.schema.Schema;
import studio.queryset.sql.Dialect;

/**
 * The document's contract without a window: one history for canvas commands and Django text, one revision per
 * change built on the document's worker, delivered to the owner's thread, newest generation wins.
 */
class QueryDocumentTest {
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

    /** A canvas command: the design with a new query, as the canvas's edits produce it. */
    boolean command(String name, String django) {
        return doc.apply(name, doc.design().withQuery(DjangoParser.parse(django, schema)), null);
    }

    @Test
    void aRevisionIsBuiltOnTheWorkerAndShownOnlyWhenTheOwnerRunsItsDelivery() throws Exception {
        doc.load(Design.of("d", DjangoParser.parse("Post.objects.all()", schema)));
        assertThat(doc.busy()).isTrue();
        assertThat(doc.current().query()).isNull(); // nothing shown until the owner's thread takes it
        Revision r = owner.await(doc);
        assertThat(r.computedOn()).isEqualTo("qss-document").isNotEqualTo(Thread.currentThread().getName());
        assertThat(r.djangoText()).isEqualTo("Post.objects.all()");
        assertThat(r.sqlText()).contains("FROM \"blog_post\"");
        assertThat(r.graph().node("src")).isNotNull();
        assertThat(r.javaText()).contains("class");
    }

    @Test
    void aStaleRevisionNeverOverwritesANewerOne() throws Exception {
        doc.load(Design.of("d", DjangoParser.parse("Post.objects.all()", schema)));
        owner.await(doc);
        long first = doc.editText("Post.objects.filter(slug=\"a\")");
        long second = doc.editText("Post.objects.filter(slug=\"b\")");
        assertThat(second).isGreaterThan(first);
        Runnable older = owner.next();
        Runnable newer = owner.next();
        newer.run();
        older.run(); // arrives late: dropped
        assertThat(doc.current().generation()).isEqualTo(second);
        assertThat(doc.current().djangoText()).isEqualTo("Post.objects.filter(slug=\"b\")");
        assertThat(doc.undoName()).contains("Edit Django text");
        doc.undo();
        // the superseded text never entered the history: one step back is the start
        assertThat(owner.await(doc).djangoText()).isEqualTo("Post.objects.all()");

        // in order, the older one is dropped too: a newer change was asked for before it arrived
        long a = doc.editText("Post.objects.filter(slug=\"c\")");
        long b = doc.editText("Post.objects.filter(slug=\"d\")");
        owner.next().run();
        assertThat(doc.current().generation()).isLessThan(a);
        owner.next().run();
        assertThat(doc.current().generation()).isEqualTo(b);
        assertThat(doc.current().djangoText()).contains("\"d\"");
    }

    @Test
    void textEditsAndCanvasCommandsAreOneHistory() throws Exception {
        doc.load(Design.of("d", DjangoParser.parse("Post.objects.all()", schema)));
        owner.await(doc);
        command("Add filter", "Post.objects.filter(slug=\"a\")");
        owner.await(doc);
        doc.editText("Post.objects.filter(slug=\"a\").order_by(\"id\")");
        Revision typed = owner.await(doc);
        assertThat(typed.source()).isEqualTo("Post.objects.filter(slug=\"a\").order_by(\"id\")");
        command("Add exclude", "Post.objects.filter(slug=\"a\").order_by(\"id\").exclude(view_count=0)");
        owner.await(doc);

        List<String> back = new ArrayList<>();
        while (doc.canUndo()) {
            back.add(doc.undoName().orElseThrow());
            doc.undo();
            back.add(owner.await(doc).djangoText());
        }
        assertThat(back).containsExactly(
                "Add exclude", "Post.objects.filter(slug=\"a\").order_by(\"id\")",
                "Edit Django text", "Post.objects.filter(slug=\"a\")",
                "Add filter", "Post.objects.all()");
        doc.redo();
        doc.redo();
        assertThat(owner.await(doc).djangoText()).isEqualTo("Post.objects.filter(slug=\"a\").order_by(\"id\")");
        assertThat(doc.current().cause()).isEqualTo(Revision.Cause.REDO);
        assertThat(doc.current().source()).isEqualTo(doc.current().djangoText()); // short: one line
    }

    @Test
    void aTextThatDoesNotParseKeepsTheLastGoodQueryAndCanBeDiscarded() throws Exception {
        doc.load(Design.of("d", DjangoParser.parse("Post.objects.filter(slug=\"a\")", schema)));
        Revision good = owner.await(doc);
        doc.editText("Post.objects.filter(titel=\"a\")");
        Revision bad = owner.await(doc);
        assertThat(bad.parseError().kind()).isEqualTo("FieldError");
        assertThat(bad.parseError().message()).contains("titel");
        assertThat(bad.source()).isEqualTo("Post.objects.filter(titel=\"a\")");
        assertThat(bad.query()).isEqualTo(good.query());
        assertThat(bad.sqlText()).isEqualTo(good.sqlText());
        assertThat(doc.canUndo()).isFalse(); // a failed text is no history entry

        doc.discardText();
        Revision back = owner.await(doc);
        assertThat(back.parseError()).isNull();
        assertThat(back.source()).isEqualTo("Post.objects.filter(slug=\"a\")");
    }

    @Test
    void aCardMoveReusesTheRevisionsComputedPartsAndIsUndoable() throws Exception {
        doc.load(Design.of("d", DjangoParser.parse("Post.objects.filter(slug=\"a\")", schema)));
        Revision before = owner.await(doc);
        doc.apply("Move", doc.design().withPosition("s0", new Point(10, 20)), "drag-1");
        doc.apply("Move", doc.design().withPosition("s0", new Point(30, 40)), "drag-1");
        assertThat(doc.busy()).isFalse(); // nothing to build: shown at once
        Revision moved = doc.current();
        assertThat(moved.cause()).isEqualTo(Revision.Cause.MOVE);
        assertThat(moved.design().positions()).containsEntry("s0", new Point(30, 40));
        assertThat(moved.graph()).isSameAs(before.graph());
        assertThat(moved.plan()).isSameAs(before.plan());
        assertThat(doc.undoName()).contains("Move");
        doc.undo(); // the two steps of one drag are one undo step
        assertThat(owner.await(doc).design().positions()).isEmpty();
        assertThat(doc.canUndo()).isFalse();
    }

    @Test
    void settingsMakeANewRevisionOfTheSameDesignWithoutAHistoryEntry() throws Exception {
        doc.load(Design.of("d", DjangoParser.parse("Post.objects.filter(slug=\"a\")[:5]", schema)));
        assertThat(owner.await(doc).paramsText()).startsWith("SQLite");
        doc.configure(doc.settings().withDialect(Dialect.POSTGRESQL));
        Revision pg = owner.await(doc);
        assertThat(pg.paramsText()).startsWith("PostgreSQL");
        assertThat(pg.cause()).isEqualTo(Revision.Cause.SETTINGS);
        assertThat(doc.canUndo()).isFalse();
    }

    @Test
    void aQueryThatDoesNotCompileBadgesTheNodeItNames() throws Exception {
        doc.load(Design.of("d", DjangoParser.parse("Post.objects.all()", schema)));
        owner.await(doc);
        // the canvas can build what the parser would refuse: a lookup on a field that is not there
        doc.apply("Add filter", doc.design().withQuery(new studio.queryset.query.QuerySet("Post",
                List.of(new studio.queryset.query.Step.Filter(List.of(), List.of(new studio.queryset.query.Q.Lookup(
                        "titel", studio.queryset.query.Expression.Value.of("x"))), false)))), null);
        Revision r = owner.await(doc);
        assertThat(r.plan()).isNull();
        assertThat(r.compileError()).contains("titel").endsWith("(SQLite)");
        assertThat(r.nodeErrors()).containsKey("s0.k0");
        assertThat(r.nodeProblem()).startsWith("Node ").contains("s0.k0");
        assertThat(r.sqlText()).startsWith("-- This QuerySet does not compile for SQLite");
    }

    @Test
    void settleShowsTheNewestRevisionOnTheCallersThread() {
        doc.load(Design.of("d", DjangoParser.parse("Author.objects.all()", schema)));
        List<String> seenOn = new ArrayList<>();
        doc.addListener(r -> seenOn.add(Thread.currentThread().getName()));
        Revision r = doc.settle();
        assertThat(r.djangoText()).isEqualTo("Author.objects.all()");
        assertThat(seenOn).containsExactly(Thread.currentThread().getName());
        assertThat(r.computedOn()).isEqualTo("qss-document");
    }

    @Test
    void aWriteThatRunsNoQueryStillMakesARevision() throws Exception {
        doc.load(Design.of("d", DjangoParser.parse("Post.objects.all()", schema)));
        owner.await(doc);
        doc.editText("Post.objects.bulk_create([])"); // Django returns [] and runs nothing
        Revision r = owner.await(doc);
        assertThat(r.parseError()).isNull();
        assertThat(r.compileError()).isNull();
        assertThat(r.plan().statements()).isEmpty();
        assertThat(r.djangoText()).isEqualTo("Post.objects.bulk_create([])");
    }
}
