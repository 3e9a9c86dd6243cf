package studio.queryset.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.queryset.django.DjangoParser;
import studio.queryset.sql.Dialect;
import studio.queryset.sql.SqlCompiler;

/**
 * Rules a second corpus of real projects showed missing: packages inside an app that are no app of their own,
 * and classes on Django's non-model bases (managers, querysets, aggregates, forms) whose methods or nested Meta
 * mention {@code models.X}.
 */
class ModelsPyCorpusRulesTest {

    static String sql(Schema s, String expr) {
        return SqlCompiler.plan(s, DjangoParser.parse(expr, s), Dialect.SQLITE).statements().get(0).sql();
    }

    static List<String> warnings(Schema s) {
        return s.warnings().stream().map(ImportWarning::toString).toList();
    }

    static void write(Path file, String text) throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    @Test
    void aPackageInsideAnInstalledAppThatIsNotInstalledGivesItsModelsTheAppsLabel(@TempDir Path dir)
            throws Exception {
        write(dir.resolve("site/settings.py"), "INSTALLED_APPS = [\n    \"shop\",\n    \"shop.billing\",\n]\n");
        write(dir.resolve("shop/__init__.py"), "");
        write(dir.resolve("shop/models.py"), """
                from django.db import models
                from shop.catalog.models import Product

                class Order(models.Model):
                    product = models.ForeignKey("shop.Product", on_delete=models.CASCADE)
                """);
        write(dir.resolve("shop/catalog/__init__.py"), "");
        write(dir.resolve("shop/catalog/models.py"), """
                from django.db import models

                class Product(models.Model):
                    name = models.CharField(max_length=20)
                """);
        // named in INSTALLED_APPS: an app of its own
        write(dir.resolve("shop/billing/__init__.py"), "");
        write(dir.resolve("shop/billing/models.py"), """
                from django.db import models

                class Invoice(models.Model):
                    order = models.ForeignKey("shop.Order", on_delete=models.CASCADE)
                """);
        Schema s = ModelsPyImporter.importFile(dir, null);
        assertThat(s.model("Product").appLabel()).isEqualTo("shop");
        assertThat(s.model("Product").table()).isEqualTo("shop_product");
        assertThat(s.model("Invoice").table()).isEqualTo("billing_invoice");
        assertThat(sql(s, "Order.objects.filter(product__name=\"a\")")).endsWith("FROM \"shop_order\" INNER JOIN "
                + "\"shop_product\" ON (\"shop_order\".\"product_id\" = \"shop_product\".\"id\") WHERE "
                + "\"shop_product\".\"name\" = ?");
        assertThat(warnings(s)).contains("site/settings.py:1: INSTALLED_APPS names shop but not shop.catalog "
                + "(folders with a models module and no apps.py inside it): their models take app label shop, as "
                + "Django labels a model by the installed app whose package holds its module");
        assertThat(warnings(s)).noneMatch(w -> w.contains("unknown model"));
    }

    @Test
    void withoutInstalledAppsANestedModelsFolderStaysAnApp(@TempDir Path dir) throws Exception {
        write(dir.resolve("shop/__init__.py"), "");
        write(dir.resolve("shop/models.py"), "from django.db import models\n\nclass Order(models.Model):\n"
                + "    note = models.TextField()\n");
        write(dir.resolve("shop/catalog/__init__.py"), "");
        write(dir.resolve("shop/catalog/models.py"), "from django.db import models\n\nclass Product(models.Model):\n"
                + "    name = models.CharField(max_length=20)\n");
        Schema s = ModelsPyImporter.importFile(dir, null);
        assertThat(s.model("Product").table()).isEqualTo("catalog_product");
    }

    @Test
    void djangoDbClassesOtherThanModelMakeNoModelWhateverTheirMethodsMention() {
        Schema s = ModelsPyImporter.importSource("shop", """
                from django.db import models
                from django.db.models import Aggregate, JSONField
                from django.forms import ModelForm

                class PostQuerySet(models.QuerySet):
                    def visible(self):
                        hidden = models.Q(state="hidden")
                        return self.exclude(hidden)

                class JsonAgg(Aggregate):
                    function = "JSON_AGG"
                    output_field = JSONField()

                class Post(models.Model):
                    state = models.CharField(max_length=10)
                    objects = PostQuerySet.as_manager()

                class PostForm(ModelForm):
                    class Meta:
                        model = models.Model
                        fields = "__all__"
                """);
        assertThat(s.models()).extracting(Model::name).containsExactly("Post");
        assertThat(warnings(s)).noneMatch(w -> w.contains("assumed") && w.contains("is a model"));
    }

    @Test
    void aManagerOnAnUnknownBaseWithQInItsMethodsIsNoModel() {
        Schema s = ModelsPyImporter.importSource("shop", """
                from django.db import models
                from treebeard.mp_tree import MP_NodeManager

                class CategoryManager(MP_NodeManager):
                    def active(self):
                        condition = models.Q(active=True)
                        return self.filter(condition)

                class Category(models.Model):
                    active = models.BooleanField()
                    objects = CategoryManager()
                """);
        assertThat(s.models()).extracting(Model::name).containsExactly("Category");
    }

    @Test
    void wagtailStreamFieldBlocksAreNoModels() {
        Schema s = ModelsPyImporter.importSource("site", """
                from django.db import models
                from wagtail import blocks

                class LinkBlock(blocks.StructBlock):
                    url = blocks.URLBlock()
                    title_field = blocks.CharBlock()

                    class Meta:
                        icon = "link"

                class Page(models.Model):
                    title = models.CharField(max_length=20)
                """);
        assertThat(s.models()).extracting(Model::name).containsExactly("Page");
    }
}
