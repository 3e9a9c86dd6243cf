package studio.queryset.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import studio.queryset.django.DjangoParser;
import studio.queryset.sql.Dialect;
import studio.queryset.sql.SqlCompiler;

/**
 * Classes of real-world models code found by the corpus check (issue 15): valid Python the expression parser does not
 * model, computed Meta values, settings-named targets, field classes without a column, Meta inheritance. Each is
 * read, and what was assumed is a warning naming the line. The Django rules were checked on Django 3.2.
 */
class ModelsPyValidPythonTest {

    static Schema load(String source) {
        return ModelsPyImporter.importSource("zoo", source);
    }

    static List<String> warnings(Schema s) {
        return s.warnings().stream().map(ImportWarning::toString).toList();
    }

    @Test
    void lambdasConditionalsSetsAndUnpackingAreReadAndWhatShapesSqlIsWarned() {
        Schema s = load("""
                from django.db import models

                REASONS = {"spam", "abuse"}

                class Keeper(models.Model): pass

                class Animal(models.Model):
                    born = models.DateField(default=lambda: today())
                    size = models.IntegerField(choices=[(n, n) for n in range(3)], null=not STRICT)
                    keeper = models.ForeignKey(Keeper, related_name="a" if FLAG else "b", on_delete=models.SET(None))
                    other = models.ForeignKey(Keeper if FLAG else Zoo, on_delete=models.CASCADE)
                    kind = models.CharField(max_length=3) if FLAG else models.TextField()

                    class Meta: ordering = ["born"]; indexes = [*BASE_INDEXES]
                """);
        Model animal = s.model("Animal");
        assertThat(animal.concreteFields()).extracting(Field::column)
                .containsExactly("id", "born", "size", "keeper_id");
        assertThat(animal.ordering()).containsExactly("born");
        assertThat(animal.field("keeper").orElseThrow().relation().onDelete()).isEqualTo("SET");
        assertThat(s.model("Keeper").table()).isEqualTo("zoo_keeper");
        assertThat(warnings(s)).containsExactly(
                "models.py:9: Animal.size: null= is Python the importer does not evaluate (lambda, conditional, "
                        + "comprehension...); Django's default assumed",
                "models.py:10: Animal.keeper: related_name= is Python the importer does not evaluate (lambda, "
                        + "conditional, comprehension...); Django's default assumed",
                "models.py:11: Animal.other: the target model is Python the importer does not evaluate; field "
                        + "skipped",
                "models.py:12: Animal.kind: the value is Python the importer does not evaluate (a conditional, "
                        + "lambda or comprehension choosing a field); skipped");
    }

    @Test
    void computedMetaValuesAndExpressionOrderingsAreWarned() {
        Schema s = load("""
                from django.db import models
                from django.db.models.functions import Lower

                class Token(models.Model):
                    name = models.CharField(max_length=10)
                    pk_value = id = None

                    class Meta:
                        abstract = "zoo" not in settings.INSTALLED_APPS
                        db_table = PREFIX + "token"
                        ordering = [Lower("name"), "-id"]
                """);
        Model token = s.model("Token");
        assertThat(token.table()).isEqualTo("zoo_token");
        assertThat(token.ordering()).containsExactly("-id");
        assertThat(token.pk().name()).isEqualTo("id");
        assertThat(warnings(s)).containsExactly(
                "models.py:9: Token.Meta.abstract is computed (...); the importer does not evaluate it and assumes "
                        + "abstract = False",
                "models.py:10: Token.Meta.db_table is computed ((PREFIX + \"token\")); the importer does not "
                        + "evaluate it and assumes table zoo_token",
                "models.py:11: Token.Meta.ordering: Lower(\"name\") is an expression; left out of the default ordering");
    }

    @Test
    void settingsNamedTargetsTakeTheGetattrDefaultElseAWarnedPlaceholder() {
        Schema s = load("""
                from django.conf import settings
                from django.db import models
                from .conf import app_settings

                class Visit(models.Model):
                    team = models.ForeignKey(getattr(settings, "TEAM_MODEL", "teams.Team"), on_delete=models.CASCADE)
                    widget = models.ForeignKey(app_settings.WIDGET_MODEL, on_delete=models.CASCADE)
                """);
        assertThat(s.model("Team").table()).isEqualTo("teams_team");
        assertThat(s.model("Visit").field("widget").orElseThrow().column()).isEqualTo("widget_id");
        assertThat(warnings(s)).containsExactly(
                "models.py:6: Visit.team: target setting TEAM_MODEL taken as \"teams.Team\" (from the default given "
                        + "to getattr)",
                "models.py:6: Visit.team: target teams.Team is not in the imported files; assumed a model Team "
                        + "(table teams_team) with only its primary key",
                "models.py:7: Visit.widget: target settings.WIDGET_MODEL is not in the imported files; assumed a "
                        + "model WIDGET_MODEL (table settings_widget_model) with only its primary key");
    }

    @Test
    void fieldClassesWithoutAColumnAndFixedTargetsAndNonModelClasses() {
        Schema s = load("""
                from django.contrib.contenttypes.fields import GenericRelation
                from django.db import models
                from filer.fields.image import FilerImageField
                from rest_framework import serializers

                class PlaceholderRelation(GenericRelation):
                    pass

                class Photo(models.Model):
                    image = FilerImageField(null=True, on_delete=models.SET_NULL)
                    places = PlaceholderRelation("cms.Placeholder")
                    kind = models.TextChoices("Kind", "A B")

                class PhotoSerializer(serializers.ModelSerializer):
                    title = serializers.CharField()
                """);
        assertThat(s.models()).extracting(Model::name).containsExactly("Photo", "Image");
        assertThat(s.model("Photo").concreteFields()).extracting(Field::column).containsExactly("id", "image_id");
        assertThat(s.model("Image").table()).isEqualTo("filer_image");
        assertThat(warnings(s)).containsExactlyInAnyOrder(
                "models.py:10: Photo.image: target filer.Image is not in the imported files; assumed a model Image "
                        + "(table filer_image) with only its primary key",
                "models.py:11: Photo.places: PlaceholderRelation (a GenericRelation) is not a column; skipped");
    }

    @Test
    void metaInheritanceRemovedFieldsAndDefaultRelatedNameAsDjango() {
        // Django 3.2: Animal has id, label, keeper_id, ordering ["label"], related name zoo_animal_items;
        // Plant (own Meta) keeps extra, has no ordering and the default related name "plant"
        Schema s = load("""
                from django.db import models

                class Base(models.Model):
                    label = models.CharField(max_length=10)
                    extra = models.IntegerField()

                    class Meta:
                        abstract = True
                        ordering = ["label"]
                        default_related_name = "%(app_label)s_%(class)s_items"

                class Keeper(models.Model):
                    name = models.CharField(max_length=10)

                class Animal(Base):
                    extra = None
                    keeper = models.ForeignKey(Keeper, on_delete=models.SET(None), null=True)

                class Plant(Base):
                    keeper = models.ForeignKey(Keeper, on_delete=models.CASCADE)

                    class Meta:
                        db_table = "flora"
                """);
        assertThat(s.model("Animal").concreteFields()).extracting(Field::column)
                .containsExactly("id", "label", "keeper_id");
        assertThat(s.model("Animal").ordering()).containsExactly("label");
        assertThat(s.model("Plant").concreteFields()).extracting(Field::column)
                .containsExactly("id", "label", "extra", "keeper_id");
        assertThat(s.model("Plant").ordering()).isEmpty();
        assertThat(s.model("Plant").table()).isEqualTo("flora");
        assertThat(s.reverseRelations(s.model("Keeper"))).extracting(ReverseRelation::queryName)
                .containsExactly("zoo_animal_items", "plant");
        String sql = SqlCompiler.plan(s, DjangoParser.parse("Keeper.objects.filter(zoo_animal_items__label=\"x\")",
                s), Dialect.SQLITE).statements().get(0).sql();
        assertThat(sql).isEqualTo("SELECT \"zoo_keeper\".\"id\", \"zoo_keeper\".\"name\" FROM \"zoo_keeper\" INNER "
                + "JOIN \"zoo_animal\" ON (\"zoo_keeper\".\"id\" = \"zoo_animal\".\"keeper_id\") WHERE "
                + "\"zoo_animal\".\"label\" = ?");
        assertThat(s.warnings()).isEmpty();
    }

    @Test
    void reverseNameClashesAreReportedInDjangosWords() {
        // Django 3.2's system check on the same models: E303 and E304 for each of the two keys, nothing else
        Schema s = load("""
                from django.db import models

                class Keeper(models.Model):
                    visit = models.IntegerField()

                class Visit(models.Model):
                    first = models.ForeignKey(Keeper, on_delete=models.CASCADE)
                    second = models.ForeignKey(Keeper, on_delete=models.CASCADE)
                """);
        String refused = " (Django's system check refuses this project; lookups use the first of these names)";
        assertThat(warnings(s)).containsExactly(
                "models.py:7: fields.E303: Reverse query name for 'zoo.Visit.first' clashes with field name "
                        + "'zoo.Keeper.visit'." + refused,
                "models.py:7: fields.E304: Reverse accessor for 'zoo.Visit.first' clashes with reverse accessor for "
                        + "'zoo.Visit.second'." + refused,
                "models.py:8: fields.E303: Reverse query name for 'zoo.Visit.second' clashes with field name "
                        + "'zoo.Keeper.visit'." + refused,
                "models.py:8: fields.E304: Reverse accessor for 'zoo.Visit.second' clashes with reverse accessor for "
                        + "'zoo.Visit.first'." + refused);
    }

    @Test
    void basesFromDjangoItselfTaggitSixAndNonDjangoLibraries() {
        Schema s = load("""
                import six
                from django.contrib.auth.models import Group, User
                from django.db import models as m
                from pydantic import BaseModel, Field
                from taggit.models import TagBase, GenericTaggedItemBase

                class Staff(User):
                    class Meta:
                        proxy = True

                class Team(Group):
                    motto = m.CharField(max_length=50)

                class Label(TagBase):
                    pass

                class Labelled(GenericTaggedItemBase):
                    tag = m.ForeignKey(Label, on_delete=m.CASCADE)

                class Plugin(six.with_metaclass(PluginMeta, m.Model)):
                    name = m.CharField(max_length=20)

                class Settings(BaseModel):
                    notify: bool = Field(False)

                class StrictSettings(Settings):
                    level: int = Field(0)
                """);
        assertThat(s.model("Staff").table()).isEqualTo("auth_user");
        Model team = s.model("Team");
        assertThat(team.table()).isEqualTo("zoo_team");
        assertThat(team.pk().column()).isEqualTo("group_ptr_id");
        assertThat(team.pk().relation().target()).isEqualTo("Group");
        assertThat(s.model("Label").concreteFields()).extracting(Field::column).containsExactly("id", "name", "slug");
        assertThat(s.model("Labelled").concreteFields()).extracting(Field::column)
                .containsExactly("id", "content_type_id", "object_id", "tag_id");
        assertThat(s.model("Plugin").concreteFields()).extracting(Field::column).containsExactly("id", "name");
        assertThat(s.findModel("Settings")).isEmpty();
        assertThat(s.findModel("StrictSettings")).isEmpty();
        assertThat(warnings(s)).containsExactly("models.py:11: class Team: multi-table inheritance from Group "
                + "(primary key group_ptr_id; Group's fields are read through a join on it, as Django does); "
                + "create(), update() and delete() on Team write only zoo_team, where Django also writes auth_group");
        String sql = SqlCompiler.plan(s, DjangoParser.parse("Team.objects.filter(name=\"ops\")", s), Dialect.SQLITE)
                .statements().get(0).sql();
        assertThat(sql).isEqualTo("SELECT \"auth_group\".\"id\", \"auth_group\".\"name\", \"zoo_team\".\"group_ptr_id\", "
                + "\"zoo_team\".\"motto\" FROM \"zoo_team\" INNER JOIN \"auth_group\" ON (\"zoo_team\".\"group_ptr_id\" = "
                + "\"auth_group\".\"id\") WHERE \"auth_group\".\"name\" = ?");
    }

    @Test
    void numberLiteralsAsPythonReadsThemAndAnOverIndentedLineIsAnError() {
        Schema s = load("""
                from django.db import models

                class Counter(models.Model, metaclass=CounterBase):
                    mask = models.IntegerField(default=0x1F)
                    huge = models.BigIntegerField(default=123_456_789_012_345_678_901_234_567_890)
                    code = models.CharField(max_length=0o20)
                    rate = models.FloatField(default=-1_000.5)
                """);
        Model counter = s.model("Counter");
        assertThat(counter.field("mask").orElseThrow().defaultValue().literal()).isEqualTo(31L);
        assertThat(counter.field("huge").orElseThrow().defaultValue().literal())
                .isEqualTo(new java.math.BigInteger("123456789012345678901234567890"));
        assertThat(counter.field("code").orElseThrow().maxLength()).isEqualTo(16);
        assertThat(counter.field("rate").orElseThrow().defaultValue().literal()).isEqualTo(-1000.5);
        SchemaException e = org.assertj.core.api.Assertions.catchThrowableOfType(() -> load("""
                from django.db import models

                class Counter(models.Model):
                    n = models.IntegerField()
                        m = models.IntegerField()
                """), SchemaException.class);
        assertThat(e.getMessage()).isEqualTo("line 5: unexpected indent");
    }
}
