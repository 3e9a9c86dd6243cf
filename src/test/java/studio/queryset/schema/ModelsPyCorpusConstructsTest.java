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
 * Constructs the corpus of real projects showed the importer missing (user-model aliases, computed targets,
 * relation field classes that name their own target, through_fields...). Where Django 3.2 can load the file, the
 * SQL was recorded from it (a throwaway project with auth, contenttypes and the app).
 */
class ModelsPyCorpusConstructsTest {

    static Schema load(String source) {
        return ModelsPyImporter.importSource("shop", source);
    }

    static String sql(Schema s, String expr) {
        return SqlCompiler.plan(s, DjangoParser.parse(expr, s), Dialect.SQLITE).statements().get(0).sql();
    }

    static List<String> warnings(Schema s) {
        return s.warnings().stream().map(ImportWarning::toString).toList();
    }

    /** Loaded by Django 3.2 as app "shop" beside auth and contenttypes. */
    static final String USER_ALIAS = """
            from django.contrib.auth import get_user_model
            from django.db import models

            User = get_user_model()


            class RoleField(models.ForeignKey):
                def __init__(self, *args, **kwargs):
                    kwargs.setdefault("to", "shop.Role")
                    kwargs.setdefault("on_delete", models.PROTECT)
                    super().__init__(*args, **kwargs)


            class Role(models.Model):
                name = models.CharField(max_length=50)


            class Member(User):
                class Meta:
                    proxy = True


            class Ticket(models.Model):
                owner = models.ForeignKey(User, on_delete=models.CASCADE)
                role = RoleField(null=True)


            class Team(models.Model):
                name = models.CharField(max_length=20)
                people = models.ManyToManyField(User, through="Membership", through_fields=("team", "person"),
                                                related_name="teams")


            class Membership(models.Model):
                inviter = models.ForeignKey(User, on_delete=models.CASCADE, related_name="invited")
                team = models.ForeignKey(Team, on_delete=models.CASCADE)
                person = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
            """;

    @Test
    void userModelAliasAsTargetAndAsBaseAndAFieldClassNamingItsTarget() {
        Schema s = load(USER_ALIAS);
        assertThat(s.models()).extracting(m -> m.appLabel() + "." + m.name() + " " + m.table()).contains(
                "shop.Role shop_role", "shop.Member auth_user", "shop.Ticket shop_ticket", "shop.Team shop_team",
                "auth.User auth_user");
        assertThat(s.model("Ticket").field("role").orElseThrow().relation().target()).isEqualTo("Role");
        // Django 3.2 writes the same, with the two conditions in parentheses (the compiler's rendering, not ours)
        assertThat(sql(s, "Ticket.objects.filter(owner__username=\"x\", role__name=\"r\")")).isEqualTo(
                "SELECT \"shop_ticket\".\"id\", \"shop_ticket\".\"owner_id\", \"shop_ticket\".\"role_id\" FROM "
                        + "\"shop_ticket\" INNER JOIN \"auth_user\" ON (\"shop_ticket\".\"owner_id\" = \"auth_user\".\"id\") "
                        + "INNER JOIN \"shop_role\" ON (\"shop_ticket\".\"role_id\" = \"shop_role\".\"id\") WHERE "
                        + "\"auth_user\".\"username\" = ? AND \"shop_role\".\"name\" = ?");
        assertThat(sql(s, "Member.objects.filter(username=\"m\")")).endsWith("FROM \"auth_user\" WHERE "
                + "\"auth_user\".\"username\" = ?");
    }

    @Test
    void throughFieldsPickTheJoinColumns() {
        Schema s = load(USER_ALIAS);
        // Django 3.2: the inviter FK to User comes first, yet through_fields makes person the target side
        assertThat(sql(s, "Team.objects.filter(people__username=\"x\")")).isEqualTo(
                "SELECT \"shop_team\".\"id\", \"shop_team\".\"name\" FROM \"shop_team\" INNER JOIN \"shop_membership\" "
                        + "ON (\"shop_team\".\"id\" = \"shop_membership\".\"team_id\") INNER JOIN \"auth_user\" ON "
                        + "(\"shop_membership\".\"person_id\" = \"auth_user\".\"id\") WHERE \"auth_user\".\"username\" = ?");
    }

    @Test
    void userModelAliasFollowsTheProjectsAuthUserModel(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("site"));
        Files.writeString(dir.resolve("site/settings.py"), "AUTH_USER_MODEL = \"accounts.Account\"\n");
        Files.createDirectories(dir.resolve("accounts"));
        Files.writeString(dir.resolve("accounts/models.py"), """
                from django.contrib.auth.models import AbstractUser
                from django.db import models

                class Account(AbstractUser):
                    phone = models.CharField(max_length=20)
                """);
        Files.createDirectories(dir.resolve("shop"));
        Files.writeString(dir.resolve("shop/models.py"), """
                from django.contrib.auth import get_user_model
                from django.db import models

                UserModel = get_user_model()

                class Staff(UserModel):
                    class Meta:
                        proxy = True

                class Note(models.Model):
                    author = models.ForeignKey(UserModel, on_delete=models.CASCADE)
                """);
        Schema s = ModelsPyImporter.importFile(dir, null);
        assertThat(s.model("Staff").table()).isEqualTo("accounts_account");
        assertThat(s.model("Note").field("author").orElseThrow().relation().target()).isEqualTo("Account");
        assertThat(s.models()).extracting(Model::table).doesNotContain("auth_user");
        assertThat(sql(s, "Note.objects.filter(author__phone=\"1\")")).endsWith("FROM \"shop_note\" INNER JOIN "
                + "\"accounts_account\" ON (\"shop_note\".\"author_id\" = \"accounts_account\".\"id\") WHERE "
                + "\"accounts_account\".\"phone\" = ?");
    }

    @Test
    void aComputedTargetSkipsThatFieldWithAWarningAndTheRestOfTheFileImports() {
        Schema s = load("""
                from django.db import models
                from shop.utils import get_user_model_name, pick_model

                user_model_name = get_user_model_name()

                class Rating(models.Model):
                    rater = models.ForeignKey(get_user_model_name(), on_delete=models.CASCADE)
                    owner = models.ForeignKey(user_model_name, on_delete=models.CASCADE)
                    thing = models.ForeignKey(pick_model("x"), on_delete=models.CASCADE)
                    moderators = models.ManyToManyField(pick_model("y"))

                class Later(models.Model):
                    rating = models.ForeignKey(Rating, on_delete=models.CASCADE)
                """);
        assertThat(s.model("Rating").concreteFields()).extracting(Field::column)
                .containsExactly("id", "rater_id", "owner_id");
        assertThat(s.model("Rating").field("rater").orElseThrow().relation().target()).isEqualTo("User");
        assertThat(s.model("Rating").field("owner").orElseThrow().relation().target()).isEqualTo("User");
        assertThat(s.model("Later").field("rating")).isPresent();
        assertThat(warnings(s)).contains(
                "models.py:9: Rating.thing: the target model is pick_model(\"x\"), which the importer does not "
                        + "evaluate; field skipped",
                "models.py:10: Rating.moderators: the target model is pick_model(\"y\"), which the importer does not "
                        + "evaluate; field skipped");
        assertThat(sql(s, "Later.objects.filter(rating__owner__username=\"u\")")).endsWith("FROM \"shop_later\" "
                + "INNER JOIN \"shop_rating\" ON (\"shop_later\".\"rating_id\" = \"shop_rating\".\"id\") INNER JOIN "
                + "\"auth_user\" ON (\"shop_rating\".\"owner_id\" = \"auth_user\".\"id\") WHERE "
                + "\"auth_user\".\"username\" = ?");
    }

    @Test
    void unknownFieldClassesNamedForARelationOrAGenericKey() {
        Schema s = load("""
                from django.db import models
                from lib.fields import BaseObjectForeignKey, RestrictedGenericForeignKey

                class Cluster(models.Model):
                    name = models.CharField(max_length=20)

                class Host(models.Model):
                    cluster = BaseObjectForeignKey(Cluster, related_name="hosts", on_delete=models.CASCADE)
                    obj = RestrictedGenericForeignKey(ct_field="object_type", fk_field="object_id")
                """);
        assertThat(s.model("Host").concreteFields()).extracting(Field::column).containsExactly("id", "cluster_id");
        assertThat(warnings(s)).contains(
                "models.py:8: Host.cluster: unknown field class BaseObjectForeignKey; assumed a ForeignKey (its "
                        + "name says so), with the target and options written here",
                "models.py:9: Host.obj: RestrictedGenericForeignKey (a GenericForeignKey) is not a column; skipped");
        assertThat(sql(s, "Cluster.objects.filter(hosts__id=1)")).endsWith("FROM \"shop_cluster\" INNER JOIN "
                + "\"shop_host\" ON (\"shop_cluster\".\"id\" = \"shop_host\".\"cluster_id\") WHERE \"shop_host\".\"id\" = ?");
    }

    @Test
    void aClassOnUnknownBasesThatARelationTargetsIsAPkOnlyModel() {
        Schema s = load("""
                from django.db import models
                from ..acl.models import BaseRole

                class CategoryRole(BaseRole):
                    pass

                class RoleCategoryACL(models.Model):
                    role = models.ForeignKey(CategoryRole, on_delete=models.CASCADE)
                """);
        assertThat(s.model("CategoryRole").table()).isEqualTo("shop_categoryrole");
        assertThat(warnings(s)).contains("models.py:8: RoleCategoryACL.role: target CategoryRole (line 4) has "
                + "bases BaseRole outside the imported files and declares no field; as a relation target it is a "
                + "model: assumed table shop_categoryrole with only its primary key");
        assertThat(sql(s, "RoleCategoryACL.objects.filter(role__id=2)")).isEqualTo("SELECT "
                + "\"shop_rolecategoryacl\".\"id\", \"shop_rolecategoryacl\".\"role_id\" FROM \"shop_rolecategoryacl\" "
                + "WHERE \"shop_rolecategoryacl\".\"role_id\" = ?");
    }

    @Test
    void aSetOfOneInsideACallArgumentIsReadTolerantly() {
        Schema s = load("""
                from django.db import models
                from simple_history.models import HistoricalRecords

                class Poll(models.Model):
                    question = models.CharField(max_length=200)
                    history = HistoricalRecords(excluded_field_kwargs={"question": {"attr_name"}})
                """);
        assertThat(s.model("Poll").concreteFields()).extracting(Field::column).containsExactly("id", "question");
    }

    @Test
    void knownLibraryBasesMadeByACallOrGivingATreeParent() {
        Schema s = load("""
                from django.db import models
                from django_prometheus.models import ExportModelOperationsMixin
                from tree_queries.models import TreeNode

                class Location(ExportModelOperationsMixin("location"), TreeNode):
                    name = models.CharField(max_length=50)
                """);
        assertThat(s.warnings()).isEmpty();
        assertThat(s.model("Location").concreteFields()).extracting(Field::column)
                .containsExactly("id", "parent_id", "name");
        // Django 3.2 writes the alias T2 unquoted; the compiler quotes every identifier
        assertThat(sql(s, "Location.objects.filter(children__name=\"a\")")).endsWith("FROM \"shop_location\" "
                + "INNER JOIN \"shop_location\" \"T2\" ON (\"shop_location\".\"id\" = \"T2\".\"parent_id\") WHERE "
                + "\"T2\".\"name\" = ?");
    }

    @Test
    void aBaseImportedThroughThePackageThatIsImportingThisModule(@TempDir Path dir) throws Exception {
        // extras/models/__init__.py re-exports both modules; models.py imports its base from the package
        Path pkg = Files.createDirectories(dir.resolve("extras/models"));
        Files.writeString(pkg.resolve("__init__.py"), """
                from .change_logging import ChangeLoggedModel
                from .models import Note
                """);
        Files.writeString(pkg.resolve("change_logging.py"), """
                from django.db import models

                class ChangeLoggedModel(models.Model):
                    created = models.DateTimeField(null=True)

                    class Meta:
                        abstract = True
                """);
        Files.writeString(pkg.resolve("models.py"), """
                from django.db import models
                from extras.models import ChangeLoggedModel

                class Note(ChangeLoggedModel):
                    text = models.TextField()
                """);
        Schema s = ModelsPyImporter.importFile(dir, null);
        assertThat(s.warnings()).isEmpty();
        assertThat(s.model("Note").concreteFields()).extracting(Field::column).containsExactly("id", "created", "text");
    }

    @Test
    void anAbstractBaseNestedInAClassIsABaseByItsDottedName() {
        Schema s = load("""
                from django.db import models

                class NamedMixin(models.Model):
                    name = models.CharField(max_length=255, unique=True)

                    class Meta:
                        abstract = True

                    class NonUnique(models.Model):
                        name = models.CharField(max_length=75)

                        class Meta:
                            abstract = True
                            ordering = ["name"]

                class Team(NamedMixin.NonUnique):
                    size = models.IntegerField()
                """);
        assertThat(s.warnings()).isEmpty();
        assertThat(s.models()).extracting(Model::name).containsExactly("Team");
        assertThat(s.model("Team").concreteFields()).extracting(Field::column).containsExactly("id", "name", "size");
        assertThat(s.model("Team").field("name").orElseThrow().unique()).isFalse();
        assertThat(sql(s, "Team.objects.all()")).isEqualTo("SELECT \"shop_team\".\"id\", \"shop_team\".\"name\", "
                + "\"shop_team\".\"size\" FROM \"shop_team\" ORDER BY \"shop_team\".\"name\" ASC");
    }

    @Test
    void moreWellKnownThirdPartyFields() {
        Schema s = load("""
                from django.db import models
                from filer.fields.folder import FilerFolderField
                from netfields import MACAddressField
                from picklefield.fields import PickledObjectField
                from tagging.fields import TagField

                class Device(models.Model):
                    tags = TagField()
                    state = PickledObjectField(null=True)
                    mac = MACAddressField()
                    folder = FilerFolderField(null=True, on_delete=models.SET_NULL)
                """);
        assertThat(s.model("Device").concreteFields()).extracting(f -> f.column() + " " + f.djangoType()).containsExactly(
                "id AutoField", "tags CharField", "state TextField", "mac CharField", "folder_id ForeignKey");
        assertThat(s.model("Device").field("folder").orElseThrow().relation().target()).isEqualTo("Folder");
        assertThat(s.model("Folder").table()).isEqualTo("filer_folder");
    }

    @Test
    void aModelMadeByAFactoryCallFromAnAbstractModelIsImportedWithAWarning() {
        Schema s = load("""
                from django.db import models
                from shop.core import model_factory

                class AbstractForum(models.Model):
                    name = models.CharField(max_length=100)
                    parent = models.ForeignKey("self", null=True, on_delete=models.CASCADE, related_name="children")

                    class Meta:
                        abstract = True
                        ordering = ["name"]

                Forum = model_factory(AbstractForum)
                """);
        assertThat(s.model("Forum").concreteFields()).extracting(Field::column).containsExactly("id", "name",
                "parent_id");
        assertThat(warnings(s)).containsExactly("models.py:12: Forum = model_factory(AbstractForum): a model made by "
                + "a call the importer does not run; assumed a model Forum (table shop_forum) that extends "
                + "AbstractForum");
        assertThat(sql(s, "Forum.objects.filter(children__name=\"x\")")).endsWith("FROM \"shop_forum\" INNER JOIN "
                + "\"shop_forum\" \"T2\" ON (\"shop_forum\".\"id\" = \"T2\".\"parent_id\") WHERE \"T2\".\"name\" = ? "
                + "ORDER BY \"shop_forum\".\"name\" ASC");
    }

    @Test
    void aFactoryCallOnAnAbstractModelOutsideTheFileIsWarned() {
        Schema s = load("""
                from django.db import models
                from shop.abstract_models import AbstractForum
                from shop.core import model_factory

                Forum = model_factory(AbstractForum)

                class Moderator(models.Model):
                    name = models.CharField(max_length=20)
                """);
        assertThat(s.models()).extracting(Model::name).containsExactly("Moderator");
        assertThat(warnings(s)).containsExactly("models.py:5: Forum = model_factory(AbstractForum): AbstractForum is "
                + "not in the imported files; if the call makes a model Forum, it is not imported (import the project "
                + "folder to have it)");
    }
}
