package studio.queryset.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Constructs of real-world models files: each imports, and what was assumed is a warning naming file:line. */
class ModelsPyConstructsTest {

    static Schema load(String source) {
        return ModelsPyImporter.importSource("shop", source);
    }

    static List<String> warnings(Schema s) {
        return s.warnings().stream().map(ImportWarning::toString).toList();
    }

    @Test
    void relationTargetsOutsideTheFile() {
        Schema s = load("""
                from django.conf import settings
                from django.contrib.auth.models import Group
                from django.db import models
                from zerver.models import Realm

                class Order(models.Model):
                    buyer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
                    team = models.ForeignKey(Group, on_delete=models.CASCADE)
                    realm = models.ForeignKey(Realm, on_delete=models.CASCADE)
                    kind = models.ForeignKey("contenttypes.ContentType", on_delete=models.CASCADE)
                    other = models.ForeignKey("billing.Invoice", on_delete=models.CASCADE)
                """);
        assertThat(s.model("User").table()).isEqualTo("auth_user");
        assertThat(s.model("User").concreteFields()).extracting(Field::column).contains("id", "password",
                "last_login", "is_superuser", "username", "first_name", "last_name", "email", "is_staff",
                "is_active", "date_joined");
        assertThat(s.model("User").field("groups").orElseThrow().relation().throughTable())
                .isEqualTo("auth_user_groups");
        assertThat(s.model("Group").table()).isEqualTo("auth_group");
        assertThat(s.model("ContentType").table()).isEqualTo("django_content_type");
        assertThat(s.model("Realm").table()).isEqualTo("zerver_realm");
        assertThat(s.model("Invoice").table()).isEqualTo("billing_invoice");
        assertThat(s.model("Order").field("buyer").orElseThrow().relation().target()).isEqualTo("User");
        assertThat(s.model("Order").field("realm").orElseThrow().column()).isEqualTo("realm_id");
        assertThat(warnings(s)).contains(
                "models.py:7: settings.AUTH_USER_MODEL assumed to be auth.User (no model in the imported files "
                        + "extends AbstractUser or AbstractBaseUser)",
                "models.py:9: Order.realm: target zerver.Realm is not in the imported files; assumed a model Realm "
                        + "(table zerver_realm) with only its primary key",
                "models.py:11: Order.other: target billing.Invoice is not in the imported files; assumed a model "
                        + "Invoice (table billing_invoice) with only its primary key");
    }

    @Test
    void getUserModelAndSwapper() {
        Schema s = load("""
                from django.contrib.auth import get_user_model
                from django.db import models
                import swapper

                class Note(models.Model):
                    author = models.ForeignKey(get_user_model(), on_delete=models.CASCADE)
                    org = models.ForeignKey(swapper.get_model_name("orgs", "Org"), on_delete=models.CASCADE)
                """);
        assertThat(s.model("Note").field("author").orElseThrow().relation().target()).isEqualTo("User");
        assertThat(s.model("Org").table()).isEqualTo("orgs_org");
        assertThat(warnings(s)).anyMatch(w -> w.startsWith("models.py:7: Note.org: target orgs.Org"));
    }

    @Test
    void unknownBasesAbstractUserIfTryAndCallsInBases() {
        Schema s = load("""
                from django.contrib.auth.models import AbstractUser
                from django.db import models
                from shared.models import AuditedModel

                class Account(AbstractUser):
                    bio = models.TextField()

                class Item(AuditedModel):
                    name = models.CharField(max_length=10)

                class Sub(Item):
                    class Meta:
                        proxy = True

                try:
                    class Extra(ExportMixin("x"), models.Model):
                        code = models.CharField(max_length=3)
                except ImportError:
                    pass
                """);
        assertThat(s.model("Account").concreteFields()).extracting(Field::column).contains("id", "username",
                "password", "bio");
        assertThat(s.model("Item").concreteFields()).extracting(Field::column).containsExactly("id", "name");
        assertThat(s.model("Extra").table()).isEqualTo("shop_extra");
        assertThat(s.model("Sub").table()).isEqualTo("shop_item");
        assertThat(warnings(s)).contains(
                "models.py:8: class Item: base AuditedModel is not in the imported files; assumed Item is a "
                        + "model, fields it inherits from there are unknown",
                "models.py:16: class Extra: base ExportMixin(...) is not in the imported files; fields it may add "
                        + "are unknown");
    }

    @Test
    void unknownAndCustomFieldClasses() {
        Schema s = load("""
                from django.db import models
                from django_countries.fields import CountryField
                from djmoney.models.fields import MoneyField
                from django.contrib.postgres.fields import ArrayField
                from django.contrib.contenttypes.fields import GenericForeignKey
                from taggit.managers import TaggableManager

                MAX = 20

                class UpperCharField(models.CharField):
                    pass

                class Shop(models.Model):
                    code = UpperCharField(max_length=MAX)
                    country = CountryField()
                    price = MoneyField(max_digits=10, decimal_places=2)
                    blob = models.BinaryField()
                    tags_list = ArrayField(models.CharField(max_length=10))
                    target = GenericForeignKey("content_type", "object_id")
                    tags = TaggableManager()
                    color = ShadeField(default="#fff")
                    owner: int = models.IntegerField()
                    label = property(lambda_label)
                    objects = ShopManager()
                """);
        Model shop = s.model("Shop");
        assertThat(shop.concreteFields()).extracting(Field::column).containsExactly("id", "code", "country", "price",
                "price_currency", "blob", "tags_list", "color", "owner");
        assertThat(shop.field("code").orElseThrow().valueType()).isEqualTo(ValueType.TEXT);
        assertThat(shop.field("price").orElseThrow().valueType()).isEqualTo(ValueType.DECIMAL);
        assertThat(shop.field("owner").orElseThrow().valueType()).isEqualTo(ValueType.INTEGER);
        assertThat(warnings(s)).containsExactly(
                "models.py:19: Shop.target: GenericForeignKey is not a column; skipped",
                "models.py:20: Shop.tags: TaggableManager (django-taggit) is a generic many-to-many through "
                        + "taggit.TaggedItem (object_id and content_type) to taggit.Tag; lookups, ordering, values() "
                        + "and prefetch_related() across tags are not available (a FieldError names it), it is not a "
                        + "column; skipped",
                "models.py:21: Shop.color: unknown field class ShadeField; assumed a text column color");
    }

    @Test
    void wellKnownThirdPartyBasesBringTheirColumns() {
        Schema s = load("""
                from django.db import models
                from model_utils.models import TimeStampedModel
                from mptt.models import MPTTModel
                from parler.models import TranslatableModel

                class Item(TimeStampedModel):
                    name = models.CharField(max_length=10)

                class Node(MPTTModel, TranslatableModel):
                    parent = models.ForeignKey("self", null=True, on_delete=models.CASCADE)
                """);
        assertThat(s.model("Item").concreteFields()).extracting(Field::column)
                .containsExactly("id", "created", "modified", "name");
        assertThat(s.model("Node").concreteFields()).extracting(Field::column)
                .containsExactly("id", "lft", "rght", "tree_id", "level", "parent_id");
        assertThat(s.warnings()).isEmpty();
    }

    @Test
    void multiTableInheritance() {
        Schema s = load("""
                from django.db import models

                class Place(models.Model):
                    name = models.CharField(max_length=50)

                class Restaurant(Place):
                    serves_pizza = models.BooleanField(default=False)
                """);
        Field ptr = s.model("Restaurant").pk();
        assertThat(ptr.column()).isEqualTo("place_ptr_id");
        assertThat(ptr.relation().target()).isEqualTo("Place");
        assertThat(warnings(s)).containsExactly("models.py:6: class Restaurant: multi-table inheritance from Place "
                + "(primary key place_ptr_id; Place's fields are read through a join on it, as Django does); "
                + "create(), update() and delete() on Restaurant write only shop_restaurant, where Django also "
                + "writes shop_place");
    }

    @Test
    void latin1WithoutCodingLineNamesTheByteOffset(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("models.py");
        Files.write(f, "from django.db import models\n# caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> ModelsPyImporter.importFile(f, "x")))
                .isInstanceOf(SchemaException.class).hasMessageContaining(":2: cannot decode byte 0xe9 at byte "
                        + "offset 34 as UTF-8");
        Files.write(f, ("# -*- coding: latin-1 -*-\nfrom django.db import models\nclass A(models.Model):\n    x = "
                + "models.CharField(help_text='caf\u00e9')\n").getBytes(StandardCharsets.ISO_8859_1));
        assertThat(ModelsPyImporter.importFile(f, "x").model("A").field("x")).isPresent();
    }

    @Test
    void aClassOnABaseNamedLikeAFormIsAModelWhenItDeclaresModelFields() {
        Schema s = load("""
                from django import forms
                from django.db import models
                from wagtail.contrib.forms.models import AbstractEmailForm

                class FormPage(AbstractEmailForm):
                    image = models.ForeignKey("wagtailimages.Image", null=True, on_delete=models.SET_NULL)
                    thank_you_text = models.TextField(blank=True)

                class ContactForm(forms.Form):
                    name = forms.CharField(max_length=50)
                """);
        assertThat(s.model("FormPage").table()).isEqualTo("shop_formpage");
        assertThat(s.model("FormPage").concreteFields()).extracting(Field::column).contains("image_id",
                "thank_you_text");
        assertThat(warnings(s)).anyMatch(w -> w.startsWith("models.py:5: class FormPage: base AbstractEmailForm")
                && w.contains("assumed FormPage is a model"));
        assertThat(s.findModel("ContactForm")).isEmpty();
    }
}
