package studio.queryset.app.vm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.queryset.app.service.Problem;
import studio.queryset.app.service.ProjectHome;
import studio.queryset.app.service.SampleProject;

class StudioViewModelTest {

    @Test
    void aMissingSampleIsAProblemNotAnException(@TempDir Path empty) {
        StudioViewModel vm = new StudioViewModel();
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
        StudioViewModel vm = new StudioViewModel();
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
}
