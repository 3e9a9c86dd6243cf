package studio.queryset.app.shell;

import studio.queryset.app.schema.InspectorViewModel;
import studio.queryset.app.schema.SchemaNode;
import studio.queryset.design.text.EditorError;
import studio.queryset.design.text.ParamRow;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StudioViewModelTest {

    @Test
    void aMissingSampleIsAProblemNotAnException(@TempDir Path empty) {
        StudioViewModel vm = new StudioViewModel(Runnable::run);
        vm.open(SampleProject.open(new ProjectHome(empty, "test")));

        assertThat(vm.problems()).extracting(Problem::severity).contains(Problem.Severity.ERROR);
        assertThat(vm.problems().get(0).message()).contains("models.py").contains("qss.home");
        assertThat(vm.titleProperty().get()).contains("sample not found");
        assertThat(vm.schemaBrowser().roots()).isEmpty();
        assertThat(vm.canRunBinding().get()).isFalse();
        vm.run();
        assertThat(vm.statusProperty().get()).contains("Select a model first");
        vm.dispose();
    }

    @Test
    void selectingAModelSetsTheQuerySetAndItsTexts() {
        StudioViewModel vm = new StudioViewModel(Runnable::run);
        vm.open(SampleProject.open(ProjectHome.locate()));
        vm.selectModel("Author");

        assertThat(vm.query().djangoTextProperty().get()).contains("Author.objects.all()");
        assertThat(vm.query().sqlTextProperty().get()).contains("FROM \"blog_author\"");
        assertThat(vm.inspector().sections()).extracting(InspectorViewModel.Section::title)
                .contains("Model", "Reverse relations");
        vm.schemaBrowser().filterProperty().set("view_c");
        assertThat(vm.schemaBrowser().roots()).extracting(SchemaNode::name).containsExactly("Post");
        assertThat(vm.schemaBrowser().roots().get(0).children()).extracting(SchemaNode::name)
                .containsExactly("view_count");
        vm.dispose();
    }

    @Test
    void djangoTextReplacesTheQueryOrSaysWhatIsWrongAndKeepsTheLastGoodOne() {
        StudioViewModel vm = new StudioViewModel(Runnable::run);
        vm.open(SampleProject.open(ProjectHome.locate()));
        vm.selectModel("Post");

        assertThat(vm.setDjangoText("Post.objects.filter(author__nme=\"x\")")).isFalse();
        EditorError error = vm.query().editorError();
        assertThat(error.kind()).isEqualTo("FieldError");
        assertThat(error.message()).contains("'nme'").contains("Choices are:");
        assertThat(error.start()).isEqualTo("Post.objects.filter(author__".length());
        assertThat(error.end() - error.start()).isEqualTo(3);
        assertThat(vm.query().querySetProperty().get().model()).isEqualTo("Post");
        assertThat(vm.problems()).extracting(Problem::kind).contains("FieldError");

        assertThat(vm.setDjangoText("Post.objects.filter(view_count__gte=10, title__icontains=\"it's\")")).isTrue();
        assertThat(vm.query().editorError()).isNull();
        assertThat(vm.problems()).isEmpty();
        assertThat(vm.query().paramsProperty().get()).extracting(ParamRow::value)
                .containsExactly("'%it''s%'", "10"); // Django sorts filter()'s keywords
        vm.query().inlineValuesProperty().set(true);
        assertThat(vm.query().sqlTextProperty().get()).contains(">= 10").contains("'%it''s%'");
        assertThat(vm.query().compiledProperty().get().sql()).doesNotContain("it's");
        // the Java tab shows the exported class: the values bound, as the app binds them
        assertThat(vm.query().javaTextProperty().get()).contains("public final class BlogQueries {",
                "LIKE ? ESCAPE", "statement.setString(1, \"%it's%\");").doesNotContain("DjangoParser");
        vm.dispose();
    }

    @Test
    void writesAreRefusedBeforeAnythingRuns() {
        StudioViewModel vm = new StudioViewModel(Runnable::run);
        vm.open(SampleProject.open(ProjectHome.locate()));
        assertThat(vm.setDjangoText("Tag.objects.all().delete()")).isTrue();
        assertThat(vm.query().sqlTextProperty().get()).contains("DELETE\nFROM \"blog_tag\"")
                .contains("runs only when writes are allowed");
        vm.run();
        assertThat(vm.runs().isRunning()).isFalse();
        assertThat(vm.runs().runCount()).isZero();
        assertThat(vm.problems()).extracting(Problem::message).anyMatch(m -> m.startsWith("writes are off: delete()"));
        vm.dispose();
    }

    @Test
    void importWarningsAreProblemLinesThatTheNextSchemaReplaces() {
        StudioViewModel vm = new StudioViewModel();
        vm.open(SampleProject.open(ProjectHome.locate()));
        vm.showImportWarnings(java.util.List.of(
                new studio.queryset.schema.ImportWarning("shop/models.py", 12, "Order.amount: unknown field class "
                        + "MoneyField; assumed a text column amount"),
                new studio.queryset.schema.ImportWarning("shop/models.py", 0, "no app label found")));

        assertThat(vm.problems()).filteredOn(p -> p.source().equals("Import"))
                .extracting(Problem::severity, Problem::message)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Problem.Severity.WARNING, "shop/models.py:12: "
                                + "Order.amount: unknown field class MoneyField; assumed a text column amount"),
                        org.assertj.core.groups.Tuple.tuple(Problem.Severity.WARNING,
                                "shop/models.py: no app label found"));
        vm.showImportWarnings(java.util.List.of());
        assertThat(vm.problems()).noneMatch(p -> p.source().equals("Import"));
        vm.dispose();
    }
}
