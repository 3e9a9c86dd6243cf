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

    @Test
    void permissionSiteAndSessionAreDjangosModelsWithTheirTables() {
        Schema s = ModelsPyImporter.importSource("shop", """
                from django.contrib.auth.models import Permission
                from django.db import models

                class Role(models.Model):
                    permissions = models.ManyToManyField(Permission)
                    site = models.ForeignKey("sites.Site", on_delete=models.CASCADE)
                    session = models.ForeignKey("sessions.Session", on_delete=models.CASCADE)
                """);
        assertThat(sql(s, "Role.objects.filter(permissions__content_type__model=\"x\", site__domain=\"d\", "
                + "session__expire_date=None)")).endsWith("FROM \"shop_role\" INNER JOIN \"shop_role_permissions\" ON "
                + "(\"shop_role\".\"id\" = \"shop_role_permissions\".\"role_id\") INNER JOIN \"auth_permission\" ON "
                + "(\"shop_role_permissions\".\"permission_id\" = \"auth_permission\".\"id\") INNER JOIN "
                + "\"django_content_type\" ON (\"auth_permission\".\"content_type_id\" = \"django_content_type\".\"id\") "
                + "INNER JOIN \"django_session\" ON (\"shop_role\".\"session_id\" = \"django_session\".\"session_key\") "
                + "INNER JOIN \"django_site\" ON (\"shop_role\".\"site_id\" = \"django_site\".\"id\") WHERE "
                + "\"django_content_type\".\"model\" = ? AND \"django_session\".\"expire_date\" IS NULL AND "
                + "\"django_site\".\"domain\" = ?");
        assertThat(warnings(s)).isEmpty();
    }

    @Test
    void aFieldClassWithGenericTypeParametersIsThePlainField() {
        Schema s = ModelsPyImporter.importSource("shop", """
                from django.contrib.auth.models import User
                from django.db import models

                class Visit(models.Model):
                    user = models.ForeignKey["User", "User"](User, on_delete=models.CASCADE, related_name="visits")
                    count = models.IntegerField[int, int](default=0)
                """);
        assertThat(s.model("Visit").concreteFields()).extracting(Field::column).containsExactly("id", "user_id",
                "count");
        assertThat(s.model("Visit").field("user").orElseThrow().relation().relatedName()).isEqualTo("visits");
        assertThat(warnings(s)).isEmpty();
    }

    @Test
    void aStarImportOfDjangosContribModelsBringsItsModels() {
        Schema s = ModelsPyImporter.importSource("shop", """
                from django.contrib.contenttypes.models import *
                from django.db import models

                class Tagged(models.Model):
                    owner_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
                """);
        assertThat(s.model("Tagged").field("owner_type").orElseThrow().relation().target())
                .isEqualTo("ContentType");
        assertThat(s.model("ContentType").table()).isEqualTo("django_content_type");
        assertThat(warnings(s)).isEmpty();
    }

    @Test
    void aClassBodyConstantNamingAModelIsATarget() {
        Schema s = ModelsPyImporter.importSource("shop", """
                from django.db import models

                class Shelf(models.Model):
                    name = models.CharField(max_length=10)

                class Book(models.Model):
                    shelf_model = "shop.Shelf"
                    shelf = models.ForeignKey(shelf_model, on_delete=models.CASCADE)
                """);
        assertThat(s.model("Book").field("shelf").orElseThrow().relation().target()).isEqualTo("Shelf");
        assertThat(warnings(s)).isEmpty();
    }

    @Test
    void aSettingReadWithGetattrIntoAnotherNameIsFollowed(@TempDir Path dir) throws Exception {
        write(dir.resolve("wiki/conf/settings.py"), """
                from django.conf import settings as django_settings

                GROUP_MODEL = getattr(django_settings, "WIKI_GROUP_MODEL", "auth.Group")
                """);
        write(dir.resolve("wiki/models.py"), """
                from django.db import models
                from wiki.conf import settings

                class Page(models.Model):
                    group = models.ForeignKey(settings.GROUP_MODEL, on_delete=models.CASCADE)
                """);
        Schema s = ModelsPyImporter.importFile(dir, null);
        assertThat(s.model("Page").field("group").orElseThrow().relation().target()).isEqualTo("Group");
        assertThat(s.model("Group").table()).isEqualTo("auth_group");
    }

    @Test
    void aChildOfAnAbstractBaseThatDeclaresItsPrimaryKeyHasNoId() {
        Schema s = ModelsPyImporter.importSource("users", """
                from django.db import models

                class Stamped(models.Model):
                    changed = models.DateTimeField(auto_now=True)

                    class Meta:
                        abstract = True

                class Domain(Stamped):
                    domain = models.CharField(max_length=250, primary_key=True)

                class Account(Stamped):
                    domain = models.ForeignKey(Domain, on_delete=models.CASCADE)
                """);
        assertThat(s.model("Domain").concreteFields()).extracting(Field::column).containsExactly("changed", "domain");
        assertThat(s.model("Account").concreteFields()).extracting(Field::column)
                .containsExactly("id", "changed", "domain_id");
        assertThat(sql(s, "Account.objects.filter(domain__changed=None)")).endsWith("FROM \"users_account\" INNER JOIN "
                + "\"users_domain\" ON (\"users_account\".\"domain_id\" = \"users_domain\".\"domain\") WHERE "
                + "\"users_domain\".\"changed\" IS NULL");
    }

    @Test
    void aProxyOfDjangosUserImportedUnderAnotherNameHasItsFields() {
        Schema s = ModelsPyImporter.importSource("users", """
                from django.contrib.auth.models import User as BaseUser
                from django.db import models

                class Member(BaseUser):
                    class Meta:
                        proxy = True

                class Pin(models.Model):
                    owner = models.ForeignKey(Member, on_delete=models.CASCADE)
                """);
        assertThat(s.model("Member").table()).isEqualTo("auth_user");
        assertThat(sql(s, "Pin.objects.filter(owner__username=\"x\")")).endsWith("FROM \"users_pin\" INNER JOIN "
                + "\"auth_user\" ON (\"users_pin\".\"owner_id\" = \"auth_user\".\"id\") WHERE "
                + "\"auth_user\".\"username\" = ?");
        assertThat(warnings(s)).isEmpty();
    }

    @Test
    void statementsSeparatedOrEndedBySemicolonsAreEachRead() {
        Schema s = ModelsPyImporter.importSource("chat", """
                from django.db import models

                class Room(models.Model):
                    title = models.CharField(max_length=20);
                    topic = models.TextField(); size = models.IntegerField(default=0)

                    class Meta: ordering = ["title"]; db_table = "rooms"
                """);
        assertThat(s.model("Room").concreteFields()).extracting(Field::column)
                .containsExactly("id", "title", "topic", "size");
        assertThat(s.model("Room").table()).isEqualTo("rooms");
        assertThat(warnings(s)).isEmpty();
    }

    @Test
    void guardiansDirectObjectPermissionBasesGiveTheirForeignKeysAlsoUnderAnAlias() {
        Schema s = ModelsPyImporter.importSource("docs", """
                from django.db import models
                from guardian.models import GroupObjectPermissionBase
                from guardian.models import UserObjectPermissionBase as UserPermBase

                class Document(models.Model):
                    title = models.CharField(max_length=20)

                class DocumentUserPermission(UserPermBase):
                    content_object = models.ForeignKey(Document, on_delete=models.CASCADE)

                class DocumentGroupPermission(GroupObjectPermissionBase):
                    content_object = models.ForeignKey(Document, on_delete=models.CASCADE)
                """);
        assertThat(s.model("DocumentUserPermission").concreteFields()).extracting(Field::column)
                .containsExactly("id", "permission_id", "user_id", "content_object_id");
        assertThat(s.model("DocumentGroupPermission").concreteFields()).extracting(Field::column)
                .containsExactly("id", "permission_id", "group_id", "content_object_id");
        assertThat(sql(s, "DocumentUserPermission.objects.filter(user__username=\"u\", permission__codename=\"c\")"))
                .endsWith("FROM \"docs_documentuserpermission\" INNER JOIN \"auth_permission\" ON "
                        + "(\"docs_documentuserpermission\".\"permission_id\" = \"auth_permission\".\"id\") INNER JOIN "
                        + "\"auth_user\" ON (\"docs_documentuserpermission\".\"user_id\" = \"auth_user\".\"id\") WHERE "
                        + "\"auth_permission\".\"codename\" = ? AND \"auth_user\".\"username\" = ?");
    }
}
