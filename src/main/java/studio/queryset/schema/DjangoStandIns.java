package studio.queryset.schema;

import java.util.ArrayList;
import java.util.List;

/**
 * Django's own models a project points at but does not define: {@code auth.User}, {@code auth.Group},
 * {@code auth.Permission}, {@code contenttypes.ContentType}, {@code sites.Site}, {@code sessions.Session}, with
 * the tables and columns Django creates; and the fields of
 * {@code AbstractUser}, {@code AbstractBaseUser} and {@code PermissionsMixin} for models that extend them.
 */
final class DjangoStandIns {
    private DjangoStandIns() {
    }

    static boolean has(String app, String name) {
        return (app.equals("auth") && (name.equals("User") || name.equals("Group") || name.equals("Permission")))
                || (app.equals("contenttypes") && name.equals("ContentType"))
                || (app.equals("sites") && name.equals("Site"))
                || (app.equals("sessions") && name.equals("Session"));
    }

    /** The stand-in {@code app.name}; User brings its groups M2M, whose target Group the caller adds too. */
    static Model model(String app, String name) {
        List<Field> fields = new ArrayList<>();
        fields.add(id());
        switch (app + "." + name) {
            case "auth.User" -> {
                fields.addAll(abstractUserFields());
                return new Model("User", "auth", "auth_user", fields, List.of(), 0);
            }
            case "auth.Group" -> {
                fields.add(chr("name", 150, true));
                return new Model("Group", "auth", "auth_group", fields, List.of(), 0);
            }
            case "auth.Permission" -> {
                fields.add(chr("name", 255, false));
                fields.add(new Field("content_type", "content_type_id", "ForeignKey", ValueType.INTEGER, false, false,
                        false, 0, null, new Relation(RelationKind.FOREIGN_KEY, "contenttypes.ContentType", null, null,
                        null, null, null, null, "CASCADE"), 0));
                fields.add(chr("codename", 100, false));
                return new Model("Permission", "auth", "auth_permission", fields, List.of(), 0);
            }
            case "sites.Site" -> {
                fields.add(chr("domain", 100, true));
                fields.add(chr("name", 50, false));
                return new Model("Site", "sites", "django_site", fields, List.of(), 0);
            }
            case "sessions.Session" -> {
                // keyed by session_key, with no id column
                return new Model("Session", "sessions", "django_session", List.of(new Field("session_key",
                        "session_key", "CharField", ValueType.TEXT, false, true, true, 40, null, null, 0),
                        new Field("session_data", "session_data", "TextField", ValueType.TEXT, false, false, false, 0,
                                null, null, 0), dateTime("expire_date")), List.of(), 0);
            }
            case "contenttypes.ContentType" -> {
                fields.add(chr("app_label", 100, false));
                fields.add(chr("model", 100, false));
                return new Model("ContentType", "contenttypes", "django_content_type", fields, List.of(), 0);
            }
            default -> throw new IllegalArgumentException(app + "." + name);
        }
    }

    /** Fields a known Django abstract base adds, or null if {@code base} is not one. */
    static List<Field> baseFields(String base) {
        return switch (base) {
            case "AbstractUser" -> abstractUserFields();
            case "AbstractBaseUser" -> List.of(chr("password", 128, false), lastLogin());
            case "PermissionsMixin" -> List.of(bool("is_superuser"), groups());
            default -> null;
        };
    }

    /** Well-known third-party abstract bases that add no columns (translations, clusters, search, mixins). */
    private static final java.util.Set<String> FIELDLESS_BASES = java.util.Set.of("TranslatableModel",
            "ClusterableModel", "Indexed", "AL_Node", "ExportModelOperationsMixin", "LifecycleModelMixin",
            "DirtyFieldsMixin", "RulesModel", "RulesModelMixin", "SortableMixin", "TaggableManager", "ModelDiffMixin",
            "ComputedFieldsModel", "CloneMixin", "SafeDeleteMixin");

    /**
     * Columns of well-known third-party abstract bases (django-mptt, treebeard, model_utils, django-extensions,
     * django-polymorphic, ordered_model, django-tree-queries), or null when {@code base} is not one of them.
     */
    static List<Field> thirdPartyBaseFields(String base) {
        if (FIELDLESS_BASES.contains(base)) {
            return List.of();
        }
        return switch (base) {
            case "MPTTModel" -> List.of(posInt("lft"), posInt("rght"), posInt("tree_id"), posInt("level"));
            case "MP_Node" -> List.of(chr("path", 255, true), posInt("depth"), posInt("numchild"));
            case "NS_Node" -> List.of(posInt("lft"), posInt("rgt"), posInt("tree_id"), posInt("depth"));
            case "TimeStampedModel", "TimeStampedModelMixin" -> List.of(dateTime("created"), dateTime("modified"));
            case "SoftDeletableModel" -> List.of(bool("is_removed"));
            case "StatusModel" -> List.of(chr("status", 100, false), dateTime("status_changed"));
            case "TimeFramedModel" -> List.of(nullDateTime("start"), nullDateTime("end"));
            case "OrderedModel", "OrderedModelBase" -> List.of(posInt("order"));
            case "UUIDModel" -> List.of(new Field("id", "id", "UUIDField", ValueType.UUID, false, true, true, 0, null,
                    null, 0));
            // django-taggit: the tag model bases and the through-model bases of TaggableManager
            case "TagBase" -> List.of(chr("name", 100, true), new Field("slug", "slug", "SlugField", ValueType.TEXT,
                    false, true, false, 100, null, null, 0));
            case "GenericTaggedItemBase", "CommonGenericTaggedItemBase" -> List.of(contentType(), new Field(
                    "object_id", "object_id", "IntegerField", ValueType.INTEGER, false, false, false, 0, null, null, 0));
            case "GenericUUIDTaggedItemBase" -> List.of(contentType(), new Field("object_id", "object_id",
                    "UUIDField", ValueType.UUID, false, false, false, 0, null, null, 0));
            case "TaggedItemBase", "ItemBase" -> List.of();
            // django-tree-queries: an adjacency list to the model itself
            case "TreeNode" -> List.of(new Field("parent", "parent_id", "ForeignKey", ValueType.INTEGER, true, false,
                    false, 0, null, new Relation(RelationKind.FOREIGN_KEY, "self", "children", null, null, null, null,
                    null, "CASCADE"), 0));
            // django-guardian's direct object-permission bases (the object FK is the subclass's)
            case "UserObjectPermissionBase" -> List.of(fk("permission", "auth.Permission"),
                    fk("user", "settings.AUTH_USER_MODEL"));
            case "GroupObjectPermissionBase" -> List.of(fk("permission", "auth.Permission"), fk("group", "auth.Group"));
            case "PolymorphicModel" -> List.of(new Field("polymorphic_ctype", "polymorphic_ctype_id", "ForeignKey",
                    ValueType.INTEGER, true, false, false, 0, null, new Relation(RelationKind.FOREIGN_KEY,
                    "contenttypes.ContentType", "polymorphic_%(app_label)s.%(class)s_set+", null, null, null, null,
                    null, "CASCADE"), 0));
            default -> null;
        };
    }

    private static Field contentType() {
        return new Field("content_type", "content_type_id", "ForeignKey", ValueType.INTEGER, false, false, false, 0,
                null, new Relation(RelationKind.FOREIGN_KEY, "contenttypes.ContentType",
                "%(app_label)s_%(class)s_tagged_items", null, null, null, null, null, "CASCADE"), 0);
    }

    private static Field fk(String name, String target) {
        return new Field(name, name + "_id", "ForeignKey", ValueType.INTEGER, false, false, false, 0, null,
                new Relation(RelationKind.FOREIGN_KEY, target, null, null, null, null, null, null, "CASCADE"), 0);
    }

    private static Field posInt(String name) {
        return new Field(name, name, "PositiveIntegerField", ValueType.INTEGER, false, false, false, 0, null, null, 0);
    }

    private static Field dateTime(String name) {
        return new Field(name, name, "DateTimeField", ValueType.DATETIME, false, false, false, 0, null, null, 0);
    }

    private static Field nullDateTime(String name) {
        return new Field(name, name, "DateTimeField", ValueType.DATETIME, true, false, false, 0, null, null, 0);
    }

    private static List<Field> abstractUserFields() {
        return List.of(chr("password", 128, false), lastLogin(), bool("is_superuser"), chr("username", 150, true),
                chr("first_name", 150, false), chr("last_name", 150, false), new Field("email", "email",
                        "EmailField", ValueType.TEXT, false, false, false, 254, null, null, 0),
                bool("is_staff"), bool("is_active"), new Field("date_joined", "date_joined", "DateTimeField",
                        ValueType.DATETIME, false, false, false, 0, null, null, 0), groups());
    }

    private static Field groups() {
        Relation r = new Relation(RelationKind.MANY_TO_MANY, "auth.Group", "user_set", "user", null, null, null,
                null, "CASCADE");
        return new Field("groups", null, "ManyToManyField", ValueType.INTEGER, false, false, false, 0, null, r, 0);
    }

    private static Field id() {
        return new Field("id", "id", "AutoField", ValueType.INTEGER, false, true, true, 0, null, null, 0);
    }

    private static Field lastLogin() {
        return new Field("last_login", "last_login", "DateTimeField", ValueType.DATETIME, true, false, false, 0,
                null, null, 0);
    }

    private static Field chr(String name, int max, boolean unique) {
        return new Field(name, name, "CharField", ValueType.TEXT, false, unique, false, max, null, null, 0);
    }

    private static Field bool(String name) {
        return new Field(name, name, "BooleanField", ValueType.BOOLEAN, false, false, false, 0, null, null, 0);
    }
}
