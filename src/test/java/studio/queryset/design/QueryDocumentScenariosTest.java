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

/**
 * The canvas build scenarios of the tutorial (the robot tests CanvasBuildTest and CanvasNestedBuildTest click
 * them together) on the document alone, in milliseconds: each is built a stage at a time, some stages as canvas
 * commands (a design with the next query), some typed in the Django editor, and checked on the revision's Django
 * and SQL text; then undone to the start and redone, through the one history.
 */
class QueryDocumentScenariosTest {
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

    /** One stage of a build: a canvas command (named) or, with a null name, typing in the Django editor. */
    record Stage(String command, String django) {
        static Stage command(String name, String django) {
            return new Stage(name, django);
        }

        static Stage typed(String django) {
            return new Stage(null, django);
        }
    }

    /**
     * Starts on {@code Model.objects.all()}, applies the stages (each must change the query and show its Django
     * text exactly), returns the last revision after undoing to the start and redoing every stage.
     */
    Revision build(String model, Stage... stages) throws Exception {
        doc.startOver(DjangoParser.parse(model + ".objects.all()", schema));
        List<String> texts = new ArrayList<>();
        texts.add(owner.await(doc).djangoText());
        for (Stage s : stages) {
            if (s.command() == null) {
                doc.editText(s.django());
            } else {
                assertThat(doc.apply(s.command(), doc.design().withQuery(DjangoParser.parse(s.django(), schema)),
                        null)).as(s.command()).isTrue();
            }
            Revision r = owner.await(doc);
            assertThat(r.parseError()).as(s.django()).isNull();
            assertThat(r.djangoText()).isEqualTo(s.django());
            assertThat(r.compileError()).as(s.django()).isNull();
            texts.add(r.djangoText());
        }
        for (int i = texts.size() - 2; i >= 0; i--) {
            assertThat(doc.undo()).isTrue();
            assertThat(owner.await(doc).djangoText()).isEqualTo(texts.get(i));
        }
        assertThat(doc.canUndo()).isFalse();
        for (int i = 1; i < texts.size(); i++) {
            assertThat(doc.redo()).isTrue();
            assertThat(owner.await(doc).djangoText()).isEqualTo(texts.get(i));
        }
        Revision last = doc.current();
        assertThat(last.computedOn()).isEqualTo("qss-document");
        return last;
    }

    static String oneLine(String sql) {
        return sql.replaceAll("\\s+", " ");
    }

    @Test
    void qOr() throws Exception {
        Revision r = build("Post",
                Stage.command("Add filter", "Post.objects.filter()"),
                Stage.command("Add Q OR",
                        "Post.objects.filter(Q(published_at__isnull=False) | Q(author__name=\"x\"))"));
        assertThat(oneLine(r.sqlText())).contains("\"blog_post\".\"published_at\" IS NOT NULL OR")
                .contains("INNER JOIN \"blog_author\"").contains("\"blog_author\".\"name\" = ?");
        assertThat(r.params()).extracting(p -> p.value()).containsExactly("'x'");
    }

    @Test
    void filterThenExclude() throws Exception {
        Revision r = build("Post",
                Stage.command("Add filter", "Post.objects.filter(published_at__isnull=False)"),
                Stage.typed("Post.objects.filter(published_at__isnull=False).exclude(title__icontains=\"draft\")"));
        assertThat(oneLine(r.sqlText())).contains("WHERE (\"blog_post\".\"published_at\" IS NOT NULL) AND (NOT "
                + "(\"blog_post\".\"title\" LIKE ? ESCAPE '\\'))");
        assertThat(r.params()).extracting(p -> p.value()).containsExactly("'%draft%'");
    }

    @Test
    void fCompareAndArithmetic() throws Exception {
        Revision r = build("Post",
                Stage.command("Add filter", "Post.objects.filter(view_count__gt=F(\"id\"))"),
                Stage.command("Edit expression", "Post.objects.filter(view_count__gt=F(\"id\") * 2)"));
        assertThat(oneLine(r.sqlText())).contains("\"blog_post\".\"view_count\" > (\"blog_post\".\"id\" * ?)");
    }

    @Test
    void selectRelatedChain() throws Exception {
        Revision r = build("Comment",
                Stage.command("Add select_related", "Comment.objects.select_related(\"post\")"),
                Stage.command("Pick path", "Comment.objects.select_related(\"post__author\")"));
        assertThat(oneLine(r.sqlText())).contains("INNER JOIN \"blog_post\"").contains("INNER JOIN \"blog_author\"")
                .contains("\"blog_author\".\"name\"");
    }

    @Test
    void prefetchWithAQueryset() throws Exception {
        Revision r = build("Author",
                Stage.command("Add prefetch_related",
                        "Author.objects.prefetch_related(Prefetch(\"posts\", queryset=Post.objects.all()))"),
                Stage.command("Add filter in Prefetch", "Author.objects.prefetch_related(Prefetch(\"posts\", "
                        + "queryset=Post.objects.filter(published_at__isnull=False)))"),
                Stage.typed("Author.objects.prefetch_related(Prefetch(\"posts\", queryset=Post.objects"
                        + ".filter(published_at__isnull=False).order_by(\"-published_at\"), to_attr=\"published\"))"));
        String sql = oneLine(r.sqlText());
        assertThat(sql).startsWith("SELECT").contains("FROM \"blog_author\"");
        assertThat(sql).contains("\"blog_post\".\"published_at\" IS NOT NULL").contains("IN (")
                .contains("ORDER BY \"blog_post\".\"published_at\" DESC");
        // the main query, then the prefetch query whose key list is bound when it runs
        assertThat(r.plan().statements()).hasSize(2);
        assertThat(r.plan().statements().get(1).sql()).contains("\"blog_post\".\"author_id\" IN (/*KEYS*/)");
    }

    @Test
    void countAndMax() throws Exception {
        Revision r = build("Author",
                Stage.command("Add annotate", "Author.objects.annotate(post_count=Count(\"posts\"))"),
                Stage.command("Add annotation",
                        "Author.objects.annotate(post_count=Count(\"posts\"), latest=Max(\"posts__published_at\"))"));
        assertThat(oneLine(r.sqlText())).contains("COUNT(\"blog_post\".\"id\") AS \"post_count\"")
                .contains("MAX(\"blog_post\".\"published_at\") AS \"latest\"").contains("LEFT OUTER JOIN \"blog_post\"")
                .contains("GROUP BY");
    }

    @Test
    void conditionalAggregation() throws Exception {
        Revision r = build("Author",
                Stage.command("Add annotate", "Author.objects.annotate(published=Count(\"posts\"))"),
                Stage.command("Add aggregate filter", "Author.objects.annotate(published=Count(\"posts\", "
                        + "filter=Q(posts__published_at__isnull=False)))"));
        assertThat(oneLine(r.sqlText())).contains("COUNT(").contains("\"blog_post\".\"published_at\" IS NOT NULL")
                .contains("AS \"published\"");
    }

    @Test
    void aggregateAvg() throws Exception {
        Revision r = build("Post",
                Stage.command("Add aggregate", "Post.objects.aggregate(Avg(\"view_count\"))"));
        assertThat(oneLine(r.sqlText())).contains("AVG(\"blog_post\".\"view_count\") AS \"view_count__avg\"");
        assertThat(r.graph().node("s0").kind()).isEqualTo(NodeKind.TERMINAL);
    }

    @Test
    void subqueryWithOuterRef() throws Exception {
        Revision r = build("Author",
                Stage.command("Add Subquery", "Author.objects.annotate(latest_title=Subquery(Post.objects.all()))"),
                Stage.typed("Author.objects.annotate(latest_title=Subquery(Post.objects.filter(author=OuterRef(\"pk\"))"
                        + ".order_by(\"-published_at\").values(\"title\")[:1]))"));
        assertThat(oneLine(r.sqlText())).contains("(SELECT \"U0\".\"title\" FROM \"blog_post\" \"U0\" WHERE "
                + "\"U0\".\"author_id\" = \"blog_author\".\"id\"").contains("LIMIT 1) AS \"latest_title\"");
    }

    @Test
    void existsAsACondition() throws Exception {
        Revision r = build("Author",
                Stage.command("Add filter", "Author.objects.filter()"),
                Stage.command("Add Exists", "Author.objects.filter(Exists(Post.objects.all()))"),
                Stage.command("Add condition in Exists",
                        "Author.objects.filter(Exists(Post.objects.filter(author=OuterRef(\"pk\"))))"),
                Stage.command("Negate",
                        "Author.objects.filter(~Q(Exists(Post.objects.filter(author=OuterRef(\"pk\")))))"));
        assertThat(oneLine(r.sqlText())).contains("WHERE NOT (EXISTS(SELECT 1 AS \"a\" FROM \"blog_post\" \"U0\" "
                + "WHERE \"U0\".\"author_id\" = \"blog_author\".\"id\"");
    }

    @Test
    void valuesListFlat() throws Exception {
        Revision r = build("Post",
                Stage.command("Add order_by", "Post.objects.order_by(\"slug\")"),
                Stage.command("Add values_list", "Post.objects.order_by(\"slug\").values_list(\"slug\", flat=True)"));
        assertThat(oneLine(r.sqlText())).isEqualTo("SELECT \"blog_post\".\"slug\" FROM \"blog_post\" ORDER BY "
                + "\"blog_post\".\"slug\" ASC");
    }

    @Test
    void only() throws Exception {
        Revision only = build("Post", Stage.command("Add only", "Post.objects.only(\"title\")"));
        assertThat(oneLine(only.sqlText())).isEqualTo("SELECT \"blog_post\".\"id\", \"blog_post\".\"title\" FROM "
                + "\"blog_post\"");
    }

    @Test
    void defer() throws Exception {
        Revision defer = build("Post", Stage.command("Add defer", "Post.objects.defer(\"title\")"));
        assertThat(oneLine(defer.sqlText())).startsWith("SELECT \"blog_post\".\"id\",")
                .doesNotContain("\"blog_post\".\"title\"");
    }

    @Test
    void rawWithAParameter() throws Exception {
        Revision r = build("Post",
                Stage.command("Add raw", "Post.objects.raw(\"SELECT * FROM blog_post WHERE id > %s\", [0])"));
        assertThat(oneLine(r.sqlText())).contains("SELECT * FROM blog_post WHERE id > ?");
        assertThat(r.params()).extracting(p -> p.value()).containsExactly("0");
    }

    @Test
    void startingOverOnAnotherModelIsOneUndoStepWithFreshPositions() throws Exception {
        doc.startOver(DjangoParser.parse("Post.objects.filter(slug=\"a\")", schema));
        owner.await(doc);
        doc.apply("Move", doc.design().withPosition("s0", new Point(5, 5)), null);
        doc.startOver(DjangoParser.parse("Author.objects.all()", schema));
        Revision author = owner.await(doc);
        assertThat(author.design().positions()).isEmpty();
        assertThat(doc.undoName()).contains("New query on Author");
        doc.undo();
        Revision back = owner.await(doc);
        assertThat(back.djangoText()).isEqualTo("Post.objects.filter(slug=\"a\")");
        assertThat(back.design().positions()).containsKey("s0");
    }
}
