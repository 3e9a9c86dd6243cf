package studio.queryset.schema;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import studio.queryset.schema.pytext.PyLexer;
import studio.queryset.schema.pytext.PyNode;
import studio.queryset.schema.pytext.PyParser;
import studio.queryset.schema.pytext.PySyntaxError;
import studio.queryset.schema.pytext.PyToken;

/**
 * Reads a Django {@code models.py} without executing it and builds a {@link Schema} with Django's naming:
 * table {@code <app>_<model>}, FK column {@code <field>_id}, M2M table {@code <app>_<model>_<field>}.
 * Anything it does not understand is an error naming the line, never a silent guess.
 */
public final class ModelsPyImporter {

    private final String appLabel;
    private final String source;
    private final String file;
    private final List<ImportWarning> warnings = new ArrayList<>();
    /** Names imported at module level: local name to the module it comes from. */
    private final Map<String, String> imports = new LinkedHashMap<>();
    private final List<Line> lines = new ArrayList<>();
    /** Declared classes by name, abstract ones included (their fields are inherited). */
    private final Map<String, ClassDecl> classes = new LinkedHashMap<>();

    private record Line(List<PyToken> tokens, int indent, int number) { }

    private static final class ClassDecl {
        String name;
        List<String> bases = new ArrayList<>();
        List<Field> fields = new ArrayList<>();
        List<String> ordering;
        String dbTable;
        boolean isAbstract;
        boolean isProxy;
        boolean isModel;
        /** For a custom field class ({@code class UpperCharField(models.CharField)}): the Django class it behaves as. */
        String fieldBase;
        List<String> unknownBases = new ArrayList<>();
        ClassDecl concreteParent;
        int line;
    }

    private ModelsPyImporter(String appLabel, String source, String file) {
        this.appLabel = appLabel;
        this.source = source;
        this.file = file;
    }

    private void warn(int line, String message) {
        warnings.add(new ImportWarning(file, line, message));
    }

    /** Imports a models.py; the app label is the name of the folder holding it. */
    public static Schema importFile(Path modelsPy, String appLabelOrNull) throws IOException {
        String label = appLabelOrNull;
        if (label == null) {
            Path parent = modelsPy.toAbsolutePath().getParent();
            label = parent == null ? "app" : parent.getFileName().toString();
        }
        return importSource(label, SourceText.read(modelsPy, modelsPy.toString()), modelsPy.toString());
    }

    public static Schema importSource(String appLabel, String source) {
        return importSource(appLabel, source, "models.py");
    }

    /** Imports models.py text; {@code fileName} names the file in warnings. */
    public static Schema importSource(String appLabel, String source, String fileName) {
        ModelsPyImporter importer = new ModelsPyImporter(appLabel, source, fileName);
        try {
            importer.splitLines();
        } catch (PySyntaxError e) {
            throw new SchemaException("models.py is not valid Python: " + e.getMessage(), e.line());
        }
        return importer.build();
    }

    private void splitLines() {
        List<PyToken> current = new ArrayList<>();
        for (PyToken t : PyLexer.tokenize(source)) {
            if (t.kind() == PyToken.Kind.NEWLINE || t.kind() == PyToken.Kind.END) {
                if (!current.isEmpty()) {
                    PyToken first = current.get(0);
                    int lineStart = source.lastIndexOf('\n', first.pos() - 1) + 1;
                    lines.add(new Line(List.copyOf(current), first.pos() - lineStart, first.line()));
                    current.clear();
                }
            } else {
                current.add(t);
            }
        }
    }

    private Schema build() {
        int i = 0;
        while (i < lines.size()) {
            Line line = lines.get(i);
            PyToken first = line.tokens().get(0);
            PyToken last = line.tokens().get(line.tokens().size() - 1);
            if (first.is("class")) {
                i = readClass(i);
            } else if (first.is("from") || first.is("import")) {
                readImport(line);
                i++;
            } else if (last.is(":") && (first.is("if") || first.is("elif") || first.is("else") || first.is("try")
                    || first.is("except") || first.is("finally") || first.is("with"))) {
                i++; // models declared inside a top-level if/try are models too
            } else {
                i = skipBlock(i);
            }
        }
        List<Model> models = new ArrayList<>();
        Map<String, Model> byName = new LinkedHashMap<>();
        for (ClassDecl c : classes.values()) {
            if (c.isModel && !c.isAbstract) {
                Model m = toModel(c, byName);
                models.add(m);
                byName.put(m.name(), m);
            }
        }
        return new Schema(resolveRelations(models), warnings);
    }

    /** {@code from a.b import X as Y, Z} and {@code import a.b as c}: remembers where each name comes from. */
    private void readImport(Line line) {
        List<PyToken> t = line.tokens();
        if (t.get(0).is("from")) {
            StringBuilder module = new StringBuilder();
            int k = 1;
            for (; k < t.size() && !t.get(k).is("import"); k++) {
                module.append(t.get(k).text());
            }
            for (k++; k < t.size(); k++) {
                PyToken n = t.get(k);
                if (n.kind() != PyToken.Kind.NAME) {
                    continue;
                }
                String local = n.text();
                if (k + 2 < t.size() && t.get(k + 1).is("as")) {
                    local = t.get(k + 2).text();
                    k += 2;
                }
                imports.put(local, module + "." + n.text());
            }
        }
    }

    /** The app label a module path names: {@code zerver.models} is zerver, {@code .base} this app. */
    private String appOfModule(String module) {
        if (module.startsWith("django.contrib.")) {
            return module.split("\\.")[2];
        }
        String[] parts = module.replaceFirst("^\\.+", "").split("\\.");
        boolean relative = module.startsWith(".");
        for (int k = parts.length - 1; k > 0; k--) {
            if (parts[k].equals("models")) {
                return parts[k - 1];
            }
        }
        if (relative || parts[0].isEmpty() || parts[0].equals("models")) {
            return appLabel;
        }
        return parts[0];
    }

    /** Skips a statement and, if it opens a block, everything indented under it. */
    private int skipBlock(int i) {
        int indent = lines.get(i).indent();
        i++;
        while (i < lines.size() && lines.get(i).indent() > indent) {
            i++;
        }
        return i;
    }

    private int readClass(int i) {
        Line header = lines.get(i);
        List<PyToken> t = header.tokens();
        if (t.size() < 3 || !t.get(t.size() - 1).is(":")) {
            throw new SchemaException("invalid class statement: expected ':' at the end of the class header",
                    header.number());
        }
        ClassDecl decl = new ClassDecl();
        decl.name = t.get(1).text();
        decl.line = header.number();
        List<PyNode> bases = List.of();
        if (t.size() > 3) {
            PyNode head = parseValue(new Line(t.subList(0, t.size() - 1), header.indent(), header.number()), 1);
            if (head instanceof PyNode.Call call) {
                bases = call.args();
            }
        }
        boolean isModel = false;
        List<Field> knownBaseFields = new ArrayList<>();
        for (PyNode baseNode : bases) {
            String base = PyNode.dotted(baseNode);
            if (base == null) {
                // a call such as ExportMixin("x"): a mixin made on the fly
                decl.unknownBases.add(baseNode instanceof PyNode.Call c && c.funcName() != null
                        ? c.funcName() + "(...)" : PyNodeText.print(baseNode));
                continue;
            }
            decl.bases.add(base);
            String simple = base.substring(base.lastIndexOf('.') + 1);
            ClassDecl parent = classes.get(simple);
            if (base.equals("models.Model") || base.equals("Model") || base.equals("django.db.models.Model")) {
                isModel = true;
            } else if (parent != null && parent.fieldBase != null) {
                decl.fieldBase = parent.fieldBase;
            } else if (parent != null && parent.isModel) {
                isModel = true;
                if (parent.isAbstract) {
                    decl.fields.addAll(parent.fields);
                    decl.unknownBases.addAll(parent.unknownBases);
                } else if (decl.concreteParent == null) {
                    decl.concreteParent = parent;
                }
                if (parent.ordering != null) {
                    decl.ordering = parent.ordering;
                }
            } else if (parent != null) {
                decl.unknownBases.addAll(parent.unknownBases); // a mixin declared here: adds no fields
            } else if (FieldFactory.known(simple) != null) {
                decl.fieldBase = FieldFactory.known(simple);
            } else if (DjangoStandIns.baseFields(simple) != null) {
                isModel = true;
                knownBaseFields.addAll(DjangoStandIns.baseFields(simple));
            } else if (!NOT_MODELS.contains(simple)) {
                decl.unknownBases.add(base);
            }
        }
        for (Field f : knownBaseFields) {
            decl.fields.removeIf(x -> x.name().equals(f.name()));
            decl.fields.add(f.withLine(header.number()));
        }
        int end = skipBlock(i);
        if (decl.fieldBase != null) {
            classes.put(decl.name, decl); // a custom field class: fields of this class behave as its base
            return end;
        }
        if (!isModel && !decl.unknownBases.isEmpty() && looksLikeModel(i + 1, end)) {
            isModel = true;
            warn(decl.line, "class " + decl.name + ": base " + String.join(", ", decl.unknownBases)
                    + " is not in the imported files; assumed " + decl.name + " is a model, fields it inherits "
                    + "from there are unknown");
        } else if (isModel && !decl.unknownBases.isEmpty()) {
            warn(decl.line, "class " + decl.name + ": base " + String.join(", ", decl.unknownBases)
                    + " is not in the imported files; fields it may add are unknown");
        }
        if (!isModel) {
            classes.putIfAbsent(decl.name, decl);
            return end; // a helper class (choices, mixin) that is not a model
        }
        decl.isModel = true;
        int j = i + 1;
        int bodyIndent = j < end ? lines.get(j).indent() : 0;
        for (int b = j; b < end; b++) {
            if (lines.get(b).indent() < bodyIndent) {
                throw new SchemaException("unindent does not match any outer indentation level",
                        lines.get(b).number());
            }
        }
        while (j < end) {
            Line line = lines.get(j);
            PyToken first = line.tokens().get(0);
            if (first.is("class") && line.tokens().get(1).is("Meta")) {
                int metaEnd = skipBlock(j);
                readMeta(decl, j + 1, metaEnd);
                j = metaEnd;
            } else if (first.is("def") || first.is("class") || first.is("@")) {
                j = skipBlock(j);
                while (first.is("@") && j < end && lines.get(j).tokens().get(0).is("def")) {
                    j = skipBlock(j);
                }
            } else {
                readStatement(decl, line);
                j = skipBlock(j);
            }
        }
        if (decl.concreteParent != null && decl.isProxy) {
            ClassDecl parent = decl.concreteParent;
            decl.fields.clear();
            for (Field f : parent.fields) {
                decl.fields.add(f.isRelation() ? f.withRelation(f.relation().hiddenReverse()) : f);
            }
            decl.dbTable = parent.dbTable != null ? parent.dbTable
                    : appLabel + "_" + parent.name.toLowerCase(Locale.ROOT);
        } else if (decl.concreteParent != null) {
            ClassDecl parent = decl.concreteParent;
            String ptr = parent.name.toLowerCase(Locale.ROOT) + "_ptr";
            Relation r = new Relation(RelationKind.ONE_TO_ONE, parent.name, null, null, null, null, null, null,
                    "CASCADE");
            decl.fields.removeIf(Field::primaryKey);
            decl.fields.add(0, new Field(ptr, ptr + "_id", "OneToOneField", ValueType.INTEGER, false, true, true, 0,
                    null, r, decl.line));
            warn(decl.line, "class " + decl.name + ": multi-table inheritance from " + parent.name + "; its table has "
                    + ptr + "_id as primary key, the fields of " + parent.name + " are reached as " + ptr
                    + "__<field>");
        }
        if (decl.fields.stream().noneMatch(Field::primaryKey)) {
            decl.fields.add(0, new Field("id", "id", "AutoField", ValueType.INTEGER, false, true, true, 0, null,
                    null, decl.line));
        }
        if (classes.containsKey(decl.name) && classes.get(decl.name).isModel) {
            warn(decl.line, "class " + decl.name + " is declared again; the declaration on line "
                    + classes.get(decl.name).line + " is kept");
            return end;
        }
        classes.put(decl.name, decl);
        return end;
    }

    private static final java.util.Set<String> NOT_MODELS = java.util.Set.of("object", "Enum", "IntEnum",
            "StrEnum", "TextChoices", "IntegerChoices", "Choices", "Exception", "ValueError", "NamedTuple",
            "TypedDict", "Protocol", "ABC", "Generic");

    /** A class body with {@code x = models.XField(...)} / {@code x = SomethingField(...)} or a Meta. */
    private boolean looksLikeModel(int from, int to) {
        for (int j = from; j < to; j++) {
            List<PyToken> t = lines.get(j).tokens();
            if (t.size() >= 2 && t.get(0).is("class") && t.get(1).is("Meta")) {
                return true;
            }
            int eq = assignIndex(t);
            if (eq > 0 && eq + 1 < t.size() && t.get(eq + 1).kind() == PyToken.Kind.NAME) {
                String callee = t.get(eq + 1).text();
                int k = eq + 2;
                while (k + 1 < t.size() && t.get(k).is(".")) {
                    callee = t.get(k + 1).text();
                    k += 2;
                }
                if ((t.get(eq + 1).is("models") && k > eq + 2) || callee.endsWith("Field")
                        || callee.equals("ForeignKey")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Index of the '=' of {@code name = ...} or {@code name: T = ...}, or -1. */
    private static int assignIndex(List<PyToken> t) {
        if (t.size() < 3 || t.get(0).kind() != PyToken.Kind.NAME) {
            return -1;
        }
        if (t.get(1).is("=")) {
            return 1;
        }
        if (t.get(1).is(":")) {
            int depth = 0;
            for (int k = 2; k < t.size(); k++) {
                PyToken x = t.get(k);
                if (x.is("(") || x.is("[") || x.is("{")) {
                    depth++;
                } else if (x.is(")") || x.is("]") || x.is("}")) {
                    depth--;
                } else if (depth == 0 && x.is("=")) {
                    return k;
                }
            }
        }
        return -1;
    }

    private void readMeta(ClassDecl decl, int from, int to) {
        for (int j = from; j < to; j++) {
            Line line = lines.get(j);
            List<PyToken> t = line.tokens();
            if (t.size() < 3 || !t.get(1).is("=")) {
                continue;
            }
            String key = t.get(0).text();
            PyNode value = parseValue(line, 2);
            switch (key) {
                case "db_table" -> decl.dbTable = stringValue(value, line, "db_table");
                case "ordering" -> decl.ordering = stringList(value, line);
                case "abstract" -> decl.isAbstract = value instanceof PyNode.Const c && c.text().equals("True");
                case "proxy" -> decl.isProxy = value instanceof PyNode.Const c && c.text().equals("True");
                default -> { } // verbose_name, indexes, constraints... do not change queries
            }
        }
    }

    private PyNode parseValue(Line line, int fromToken) {
        List<PyToken> tokens = new ArrayList<>(line.tokens().subList(fromToken, line.tokens().size()));
        PyToken last = line.tokens().get(line.tokens().size() - 1);
        tokens.add(new PyToken(PyToken.Kind.END, "", "", last.pos() + last.raw().length(), last.line()));
        try {
            PyParser parser = new PyParser(tokens, 0);
            PyNode node = parser.expression();
            if (parser.peek().kind() != PyToken.Kind.END) {
                throw new SchemaException("unexpected '" + parser.peek().raw() + "'", parser.peek().line());
            }
            return node;
        } catch (PySyntaxError e) {
            throw new SchemaException(e.getMessage(), e.line());
        }
    }

    private void readStatement(ClassDecl decl, Line line) {
        List<PyToken> t = line.tokens();
        int eq = assignIndex(t);
        if (eq < 0) {
            return; // docstring, pass, annotations without value
        }
        PyNode value = parseValue(line, eq + 1);
        if (!(value instanceof PyNode.Call call) || call.funcName() == null) {
            return; // a class constant such as a choices list, property(f), sane_repr(...)
        }
        String func = call.funcName();
        String simple = func.substring(func.lastIndexOf('.') + 1);
        String name = t.get(0).text();
        String where = decl.name + "." + name;
        if (simple.equals("GenericForeignKey") || simple.equals("GenericRelation")) {
            warn(line.number(), where + ": " + simple + " is not a column; skipped");
            return;
        }
        if (simple.equals("TaggableManager")) {
            warn(line.number(), where + ": TaggableManager (django-taggit) is a manager-like many-to-many to "
                    + "tags; skipped");
            return;
        }
        String type = FieldFactory.known(simple);
        ClassDecl custom = classes.get(simple);
        if (type == null && custom != null && custom.fieldBase != null) {
            type = custom.fieldBase;
        }
        if (type == null && (simple.endsWith("Manager") || func.endsWith(".as_manager")
                || func.endsWith("from_queryset"))) {
            return;
        }
        if (type == null) {
            boolean djangoModels = func.equals("models." + simple) && !isGisModels();
            if (djangoModels || !simple.endsWith("Field")) {
                if (djangoModels) {
                    FieldFactory.create(appLabel, decl.name, name, simple, call, line.number()); // names known types
                }
                return; // not a field: property(f), sane_repr(...), a helper call
            }
            if (call.keyword("to") != null) {
                warn(line.number(), where + ": unknown field class " + func + " with to=; skipped (its relation "
                        + "is unknown)");
                return;
            }
            warn(line.number(), where + ": unknown field class " + func + "; assumed a text column " + name);
            type = "TextField";
        }
        Field field = FieldFactory.create(appLabel, decl.name, name, type, call, line.number());
        decl.fields.removeIf(f -> f.name().equals(name));
        decl.fields.add(field);
        if (simple.equals("MoneyField")) {
            String currency = name + "_currency";
            decl.fields.removeIf(f -> f.name().equals(currency));
            decl.fields.add(new Field(currency, currency, "CurrencyField", ValueType.TEXT, field.nullable(), false,
                    false, 3, null, null, line.number()));
        }
    }

    private boolean isGisModels() {
        String m = imports.get("models");
        return m != null && m.contains("gis");
    }

    static String stringValue(PyNode value, Line line, String what) {
        if (value instanceof PyNode.Str s) {
            return s.value();
        }
        throw new SchemaException(what + " must be a string literal", line.number());
    }

    private static List<String> stringList(PyNode value, Line line) {
        List<PyNode> items;
        if (value instanceof PyNode.ListLit l) {
            items = l.items();
        } else if (value instanceof PyNode.TupleLit tl) {
            items = tl.items();
        } else if (value instanceof PyNode.Str s) {
            return List.of(s.value());
        } else {
            throw new SchemaException("Meta.ordering must be a list of field names", line.number());
        }
        List<String> out = new ArrayList<>();
        for (PyNode item : items) {
            out.add(stringValue(item, line, "Meta.ordering entries"));
        }
        return out;
    }

    private Model toModel(ClassDecl c, Map<String, Model> built) {
        String table = c.dbTable != null ? c.dbTable : appLabel + "_" + c.name.toLowerCase(Locale.ROOT);
        return new Model(c.name, appLabel, table, c.fields, c.ordering == null ? List.of() : c.ordering, c.line);
    }

    /** Replaces "self" and "app.Model" targets, copies pk types onto FKs and names M2M join tables. */
    private List<Model> resolveRelations(List<Model> models) {
        Map<String, Model> byName = new LinkedHashMap<>();
        for (Model m : models) {
            byName.put(m.name(), m);
        }
        List<Model> out = new ArrayList<>();
        models = new ArrayList<>(models);
        for (int mi = 0; mi < models.size(); mi++) {
            Model m = models.get(mi);
            List<Field> fields = new ArrayList<>();
            for (Field f : m.fields()) {
                if (!f.isRelation()) {
                    fields.add(f);
                    continue;
                }
                Relation r = f.relation();
                String target = r.target();
                Model targetModel = null;
                if (target.equals("self")) {
                    target = m.name();
                } else {
                    String[] appAndName = qualify(target, f);
                    target = appAndName[1];
                    targetModel = byName.get(target);
                    if (targetModel == null && !appAndName[0].equals(appLabel)) {
                        targetModel = outside(appAndName[0], appAndName[1], m, f, byName, models);
                        target = targetModel.name();
                    }
                }
                if (targetModel == null) {
                    targetModel = byName.get(target);
                }
                if (targetModel == null) {
                    throw new SchemaException(m.name() + "." + f.name() + " points at unknown model '" + r.target()
                            + "'. Models are: " + String.join(", ", byName.keySet()), f.line());
                }
                r = r.withTarget(target);
                if (r.kind() == RelationKind.MANY_TO_MANY) {
                    r = m2mTable(m, f, r, targetModel, byName);
                    fields.add(f.withRelation(r));
                } else {
                    fields.add(f.withRelation(r).withValueType(targetModel.pk().valueType()));
                }
            }
            out.add(m.withFields(fields));
        }
        return out;
    }

    /** The app and model name a relation target means, from {@code "app.Model"}, an import or settings. */
    private String[] qualify(String target, Field f) {
        if (target.endsWith("AUTH_USER_MODEL")) {
            for (ClassDecl c : classes.values()) {
                if (c.isModel && !c.isAbstract && c.fields.stream().anyMatch(x -> x.name().equals("password"))
                        && c.fields.stream().anyMatch(x -> x.name().equals("last_login"))) {
                    return new String[] {appLabel, c.name};
                }
            }
            warnOnce(f.line(), "settings.AUTH_USER_MODEL assumed to be auth.User (no model in the imported files "
                    + "extends AbstractUser or AbstractBaseUser)");
            return new String[] {"auth", "User"};
        }
        if (target.contains(".")) {
            String app = target.substring(0, target.lastIndexOf('.'));
            String name = target.substring(target.lastIndexOf('.') + 1);
            String module = imports.get(app);
            return new String[] {module != null ? appOfModule(module) : app.substring(app.lastIndexOf('.') + 1),
                name};
        }
        ClassDecl here = classes.get(target);
        if ((here == null || !here.isModel) && imports.containsKey(target)) {
            String module = imports.get(target);
            return new String[] {appOfModule(module), module.substring(module.lastIndexOf('.') + 1)};
        }
        return new String[] {appLabel, target};
    }

    private void warnOnce(int line, String message) {
        if (warnings.stream().noneMatch(w -> w.message().equals(message))) {
            warn(line, message);
        }
    }

    /**
     * A target of another app that the imported files do not define: Django's auth/contenttypes stand-in, else a
     * stub with only its primary key. Added to {@code byName} and {@code models} (resolved later in the loop).
     */
    private Model outside(String app, String name, Model from, Field f, Map<String, Model> byName,
                          List<Model> models) {
        Model existing = byName.get(name);
        if (existing != null) {
            if (!existing.appLabel().equals(app)) {
                warnOnce(f.line(), from.name() + "." + f.name() + ": target " + app + "." + name
                        + " assumed to be " + existing.appLabel() + "." + name + " (models are addressed by name)");
            }
            return existing;
        }
        Model m;
        if (DjangoStandIns.has(app, name)) {
            m = DjangoStandIns.model(app, name);
            if (name.equals("User") && !byName.containsKey("Group")) {
                Model group = DjangoStandIns.model("auth", "Group");
                byName.put(group.name(), group);
                models.add(group);
            }
        } else {
            String table = (app + "_" + name).toLowerCase(Locale.ROOT);
            m = new Model(name, app, table, List.of(new Field("id", "id", "AutoField", ValueType.INTEGER, false,
                    true, true, 0, null, null, 0)), List.of(), 0);
            warn(f.line(), from.name() + "." + f.name() + ": target " + app + "." + name + " is not in the "
                    + "imported files; assumed a model " + name + " (table " + table + ") with only its primary key");
        }
        byName.put(m.name(), m);
        models.add(m);
        return m;
    }

    private Relation m2mTable(Model m, Field f, Relation r, Model target, Map<String, Model> byName) {
        if (r.through() != null) {
            String throughName = r.through().substring(r.through().lastIndexOf('.') + 1);
            Model through = byName.get(throughName);
            if (through == null) {
                throw new SchemaException(m.name() + "." + f.name() + ": through model '" + r.through()
                        + "' is not defined in this models.py", f.line());
            }
            String sourceCol = null;
            String targetCol = null;
            for (Field tf : through.fields()) {
                if (!tf.isRelation() || tf.isManyToMany()) {
                    continue;
                }
                String t = tf.relation().target();
                t = t.equals("self") ? through.name() : t.substring(t.lastIndexOf('.') + 1);
                if (t.equals(m.name()) && sourceCol == null) {
                    sourceCol = tf.column();
                } else if (t.equals(target.name()) && targetCol == null) {
                    targetCol = tf.column();
                }
            }
            if (sourceCol == null || targetCol == null) {
                throw new SchemaException("through model " + throughName + " needs a ForeignKey to " + m.name()
                        + " and one to " + target.name(), f.line());
            }
            return r.withThrough(through.table(), sourceCol, targetCol);
        }
        String table = r.throughTable() != null ? r.throughTable()
                : m.table() + "_" + f.name();
        String src = m.lowerName();
        String dst = target.lowerName();
        if (src.equals(dst)) {
            src = "from_" + src;
            dst = "to_" + dst;
        }
        return r.withThrough(table, src + "_id", dst + "_id");
    }
}
