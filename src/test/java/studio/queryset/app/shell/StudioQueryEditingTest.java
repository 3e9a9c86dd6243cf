package studio.queryset.app.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.fxmisc.richtext.CodeArea;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.util.WaitForAsyncUtils;
import studio.queryset.app.StudioApp;
import studio.queryset.app.querylog.QueryLogEntry;
import studio.queryset.app.results.RelatedObjects;
import studio.queryset.app.results.ResultTable;
import studio.queryset.design.text.EditorError;
import studio.queryset.design.text.ParamRow;
import studio.queryset.query.QuerySet;
import studio.queryset.sql.Dialect;

/**
 * The Django editor as the way to write a query: typed text is parsed after a pause, errors are shown where
 * they are and the last good query stays, Ctrl+Enter runs what the editor says. Checked on view-model state.
 */
@ExtendWith(ApplicationExtension.class)
@Tag("gui") // robot tests: left out of the fast loop (mvn -B test -DexcludedGroups=gui)
class StudioQueryEditingTest {
    private static final long TIMEOUT_SECONDS = 20;
    private static final String TYPO = "Post.objects.filter(titel=\"x\")";
    private static final String ANNOTATE = "Author.objects.annotate(n=Count(\"posts\")).filter(n__gt=20).order_by(\"-n\")";
    private static final String RELATED = "Post.objects.select_related(\"author\").prefetch_related(\"tags\")[:5]";

    private StudioApp app;
    private StudioViewModel vm;

    @Start
    void start(Stage stage) {
        app = new StudioApp();
        app.start(stage);
        vm = app.viewModel();
    }

    @Stop
    void stop() {
        app.stop();
    }

    @Test
    void aTypoIsAFieldErrorWhereItIsAndTheLastGoodSqlStays(FxRobot robot) throws Exception {
        robot.interact(() -> vm.selectModel("Post"));
        String goodSql = vm.query().sqlTextProperty().get();
        assertThat(goodSql).contains("FROM \"blog_post\"");

        type(robot, TYPO);

        EditorError error = vm.query().editorError();
        assertThat(error).isNotNull();
        assertThat(error.kind()).isEqualTo("FieldError");
        assertThat(error.message()).contains("Cannot resolve keyword 'titel' into field. Choices are:")
                .contains("title");
        int at = TYPO.indexOf("titel");
        assertThat(error.position()).isEqualTo(at);
        assertThat(List.of(error.start(), error.end())).containsExactly(at, at + "titel".length());
        assertThat(error.display()).startsWith("FieldError at " + at + ": Cannot resolve keyword 'titel'");

        Problem problem = vm.problems().stream().filter(p -> p.source().equals(StudioViewModel.DJANGO))
                .findFirst().orElseThrow();
        assertThat(problem.kind()).isEqualTo("FieldError");
        assertThat(problem.message()).contains("titel").contains("Choices are:").contains("title");

        // the text stays as typed, underlined where it is wrong; the message sits under the editor
        CodeArea editor = robot.lookup("#djangoEditor").queryAs(CodeArea.class);
        assertThat(editor.getText()).isEqualTo(TYPO);
        assertThat(vm.query().editorTextProperty().get()).isEqualTo(TYPO);
        assertThat(editor.getStyleOfChar(at + 1)).contains("parse-error");
        assertThat(editor.getStyleOfChar(0)).doesNotContain("parse-error");
        Label line = robot.lookup("#djangoError").queryAs(Label.class);
        assertThat(line.isVisible()).isTrue();
        assertThat(line.getText()).isEqualTo(error.display());

        // the last good query and its SQL stay
        assertThat(vm.query().querySetProperty().get()).isEqualTo(QuerySet.of("Post"));
        assertThat(vm.query().sqlTextProperty().get()).isEqualTo(goodSql);
        assertThat(robot.lookup("#sqlCode").queryAs(CodeArea.class).getText()).isEqualTo(goodSql);

        // Ctrl+Enter does not run a text with an error
        robot.press(KeyCode.CONTROL, KeyCode.ENTER).release(KeyCode.ENTER, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.runs().runCount()).isZero();
        assertThat(vm.statusProperty().get()).contains("Not run").contains("FieldError");

        // fixing the text clears the error
        type(robot, "Post.objects.filter(title=\"x\")");
        assertThat(vm.query().editorError()).isNull();
        assertThat(vm.problems()).noneMatch(p -> p.source().equals(StudioViewModel.DJANGO));
        assertThat(vm.query().sqlTextProperty().get()).contains("WHERE").contains("\"blog_post\".\"title\" = ?");
        assertThat(line.isVisible()).isFalse();
    }

    @Test
    void anAnnotateQueryCompilesToHavingAndRunsWithCtrlEnter(FxRobot robot) throws Exception {
        robot.interact(() -> vm.selectModel("Post"));
        type(robot, ANNOTATE);

        assertThat(vm.query().editorError()).isNull();
        assertThat(vm.query().querySetProperty().get().model()).isEqualTo("Author");
        String sql = vm.query().sqlTextProperty().get();
        assertThat(sql).contains("HAVING").contains("COUNT(").contains("> ?");
        assertThat(vm.query().paramsProperty().get()).extracting(ParamRow::statement, ParamRow::value)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("main", "20"));
        // the canvas node and the browser follow the typed query
        assertThat(vm.query().pipelineStepsProperty().get()).containsExactly("Author.objects",
                ".annotate(n=Count(\"posts\"))", ".filter(n__gt=20)", ".order_by(\"-n\")");
        assertThat(vm.schemaBrowser().selectedModelProperty().get()).isEqualTo("Author");
        assertThat(vm.query().editorTextProperty().get()).isEqualTo(ANNOTATE);

        // inline values is for reading: the literal replaces ?, the plan still binds it
        robot.clickOn("#sqlTab");
        robot.clickOn("#inlineValues");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.query().inlineValuesProperty().get()).isTrue();
        assertThat(vm.query().sqlTextProperty().get()).contains("> 20").doesNotContain("?");
        assertThat(vm.query().compiledProperty().get().sql()).contains("> ?");
        robot.clickOn("#inlineValues");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.query().sqlTextProperty().get()).contains("> ?");

        // PostgreSQL's SQL through the dialect toggle
        robot.clickOn("#dialectPostgresql");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.query().dialectProperty().get()).isEqualTo(Dialect.POSTGRESQL);
        assertThat(vm.query().sqlTextProperty().get()).contains("HAVING").contains("COUNT(");
        robot.clickOn("#dialectSqlite");

        ctrlEnter(robot);
        ResultTable result = vm.runs().result();
        assertThat(result.kind()).isEqualTo("objects");
        assertThat(result.columns()).containsExactly("id", "name", "email", "n");
        assertThat(result.rows()).isNotEmpty();
        assertThat(result.column("n")).allSatisfy(n -> assertThat((Long) n).isGreaterThan(20));
        assertThat(robot.lookup("#resultsTable").queryAs(TableView.class).getItems()).hasSize(result.rows().size());
        assertThat(robot.lookup("#resultsSummary").queryLabeled().getText())
                .startsWith(result.rows().size() + " objects · 4 columns · ").endsWith("1 statement");

        List<QueryLogEntry> log = vm.runs().logSnapshot();
        assertThat(log).hasSize(1);
        assertThat(log.get(0).sql()).contains("HAVING COUNT(");
        assertThat(log.get(0).params()).extracting(String::valueOf).containsExactly("20");
        assertThat(log.get(0).cause()).isEqualTo("main");
        assertThat(log.get(0).rows()).isEqualTo(result.rows().size());
        assertThat(robot.lookup("#queryLog").queryAs(TableView.class).getItems()).hasSize(1);
    }

    @Test
    void selectRelatedGivesNestedColumnsAndPrefetchASecondLoggedStatement(FxRobot robot) throws Exception {
        robot.interact(() -> vm.selectModel("Tag"));
        type(robot, RELATED);
        assertThat(vm.query().editorError()).isNull();
        assertThat(vm.query().sqlTextProperty().get()).contains("INNER JOIN \"blog_author\"")
                .contains("-- prefetch_related(\"tags\")");

        ctrlEnter(robot);
        ResultTable result = vm.runs().result();
        assertThat(result.rows()).hasSize(5);
        assertThat(result.columns()).contains("id", "title", "author_id", "author.id", "author.name", "tags");
        assertThat(result.column("author.name")).allSatisfy(name -> assertThat(name).isInstanceOf(String.class));
        assertThat(result.column("tags")).allSatisfy(tags -> assertThat(tags).isInstanceOf(RelatedObjects.class));
        RelatedObjects tags = (RelatedObjects) result.column("tags").get(0);
        assertThat(tags.toString()).matches("\\d+ items?");
        assertThat(tags.describe()).contains("name=");

        List<QueryLogEntry> log = vm.runs().logSnapshot();
        assertThat(log).hasSize(2);
        assertThat(log).extracting(QueryLogEntry::cause).containsExactly("main", "prefetch tags");
        assertThat(log).extracting(QueryLogEntry::run).containsOnly(1);
        assertThat(log.get(1).sql()).contains("\"blog_post_tags\"");
        assertThat(log.get(1).params()).hasSize(5);
    }

    @Test
    void writesAndQueryErrorsGoToProblemsAndNothingRuns(FxRobot robot) throws Exception {
        robot.interact(() -> vm.selectModel("Post"));
        type(robot, "Post.objects.filter(id=1).update(title=\"x\")");
        assertThat(vm.query().editorError()).isNull();
        assertThat(vm.query().sqlTextProperty().get()).contains("UPDATE \"blog_post\"")
                .contains("runs only when writes are allowed (Database → Allow writes)");
        robot.press(KeyCode.CONTROL, KeyCode.ENTER).release(KeyCode.ENTER, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.runs().isRunning()).isFalse();
        assertThat(vm.runs().logSnapshot()).isEmpty();
        Problem refused = vm.problems().stream().filter(p -> p.source().equals("Run")).findFirst().orElseThrow();
        assertThat(refused.message()).startsWith("writes are off: update()").contains("tick Database → Allow writes");

        // allowed from the menu, on the bundled sample: the write runs on a scratch copy, the sample stays as it was
        java.nio.file.Path sample = studio.queryset.app.shell.ProjectHome.locate().database();
        byte[] sampleBefore = java.nio.file.Files.readAllBytes(sample);
        robot.clickOn("Database").clickOn("#menuAllowWrites");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.runs().writesAllowedProperty().get()).isTrue();
        assertThat(vm.connectionLabelProperty().get()).contains("scratch copy of the sample");
        assertThat(vm.runs().targetProperty().get().url()).doesNotContain(sample.toString());
        ctrlEnter(robot);
        assertThat(vm.runs().result().column("rows affected")).containsExactly(1L);
        robot.interact(() -> vm.setDjangoText("Post.objects.filter(id=1).values_list(\"title\", flat=True)"));
        ctrlEnter(robot);
        assertThat(vm.runs().result().rows().get(0)).containsExactly("x");
        assertThat(java.nio.file.Files.readAllBytes(sample)).isEqualTo(sampleBefore);
        // another connection starts read-only again
        robot.interact(() -> vm.setConnection(studio.queryset.app.connection.ConnectionTarget.sqlite(sample, "sample")));
        assertThat(vm.runs().writesAllowedProperty().get()).isFalse();

        robot.interact(() -> vm.setDjangoText("Post.objects.filter(id=-1).get()"));
        ctrlEnter(robot);
        Problem missing = vm.problems().stream().filter(p -> p.source().equals("Run")).findFirst().orElseThrow();
        assertThat(missing.kind()).isEqualTo("DoesNotExist");
        assertThat(missing.message()).isEqualTo("DoesNotExist: Post matching query does not exist.")
                .doesNotContain("Exception").doesNotContain("\tat ");

        // a syntax error points at where the text stops making sense
        robot.interact(() -> vm.setDjangoText("Post.objects.filter(title="));
        EditorError syntax = vm.query().editorError();
        assertThat(syntax.kind()).isEqualTo("SyntaxError");
        assertThat(syntax.position()).isGreaterThanOrEqualTo(0);
        assertThat(syntax.hasRange()).isTrue();

        // picking a model starts over with Model.objects.all(), and the error goes
        robot.interact(() -> vm.selectModel("Comment"));
        assertThat(vm.query().editorTextProperty().get()).isEqualTo("Comment.objects.all()");
        assertThat(robot.lookup("#djangoEditor").queryAs(CodeArea.class).getText()).isEqualTo("Comment.objects.all()");
        assertThat(vm.query().editorError()).isNull();
        assertThat(vm.problems()).noneMatch(p -> p.source().equals(StudioViewModel.DJANGO));
    }

    @Test
    void tabLeavesTheDjangoEditorAndIndentsOnlyItsContinuationLines(FxRobot robot) throws Exception {
        type(robot, "Post.objects.filter(view_count__gt=10).order_by(\"-view_count\")");
        CodeArea editor = robot.lookup("#djangoEditor").queryAs(CodeArea.class);
        robot.type(KeyCode.TAB);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(editor.getText()).as("no tab character typed").doesNotContain("\t")
                .isEqualTo("Post.objects.filter(view_count__gt=10).order_by(\"-view_count\")");
        assertThat(robot.lookup("#canvasViewport").query().isFocused()).as("Tab went on to the canvas").isTrue();

        robot.interact(editor::requestFocus);
        robot.type(KeyCode.SHIFT, KeyCode.TAB);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(editor.isFocused()).isFalse();

        robot.interact(editor::requestFocus);
        robot.interact(() -> editor.replaceText("Post.objects\n.all()"));
        WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS, () -> !vm.query().editPendingProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> {
            editor.requestFocus();
            editor.moveTo(1, 0);
        });
        robot.type(KeyCode.TAB);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(editor.getText()).as("the continuation line is indented").isEqualTo("Post.objects\n    .all()");
        assertThat(editor.isFocused()).isTrue();
        robot.press(KeyCode.CONTROL, KeyCode.M).release(KeyCode.M, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#canvasViewport").query().isFocused()).as("Ctrl+M leaves the editor").isTrue();
    }

    /** Replaces the editor's text by typing it, then waits for the pause and the parse. */
    private void type(FxRobot robot, String text) throws TimeoutException {
        CodeArea editor = robot.lookup("#djangoEditor").queryAs(CodeArea.class);
        robot.clickOn(editor);
        robot.interact(editor::selectAll);
        robot.write(text);
        WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS,
                () -> text.equals(vm.query().editorTextProperty().get()) && !vm.query().editPendingProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void ctrlEnter(FxRobot robot) throws TimeoutException {
        int before = vm.runs().runCount();
        robot.press(KeyCode.CONTROL, KeyCode.ENTER).release(KeyCode.ENTER, KeyCode.CONTROL);
        WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS,
                () -> vm.runs().runCount() > before && !vm.runs().isRunning());
        WaitForAsyncUtils.waitForFxEvents();
    }
}
