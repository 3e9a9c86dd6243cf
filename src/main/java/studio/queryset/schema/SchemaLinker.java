package studio.queryset.schema;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns the classes every module declared into one {@link Schema}: tables by Django's convention, relation targets
 * resolved as Django resolves them ({@code "app.Model"}, a bare {@code "Model"} in the model's own app, a class
 * followed through its imports, {@code settings.AUTH_USER_MODEL}), M2M join tables, and Django's stand-ins or a
 * pk-only placeholder (with a warning) for targets the imported files do not define.
 */
final class SchemaLinker {

    /** {@code AUTH_USER_MODEL = "accounts.User"} as found in a settings file. */
    record AuthUserSetting(String value, String file, int line) { }

    /** Where a model's relation targets are resolved: its app, and for each field the module that wrote it. */
    private record Origin(String appLabel, ClassDecl decl) { }

    private final List<ImportWarning> warnings;
    private final AuthUserSetting authUser;
    private final Set<String> projectApps;
    /** {@code NAME = "app.Model"} values from settings and app settings modules, for swappable targets. */
    private final Map<String, String> settingValues;
    /** A single file: a same-app target it does not define is an error, as Django's system check makes it. */
    private boolean strictTargets = true;
    /** Models by {@code app.modelname} (lower-case name: Django's lookups ignore the model name's case). */
    private final Map<String, Model> byQualified = new LinkedHashMap<>();
    private final Map<String, Origin> origins = new LinkedHashMap<>();
    private final List<String> order = new ArrayList<>();
    private List<ClassDecl> decls = List.of();

    SchemaLinker(List<ImportWarning> warnings, AuthUserSetting authUser, Set<String> projectApps) {
        this(warnings, authUser, projectApps, Map.of());
    }

    SchemaLinker(List<ImportWarning> warnings, AuthUserSetting authUser, Set<String> projectApps,
                 Map<String, String> settingValues) {
        this.warnings = warnings;
        this.authUser = authUser;
        this.projectApps = projectApps;
        this.settingValues = settingValues;
    }

    /** {@code PAGE_MODEL}: a setting's name (compiled once: a project has a relation field for every few lines). */
    private static final java.util.regex.Pattern SETTING_NAME = java.util.regex.Pattern.compile(
            "[A-Z][A-Z0-9_]*_[A-Z0-9_]+");

    /** A target named by a setting: {@code settings.X_MODEL}, {@code app_settings.X_MODEL}, getattr(...). */
    private static boolean isSetting(String target) {
        String spec = withoutDefault(target);
        int dot = spec.lastIndexOf('.');
        String name = spec.substring(dot + 1);
        String qualifier = dot < 0 ? "" : spec.substring(0, dot);
        return SETTING_NAME.matcher(name).matches() || qualifier.endsWith("settings") && !name.isEmpty()
                && name.charAt(0) >= 'A' && name.charAt(0) <= 'Z' && name.equals(name.toUpperCase(Locale.ROOT));
    }

    /** The target without the getattr default that follows its '='. */
    private static String withoutDefault(String target) {
        int eq = target.indexOf('=');
        return eq < 0 ? target : target.substring(0, eq);
    }

    /** The "app.Model" a setting names: a settings file's value, else getattr's default, else a placeholder. */
    private String[] settingTarget(String target, String fromKey, Field f) {
        String spec = target.substring(target.lastIndexOf('.', target.contains("=") ? target.indexOf('=') : target
                .length()) + 1);
        String name = withoutDefault(spec);
        String value = settingValues.get(name);
        String source = "a settings module of the project";
        if (value == null && spec.contains("=")) {
            value = spec.substring(spec.indexOf('=') + 1);
            source = "the default given to getattr";
        }
        if (value != null && value.contains(".")) {
            warnAt(fromKey, f, byQualified.get(fromKey).name() + "." + f.name() + ": target setting " + name
                    + " taken as \"" + value + "\" (from " + source + ")");
            return new String[] {value.substring(0, value.lastIndexOf('.')), value.substring(value.lastIndexOf('.')
                    + 1)};
        }
        return new String[] {"settings", name};
    }

    private static String q(String app, String name) {
        return app + "." + name.toLowerCase(Locale.ROOT);
    }

    /** For a project: an unknown same-app target becomes a warned placeholder (a file may have failed). */
    SchemaLinker lenientTargets() {
        strictTargets = false;
        return this;
    }

    Schema link(List<ClassDecl> concrete) {
        this.decls = concrete;
        for (ClassDecl c : concrete) {
            String key = q(c.appLabel, c.name);
            if (byQualified.containsKey(key)) {
                Model kept = byQualified.get(key);
                c.module.warn(c.line, "model " + c.appLabel + "." + c.name + " is declared again; the one of "
                        + origins.get(key).decl().module.file() + ":" + kept.line() + " is kept (Django: "
                        + "RuntimeError: Conflicting '" + c.name.toLowerCase(Locale.ROOT) + "' models in application '"
                        + c.appLabel + "')");
                continue;
            }
            List<String> ordering = c.ordering == null ? List.of() : c.ordering;
            add(key, new Model(c.name, c.appLabel, c.table(), namedRelations(c), ordering, c.line, false,
                            c.latestBy == null ? List.of() : c.latestBy),
                    new Origin(c.appLabel, c));
        }
        // forward keys first: the M2M pass reads the resolved foreign keys of through models
        for (int i = 0; i < order.size(); i++) {
            resolveForeignKeys(order.get(i));
        }
        for (int i = 0; i < order.size(); i++) {
            resolveManyToMany(order.get(i));
        }
        List<Model> keyed = withKeys();
        Map<String, String> proxies = proxies();
        for (ClashCheck.Clash c : ClashCheck.run(new Schema(keyed, List.of(), proxies))) {
            Origin o = origins.get(q(c.source().appLabel(), c.source().name()));
            if (o != null && o.decl() != null) {
                o.decl().moduleOf(c.field()).warn(c.field().line(), c.message()
                        + " (Django's system check refuses this project; lookups use the first of these names)");
            }
        }
        return new Schema(AutoThroughModels.with(keyed), warnings, proxies);
    }

    /** Each proxy model's schema key → its concrete model's: the proxy sees that model's reverse relations. */
    private Map<String, String> proxies() {
        Map<String, String> keyOf = schemaKeys();
        Map<String, String> out = new LinkedHashMap<>();
        for (String key : order) {
            String concrete = concrete(byQualified.get(key));
            if (!concrete.equals(key) && keyOf.containsKey(concrete)) {
                out.put(keyOf.get(key), keyOf.get(concrete));
            }
        }
        return out;
    }

    /** {@code app.modelname} → the key the schema gives the model (its name, app-qualified if shared). */
    private Map<String, String> schemaKeys() {
        List<Model> models = order.stream().map(byQualified::get).toList();
        Set<String> shared = Schema.sharedNames(models);
        Map<String, String> keyOf = new LinkedHashMap<>();
        for (Model m : models) {
            keyOf.put(q(m.appLabel(), m.name()), Schema.key(m, shared));
        }
        return keyOf;
    }

    private void add(String key, Model m, Origin origin) {
        byQualified.put(key, m);
        origins.put(key, origin);
        order.add(key);
    }

    /** related_name / related_query_name with {@code %(app_label)s} and {@code %(class)s}, and default_related_name. */
    private static List<Field> namedRelations(ClassDecl c) {
        List<Field> out = new ArrayList<>();
        for (Field f : c.fields) {
            if (!f.isRelation()) {
                out.add(f);
                continue;
            }
            Relation r = f.relation();
            String related = r.relatedName();
            if (related == null && c.defaultRelatedName != null) {
                related = c.defaultRelatedName;
            }
            out.add(f.withRelation(r.withNames(expand(related, c), expand(r.relatedQueryName(), c))));
        }
        return out;
    }

    private static String expand(String name, ClassDecl c) {
        if (name == null) {
            return null;
        }
        return name.replace("%(app_label)s", c.appLabel.toLowerCase(Locale.ROOT))
                .replace("%(class)s", c.name.toLowerCase(Locale.ROOT))
                .replace("%(model_name)s", c.name.toLowerCase(Locale.ROOT));
    }

    private void resolveForeignKeys(String key) {
        Model m = byQualified.get(key);
        List<Field> fields = new ArrayList<>();
        for (Field f : m.fields()) {
            if (!f.isRelation() || f.isManyToMany()) {
                fields.add(f);
                continue;
            }
            Model target = target(key, f);
            String toField = f.relation().toField();
            Field targetKey = toField == null ? target.pk() : target.field(toField).filter(Field::isConcrete)
                    .orElseThrow(() -> errorAt(key, f, m.name() + "." + f.name() + ": to_field '" + toField
                            + "' is not a field of " + target.name() + " (Django: fields.E312). Fields are: "
                            + String.join(", ", target.concreteFields().stream().map(Field::name).toList())));
            fields.add(f.withRelation(f.relation().withTarget(q(target.appLabel(), target.name())))
                    .withValueType(targetKey.valueType()));
        }
        byQualified.put(key, m.withFields(fields));
    }

    private void resolveManyToMany(String key) {
        Model m = byQualified.get(key);
        List<Field> fields = new ArrayList<>();
        for (Field f : m.fields()) {
            if (!f.isManyToMany()) {
                fields.add(f);
                continue;
            }
            Model target = target(key, f);
            Relation r = f.relation().withTarget(q(target.appLabel(), target.name()));
            fields.add(f.withRelation(joinTable(key, m, f, r, target)));
        }
        byQualified.put(key, m.withFields(fields));
    }

    /** The model a relation field points at, adding a stand-in or placeholder when it is outside the files. */
    private Model target(String fromKey, Field f) {
        String[] appAndName = qualify(f.relation().target(), fromKey, f);
        String key = q(appAndName[0], appAndName[1]);
        Model found = byQualified.get(key);
        if (found != null) {
            return found;
        }
        Model m = byQualified.get(fromKey);
        if (appAndName[0].equals(origins.get(fromKey).appLabel()) && projectApps.contains(appAndName[0])) {
            String message = m.name() + "." + f.name() + " points at unknown model '" + f.relation().target() + "'";
            ClassDecl local = origins.get(fromKey).decl() == null ? null
                    : origins.get(fromKey).decl().moduleOf(f).findClass(appAndName[1]);
            if (local != null && !local.isModel && !local.notModel && local.fieldBase == null
                    && !local.unknownBases.isEmpty()) {
                // class Team(NamedMixin): pass -- its base is outside the files, yet a relation targets it
                warnAt(fromKey, f, m.name() + "." + f.name() + ": target " + local.name + " (line " + local.line
                        + ") has bases " + String.join(", ", local.unknownBases) + " outside the imported files and "
                        + "declares no field; as a relation target it is a model: assumed table "
                        + local.table() + " with only its primary key");
                return placeholder(local.appLabel, local.name);
            }
            if (strictTargets) {
                throw errorAt(fromKey, f, message + ". Models are: " + String.join(", ", modelNames()));
            }
            // in a project a file that could not be read (warned) may have held it: keep the column and join
            warnAt(fromKey, f, message + " (no file of app " + appAndName[0] + " defines it; Django would reject "
                    + "this); assumed a model with only its primary key");
            return placeholder(appAndName[0], appAndName[1]);
        }
        return outside(appAndName[0], appAndName[1], fromKey, f);
    }

    private List<String> modelNames() {
        return order.stream().map(k -> byQualified.get(k).name()).distinct().toList();
    }

    private SchemaException errorAt(String fromKey, Field f, String message) {
        ClassDecl decl = origins.get(fromKey).decl();
        return decl == null ? new SchemaException(message, f.line()) : decl.moduleOf(f).error(message, f.line());
    }

    private void warnAt(String fromKey, Field f, String message) {
        ClassDecl decl = origins.get(fromKey).decl();
        ModelsPyImporter module = decl == null ? null : decl.moduleOf(f);
        String text = message;
        if (module == null) {
            warnings.add(new ImportWarning("django", 0, text));
        } else if (warnings.stream().noneMatch(w -> w.message().equals(text))) {
            module.warn(f.line(), text);
        }
    }

    /**
     * The app label and model name a relation target means, as Django resolves it: "self"; "app.Model"; a bare
     * "Model" in the app of the model the field is on; a class reference followed through the module's imports.
     */
    private String[] qualify(String target, String fromKey, Field f) {
        Origin origin = origins.get(fromKey);
        Model from = byQualified.get(fromKey);
        if (target.equals("self")) {
            return new String[] {from.appLabel(), from.name()};
        }
        if (withoutDefault(target).endsWith("AUTH_USER_MODEL")) {
            return authUserModel(fromKey, f);
        }
        if (isSetting(target)) {
            return settingTarget(target, fromKey, f);
        }
        ModelsPyImporter module = origin.decl() == null ? null : origin.decl().moduleOf(f);
        int dot = target.lastIndexOf('.');
        if (dot < 0) {
            if (byQualified.containsKey(q(origin.appLabel(), target)) || module == null) {
                return new String[] {origin.appLabel(), target};
            }
            ClassDecl c = module.findClass(target);
            if (c != null && c.isModel && !c.isAbstract) {
                return new String[] {c.appLabel, c.name};
            }
            String imported = module.importOf(target);
            if (imported != null) {
                return new String[] {module.appOfModule(imported), imported.substring(imported.lastIndexOf('.') + 1)};
            }
            String starApp = module.djangoAppByStarImport(target);
            if (starApp != null) {
                return new String[] {starApp, target};
            }
            return new String[] {origin.appLabel(), target};
        }
        String qualifier = target.substring(0, dot);
        String name = target.substring(dot + 1);
        if (module != null && module.isModuleName(qualifier)) {
            ClassDecl c = module.resolveClass(target);
            if (c != null && c.isModel && !c.isAbstract) {
                return new String[] {c.appLabel, c.name};
            }
            return new String[] {module.appOfModule(module.moduleNamed(qualifier)), name};
        }
        return new String[] {qualifier.substring(qualifier.lastIndexOf('.') + 1), name};
    }

    /** settings.AUTH_USER_MODEL / get_user_model(): the setting when a settings file has it, else a guess. */
    private String[] authUserModel(String fromKey, Field f) {
        if (authUser != null && authUser.value().contains(".")) {
            String v = authUser.value();
            return new String[] {v.substring(0, v.lastIndexOf('.')), v.substring(v.lastIndexOf('.') + 1)};
        }
        for (ClassDecl c : decls) {
            if (!c.isProxy && c.fields.stream().anyMatch(x -> x.name().equals("password"))
                    && c.fields.stream().anyMatch(x -> x.name().equals("last_login"))) {
                warnAt(fromKey, f, "settings.AUTH_USER_MODEL assumed to be " + c.appLabel + "." + c.name
                        + " (no settings file with AUTH_USER_MODEL was imported; " + c.name
                        + " extends AbstractUser or AbstractBaseUser)");
                return new String[] {c.appLabel, c.name};
            }
        }
        warnAt(fromKey, f, "settings.AUTH_USER_MODEL assumed to be auth.User (no model in the imported files "
                + "extends AbstractUser or AbstractBaseUser)");
        return new String[] {"auth", "User"};
    }

    /**
     * A target of another app that the imported files do not define: Django's auth/contenttypes stand-in, else a
     * placeholder with only its primary key, named by Django's table convention.
     */
    private Model outside(String app, String name, String fromKey, Field f) {
        Model from = byQualified.get(fromKey);
        List<Model> sameName = order.stream().map(byQualified::get)
                .filter(x -> x.name().equalsIgnoreCase(name)).toList();
        if (!DjangoStandIns.has(app, name) && !projectApps.contains(app) && sameName.size() == 1) {
            Model existing = sameName.get(0);
            warnAt(fromKey, f, from.name() + "." + f.name() + ": target " + app + "." + name + " assumed to be "
                    + existing.appLabel() + "." + existing.name() + " (no app " + app + " among the imported "
                    + "files; the only model of that name)");
            return existing;
        }
        Model m;
        if (DjangoStandIns.has(app, name)) {
            m = DjangoStandIns.model(app, name);
            if (name.equals("User") && !byQualified.containsKey(q("auth", "Group"))) {
                Model group = DjangoStandIns.model("auth", "Group");
                add(q("auth", "Group"), group, new Origin("auth", null));
            }
            if (name.equals("Permission") && !byQualified.containsKey(q("contenttypes", "ContentType"))) {
                add(q("contenttypes", "ContentType"), DjangoStandIns.model("contenttypes", "ContentType"),
                        new Origin("contenttypes", null));
            }
        } else {
            String table = (app + "_" + name).toLowerCase(Locale.ROOT);
            warnAt(fromKey, f, from.name() + "." + f.name() + ": target " + app + "." + name + " is not in the "
                    + "imported files; assumed a model " + name + " (table " + table + ") with only its primary key");
            return placeholder(app, name);
        }
        add(q(app, m.name()), m, new Origin(app, null));
        return m;
    }

    /** A model with only an {@code id} primary key, named by Django's table convention. */
    private Model placeholder(String app, String name) {
        String table = (app + "_" + name).toLowerCase(Locale.ROOT);
        Model m = new Model(name, app, table, List.of(new Field("id", "id", "AutoField", ValueType.INTEGER, false,
                true, true, 0, null, null, 0)), List.of(), 0);
        add(q(app, name), m, new Origin(app, null));
        return m;
    }

    /** The model whose table a proxy uses (itself when not a proxy): through models point at that one. */
    private String concrete(Model m) {
        Origin o = origins.get(q(m.appLabel(), m.name()));
        ClassDecl d = o == null ? null : o.decl();
        while (d != null && d.isProxy && d.concreteParent != null) {
            d = d.concreteParent;
        }
        return d == null ? q(m.appLabel(), m.name()) : q(d.appLabel, d.name);
    }

    private Relation joinTable(String key, Model m, Field f, Relation r, Model target) {
        if (r.through() != null) {
            String[] appAndName = qualify(r.through(), key, f);
            Model through = byQualified.get(q(appAndName[0], appAndName[1]));
            if (through == null && (!strictTargets || !appAndName[0].equals(origins.get(key).appLabel()))) {
                // Django's names for a through model of that name with one FK to each side
                String table = (appAndName[0] + "_" + appAndName[1]).toLowerCase(Locale.ROOT);
                String src = (r.throughSourceColumn() != null ? r.throughSourceColumn() : m.lowerName()) + "_id";
                String dst = (r.throughTargetColumn() != null ? r.throughTargetColumn() : target.lowerName()) + "_id";
                warnAt(key, f, m.name() + "." + f.name() + ": through model '" + r.through() + "' is not in the "
                        + "imported files; assumed table " + table + " with columns " + src + " and " + dst);
                return r.withThrough(table, src, dst);
            }
            if (through == null) {
                throw errorAt(key, f, m.name() + "." + f.name() + ": through model '" + r.through()
                        + "' is not defined in the imported files");
            }
            String self = concrete(m);
            String other = concrete(target);
            String sourceCol = null;
            String targetCol = null;
            String sourceField = r.throughSourceColumn(); // through_fields, when given
            String targetField = r.throughTargetColumn();
            for (Field tf : through.fields()) {
                if (!tf.isRelation() || tf.isManyToMany()) {
                    continue;
                }
                String t = tf.relation().target();
                if (sourceField != null) {
                    sourceCol = tf.name().equals(sourceField) ? tf.column() : sourceCol;
                    targetCol = tf.name().equals(targetField) ? tf.column() : targetCol;
                } else if (t.equals(self) && sourceCol == null) {
                    sourceCol = tf.column();
                } else if (t.equals(other) && targetCol == null) {
                    targetCol = tf.column();
                }
            }
            if (sourceCol == null || targetCol == null) {
                String need = sourceField != null ? "the ForeignKeys " + sourceField + " and " + targetField
                        + " named by through_fields" : "a ForeignKey to " + m.name() + " and one to " + target.name();
                if (strictTargets) {
                    throw errorAt(key, f, "through model " + through.name() + " needs " + need);
                }
                // in a project a target may be a placeholder or a guess: keep the join with Django's names
                String src = sourceCol != null ? sourceCol : m.lowerName() + "_id";
                String dst = targetCol != null ? targetCol : target.lowerName() + "_id";
                warnAt(key, f, m.name() + "." + f.name() + ": through model " + through.name() + " has not "
                        + need + " among the fields read; assumed columns " + src + " and " + dst);
                return r.withThrough(through.table(), src, dst);
            }
            return r.withThrough(through.table(), sourceCol, targetCol);
        }
        String table = r.throughTable() != null ? r.throughTable() : m.table() + "_" + f.name();
        String src = m.lowerName();
        String dst = target.lowerName();
        if (src.equals(dst)) {
            src = "from_" + src;
            dst = "to_" + dst;
        }
        return r.withThrough(table, src + "_id", dst + "_id");
    }

    /** Relation targets rewritten from {@code app.model} to the schema's keys (the name, app-qualified if shared). */
    private List<Model> withKeys() {
        List<Model> models = order.stream().map(byQualified::get).toList();
        Map<String, String> keyOf = schemaKeys();
        List<Model> out = new ArrayList<>();
        for (Model m : models) {
            List<Field> fields = new ArrayList<>();
            for (Field f : m.fields()) {
                fields.add(f.isRelation() ? f.withRelation(f.relation().withTarget(
                        keyOf.getOrDefault(f.relation().target(), f.relation().target()))) : f);
            }
            out.add(m.withFields(fields));
        }
        return out;
    }
}
