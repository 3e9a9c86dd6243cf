package studio.queryset.schema;

import java.util.List;
import java.util.Set;
import studio.queryset.pytext.PyNode;

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

    /** What a class's bases made of it: a model or not, and the fields Django's or known packages' bases add. */
    record Bases(boolean isModel, List<Field> knownBaseFields, boolean notModel) { }

    /**
     * Applies each base of {@code decl} as Django would: a model base makes a model (an abstract one gives its
     * fields, a concrete one is the multi-table or proxy parent), a custom field class makes a field class, a
     * known package's base adds its fields, a base outside the imported files is noted. {@code
     * bodyDeclaresModelFields} tells whether a class on a base that is never a model still declares model fields.
     */
    Bases apply(ClassDecl decl, List<PyNode> baseNodes, java.util.function.BooleanSupplier bodyDeclaresModelFields) {
        boolean isModel = false;
        List<Field> knownBaseFields = new java.util.ArrayList<>();
        for (PyNode baseNode : baseNodes) {
            String base = TolerantValue.isUnreadable(baseNode) ? null : PyNode.dotted(baseNode);
            String made = baseNode instanceof PyNode.Call c && c.funcName() != null ? c.funcName() : null;
            if (base == null && made != null && DjangoStandIns.thirdPartyBaseFields(made.substring(
                    made.lastIndexOf('.') + 1)) != null) {
                // ExportModelOperationsMixin("x") (django-prometheus): a known mixin made by a call
                knownBaseFields.addAll(DjangoStandIns.thirdPartyBaseFields(made.substring(made.lastIndexOf('.')
                        + 1)));
                continue;
            }
            if (base == null) {
                // a call such as ExportMixin("x"): a mixin made on the fly
                decl.unknownBases.add(baseNode instanceof PyNode.Call c && c.funcName() != null
                        ? c.funcName() + "(...)" : PyNodeText.print(baseNode).replace(TolerantValue.UNREADABLE,
                        "(a base expression the importer does not evaluate)"));
                continue;
            }
            decl.bases.add(base);
            String simple = base.substring(base.lastIndexOf('.') + 1);
            ClassDecl parent = isDjangoModel(base) ? null : source.resolveClass(base);
            if (parent == null && "settings.AUTH_USER_MODEL".equals(source.targetAlias(base))) {
                parent = userModelParent(); // User = get_user_model(); class Member(User)
            }
            if (parent == null) {
                parent = standInParent(base, simple); // class PageUser(User): a child of auth.User
            }
            if (isDjangoModel(base)) {
                isModel = true;
            } else if (parent != null && parent.fieldBase != null) {
                decl.fieldBase = parent.fieldBase;
                if (decl.fieldTarget == null) {
                    decl.fieldTarget = parent.fieldTarget;
                    decl.fieldTargetModule = parent.fieldTargetModule;
                }
            } else if (parent != null && parent.isModel) {
                isModel = true;
                if (parent.isAbstract) {
                    for (Field f : parent.fields) {
                        decl.putField(f, parent.moduleOf(f));
                    }
                    decl.unknownBases.addAll(parent.unknownBases);
                    if (decl.defaultRelatedName == null) {
                        decl.defaultRelatedName = parent.defaultRelatedName;
                    }
                } else if (decl.concreteParent == null) {
                    decl.concreteParent = parent;
                }
                if (parent.ordering != null && decl.ordering == null) {
                    decl.ordering = parent.ordering;
                }
                if (parent.latestBy != null && decl.latestBy == null) {
                    decl.latestBy = parent.latestBy;
                }
            } else if (parent != null) {
                // a plain mixin: Django contributes no fields from classes that are not models
                decl.unknownBases.addAll(parent.unknownBases);
            } else if (FieldFactory.known(simple) != null) {
                decl.fieldBase = FieldFactory.known(simple);
            } else if (FieldReader.NON_COLUMNS.containsKey(simple)) {
                decl.fieldBase = simple; // class PlaceholderRelationField(GenericRelation): no column either
            } else if (DjangoStandIns.baseFields(simple) != null) {
                isModel = true;
                knownBaseFields.addAll(DjangoStandIns.baseFields(simple));
            } else if (DjangoStandIns.thirdPartyBaseFields(importedName(base, simple)) != null) {
                // abstract models of those packages make a model; their mixins (SortableMixin, Indexed) do not
                String known = importedName(base, simple);
                isModel |= !known.endsWith("Mixin") && !known.equals("Indexed");
                knownBaseFields.addAll(DjangoStandIns.thirdPartyBaseFields(known));
            } else if ((NOT_MODEL_SUFFIXES.stream().anyMatch(simple::endsWith) || fromNonDjangoLibrary(base)
                    || parent != null && parent.notModel) && !bodyDeclaresModelFields.getAsBoolean()) {
                decl.notModel = true;
                return new Bases(false, knownBaseFields, true);
            } else if (!NOT_MODELS.contains(simple)) {
                // also a base named like a form whose class still declares models.X fields (wagtail's
                // FormPage(AbstractEmailForm)): a model on an unknown base, said so below, never dropped
                decl.unknownBases.add(base);
            }
        }
        return new Bases(isModel, knownBaseFields, false);
    }

    /** The name a base was imported under in its package: {@code from x import Base as BaseOrig} gives Base. */
    private String importedName(String base, String simple) {
        String imported = base.contains(".") ? null : source.importOf(base);
        return imported == null ? simple : imported.substring(imported.lastIndexOf('.') + 1);
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

    /**
     * Libraries whose classes have "fields" but are never Django models; django.db is there because its only model
     * class is Model (its field classes are known before this is asked): Manager, QuerySet, Aggregate, ModelBase.
     * Wagtail's StreamField blocks declare "fields" that are blocks.
     */
    private static final List<String> NON_DJANGO_LIBRARIES = List.of("pydantic", "dataclasses", "typing", "enum",
            "abc", "rest_framework", "graphene", "strawberry", "marshmallow", "attr", "django_filters", "ninja",
            "django.forms", "django.contrib.admin", "django.db", "wagtail.blocks", "wagtail.core.blocks");
    private static final Set<String> DJANGO_MODEL_PATHS = Set.of("django.db.models.Model",
            "django.db.models.base.Model");

    boolean fromNonDjangoLibrary(String base) {
        String head = base.contains(".") ? base.substring(0, base.indexOf('.')) : base;
        String module = source.moduleNamed(head);
        if (module == null) {
            return false;
        }
        String path = head.equals(base) ? module : module + base.substring(head.length());
        return !DJANGO_MODEL_PATHS.contains(path) && NON_DJANGO_LIBRARIES.stream().anyMatch(l -> module.equals(l)
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
        // the imported name, not the alias: from django.contrib.auth.models import User as BaseUser
        String name = module.substring(module.lastIndexOf('.') + 1);
        return DjangoStandIns.has(app, name) ? standInDecl(app, name) : null;
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
