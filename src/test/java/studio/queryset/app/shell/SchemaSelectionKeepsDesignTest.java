package studio.queryset.app.shell;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Selecting rows in the schema browser never replaces the design; starting over is explicit and undoable. */
class SchemaSelectionKeepsDesignTest {
    private static final String DESIGN = "Post.objects.filter(title__icontains=\"orm\").order_by(\"-published_at\")";
    private StudioViewModel vm;

    @BeforeEach
    void open() {
        vm = new StudioViewModel(Runnable::run);
        vm.open(SampleProject.open(ProjectHome.locate()));
        vm.selectModel("Post");
        assertThat(vm.setDjangoText(DESIGN)).isTrue();
    }

    @AfterEach
    void close() {
        vm.dispose();
    }

    @Test
    void selectingAnotherModelsRowOnlyShowsItInTheInspector() {
        vm.schemaBrowser().selectedModelProperty().set("Author");

        assertThat(vm.query().djangoTextProperty().get()).isEqualTo(DESIGN);
        assertThat(vm.inspector().sections().get(0).rows().get(0).value()).isEqualTo("Author");
        assertThat(vm.canvas().canUndo()).isTrue();
        assertThat(vm.canvas().undoName()).isEqualTo("Edit Django text");
    }

    @Test
    void aNewQueryOnAModelIsOneUndoableStep() {
        vm.schemaBrowser().pickModel("Author");
        assertThat(vm.query().djangoTextProperty().get()).isEqualTo("Author.objects.all()");
        assertThat(vm.canvas().undoName()).isEqualTo("New query on Author");
        assertThat(vm.statusProperty().get()).contains("Ctrl+Z");

        assertThat(vm.canvas().undo()).isTrue();
        assertThat(vm.query().djangoTextProperty().get()).isEqualTo(DESIGN);
        assertThat(vm.schemaBrowser().selectedModelProperty().get()).isEqualTo("Post");

        assertThat(vm.canvas().redo()).isTrue();
        assertThat(vm.query().djangoTextProperty().get()).isEqualTo("Author.objects.all()");
    }

    @Test
    void anotherSchemaKeepsTheQuery() {
        vm.schemaBrowser().selectedModelProperty().set(null);
        assertThat(vm.query().djangoTextProperty().get()).isEqualTo(DESIGN);
    }

    @Test
    void anUnknownModelChangesNothingAndSaysSo() {
        vm.selectModel("Nope");
        assertThat(vm.query().djangoTextProperty().get()).isEqualTo(DESIGN);
        assertThat(vm.statusProperty().get()).contains("No model Nope");
    }

    @Test
    void startingTheQueryAlreadyShownAddsNoUndoStep() {
        vm.schemaBrowser().pickModel("Author");
        String undo = vm.canvas().undoName();
        vm.schemaBrowser().pickModel("Author"); // the second click of a double-click
        assertThat(vm.canvas().undoName()).isEqualTo(undo);
        assertThat(vm.statusProperty().get()).isEqualTo("New query: Author.objects.all() — Ctrl+Enter runs it");
        assertThat(vm.canvas().undo()).isTrue();
        assertThat(vm.query().djangoTextProperty().get()).isEqualTo(DESIGN);
    }

    @Test
    void theNewQueryLineGoesAtTheNextEditAndSaysWhatCtrlZUndoesNow() {
        vm.schemaBrowser().pickModel("Author");
        assertThat(vm.statusProperty().get()).contains("Ctrl+Z brings back the previous one");
        assertThat(vm.setDjangoText("Author.objects.filter(name=\"Ann\")")).isTrue();
        assertThat(vm.statusProperty().get()).doesNotContain("New query")
                .startsWith(vm.canvas().undoName() + " — Ctrl+Z undoes it");
    }
}
