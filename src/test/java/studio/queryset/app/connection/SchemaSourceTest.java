package studio.queryset.app.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.DialogPane;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;
import studio.queryset.app.schema.SchemaNode;
import studio.queryset.app.shell.WorkbenchTestBase;
import studio.queryset.schema.Schema;

/** Database → Attach models.py / Introspect: the schema switches; a broken models.py keeps the old one. */
@ExtendWith(ApplicationExtension.class)
class SchemaSourceTest extends WorkbenchTestBase {
    @org.testfx.framework.junit5.Start
    void start(javafx.stage.Stage stage) throws IOException {
        startApp(stage);
    }

    @org.testfx.framework.junit5.Stop
    void stop() {
        stopApp();
    }

    private void waitForSchemaStatus(String prefix) throws Exception {
        WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS,
                () -> workbench.schemaStatusProperty().get().startsWith(prefix));
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void aBrokenModelsPyKeepsTheOldSchemaAndShowsTheLine(FxRobot robot, @TempDir Path dir) throws Exception {
        Schema before = vm.query().schemaProperty().get();
        Path app = Files.createDirectories(dir.resolve("shop"));
        Path models = app.resolve("models.py");
        Files.writeString(models, "from django.db import models\n\n\nclass Item(models.Model):\n"
                + "    name = models.CharField(max_length=20)\n    price = models.FancyMoneyField()\n");
        robot.interact(() -> workbench.attachModels(models));
        waitForSchemaStatus("Schema not changed");

        assertThat(vm.query().schemaProperty().get()).isSameAs(before);
        assertThat(vm.schemaBrowser().schemaProperty().get()).isSameAs(before);
        DialogPane error = robot.lookup("#errorDialog").queryAs(DialogPane.class);
        assertThat(error.getContentText())
                .startsWith(models + ", line 6:\nItem.price: unknown field type 'FancyMoneyField'")
                .contains("The schema in use stays (" + before.models().size() + " models)");
    }

    @Test
    void openingAProjectFolderLoadsEveryAppAndListsTheWarnings(FxRobot robot) throws Exception {
        Path site = Path.of(System.getenv().getOrDefault("QSS_PROJECT_DIR", "."))
                .resolve("src/test/resources/projects/shopsite");
        robot.interact(() -> workbench.attachModels(site));
        waitForSchemaStatus("Schema: shopsite");

        assertThat(workbench.schemaStatusProperty().get())
                .isEqualTo("Schema: shopsite (3 apps), 10 models, 3 import warnings");
        assertThat(vm.query().schemaProperty().get().models()).extracting(m -> m.appLabel() + "." + m.name())
                .contains("store.Item", "orders.Item", "accounts.User", "orders.Shop");
        DialogPane warnings = robot.lookup("#importWarningsDialog").queryAs(DialogPane.class);
        assertThat(((javafx.scene.control.TextArea) warnings.getContent()).getText())
                .contains("catalog/models/product.py:10: Product.colour: unknown field class ColourField");
    }

    @Test
    void attachingAModelsPySwitchesTheSchema(FxRobot robot, @TempDir Path dir) throws Exception {
        Path app = Files.createDirectories(dir.resolve("blog"));
        Path models = app.resolve("models.py");
        Files.writeString(models, "from django.db import models\n\n\nclass Author(models.Model):\n"
                + "    name = models.CharField(max_length=100)\n\n\nclass Post(models.Model):\n"
                + "    title = models.CharField(max_length=200)\n"
                + "    author = models.ForeignKey(Author, on_delete=models.CASCADE, related_name=\"posts\")\n");
        robot.interact(() -> workbench.attachModels(models));
        waitForSchemaStatus("Schema: models.py (blog), 2 models");

        assertThat(vm.query().schemaProperty().get().models()).extracting(m -> m.name())
                .containsExactly("Author", "Post");
        assertThat(vm.schemaBrowser().roots()).extracting(SchemaNode::name).containsExactly("Author", "Post");
        assertThat(vm.schemaBrowser().sourceProperty().get()).isEqualTo("models.py (blog)");
        // the attached schema runs on the sample database: its blog_post and blog_author tables fit
        robot.interact(() -> vm.setDjangoText("Post.objects.filter(author__name=\"alice\").count()"));
        robot.interact(vm::run);
        WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS,
                () -> vm.runs().result() != null && !vm.runs().isRunning());
        assertThat(vm.runs().result().rows()).hasSize(1);
        assertThat(vm.query().sqlTextProperty().get()).contains("\"blog_author\"");
    }

    @Test
    void introspectingTheSampleDatabaseReadsItsTables(FxRobot robot) throws Exception {
        robot.interact(workbench::introspect);
        waitForSchemaStatus("Schema: introspected");

        Schema s = vm.query().schemaProperty().get();
        assertThat(s.models()).extracting(m -> m.table()).contains("blog_post", "blog_author", "blog_tag");
        assertThat(vm.schemaBrowser().sourceProperty().get()).startsWith("introspected blog.sqlite3");
    }
}
