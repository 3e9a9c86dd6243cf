package studio.queryset.schema;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One {@code class} statement of a models module as read (never executed): its bases, the fields it declares or
 * inherits from abstract bases, and its Meta. The linker turns the concrete ones into {@link Model}s.
 */
final class ClassDecl {
    /** The module the class is written in. */
    final ModelsPyImporter module;
    final String name;
    final int line;
    String appLabel;
    List<String> bases = new ArrayList<>();
    List<Field> fields = new ArrayList<>();
    /**
     * For each field name, the module whose imports resolve its relation target: an inherited field is resolved
     * where its abstract base was written, as Python would.
     */
    Map<String, ModelsPyImporter> fieldModules = new HashMap<>();
    List<String> ordering;
    /** {@code Meta.get_latest_by}, or null when not set (inherited as ordering is). */
    List<String> latestBy;
    String dbTable;
    String defaultRelatedName;
    boolean isAbstract;
    boolean isProxy;
    boolean isModel;
    /** A class that is known not to be a model (a pydantic model, a serializer): nor are its subclasses. */
    boolean notModel;
    /** For a custom field class ({@code class UpperCharField(models.CharField)}): the Django class it behaves as. */
    String fieldBase;
    /** For a custom relation field class that sets its own {@code to} in {@code __init__}: that reference. */
    String fieldTarget;
    /** The module {@link #fieldTarget} is written in (its imports resolve it). */
    ModelsPyImporter fieldTargetModule;
    List<String> unknownBases = new ArrayList<>();
    /** Class-body constants naming a model ({@code target_fk = "app.Model"}), for targets written by that name. */
    Map<String, String> targetAliases = new HashMap<>();
    ClassDecl concreteParent;

    ClassDecl(ModelsPyImporter module, String name, int line) {
        this.module = module;
        this.name = name;
        this.line = line;
        this.appLabel = module.appLabel();
    }

    /** Adds or replaces a field, remembering the module its target names are resolved in. */
    void putField(Field f, ModelsPyImporter resolvedIn) {
        fields.removeIf(x -> x.name().equals(f.name()));
        fields.add(f);
        fieldModules.put(f.name(), resolvedIn);
    }

    ModelsPyImporter moduleOf(Field f) {
        return fieldModules.getOrDefault(f.name(), module);
    }

    /** Django's table name: {@code db_table}, else {@code <app_label>_<model name lower>}. */
    String table() {
        return dbTable != null ? dbTable : appLabel + "_" + name.toLowerCase(Locale.ROOT);
    }

    String qualifiedName() {
        return appLabel + "." + name;
    }
}
