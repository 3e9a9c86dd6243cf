package studio.queryset.app.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;
import studio.queryset.app.shell.WorkbenchTestBase;

/** The schema browser: a glyph per value type and relation kind, marks, reverse lookup names, the filter box. */
@ExtendWith(ApplicationExtension.class)
class SchemaBrowserTest extends WorkbenchTestBase {
    @org.testfx.framework.junit5.Start
    void start(javafx.stage.Stage stage) throws IOException {
        startApp(stage);
    }

    @org.testfx.framework.junit5.Stop
    void stop() {
        stopApp();
    }

    private static SchemaNode child(SchemaNode model, String name) {
        return model.children().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    private SchemaNode model(String name) {
        return vm.schemaBrowser().roots().stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow();
    }

    /** Scrolls the row into view first: the tree is virtual, and a short window shows only some rows. */
    @SuppressWarnings("unchecked")
    private void assertCellShows(FxRobot robot, String model, String member, String styleClass) {
        TreeView<SchemaNode> tree = robot.lookup("#schemaTree").queryAs(TreeView.class);
        robot.interact(() -> {
            for (TreeItem<SchemaNode> m : tree.getRoot().getChildren()) {
                if (m.getValue() != null && m.getValue().name().equals(model)) {
                    m.setExpanded(true);
                    for (TreeItem<SchemaNode> c : m.getChildren()) {
                        if (c.getValue().name().equals(member)) {
                            tree.scrollTo(tree.getRow(c));
                        }
                    }
                }
            }
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#schemaTree " + styleClass).tryQuery()).as(member + " shows " + styleClass)
                .isPresent();
    }

    @Test
    void rowsCarryTypeAndRelationGlyphsAndMarks(FxRobot robot) {
        SchemaNode post = model("Post");
        assertThat(post.icon()).isEqualTo("model");
        assertThat(child(post, "title").icon()).isEqualTo("text");
        assertThat(child(post, "view_count").icon()).isEqualTo("integer");
        assertThat(child(post, "published_at").icon()).isEqualTo("datetime");
        assertThat(child(post, "published_at").marks()).containsExactly("null");
        assertThat(child(post, "slug").marks()).containsExactly("unique");
        assertThat(child(post, "word_count").marks()).contains("generated");
        assertThat(child(post, "author").icon()).isEqualTo("fk");
        assertThat(child(post, "tags").icon()).isEqualTo("m2m");
        assertThat(child(post, "comments").icon()).isEqualTo("reverse-fk");
        assertThat(child(post, "comments").detail()).isEqualTo("reverse FK from Comment.post");
        SchemaNode author = model("Author");
        assertThat(child(author, "profile").icon()).isEqualTo("reverse-o2o");
        assertThat(child(model("Profile"), "author").icon()).isEqualTo("o2o");
        assertThat(child(model("Tag"), "posts").icon()).isEqualTo("reverse-m2m");

        // the cells draw them: expand Post and look for the glyphs
        robot.interact(() -> vm.schemaBrowser().selectedModelProperty().set("Post"));
        WaitForAsyncUtils.waitForFxEvents();
        assertCellShows(robot, "Post", "published_at", ".icon-datetime");
        assertCellShows(robot, "Post", "tags", ".icon-m2m");
        assertCellShows(robot, "Post", "comments", ".icon-reverse-fk");
        assertCellShows(robot, "Post", "word_count", ".mark-generated");
        assertThat(robot.lookup("#schemaSource").queryLabeled().getText()).isEqualTo("models.py (blog sample)");
    }

    @Test
    void theFilterBoxNarrowsModelsAndMembers(FxRobot robot) {
        robot.clickOn("#schemaFilter").write("view");
        WaitForAsyncUtils.waitForFxEvents();
        List<SchemaNode> roots = vm.schemaBrowser().roots();
        assertThat(roots).extracting(SchemaNode::name).containsExactly("Post");
        assertThat(roots.get(0).children()).extracting(SchemaNode::name).containsExactly("view_count");
        TreeView<SchemaNode> tree = robot.lookup("#schemaTree").query();
        TreeItem<SchemaNode> post = tree.getRoot().getChildren().get(0);
        assertThat(post.isExpanded()).isTrue();
        assertThat(post.getChildren()).extracting(i -> i.getValue().name()).containsExactly("view_count");

        // a model's name keeps all its members; a reverse lookup name matches too
        robot.interact(() -> vm.schemaBrowser().filterProperty().set("profile"));
        assertThat(vm.schemaBrowser().roots()).extracting(SchemaNode::name).containsExactly("Author", "Profile");
        assertThat(model("Author").children()).extracting(SchemaNode::name).containsExactly("profile");
        assertThat(model("Profile").children().size()).isGreaterThan(2);

        robot.interact(() -> vm.schemaBrowser().filterProperty().set("nothing-like-this"));
        assertThat(vm.schemaBrowser().roots()).isEmpty();
        robot.interact(() -> vm.schemaBrowser().filterProperty().set(""));
        assertThat(vm.schemaBrowser().roots()).hasSize(5);
    }

    @Test
    void anEditOnTheSameModelLeavesTheBrowserOnTheModelTheUserOpenedButANewModelIsFollowed(FxRobot robot) {
        robot.interact(() -> vm.setDjangoText("Author.objects.all()"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.schemaBrowser().selectedModelProperty().get()).isEqualTo("Author");
        // the user went to Post's rows to drag a field; the edit that follows is still on Author
        robot.interact(() -> vm.schemaBrowser().selectedModelProperty().set("Post"));
        robot.interact(() -> vm.setDjangoText("Author.objects.filter(posts__title=\"x\")"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.schemaBrowser().selectedModelProperty().get()).as("no jump back to Author").isEqualTo("Post");
        robot.interact(() -> vm.setDjangoText("Tag.objects.all()"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.schemaBrowser().selectedModelProperty().get()).isEqualTo("Tag");
    }

    @Test
    void pressingAModelRowKeepsTheDesignAndANewQueryIsUndoable(FxRobot robot) {
        String design = "Post.objects.filter(title__icontains=\"orm\").order_by(\"-published_at\")";
        robot.interact(() -> vm.selectModel("Post"));
        robot.interact(() -> vm.setDjangoText(design));
        WaitForAsyncUtils.waitForFxEvents();

        robot.clickOn(modelCell(robot, "Author"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.query().djangoTextProperty().get()).as("a press on another model").isEqualTo(design);

        robot.doubleClickOn(modelCell(robot, "Author"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.query().djangoTextProperty().get()).isEqualTo("Author.objects.all()");

        // focus is in the tree: Ctrl+Z still reaches the design (Edit > Undo)
        robot.press(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.Z)
                .release(javafx.scene.input.KeyCode.Z, javafx.scene.input.KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.query().djangoTextProperty().get()).isEqualTo(design);
    }

    @SuppressWarnings("unchecked")
    private static javafx.scene.Node modelCell(FxRobot robot, String model) {
        TreeView<SchemaNode> tree = robot.lookup("#schemaTree").queryAs(TreeView.class);
        robot.interact(() -> tree.getRoot().getChildren().stream().filter(i -> i.getValue().name().equals(model))
                .findFirst().ifPresent(i -> tree.scrollTo(tree.getRow(i))));
        WaitForAsyncUtils.waitForFxEvents();
        return robot.lookup(".tree-cell").match((javafx.scene.control.TreeCell<SchemaNode> c) -> c.getItem() != null
                && c.getItem().kind() == SchemaNode.Kind.MODEL && c.getItem().name().equals(model)).query();
    }
}
