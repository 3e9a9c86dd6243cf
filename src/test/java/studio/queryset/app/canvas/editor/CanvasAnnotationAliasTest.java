package studio.queryset.app.canvas.editor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import studio.queryset.app.shell.ProjectHome;
import studio.queryset.app.shell.SampleProject;
import studio.queryset.app.shell.StudioViewModel;
import studio.queryset.query.Expression;

/**
 * Annotations whose names the old id regexes read as something else — {@code score} and {@code sum} (a step "s..."),
 * {@code s0} (a nested step), {@code v} (a lookup's queryset value) — delete, rename and get replaced like any
 * other, through the canvas's commands, without a window; and the one alias rule says what Django and Python say.
 */
class CanvasAnnotationAliasTest {
    private StudioViewModel vm;
    private CanvasViewModel canvas;

    @BeforeEach
    void open() {
        vm = new StudioViewModel();
        vm.open(SampleProject.open(ProjectHome.locate()));
        vm.selectModel("Post");
        canvas = vm.canvas();
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

    @ParameterizedTest
    @ValueSource(strings = {"score", "s0", "v", "sum", "src", "n"})
    void anAnnotationDeletesWhateverItIsCalled(String alias) {
        design("Post.objects.annotate(" + alias + "=F(\"view_count\") * 2, words=Count(\"tags\"))"
                + ".order_by(\"-" + alias + "\")");
        canvas.select("s0.n." + alias);
        assertThat(canvas.deleteSelection()).as(canvas.messageProperty().get()).isTrue();
        assertThat(django()).isEqualTo("Post.objects.annotate(words=Count(\"tags\")).order_by(\"-" + alias + "\")");
        assertThat(canvas.undo()).isTrue();
        assertThat(django()).startsWith("Post.objects.annotate(" + alias + "=F(\"view_count\") * 2,");
    }

    @ParameterizedTest
    @ValueSource(strings = {"score", "s0", "v", "sum"})
    void anAnnotationRenamesAndItsPartsEditWhateverItIsCalled(String alias) {
        design("Post.objects.annotate(" + alias + "=F(\"view_count\") + Length(\"title\") * 2)");
        // a part below the annotation: the right operand, then its left operand
        canvas.select("s0.n." + alias + ".r");
        assertThat(canvas.part("s0.n." + alias + ".r.l")).isEqualTo(new Expression.Func("Length",
                java.util.List.of(new Expression.F("title")), java.util.Map.of()));
        assertThat(canvas.replaceExpression("s0.n." + alias + ".r", new Expression.F("word_count")))
                .as(canvas.messageProperty().get()).isTrue();
        assertThat(django()).isEqualTo("Post.objects.annotate(" + alias + "=F(\"view_count\") + F(\"word_count\"))");
        // rename through the nested-frame command path (the one a Subquery's inspector uses)
        design("Post.objects.annotate(" + alias + "=Subquery(Comment.objects.filter(post=OuterRef(\"pk\"))"
                + ".values(\"id\")[:1]))");
        assertThat(canvas.nested().renameAnnotation("s0.n." + alias, "latest_comment"))
                .as(canvas.messageProperty().get()).isTrue();
        assertThat(django()).startsWith("Post.objects.annotate(latest_comment=Subquery(");
        assertThat(canvas.focusedProperty().get()).isEqualTo("s0.n.latest_comment");
    }

    @Test
    void aNestedStepUnderAnAnnotationNamedLikeAStepDeletes() {
        design("Post.objects.annotate(s0=Subquery(Comment.objects.filter(post=OuterRef(\"pk\")).order_by(\"-id\")"
                + ".values(\"id\")[:1]))");
        canvas.select("s0.n.s0.s1");
        assertThat(canvas.deleteSelection()).as(canvas.messageProperty().get()).isTrue();
        assertThat(django()).isEqualTo("Post.objects.annotate(s0=Subquery(Comment.objects.filter(post=OuterRef(\"pk\"))"
                + ".values(\"id\")[:1]))");
    }

    @Test
    void theOneAliasRuleSaysWhatDjangoAndPythonSay() {
        design("Post.objects.annotate(score=Subquery(Comment.objects.filter(post=OuterRef(\"pk\"))"
                + ".values(\"id\")[:1]), n=Count(\"tags\"))");
        String before = django();
        assertThat(canvas.nested().renameAnnotation("s0.n.score", "title")).isFalse();
        assertThat(canvas.messageProperty().get())
                .isEqualTo("ValueError: The annotation 'title' conflicts with a field on the model.");
        assertThat(canvas.nested().renameAnnotation("s0.n.score", "n")).isFalse();
        assertThat(canvas.messageProperty().get()).startsWith("SyntaxError: keyword argument repeated: n");
        assertThat(canvas.nested().renameAnnotation("s0.n.score", "not valid")).isFalse();
        assertThat(canvas.messageProperty().get()).contains("must be a Python name");
        assertThat(canvas.nested().renameAnnotation("s0.n.score", "class")).isFalse();
        assertThat(django()).isEqualTo(before);
        // Django 3.2 takes "__" in an alias (annotate(a__b=...).filter(a__b=1) filters on it)
        assertThat(canvas.nested().renameAnnotation("s0.n.score", "latest__id")).isTrue();
        assertThat(django()).startsWith("Post.objects.annotate(latest__id=Subquery(");
    }

    @Test
    void aFreshAliasAvoidsTheNamesTakenAndTheModelsFields() {
        design("Post.objects.annotate(tags_count=Count(\"tags\"))");
        canvas.select("s0");
        assertThat(new CanvasDrops(canvas).addAggregate("s0", "tags", "Count")).isTrue();
        assertThat(django()).isEqualTo("Post.objects.annotate(tags_count=Count(\"tags\"), tags_count2=Count(\"tags\"))");
        assertThat(canvas.focusedProperty().get()).isEqualTo("s0.n.tags_count2");
    }
}
