package studio.queryset.app.canvas.editor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import studio.queryset.app.canvas.palette.AddNodeItems;
import studio.queryset.app.canvas.palette.ExpressionPalette;
import studio.queryset.app.canvas.palette.PaletteItems;
import studio.queryset.app.shell.ProjectHome;
import studio.queryset.app.shell.SampleProject;
import studio.queryset.app.shell.StudioViewModel;
import studio.queryset.app.document.DocumentModel;
import studio.queryset.app.shell.WorkbenchSettings;
import studio.queryset.design.DesignFile;
import studio.queryset.design.Point;

/**
 * Every kind of canvas drop, without a window: what each does to the query (the Django text and that it
 * compiles), that it is one undo step, and that refusals change nothing and say why.
 */
class CanvasDropsTest {
    private StudioViewModel vm;
    private CanvasViewModel canvas;
    private CanvasDrops drops;

    @BeforeEach
    void open() {
        vm = new StudioViewModel(Runnable::run);
        vm.open(SampleProject.open(ProjectHome.locate()));
        vm.selectModel("Post");
        canvas = vm.canvas();
        drops = new CanvasDrops(canvas);
    }

    @AfterEach
    void close() {
        vm.dispose();
    }

    private String django() {
        return vm.query().djangoTextProperty().get();
    }

    private void design(String text) {
        assertThat(vm.setDjangoText(text)).isTrue();
    }

    private static CanvasDrops.Payload p(CanvasDrops.Kind k, String v) {
        return new CanvasDrops.Payload(k, v);
    }

    private void assertOneUndoBackTo(String before) {
        assertThat(vm.query().planProperty().get()).as(vm.query().compileErrorProperty().get()).isNotNull();
        assertThat(canvas.undo()).isTrue();
        assertThat(django()).isEqualTo(before);
    }

    @Test
    void aPaletteStageGoesRightAfterTheSelectedCard() {
        design("Post.objects.filter(view_count__gt=1).values(\"id\")");
        canvas.select("s0.k0");
        assertThat(canvas.addStage(PaletteItems.stage("order_by", canvas.schema(), "Post"))).isTrue();
        assertThat(django()).isEqualTo("Post.objects.filter(view_count__gt=1).order_by(\"-pk\").values(\"id\")");
        assertThat(canvas.focusedProperty().get()).isEqualTo("s1");
    }

    @Test
    void withNothingSelectedAFilterGoesBeforeTheSliceDjangoWouldRefuseItAfter() {
        design("Post.objects.order_by(\"-published_at\")[:1]");
        canvas.select(null);
        String before = django();
        assertThat(canvas.addStage(PaletteItems.stage("filter", canvas.schema(), "Post"))).isTrue();
        assertThat(django()).isEqualTo("Post.objects.order_by(\"-published_at\").filter()[:1]");
        assertThat(canvas.messageProperty().get()).contains("went before [:1]")
                .contains("Cannot filter a query once a slice has been taken.");
        assertOneUndoBackTo(before);
    }

    @Test
    void aStageChipOnAWireOrCardInsertsThereEvenInsideAFrame() {
        design("Author.objects.annotate(latest=Subquery(Post.objects.filter(author=OuterRef(\"pk\")).values("
                + "\"title\")[:1]))");
        String before = django();
        // the wire from the frame's filter to its values(): order_by goes in between, on Post
        assertThat(drops.dropOnWire(p(CanvasDrops.Kind.STAGE, "order_by"), "s0.n.latest.s0")).isTrue();
        assertThat(django()).contains("Post.objects.filter(author=OuterRef(\"pk\")).order_by(\"-pk\").values(");
        assertOneUndoBackTo(before);
        assertThat(drops.drop(p(CanvasDrops.Kind.STAGE, "count"), "src")).isTrue();
        assertThat(django()).endsWith(".count()");
    }

    @Test
    void conditionChipsGoIntoFiltersAndGroupsOrBecomeAFilterOnAStage() {
        design("Post.objects.filter(view_count__gt=1).order_by(\"id\")");
        assertThat(drops.drop(p(CanvasDrops.Kind.CONDITION, "OR"), "s0")).isTrue();
        assertThat(django()).startsWith("Post.objects.filter(Q(title__isnull=False) | Q(title__isnull=False), "
                + "view_count__gt=1)");
        assertThat(drops.drop(p(CanvasDrops.Kind.CONDITION, "lookup"), "s0.a0")).isTrue();
        assertThat(django()).contains("Q(title__isnull=False) | Q(title__isnull=False) | Q(title__isnull=False)");
        String before = django();
        assertThat(drops.drop(p(CanvasDrops.Kind.CONDITION, "NOT"), "s1")).isTrue();
        assertThat(django()).endsWith(".order_by(\"id\").filter(~Q(title__isnull=False))");
        assertOneUndoBackTo(before);
        assertThat(drops.drop(p(CanvasDrops.Kind.CONDITION, "Exists"), "s0")).isTrue();
        assertThat(django()).contains("Exists(");

        design("Author.objects.all()");
        assertThat(drops.accepts(p(CanvasDrops.Kind.CONDITION, "Exists"), "src")).isTrue();
        assertThat(drops.drop(p(CanvasDrops.Kind.CONDITION, "Exists"), "src")).isTrue();
        assertThat(django()).isEqualTo("Author.objects.filter(Exists(Post.objects.all()))");
        assertThat(canvas.focusedProperty().get()).startsWith("s0.a0");
        assertOneUndoBackTo("Author.objects.all()");
    }

    @Test
    void schemaFieldsBecomeLookupsFieldsRelationsOrAggregatesWhereDropped() {
        design("Post.objects.filter(Q(title__icontains=\"a\") | Q(slug=\"b\")).order_by(\"id\").defer(\"slug\")"
                + ".select_related().prefetch_related()");
        assertThat(drops.drop(p(CanvasDrops.Kind.FIELD, "Post.published_at"), "s0.a0.c0")).isTrue();
        assertThat(django()).startsWith("Post.objects.filter(Q(published_at__isnull=False) | Q(slug=\"b\"))");
        assertThat(drops.drop(p(CanvasDrops.Kind.FIELD, "Author.name"), "s0.a0")).isTrue();
        assertThat(django()).contains("| Q(author__name=\"\")");
        assertThat(drops.drop(p(CanvasDrops.Kind.FIELD, "Post.title"), "s1")).isTrue();
        assertThat(django()).contains(".order_by(\"id\", \"title\")");
        assertThat(drops.drop(p(CanvasDrops.Kind.FIELD, "Post.title"), "s2")).isTrue();
        assertThat(django()).contains(".defer(\"slug\", \"title\")");
        assertThat(drops.drop(p(CanvasDrops.Kind.FIELD, "Author.name"), "s3")).isTrue();
        assertThat(django()).contains(".select_related(\"author\")");
        String before = django();
        assertThat(drops.drop(p(CanvasDrops.Kind.FIELD, "Post.title"), "s4")).isFalse();
        assertThat(canvas.messageProperty().get()).contains("prefetch_related follows relations");
        assertThat(django()).isEqualTo(before);
        assertThat(drops.drop(p(CanvasDrops.Kind.FIELD, "Tag.name"), "s4")).isTrue();
        assertThat(django()).endsWith(".prefetch_related(\"tags\")");
        assertOneUndoBackTo(before);
    }

    @Test
    void aFieldOnTheSourceOrAStageWithNoUseForFieldsFiltersByItThere() {
        design("Post.objects.all()[:5]");
        assertThat(drops.accepts(p(CanvasDrops.Kind.FIELD, "Post.title"), "src")).isTrue();
        assertThat(drops.drop(p(CanvasDrops.Kind.FIELD, "Post.title"), "src")).isTrue();
        assertThat(django()).isEqualTo("Post.objects.filter(title=\"\")[:5]");
        assertOneUndoBackTo("Post.objects.all()[:5]");

        design("Post.objects.distinct()");
        assertThat(drops.drop(p(CanvasDrops.Kind.FIELD, "Author.name"), "s0")).isTrue();
        assertThat(django()).isEqualTo("Post.objects.distinct(\"author__name\")");
        design("Post.objects.order_by(\"id\")[:5]");
        assertThat(drops.drop(p(CanvasDrops.Kind.FIELD, "Author.name"), "src")).isTrue();
        assertThat(django()).isEqualTo("Post.objects.filter(author__name=\"\").order_by(\"id\")[:5]");

        String before = django();
        assertThat(drops.drop(p(CanvasDrops.Kind.FIELD, "Nope.x"), "src")).isFalse();
        assertThat(canvas.messageProperty().get()).startsWith("No path from Post to Nope.x");
        assertThat(django()).isEqualTo(before);
    }

    @Test
    void aNumberColumnThatIsNeverNullIsComparedWithANumberToTypeNotTestedForNull() {
        // Post.objects.filter(pk=1): id, dropped on the source, is an exact waiting for its number
        design("Post.objects.all()");
        canvas.forgetNodeToName();
        assertThat(drops.drop(p(CanvasDrops.Kind.FIELD, "Post.id"), "src")).isTrue();
        assertThat(django()).isEqualTo("Post.objects.filter(id=0)");
        assertThat(canvas.takeNodeToName()).isEqualTo("s0.k0");
        assertOneUndoBackTo("Post.objects.all()");
        // a nullable number, or one across a relation that may be missing, keeps "has a value"
        design("Author.objects.all()");
        assertThat(drops.drop(p(CanvasDrops.Kind.FIELD, "Post.view_count"), "src")).isTrue();
        assertThat(django()).isEqualTo("Author.objects.filter(posts__view_count__isnull=False)");
        design("Post.objects.all()");
        assertThat(drops.drop(p(CanvasDrops.Kind.FIELD, "Post.word_count"), "src")).isTrue();
        assertThat(django()).isEqualTo("Post.objects.filter(word_count__isnull=False)");
    }

    @Test
    void theFirstFieldOnAStageStillHoldingItsChipsPlaceholderReplacesIt() {
        assertThat(drops.drop(p(CanvasDrops.Kind.STAGE, "values"), "src")).isTrue();
        assertThat(django()).isEqualTo("Post.objects.values(\"pk\", \"title\")");
        assertThat(drops.drop(p(CanvasDrops.Kind.FIELD, "Author.name"), "s0")).isTrue();
        assertThat(django()).isEqualTo("Post.objects.values(\"author__name\")");
        assertThat(drops.drop(p(CanvasDrops.Kind.FIELD, "Post.title"), "s0")).isTrue();
        assertThat(django()).isEqualTo("Post.objects.values(\"author__name\", \"title\")");
        assertOneUndoBackTo("Post.objects.values(\"author__name\")");

        design("Post.objects.order_by(\"-pk\")");
        assertThat(drops.drop(p(CanvasDrops.Kind.FIELD, "Post.published_at"), "s0")).isTrue();
        assertThat(django()).isEqualTo("Post.objects.order_by(\"published_at\")");
        design("Post.objects.order_by(\"-pk\", \"title\")"); // not the placeholder: the field is added
        assertThat(drops.drop(p(CanvasDrops.Kind.FIELD, "Post.published_at"), "s0")).isTrue();
        assertThat(django()).isEqualTo("Post.objects.order_by(\"-pk\", \"title\", \"published_at\")");
    }

    @Test
    void updateAndDeleteChipsEndThePipelineAsWritesThatShowTheirSql() {
        design("Post.objects.filter(pk=1)");
        assertThat(drops.drop(p(CanvasDrops.Kind.STAGE, "update"), "s0")).isTrue();
        assertThat(django()).isEqualTo("Post.objects.filter(pk=1).update(view_count=F(\"view_count\") + 1)");
        assertOneUndoBackTo("Post.objects.filter(pk=1)");
        assertThat(drops.drop(p(CanvasDrops.Kind.STAGE, "delete"), "src")).isTrue();
        assertThat(django()).isEqualTo("Post.objects.filter(pk=1).delete()");
        vm.selectModel("Tag"); // no number field: a field set to itself, which the user then edits
        assertThat(drops.drop(p(CanvasDrops.Kind.STAGE, "update"), "src")).isTrue();
        assertThat(django()).isEqualTo("Tag.objects.update(name=F(\"name\"))");
    }

    @Test
    void anExpressionChipClickedWithNothingOrAPlainStageSelectedIsANewAnnotate() {
        design("Author.objects.filter(name__startswith=\"A\")");
        canvas.select(null);
        assertThat(ExpressionPalette.put(canvas, "Count")).isTrue();
        assertThat(django()).isEqualTo("Author.objects.filter(name__startswith=\"A\").annotate(count=Count(\"pk\"))");
        assertOneUndoBackTo("Author.objects.filter(name__startswith=\"A\")");
        canvas.select("src");
        assertThat(ExpressionPalette.put(canvas, "Max")).isTrue();
        assertThat(django()).startsWith("Author.objects.annotate(max=Max(");
        canvas.select("s0"); // the annotate just made holds named entries: the next one joins it
        assertThat(ExpressionPalette.put(canvas, "Count")).isTrue();
        assertThat(django()).startsWith("Author.objects.annotate(max=Max(").contains(", count=Count(\"pk\"))");
    }

    @Test
    void aFieldOnValuesJoinsTheRelationThatLeadsToIt() {
        design("Post.objects.values(\"id\")");
        String before = django();
        assertThat(drops.drop(p(CanvasDrops.Kind.FIELD, "Author.name"), "s0")).isTrue();
        assertThat(django()).isEqualTo("Post.objects.values(\"id\", \"author__name\")");
        assertOneUndoBackTo(before);
        assertThat(drops.drop(p(CanvasDrops.Kind.FIELD, "Post.id"), "s0")).isFalse();
        assertThat(canvas.messageProperty().get()).contains("values() already has 'id'");
    }

    @Test
    void aFieldOnAnnotateIsCountForARelationAndMaxOtherwise() {
        design("Author.objects.annotate(n=Count(\"pk\"))");
        assertThat(drops.drop(p(CanvasDrops.Kind.FIELD, "Post.id"), "s0")).isTrue();
        assertThat(drops.drop(p(CanvasDrops.Kind.FIELD, "Post.published_at"), "s0")).isTrue();
        assertThat(django()).isEqualTo("Author.objects.annotate(n=Count(\"pk\"), id_max=Max(\"posts__id\"), "
                + "published_at_max=Max(\"posts__published_at\"))");
        assertThat(drops.addAggregate("s0", "posts", "Count")).isTrue();
        assertThat(django()).contains("posts_count=Count(\"posts\")");
    }

    @Test
    void expressionChipsGoOnNamedStagesLookupValuesAndArgumentsElsewhereANewAnnotate() {
        design("Post.objects.annotate(n=Count(\"pk\")).filter(Q(view_count__gt=1) | Q(slug=\"b\")).order_by(\"id\")");
        assertThat(drops.accepts(p(CanvasDrops.Kind.EXPRESSION, "Max"), "s1.a0")).isFalse();
        String before = django();
        assertThat(drops.drop(p(CanvasDrops.Kind.EXPRESSION, "Max"), "s1.a0")).isFalse();
        assertThat(canvas.messageProperty().get()).contains("an expression goes on a stage or wire");
        assertThat(django()).isEqualTo(before);
        assertThat(drops.drop(p(CanvasDrops.Kind.EXPRESSION, "Max"), "s0")).isTrue();
        assertThat(django()).contains("annotate(n=Count(\"pk\"), max=Max(\"view_count\"))");
        assertThat(drops.drop(p(CanvasDrops.Kind.EXPRESSION, "F"), "s1.a0.c0")).isTrue();
        assertThat(django()).contains("Q(view_count__gt=F(\"view_count\"))");
        assertThat(drops.drop(p(CanvasDrops.Kind.EXPRESSION, "Min"), "s2")).isTrue();
        assertThat(django()).endsWith(".order_by(\"id\").annotate(min=Min(\"view_count\"))");
        assertThat(canvas.focusedProperty().get()).isEqualTo("s3.n.min");
        // a field dropped on an aggregate is its argument
        assertThat(drops.drop(p(CanvasDrops.Kind.FIELD, "Post.word_count"), "s3.n.min")).isTrue();
        assertThat(django()).endsWith(".annotate(min=Min(\"word_count\"))");
        assertOneUndoBackTo(django().replace("Min(\"word_count\")", "Min(\"view_count\")"));
    }

    @Test
    void lookupsAndGroupsMoveBetweenGroupsAndCopyWithCtrl() {
        design("Post.objects.filter(Q(title__icontains=\"a\") | Q(slug=\"b\"), view_count__gt=1)");
        String before = django();
        assertThat(drops.acceptsNode("s0.k0", "s0.a0")).isTrue();
        assertThat(drops.dropNode("s0.k0", "s0.a0", false)).isTrue();
        assertThat(django()).isEqualTo("Post.objects.filter(Q(title__icontains=\"a\") | Q(slug=\"b\") | "
                + "Q(view_count__gt=1))");
        assertThat(canvas.focusedProperty().get()).isEqualTo("s0.a0.c2");
        assertOneUndoBackTo(before);
        assertThat(drops.dropNode("s0.a0.c1", "s0", true)).isTrue();
        assertThat(django()).isEqualTo("Post.objects.filter(Q(title__icontains=\"a\") | Q(slug=\"b\"), "
                + "view_count__gt=1, slug=\"b\")");
        assertThat(canvas.undo()).isTrue();
        assertThat(drops.acceptsNode("s0.a0", "s0.a0.c0")).isFalse();
        assertThat(drops.dropNode("s0.a0", "s0.a0.c0", false)).isFalse();
        assertThat(canvas.messageProperty().get()).isEqualTo("A Q group cannot go inside itself.");
        assertThat(django()).isEqualTo(before);
    }

    @Test
    void stagesReorderAlongThePipelineAndForbiddenOrdersAreRefused() {
        design("Post.objects.filter(view_count__gt=1).order_by(\"id\")[:3]");
        String before = django();
        assertThat(drops.acceptsNode("s1", "src")).isTrue();
        assertThat(drops.dropNode("s1", "src", false)).isTrue();
        assertThat(django()).isEqualTo("Post.objects.order_by(\"id\").filter(view_count__gt=1)[:3]");
        assertThat(canvas.focusedProperty().get()).isEqualTo("s0");
        assertOneUndoBackTo(before);
        assertThat(drops.dropNode("s0", "s2", false)).isFalse();
        assertThat(canvas.messageProperty().get())
                .endsWith("Cannot move filter() there: Cannot filter a query once a slice has been taken.");
        assertThat(django()).isEqualTo(before);
        assertThat(drops.acceptsNode("s1", "s0")).as("already right after it").isFalse();
    }

    @Test
    void cardPositionsAreSavedRestoredUndoableAndMarkTheDocumentDirty() throws Exception {
        Path dir = Files.createTempDirectory("qss-doc");
        DocumentModel doc = new DocumentModel(vm, new WorkbenchSettings(dir));
        design("Post.objects.filter(view_count__gt=1)");
        Path file = dir.resolve("d" + DesignFile.EXTENSION);
        doc.saveAs(file);
        assertThat(doc.isDirty()).isFalse();
        canvas.moveNodes(java.util.Map.of("s0", new Point(500, 300)), "drag#1");
        assertThat(doc.isDirty()).as("a moved card is a change").isTrue();
        assertThat(canvas.undoName()).isEqualTo("Move");
        doc.save();
        assertThat(Files.readString(file)).contains("\"s0\"").contains("500");
        assertThat(canvas.undo()).isTrue();
        assertThat(doc.isDirty()).isTrue();

        doc.newDocument();
        assertThat(canvas.design().positions()).isEmpty();
        assertThat(canvas.canUndo()).isFalse();
        doc.open(file);
        assertThat(canvas.design().positions()).containsEntry("s0", new Point(500, 300));
        assertThat(canvas.layout().get("s0")).isEqualTo(new Point(500, 300));
        assertThat(doc.isDirty()).isFalse();
        assertThat(canvas.canUndo()).as("Open starts clean").isFalse();
    }

    @Test
    void revertingADragThatBecameADropLeavesNoStepOfItsOwn() {
        design("Post.objects.filter(view_count__gt=1).order_by(\"id\")");
        String before = django();
        canvas.moveNodes(java.util.Map.of("s1", new Point(10, 10)), "drag#7");
        canvas.revertMove("drag#7");
        assertThat(canvas.design().positions()).isEmpty();
        assertThat(drops.dropNode("s1", "src", false)).isTrue();
        assertThat(canvas.undoName()).isEqualTo("Move order_by");
        assertThat(canvas.canRedo()).isFalse();
        assertOneUndoBackTo(before);
    }

    @Test
    void arrowsWalkTheCardsAndTheSearchOffersWhatFits() {
        design("Post.objects.filter(view_count__gt=1).order_by(\"id\")");
        assertThat(KeyboardNavigation.next(canvas.graphProperty().get(), canvas.layout(), null, 1, 0)).isEqualTo("src");
        assertThat(KeyboardNavigation.next(canvas.graphProperty().get(), canvas.layout(), "src", 1, 0)).isEqualTo("s0");
        assertThat(KeyboardNavigation.next(canvas.graphProperty().get(), canvas.layout(), "s0", 1, 0)).isEqualTo("s1");
        assertThat(KeyboardNavigation.next(canvas.graphProperty().get(), canvas.layout(), "s1", -1, 0)).isEqualTo("s0");
        assertThat(KeyboardNavigation.next(canvas.graphProperty().get(), canvas.layout(), "s0", 0, 1)).isEqualTo("s0.k0");

        var items = AddNodeItems.filter(AddNodeItems.at(canvas, drops, null), "cou");
        assertThat(items.get(0).label()).isEqualTo("Count");
        items.get(0).action().run();
        assertThat(django()).isEqualTo("Post.objects.filter(view_count__gt=1).order_by(\"id\").annotate(count=Count("
                + "\"pk\"))");
        canvas.select("s0");
        AddNodeItems.filter(AddNodeItems.at(canvas, drops, "s0"), "lookup on slug").get(0).action().run();
        assertThat(django()).startsWith("Post.objects.filter(view_count__gt=1, slug=\"\")");
    }

    @Test
    void theSearchOffersOnlyLookupsTheRegistryHasForEachFieldsType() {
        design("Post.objects.all()");
        var lookups = AddNodeItems.at(canvas, drops, null).stream().filter(i -> i.group().equals("lookup")).toList();
        assertThat(lookups).isNotEmpty();
        for (var item : lookups) {
            String[] split = studio.queryset.sql.LookupCatalog.split(item.label());
            var type = studio.queryset.sql.LookupCatalog.typeOf(vm.query().schemaProperty().get(), "Post", split[0])
                    .orElseThrow();
            assertThat(studio.queryset.sql.LookupSpecs.namesFor(type)).as(item.label()).contains(split[1]);
        }
        assertThat(lookups).extracting(AddNodeItems.Item::label).contains("title__icontains", "title__isnull",
                "author__name__startswith", "view_count__gte").doesNotContain("published_at__year", "title__in");
    }
}
