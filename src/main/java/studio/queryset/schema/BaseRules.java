package studio.queryset.schema;

import java.util.List;
import java.util.Set;

/**
 * What a class's bases make of it, as Django sees them: {@code models.Model} (any alias of it), Django's own
 * models as parents (auth.User...), the user model, the libraries and names whose classes are never models, and
 * multi-table inheritance's {@code <parent>_ptr} link.
 */
final class BaseRules {
    private final ModelsPyImporter source;

    BaseRules(ModelsPyImporter source) {
        this.source = source;
    }

    boolean isDjangoModel(String base) {
        if (base.equals("models.Model") || base.equals("Model") || base.equals("django.db.models.Model")) {
            return true;
        }
        // from django.db import models as m: m.Model
        return base.endsWith(".Model") && "django.db.models".equals(source.moduleNamed(base.substring(0,
                base.length() - ".Model".length())));
    }

    /** Class names that say the class is not a model, whatever its (unknown) bases. */
    static final List<String> NOT_MODEL_NAMES = List.of("QuerySet", "Manager", "Serializer", "Form",
            "FilterSet");

    /** Libraries whose classes have "fields" but are never Django models. */
    private static final List<String> NON_DJANGO_LIBRARIES = List.of("pydantic", "dataclasses", "typing", "enum",
            "abc", "rest_framework", "graphene", "strawberry", "marshmallow", "attr", "django_filters", "ninja",
            "django.forms", "django.contrib.admin");

    boolean fromNonDjangoLibrary(String base) {
        String head = base.contains(".") ? base.substring(0, base.indexOf('.')) : base;
        String module = source.moduleNamed(head);
        return module != null && NON_DJANGO_LIBRARIES.stream().anyMatch(l -> module.equals(l)
                || module.startsWith(l + "."));
    }

    /** The user model as a parent class: the one AUTH_USER_MODEL names in the project, else Django's auth.User. */
    ClassDecl userModelParent() {
        ClassDecl configured = source.configuredUserModel();
        return configured != null ? configured : standInDecl("auth", "User");
    }

    /**
     * A base that is one of Django's own concrete models (auth.User, auth.Group, contenttypes.ContentType),
     * imported from django.contrib: a parent for a proxy or multi-table child, with Django's table and fields.
     */
    ClassDecl standInParent(String base, String simple) {
        String module = source.importOf(base);
        if (module == null || !module.startsWith("django.contrib.")) {
            return null;
        }
        String app = source.appOfModule(module);
        return DjangoStandIns.has(app, simple) ? standInDecl(app, simple) : null;
    }

    private ClassDecl standInDecl(String app, String simple) {
        Model m = DjangoStandIns.model(app, simple);
        ClassDecl d = new ClassDecl(source, simple, 0);
        d.appLabel = app;
        d.dbTable = m.table();
        d.isModel = true;
        for (Field f : m.fields()) {
            d.putField(f, source);
        }
        return d;
    }

    /** Base names of classes that declare "fields" but are not models (DRF, forms, filters, admin, GraphQL). */
    static final List<String> NOT_MODEL_SUFFIXES = List.of("Serializer", "Form", "FilterSet", "Admin",
            "ObjectType", "InputObjectType", "Resource", "Table", "Inline", "Manager", "QuerySet", "View");

    static final Set<String> NOT_MODELS = Set.of("object", "Enum", "IntEnum",
            "StrEnum", "TextChoices", "IntegerChoices", "Choices", "Exception", "ValueError", "NamedTuple",
            "TypedDict", "Protocol", "ABC", "Generic");

    /**
     * Multi-table inheritance: Django adds {@code <parent>_ptr}, a one-to-one to the parent that is the child's
     * primary key; the parent's fields stay in the parent's table and are reached through that link.
     */
    void addParentLink(ClassDecl decl, ClassDecl parent) {
        String ptr = parent.name.toLowerCase(java.util.Locale.ROOT) + "_ptr";
        Relation r = new Relation(RelationKind.ONE_TO_ONE, parent.qualifiedName(), null, null, null, null, null,
                null, "CASCADE");
        decl.fields.removeIf(Field::primaryKey);
        decl.fields.add(0, new Field(ptr, ptr + "_id", "OneToOneField", ValueType.INTEGER, false, true, true, 0,
                null, r, decl.line));
        decl.fieldModules.put(ptr, source);
        decl.concreteParent = parent;
        source.warn(decl.line, "class " + decl.name + ": multi-table inheritance from " + parent.name + " (primary key "
                + ptr + "_id; " + parent.name + "'s fields are read through a join on it, as Django does); "
                + "create(), update() and delete() on " + decl.name + " write only " + decl.table()
                + ", where Django also writes " + parent.table());
    }
}
