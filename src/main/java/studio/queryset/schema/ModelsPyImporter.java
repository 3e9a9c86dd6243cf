package studio.queryset.schema;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import studio.queryset.schema.pytext.PyLexer;
import studio.queryset.schema.pytext.PyNode;
import studio.queryset.schema.pytext.PyParser;
import studio.queryset.schema.pytext.PySyntaxError;
import studio.queryset.schema.pytext.PyToken;

/**
 * Reads one Django models module without executing it: its imports and its class statements (models, abstract
 * bases, mixins, custom field classes). A {@link ModuleResolver} lets it follow imports into the project's other
 * modules; {@link SchemaLinker} turns what all modules declared into a {@link Schema} with Django's naming.
 * Anything it does not understand is an error naming the file and line, or a warning saying what was assumed.
 */
public final class ModelsPyImporter {

    /** Finds the project module a Python module path names, relative to the importing module. */
    interface ModuleResolver {
        /** The module, read (or being read), or null when it is not a file of the project. */
        ModelsPyImporter module(ModelsPyImporter from, String dottedModule);

        /** The class AUTH_USER_MODEL names when a settings file (or --user-model) sets it, else null. */
        default ClassDecl userModel() {
            return null;
        }
    }

    private static final ModuleResolver NO_PROJECT = (from, module) -> null;
    /** {@code "app.Model"}: a model label. */
    static final java.util.regex.Pattern MODEL_LABEL = java.util.regex.Pattern.compile("\\w+\\.\\w+");

    private final String appLabel;
    private final String source;
    private final String file;
    /** Null for text imported without a file: errors then say "line N" only. */
    private final String errorFile;
    private final Path path;
    private final ModuleResolver resolver;
    private final List<ImportWarning> warnings;
    /** What the module's import statements bind. */
    private final ModuleImports imports = new ModuleImports();
    /**
     * Module-level names bound to a model reference ({@code User = get_user_model()}, {@code USER = "auth.User"},
     * {@code user_model_name = get_user_model_name()}): the target they mean, as a relation target string.
     */
    private final Map<String, String> targetAliases = new LinkedHashMap<>();
    /**
     * The logical lines read so far; a line is lexed when first asked for and let go once the statement it belongs
     * to is done, so a 50 MB file never has all its tokens in memory.
     */
    private final List<Line> lines = new ArrayList<>();
    private java.util.Iterator<List<PyToken>> pending;
    private boolean started;
    /** Why the module could not be read, once it failed. */
    private SchemaException failure;
    /** The class statement being read (its warnings are about it), and the lines each class took. */
    private ClassDecl reading;
    /** {@code Outer.} while the classes nested in Outer's body are read: the key they are found by. */
    private String nesting = "";
    private final List<ClassSpan> spans = new ArrayList<>();

    private record ClassSpan(int first, int last, String model) { }
    /** Declared classes by name, abstract ones and helpers included (their fields are inherited). */
    private final Map<String, ClassDecl> classes = new LinkedHashMap<>();
    /** Concrete models in declaration order, a redeclared name once. */
    private final List<ClassDecl> declaredModels = new ArrayList<>();
    private boolean finished;
    /** Guards {@link #findClass} against import cycles. */
    private final java.util.Set<String> searching = new java.util.HashSet<>();

    private record Line(List<PyToken> tokens, int indent, int number) { }

    ModelsPyImporter(String appLabel, String source, String file, String errorFile, Path path,
                     ModuleResolver resolver, List<ImportWarning> warnings) {
        this.appLabel = appLabel;
        this.source = source;
        this.file = file;
        this.errorFile = errorFile;
        this.path = path;
        this.resolver = resolver;
        this.warnings = warnings;
    }

    String appLabel() {
        return appLabel;
    }

    String file() {
        return file;
    }

    Path path() {
        return path;
    }

    boolean finished() {
        return finished;
    }

    List<ClassDecl> declaredModels() {
        return declaredModels;
    }

    void warn(int line, String message) {
        warnings.add(new ImportWarning(file, line, message, modelAt(line)));
    }

    /** The class being read, else the declared class whose lines hold {@code line}: whom a warning is about. */
    private String modelAt(int line) {
        if (reading != null) {
            return reading.appLabel + "." + reading.name;
        }
        for (ClassSpan c : spans) {
            if (line >= c.first() && line <= c.last()) {
                return c.model();
            }
        }
        return null;
    }

    void warnOnce(int line, String message) {
        if (warnings.stream().noneMatch(w -> w.message().equals(message))) {
            warn(line, message);
        }
    }

    /** An error of this module, naming its file when it has one. */
    SchemaException error(String message, int line) {
        return errorFile == null ? new SchemaException(message, line) : new SchemaException(errorFile, message, line);
    }

    /**
     * Imports a models.py, a {@code models/} package, an app folder or a project folder. For a single file the app
     * label is the name of the folder holding it (or {@code appLabelOrNull}); see {@link ProjectImporter}.
     */
    public static Schema importFile(Path modelsPy, String appLabelOrNull) throws IOException {
        return importFile(modelsPy, appLabelOrNull, null);
    }

    /**
     * As {@link #importFile(Path, String)}; {@code userModelOrNull} ({@code "accounts.User"}) is what
     * settings.AUTH_USER_MODEL and get_user_model() mean, whatever the settings files say.
     */
    public static Schema importFile(Path modelsPy, String appLabelOrNull, String userModelOrNull) throws IOException {
        SchemaLinker.AuthUserSetting userModel = userModelOrNull == null ? null
                : new SchemaLinker.AuthUserSetting(userModelOrNull, "--user-model", 0);
        if (userModel != null && !userModelOrNull.matches("\\w+\\.\\w+")) {
            throw new SchemaException("--user-model must be app_label.ModelName, e.g. accounts.User; got '"
                    + userModelOrNull + "'", 0);
        }
        if (Files.isDirectory(modelsPy)) {
            return ProjectImporter.importProject(modelsPy, appLabelOrNull, userModel);
        }
        Path parent = modelsPy.toAbsolutePath().getParent();
        // one module of a models/ package: the app is the package's folder, and sibling modules hold the rest
        boolean packageModule = parent != null && parent.getFileName() != null && parent.getParent() != null
                && parent.getFileName().toString().equals("models") && Files.isRegularFile(parent.resolve("__init__.py"));
        String label = appLabelOrNull;
        if (label == null) {
            label = parent == null ? "app" : packageModule ? ProjectLayout.labelOf(parent.getParent())
                    : ProjectLayout.labelOf(parent);
        }
        String shown = modelsPy.toString();
        List<ImportWarning> sink = new ArrayList<>();
        ModelsPyImporter m = new ModelsPyImporter(label, SourceText.read(modelsPy, shown), shown, shown, modelsPy,
                NO_PROJECT, sink);
        m.read();
        SchemaLinker linker = new SchemaLinker(sink, userModel, Set.of(label));
        return (packageModule ? linker.lenientTargets() : linker).link(m.declaredModels());
    }

    public static Schema importSource(String appLabel, String source) {
        List<ImportWarning> sink = new ArrayList<>();
        ModelsPyImporter m = new ModelsPyImporter(appLabel, source, "models.py", null, null, NO_PROJECT, sink);
        m.read();
        return new SchemaLinker(sink, null, Set.of(appLabel)).link(m.declaredModels());
    }

    /** Imports models.py text; {@code fileName} names the file in warnings and errors. */
    public static Schema importSource(String appLabel, String source, String fileName) {
        List<ImportWarning> sink = new ArrayList<>();
        ModelsPyImporter m = new ModelsPyImporter(appLabel, source, fileName, fileName, null, NO_PROJECT, sink);
        m.read();
        return new SchemaLinker(sink, null, Set.of(appLabel)).link(m.declaredModels());
    }

    /** Reads the whole module once; later calls return at once (a module imported by several others). */
    void read() {
        if (failure != null) {
            throw failure; // each reader of a module that could not be read learns it
        }
        if (started) {
            return; // read, or being read (a module imported by one it imports)
        }
        started = true;
        try {
            readLines();
        } catch (SchemaException e) {
            failure = e;
            throw e;
        }
    }

    private void readLines() {
        pending = PyLexer.logicalLines(source);
        int i = 0;
        int released = 0;
        while (has(i)) {
            Line line = line(i);
            PyToken first = line.tokens().get(0);
            PyToken last = line.tokens().get(line.tokens().size() - 1);
            if (first.is("class")) {
                i = readClass(i);
                if (reading != null) {
                    spans.add(new ClassSpan(line.number(), line(i - 1).number(),
                            reading.appLabel + "." + reading.name));
                    reading = null;
                }
            } else if (first.is("from") || first.is("import")) {
                imports.read(line.tokens(), line.number());
                i++;
            } else if (line.indent() == 0 && assignIndex(line.tokens()) == 1) {
                readModuleAssignment(line);
                i = skipBlock(i);
            } else if (last.is(":") && (first.is("if") || first.is("elif") || first.is("else") || first.is("try")
                    || first.is("except") || first.is("finally") || first.is("with"))) {
                i++; // models declared inside a top-level if/try are models too
            } else {
                i = skipBlock(i);
            }
            for (; released < i; released++) {
                lines.set(released, null); // done with: its tokens can go
            }
        }
        lines.clear();
        pending = null;
        finished = true;
    }

    /**
     * {@code NAME = get_user_model()} and the like at module level: later {@code ForeignKey(NAME)} or
     * {@code class X(NAME)} mean that model. Other module constants are not models and are left alone.
     */
    private void readModuleAssignment(Line line) {
        List<PyToken> t = line.tokens();
        if (t.size() < 3 || t.get(0).kind() != PyToken.Kind.NAME) {
            return;
        }
        PyNode value;
        try {
            value = parseValue(line, 2);
        } catch (SchemaException e) {
            return; // a module constant the parser does not model: not a model reference
        }
        String name = t.get(0).text();
        if (value instanceof PyNode.Call call && call.args().size() == 1 && PyNode.dotted(call.args().get(0)) != null
                && call.funcName() != null) {
            String arg = PyNode.dotted(call.args().get(0));
            ClassDecl base = resolveClass(arg);
            if (base != null && base.isModel && base.isAbstract) {
                madeModel(name, call.funcName(), base, line.number());
                return;
            }
            if (base == null && arg.substring(arg.lastIndexOf('.') + 1).startsWith("Abstract")) {
                warn(line.number(), name + " = " + call.funcName() + "(" + arg + "): " + arg + " is not in the "
                        + "imported files; if the call makes a model " + name + ", it is not imported (import the "
                        + "project folder to have it)");
                return;
            }
        }
        String dotted = PyNode.dotted(value);
        String target = null;
        if (value instanceof PyNode.Str str && MODEL_LABEL.matcher(str.value()).matches()) {
            target = str.value();
        } else if (dotted != null && dotted.endsWith("AUTH_USER_MODEL")) {
            target = "settings.AUTH_USER_MODEL";
        } else if (FieldFactory.isUserModelCall(value) || value instanceof PyNode.Call c
                && "getattr".equals(c.funcName())) {
            target = FieldFactory.targetOf(value);
        }
        if (target != null) {
            targetAliases.put(name, target);
        } else {
            targetAliases.remove(name); // rebound to something else
        }
    }

    /**
     * {@code Forum = model_factory(AbstractForum)}: a model built by a call from an abstract model (as with
     * {@code type(name, (base,), {})}). The call is not run; the model is taken as a subclass of that base named
     * as the assignment, and a warning says so.
     */
    private void madeModel(String name, String factory, ClassDecl base, int line) {
        if (classes.containsKey(name) && classes.get(name).isModel) {
            return; // declared as a class too: that one is the model
        }
        ClassDecl decl = new ClassDecl(this, name, line);
        for (Field f : base.fields) {
            decl.putField(f, base.moduleOf(f));
        }
        decl.unknownBases.addAll(base.unknownBases);
        decl.ordering = base.ordering;
        decl.defaultRelatedName = base.defaultRelatedName;
        decl.isModel = true;
        if (decl.fields.stream().noneMatch(Field::primaryKey)) {
            decl.fields.add(0, new Field("id", "id", "AutoField", ValueType.INTEGER, false, true, true, 0, null,
                    null, line));
        }
        classes.put(name, decl);
        declaredModels.add(decl);
        reading = decl;
        warn(line, name + " = " + factory + "(" + base.name + "): a model made by a call the importer does not run; "
                + "assumed a model " + name + " (table " + decl.table() + ") that extends " + base.name);
        reading = null;
    }

    /** Whether the module has a logical line {@code k} (0-based), lexing up to it. */
    private boolean has(int k) {
        try {
            while (lines.size() <= k && pending.hasNext()) {
                List<PyToken> t = pending.next();
                PyToken first = t.get(0);
                int lineStart = source.lastIndexOf('\n', first.pos() - 1) + 1;
                lines.add(new Line(t, first.pos() - lineStart, first.line()));
            }
        } catch (PySyntaxError e) {
            throw error("models.py is not valid Python: " + e.getMessage(), e.line());
        }
        return lines.size() > k;
    }

    private Line line(int k) {
        has(k);
        return lines.get(k);
    }

    /**
     * The class a name used in this module means: declared here, imported from a project module (followed), or
     * re-exported by a star import. Null when the project does not define it.
     */
    ClassDecl findClass(String name) {
        ClassDecl here = classes.get(name);
        if (here != null || !searching.add(name)) {
            return here;
        }
        try {
            String imported = imports.importOf(name);
            if (imported != null && imported.lastIndexOf('.') >= 0) {
                int dot = imported.lastIndexOf('.');
                String module = imported.substring(0, dot);
                if (module.chars().allMatch(ch -> ch == '.')) {
                    module = imported.substring(0, dot + 1); // from . import X: the package itself
                }
                ModelsPyImporter from = resolver.module(this, module);
                ClassDecl found = from == null ? null : from.findClass(imported.substring(dot + 1));
                if (found != null) {
                    return found;
                }
            }
            for (String star : imports.stars()) {
                ModelsPyImporter from = resolver.module(this, star);
                ClassDecl found = from == null ? null : from.findClass(name);
                if (found != null) {
                    return found;
                }
            }
            return null;
        } finally {
            searching.remove(name);
        }
    }

    /** The class a (possibly dotted) reference means here: {@code Base}, {@code base.Base}, {@code models.Base}. */
    ClassDecl resolveClass(String dotted) {
        int dot = dotted.lastIndexOf('.');
        if (dot < 0) {
            return findClass(dotted);
        }
        String qualifier = dotted.substring(0, dot);
        String simple = dotted.substring(dot + 1);
        String module = imports.moduleNamed(qualifier); // import a.b as base / from . import base: base.Base
        if (module != null) {
            ModelsPyImporter from = resolver.module(this, module);
            if (from != null) {
                ClassDecl found = from.findClass(simple);
                if (found != null) {
                    return found;
                }
            }
        }
        ClassDecl outer = findClass(qualifier.substring(qualifier.lastIndexOf('.') + 1));
        if (outer != null && outer.module.classes.containsKey(outer.name + "." + simple)) {
            return outer.module.classes.get(outer.name + "." + simple); // a class nested in a class
        }
        return classes.get(simple);
    }

    /** The line importing {@code module} (or a name from it), or 0. */
    int importLine(String module) {
        return imports.importLine(module);
    }

    /** Whether {@code name} is bound to a module here ({@code import a.b as name}, {@code from a import name}). */
    boolean isModuleName(String name) {
        return imports.isModuleName(name);
    }

    String moduleNamed(String name) {
        return imports.moduleNamed(name);
    }

    /** The module path a name was imported from ({@code zerver.models.Realm}), or null. */
    String importOf(String name) {
        return imports.importOf(name);
    }

    /** The app label a module path names: {@code zerver.models} is zerver, {@code .base} this app. */
    String appOfModule(String module) {
        return ModuleImports.appOfModule(module, appLabel);
    }

    /** Skips a statement and, if it opens a block, everything indented under it. */
    private int skipBlock(int i) {
        int indent = line(i).indent();
        i++;
        while (has(i) && line(i).indent() > indent) {
            i++;
        }
        return i;
    }

    private boolean isDjangoModel(String base) {
        if (base.equals("models.Model") || base.equals("Model") || base.equals("django.db.models.Model")) {
            return true;
        }
        // from django.db import models as m: m.Model
        return base.endsWith(".Model") && "django.db.models".equals(moduleNamed(base.substring(0,
                base.length() - ".Model".length())));
    }

    private int readClass(int i) {
        Line header = line(i);
        List<PyToken> t = header.tokens();
        int colon = headerColon(t);
        if (t.size() < 3 || colon < 0 || t.get(1).kind() != PyToken.Kind.NAME) {
            throw error("invalid class statement: expected ':' after the class name and its bases", header.number());
        }
        List<Line> inlineBody = inlineStatements(header, colon);
        t = t.subList(0, colon + 1);
        ClassDecl decl = new ClassDecl(this, t.get(1).text(), header.number());
        reading = decl;
        List<PyNode> bases = List.of();
        if (t.size() > 3) {
            PyNode head = parseValue(new Line(t.subList(0, t.size() - 1), header.indent(), header.number()), 1);
            if (head instanceof PyNode.Call call) {
                bases = call.args();
            }
        }
        boolean isModel = false;
        List<Field> knownBaseFields = new ArrayList<>();
        List<ClassDecl> modelParents = new ArrayList<>();
        List<PyNode> baseNodes = new ArrayList<>();
        for (PyNode b : bases) {
            if (b instanceof PyNode.Call c && c.funcName() != null && c.funcName().endsWith("with_metaclass")
                    && !c.args().isEmpty()) {
                baseNodes.addAll(c.args().subList(1, c.args().size())); // six.with_metaclass(Meta, *bases)
            } else {
                baseNodes.add(b);
            }
        }
        for (PyNode baseNode : baseNodes) {
            String base = unreadable(baseNode) ? null : PyNode.dotted(baseNode);
            String made = baseNode instanceof PyNode.Call c && c.funcName() != null ? c.funcName() : null;
            if (base == null && made != null && DjangoStandIns.thirdPartyBaseFields(made.substring(
                    made.lastIndexOf('.') + 1)) != null) {
                // ExportModelOperationsMixin("x") (django-prometheus): a known mixin made by a call
                knownBaseFields.addAll(DjangoStandIns.thirdPartyBaseFields(made.substring(made.lastIndexOf('.') + 1)));
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
            ClassDecl parent = isDjangoModel(base) ? null : resolveClass(base);
            if (parent == null && "settings.AUTH_USER_MODEL".equals(targetAliases.get(base))) {
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
                modelParents.add(parent);
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
            } else if (parent != null) {
                // a plain mixin: Django contributes no fields from classes that are not models
                decl.unknownBases.addAll(parent.unknownBases);
            } else if (FieldFactory.known(simple) != null) {
                decl.fieldBase = FieldFactory.known(simple);
            } else if (NON_COLUMNS.containsKey(simple)) {
                decl.fieldBase = simple; // class PlaceholderRelationField(GenericRelation): no column either
            } else if (DjangoStandIns.baseFields(simple) != null) {
                isModel = true;
                knownBaseFields.addAll(DjangoStandIns.baseFields(simple));
            } else if (DjangoStandIns.thirdPartyBaseFields(simple) != null) {
                // abstract models of those packages make a model; their mixins (SortableMixin, Indexed) do not
                isModel |= !simple.endsWith("Mixin") && !simple.equals("Indexed");
                knownBaseFields.addAll(DjangoStandIns.thirdPartyBaseFields(simple));
            } else if ((NOT_MODEL_SUFFIXES.stream().anyMatch(simple::endsWith) || fromNonDjangoLibrary(base)
                    || parent != null && parent.notModel) && !declaresModelFields(i + 1, skipBlock(i))) {
                // a serializer, form, pydantic or GraphQL class kept beside the models, or a subclass of one
                decl.notModel = true;
                classes.putIfAbsent(nesting + decl.name, decl);
                return skipBlock(i);
            } else if (!NOT_MODELS.contains(simple)) {
                // also a base named like a form whose class still declares models.X fields (wagtail's
                // FormPage(AbstractEmailForm)): a model on an unknown base, said so below, never dropped
                decl.unknownBases.add(base);
            }
        }
        for (Field f : knownBaseFields) {
            decl.putField(f.withLine(header.number()), this);
        }
        int end = skipBlock(i);
        if (decl.fieldBase != null) {
            classes.put(nesting + decl.name, decl); // a custom field class: fields of this class behave as its base
            if (FieldFactory.isRelation(decl.fieldBase)) {
                readDefaultTarget(decl, i + 1, end);
            }
            return end;
        }
        if (!isModel && NOT_MODEL_NAMES.stream().anyMatch(decl.name::endsWith) && !declaresModelFields(i + 1, end)) {
            decl.notModel = true; // class PageQuerySet(get_queryset_base()): named for what it is
            classes.putIfAbsent(nesting + decl.name, decl);
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
            classes.putIfAbsent(nesting + decl.name, decl);
            return end; // a helper class (choices, mixin) that is not a model
        }
        decl.isModel = true;
        for (Line statement : inlineBody) {
            readStatement(decl, statement);
        }
        readBody(decl, i + 1, end);
        if (decl.concreteParent != null && decl.isProxy) {
            ClassDecl parent = decl.concreteParent;
            decl.fields.clear();
            for (Field f : parent.fields) {
                decl.putField(f.isRelation() ? f.withRelation(f.relation().hiddenReverse()) : f, parent.moduleOf(f));
            }
            decl.dbTable = parent.table();
        } else if (decl.concreteParent != null) {
            addParentLink(decl, decl.concreteParent);
        }
        if (decl.fields.stream().noneMatch(Field::primaryKey)) {
            decl.fields.add(0, new Field("id", "id", "AutoField", ValueType.INTEGER, false, true, true, 0, null,
                    null, decl.line));
        }
        if (classes.containsKey(nesting + decl.name) && classes.get(nesting + decl.name).isModel) {
            warn(decl.line, "class " + decl.name + " is declared again; the declaration on line "
                    + classes.get(nesting + decl.name).line + " is kept");
            return end;
        }
        classes.put(nesting + decl.name, decl);
        if (!decl.isAbstract) {
            declaredModels.add(decl);
        }
        return end;
    }

    /**
     * A relation field class that names its own target in {@code __init__}: {@code kwargs.setdefault("to", Role)}
     * or {@code kwargs["to"] = "app.Model"}; a field of that class written without a target points there.
     */
    private void readDefaultTarget(ClassDecl decl, int from, int to) {
        for (int j = from; j < to; j++) {
            List<PyToken> t = line(j).tokens();
            for (int k = 0; k + 5 < t.size(); k++) {
                boolean setdefault = t.get(k).is("setdefault") && t.get(k + 1).is("(") && isTo(t.get(k + 2))
                        && t.get(k + 3).is(",");
                boolean item = t.get(k).is("[") && isTo(t.get(k + 1)) && t.get(k + 2).is("]") && t.get(k + 3).is("=");
                if (!setdefault && !item) {
                    continue;
                }
                StringBuilder ref = new StringBuilder();
                int v = k + 4;
                if (t.get(v).kind() == PyToken.Kind.STRING) {
                    ref.append(t.get(v).text());
                } else {
                    for (; v < t.size() && (t.get(v).kind() == PyToken.Kind.NAME || t.get(v).is(".")); v++) {
                        ref.append(t.get(v).text());
                    }
                }
                if (!ref.isEmpty()) {
                    decl.fieldTarget = ref.toString();
                    decl.fieldTargetModule = this;
                    return;
                }
            }
        }
    }

    private static boolean isTo(PyToken t) {
        return t.kind() == PyToken.Kind.STRING && t.text().equals("to");
    }

    /**
     * A model reference written in this module as a target string: {@code "app.Model"} as is, a class name
     * declared or imported here as {@code app.Model}.
     */
    String qualifiedTarget(String ref) {
        if (ref.contains(".") && imports.moduleNamed(ref.substring(0, ref.indexOf('.'))) == null) {
            return ref;
        }
        ClassDecl c = resolveClass(ref);
        if (c != null && c.isModel) {
            return c.appLabel + "." + c.name;
        }
        String imported = importOf(ref);
        String simple = ref.substring(ref.lastIndexOf('.') + 1);
        return (imported != null ? appOfModule(imported) : appLabel) + "." + simple;
    }

    /** {@code class A(models.Model): pass} / {@code class Meta: abstract = True; ordering = ["x"]}: the body. */
    private static List<Line> inlineStatements(Line header, int colon) {
        List<PyToken> t = header.tokens();
        List<Line> out = new ArrayList<>();
        List<PyToken> part = new ArrayList<>();
        for (int k = colon + 1; k <= t.size(); k++) {
            if (k == t.size() || t.get(k).is(";")) {
                if (!part.isEmpty()) {
                    out.add(new Line(List.copyOf(part), header.indent() + 1, header.number()));
                }
                part.clear();
            } else {
                part.add(t.get(k));
            }
        }
        return out;
    }

    /** The ':' ending a class header (outside brackets), or -1. */
    private static int headerColon(List<PyToken> t) {
        int depth = 0;
        for (int k = 2; k < t.size(); k++) {
            PyToken x = t.get(k);
            if (x.is("(") || x.is("[")) {
                depth++;
            } else if (x.is(")") || x.is("]")) {
                depth--;
            } else if (depth == 0 && x.is(":")) {
                return k;
            }
        }
        return -1;
    }

    /**
     * Multi-table inheritance: Django adds {@code <parent>_ptr}, a one-to-one to the parent that is the child's
     * primary key; the parent's fields stay in the parent's table and are reached through that link.
     */
    private void addParentLink(ClassDecl decl, ClassDecl parent) {
        String ptr = parent.name.toLowerCase(java.util.Locale.ROOT) + "_ptr";
        Relation r = new Relation(RelationKind.ONE_TO_ONE, parent.qualifiedName(), null, null, null, null, null,
                null, "CASCADE");
        decl.fields.removeIf(Field::primaryKey);
        decl.fields.add(0, new Field(ptr, ptr + "_id", "OneToOneField", ValueType.INTEGER, false, true, true, 0,
                null, r, decl.line));
        decl.fieldModules.put(ptr, this);
        decl.concreteParent = parent;
        warn(decl.line, "class " + decl.name + ": multi-table inheritance from " + parent.name + " (primary key "
                + ptr + "_id; " + parent.name + "'s fields are read through a join on it, as Django does); "
                + "create(), update() and delete() on " + decl.name + " write only " + decl.table()
                + ", where Django also writes " + parent.table());
    }

    private void readBody(ClassDecl decl, int from, int end) {
        int j = from;
        int bodyIndent = j < end ? line(j).indent() : 0;
        for (int b = j; b < end; b++) {
            if (line(b).indent() < bodyIndent) {
                throw error("unindent does not match any outer indentation level", line(b).number());
            }
        }
        while (j < end) {
            Line line = line(j);
            PyToken first = line.tokens().get(0);
            if (first.is("class") && line.tokens().size() > 1 && line.tokens().get(1).is("Meta")) {
                int metaEnd = skipBlock(j);
                int colon = headerColon(line.tokens());
                boolean extendsParentMeta = colon > 2 && line.tokens().get(2).is("(");
                if (!extendsParentMeta) {
                    // Django: a Meta of its own replaces an abstract parent's (ordering included) unless it
                    // derives from it; a multi-table child keeps the parent's ordering unless it sets its own
                    if (decl.concreteParent == null) {
                        decl.ordering = null;
                    }
                    decl.defaultRelatedName = null;
                }
                if (colon > 0 && colon < line.tokens().size() - 1) {
                    for (Line statement : inlineStatements(line, colon)) {
                        readMetaLine(decl, statement);
                    }
                }
                readMeta(decl, j + 1, metaEnd);
                j = metaEnd;
            } else if (first.is("class")) {
                // class NamedMixin(models.Model): class NonUnique(models.Model): ... -- a base as NamedMixin.NonUnique
                String outer = nesting;
                ClassDecl outerClass = reading;
                nesting = nesting + decl.name + ".";
                try {
                    j = readClass(j);
                } finally {
                    nesting = outer;
                    reading = outerClass;
                }
            } else if (first.is("def") || first.is("@")) {
                j = skipBlock(j);
                while (first.is("@") && j < end && line(j).tokens().get(0).is("def")) {
                    j = skipBlock(j);
                }
            } else {
                readStatement(decl, line);
                int next = j + 1;
                PyToken last = line.tokens().get(line.tokens().size() - 1);
                if (next < end && line(next).indent() > line.indent() && !last.is(":")) {
                    // Python: IndentationError; skipping it would drop the field silently
                    throw error("unexpected indent", line(next).number());
                }
                j = skipBlock(j);
            }
        }
    }

    /** Field classes that add no column to the model's table, and why. */
    private static final Map<String, String> NON_COLUMNS = Map.of(
            "GenericForeignKey", "is not a column",
            "GenericRelation", "is not a column",
            "TranslatedField", "(django-parler) is stored in the translations table, not this one",
            "TaxedMoneyField", "(prices) is computed from other fields' columns");

    /** Class names that say the class is not a model, whatever its (unknown) bases. */
    private static final List<String> NOT_MODEL_NAMES = List.of("QuerySet", "Manager", "Serializer", "Form",
            "FilterSet");

    /** Libraries whose classes have "fields" but are never Django models. */
    private static final List<String> NON_DJANGO_LIBRARIES = List.of("pydantic", "dataclasses", "typing", "enum",
            "abc", "rest_framework", "graphene", "strawberry", "marshmallow", "attr", "django_filters", "ninja",
            "django.forms", "django.contrib.admin");

    private boolean fromNonDjangoLibrary(String base) {
        String head = base.contains(".") ? base.substring(0, base.indexOf('.')) : base;
        String module = imports.moduleNamed(head);
        return module != null && NON_DJANGO_LIBRARIES.stream().anyMatch(l -> module.equals(l)
                || module.startsWith(l + "."));
    }

    /** The user model as a parent class: the one AUTH_USER_MODEL names in the project, else Django's auth.User. */
    private ClassDecl userModelParent() {
        ClassDecl configured = resolver.userModel();
        return configured != null ? configured : standInDecl("auth", "User");
    }

    /**
     * A base that is one of Django's own concrete models (auth.User, auth.Group, contenttypes.ContentType),
     * imported from django.contrib: a parent for a proxy or multi-table child, with Django's table and fields.
     */
    private ClassDecl standInParent(String base, String simple) {
        String module = imports.importOf(base);
        if (module == null || !module.startsWith("django.contrib.")) {
            return null;
        }
        String app = appOfModule(module);
        return DjangoStandIns.has(app, simple) ? standInDecl(app, simple) : null;
    }

    private ClassDecl standInDecl(String app, String simple) {
        Model m = DjangoStandIns.model(app, simple);
        ClassDecl d = new ClassDecl(this, simple, 0);
        d.appLabel = app;
        d.dbTable = m.table();
        d.isModel = true;
        for (Field f : m.fields()) {
            d.putField(f, this);
        }
        return d;
    }

    /** Base names of classes that declare "fields" but are not models (DRF, forms, filters, admin, GraphQL). */
    private static final List<String> NOT_MODEL_SUFFIXES = List.of("Serializer", "Form", "FilterSet", "Admin",
            "ObjectType", "InputObjectType", "Resource", "Table", "Inline", "Manager", "QuerySet", "View");

    private static final Set<String> NOT_MODELS = Set.of("object", "Enum", "IntEnum",
            "StrEnum", "TextChoices", "IntegerChoices", "Choices", "Exception", "ValueError", "NamedTuple",
            "TypedDict", "Protocol", "ABC", "Generic");

    /** A class body with {@code x = models.XField(...)} / {@code x = SomethingField(...)} or a Meta. */
    /** Whether a class body assigns {@code models.X(...)}: Django model fields, whatever the class is named. */
    private boolean declaresModelFields(int from, int to) {
        for (int j = from; j < to; j++) {
            List<PyToken> t = line(j).tokens();
            int eq = assignIndex(t);
            if (eq > 0 && eq + 2 < t.size() && t.get(eq + 1).is("models") && t.get(eq + 2).is(".")) {
                return true;
            }
        }
        return false;
    }

    private boolean looksLikeModel(int from, int to) {
        for (int j = from; j < to; j++) {
            List<PyToken> t = line(j).tokens();
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
            readMetaLine(decl, line(j));
        }
    }

    private void readMetaLine(ClassDecl decl, Line line) {
        List<PyToken> t = line.tokens();
        if (t.size() < 3 || !t.get(1).is("=")) {
            return;
        }
        String key = t.get(0).text();
        if (!META_KEYS.contains(key)) {
            return; // verbose_name, indexes, constraints... do not change queries
        }
        PyNode value = parseValue(line, 2);
        String where = decl.name + ".Meta." + key;
        if (!(value instanceof PyNode.Str) && !(value instanceof PyNode.Const) && !key.equals("ordering")) {
            String assumed = switch (key) {
                case "db_table" -> "table " + decl.table();
                case "app_label" -> "app label " + decl.appLabel;
                case "abstract", "proxy" -> key + " = False";
                default -> "Django's default";
            };
            warn(line.number(), where + " is computed (" + PyNodeText.print(value).replace(TolerantValue.UNREADABLE,
                    "...") + "); the importer does not evaluate it and assumes " + assumed);
            return;
        }
        switch (key) {
            case "db_table" -> decl.dbTable = stringValue(value, line, "db_table");
            case "ordering" -> decl.ordering = stringList(decl, value, line);
            case "abstract" -> decl.isAbstract = value instanceof PyNode.Const c && c.text().equals("True");
            case "proxy" -> decl.isProxy = value instanceof PyNode.Const c && c.text().equals("True");
            case "app_label" -> decl.appLabel = stringValue(value, line, "app_label");
            default -> decl.defaultRelatedName = stringValue(value, line, "default_related_name");
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
                if (TolerantValue.hasUnmodelled(tokens)) {
                    return TolerantValue.read(tokens);
                }
                throw error("unexpected '" + parser.peek().raw() + "'", parser.peek().line());
            }
            return node;
        } catch (PySyntaxError e) {
            if (TolerantValue.hasUnmodelled(tokens)) {
                return TolerantValue.read(tokens); // valid Python the parser does not model: lambda, x if c else y
            }
            throw error(e.getMessage(), e.line());
        }
    }

    private static boolean unreadable(PyNode n) {
        return n instanceof PyNode.Name name && name.id().equals(TolerantValue.UNREADABLE);
    }

    /** Keyword arguments that change the columns, joins or reverse names of a field. */
    private static final Set<String> SHAPING = Set.of("to", "related_name", "related_query_name", "db_column",
            "primary_key", "null", "unique", "through", "db_table", "to_field", "on_delete", "max_length");

    /** Says which arguments that shape the SQL could not be read and what was assumed instead. */
    private void warnUnreadableArguments(String where, PyNode.Call call, int line) {
        List<String> names = new ArrayList<>();
        for (int k = 0; k < call.args().size(); k++) {
            if (unreadable(call.args().get(k))) {
                names.add("argument " + (k + 1));
            }
        }
        for (PyNode.Keyword kw : call.keywords()) {
            if (kw.name() != null && SHAPING.contains(kw.name()) && unreadable(kw.value())) {
                names.add(kw.name() + "=");
            }
        }
        if (!names.isEmpty()) {
            warn(line, where + ": " + String.join(", ", names) + " is Python the importer does not evaluate "
                    + "(lambda, conditional, comprehension...); Django's default assumed");
        }
    }

    private void readStatement(ClassDecl decl, Line line) {
        List<PyToken> t = line.tokens();
        int eq = assignIndex(t);
        if (eq < 0) {
            return; // docstring, pass, annotations without value
        }
        // pk = id = None: every target gets the value after the last '='
        List<String> targets = new ArrayList<>(List.of(t.get(0).text()));
        while (eq + 2 < t.size() && t.get(eq + 1).kind() == PyToken.Kind.NAME && t.get(eq + 2).is("=")) {
            targets.add(t.get(eq + 1).text());
            eq += 2;
        }
        PyNode value = parseValue(line, eq + 1);
        for (String name : targets) {
            readAssignment(decl, line, name, value);
        }
    }

    private void readAssignment(ClassDecl decl, Line line, String name, PyNode value) {
        List<PyToken> t = line.tokens();
        if (value instanceof PyNode.Const c && c.text().equals("None")) {
            // Django: `field = None` in a subclass removes a field inherited from an abstract base
            decl.fields.removeIf(f -> f.name().equals(name) && !f.primaryKey());
            return;
        }
        String where = decl.name + "." + name;
        if (unreadable(value)) {
            if (t.stream().anyMatch(x -> x.kind() == PyToken.Kind.NAME && (x.text().endsWith("Field")
                    || x.text().equals("ForeignKey")))) {
                warn(line.number(), where + ": the value is Python the importer does not evaluate (a conditional, "
                        + "lambda or comprehension choosing a field); skipped");
            }
            return; // a class constant computed by an expression: not a field
        }
        if (!(value instanceof PyNode.Call call) || call.funcName() == null) {
            return; // a class constant such as a choices list, property(f), sane_repr(...)
        }
        String func = call.funcName();
        String simple = func.substring(func.lastIndexOf('.') + 1);
        ClassDecl customClass = FieldFactory.known(simple) != null || func.equals("models." + simple) ? null
                : resolveClass(func);
        String nonColumn = NON_COLUMNS.containsKey(simple) ? simple : customClass != null
                && customClass.fieldBase != null && NON_COLUMNS.containsKey(customClass.fieldBase)
                ? customClass.fieldBase : customClass == null ? genericSuffix(simple) : null;
        if (nonColumn != null) {
            warn(line.number(), where + ": " + simple + (simple.equals(nonColumn) ? "" : " (a " + nonColumn + ")")
                    + " " + NON_COLUMNS.get(nonColumn) + "; skipped");
            return;
        }
        if (simple.equals("TaggableManager")) {
            // Django joins it through taggit_taggeditem on object_id AND content_type_id = this model's content
            // type, a join condition beyond a relation's columns: kept opaque, saying what that costs
            warn(line.number(), where + ": TaggableManager (django-taggit) is a generic many-to-many through "
                    + "taggit.TaggedItem (object_id and content_type) to taggit.Tag; lookups, ordering, values() and "
                    + "prefetch_related() across " + name + " are not available (a FieldError names it), it is not "
                    + "a column; skipped");
            return;
        }
        String type = FieldFactory.known(simple);
        ClassDecl custom = customClass;
        if (type == null && custom != null && custom.fieldBase != null) {
            type = custom.fieldBase;
        }
        if (type == null && (simple.endsWith("Manager") || func.endsWith(".as_manager")
                || func.endsWith("from_queryset"))) {
            return;
        }
        String relationBySuffix = type == null && !func.equals("models." + simple) ? relationSuffix(simple) : null;
        if (relationBySuffix != null) {
            // BaseObjectForeignKey(BaseObject, ...): a class of another package named for the relation it is
            warn(line.number(), where + ": unknown field class " + func + "; assumed a " + relationBySuffix
                    + " (its name says so), with the target and options written here");
            type = relationBySuffix;
        }
        if (type == null) {
            // models.CharFeild is a typo to report; models.TextChoices(...), models.Index(...) are not fields
            boolean djangoModels = func.equals("models." + simple) && !isGisModels()
                    && simple.toLowerCase(java.util.Locale.ROOT).endsWith("field");
            if (djangoModels || !simple.endsWith("Field")) {
                if (djangoModels) {
                    createField(decl, name, simple, call, line.number()); // names the known types
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
        if (call.args().stream().anyMatch(ModelsPyImporter::unreadable)
                || call.keywords().stream().anyMatch(k -> unreadable(k.value()))) {
            if (FieldFactory.isRelation(type) && (call.args().isEmpty() ? unreadable(call.keyword("to"))
                    : unreadable(call.args().get(0)))) {
                warn(line.number(), where + ": the target model is Python the importer does not evaluate; "
                        + "field skipped");
                return;
            }
            warnUnreadableArguments(where, call, line.number());
        }
        if (FieldFactory.isRelation(type) && FieldFactory.targetNode(call) != null) {
            PyNode to = FieldFactory.targetNode(call);
            String alias = to instanceof PyNode.Name n ? targetAliases.get(n.id()) : null;
            if (alias != null) {
                call = withTarget(call, alias);
            } else if (FieldFactory.targetOf(to) == null) {
                warn(line.number(), where + ": the target model is " + PyNodeText.print(to).replace(
                        TolerantValue.UNREADABLE, "...") + ", which the importer does not evaluate; field skipped");
                return;
            }
        }
        String implicit = custom != null && custom.fieldTarget != null
                ? custom.fieldTargetModule.qualifiedTarget(custom.fieldTarget) : FieldFactory.implicitTarget(simple);
        if (implicit != null && call.args().isEmpty() && call.keyword("to") == null) {
            // FilerImageField(): a ForeignKey whose target the field class itself names
            call = withTarget(call, implicit);
        }
        Field field = createField(decl, name, type, call, line.number());
        decl.putField(field, this);
        if (simple.equals("MoneyField")) {
            String currency = name + "_currency";
            decl.putField(new Field(currency, currency, "CurrencyField", ValueType.TEXT, field.nullable(), false,
                    false, 3, null, null, line.number()), this);
        }
    }

    /** The call with its target (first argument or {@code to=}) replaced by the string {@code target}. */
    private static PyNode.Call withTarget(PyNode.Call call, String target) {
        PyNode.Str str = new PyNode.Str(target, "\"" + target + "\"", call.pos());
        List<PyNode> args = new ArrayList<>(call.args());
        if (args.isEmpty()) {
            args.add(str);
        } else {
            args.set(0, str);
        }
        return new PyNode.Call(call.func(), args, call.keywords().stream().filter(k -> !"to".equals(k.name()))
                .toList(), call.pos());
    }

    /** RestrictedGenericForeignKey, MyGenericRelation: named for the non-column field they extend. */
    private static String genericSuffix(String simple) {
        return simple.endsWith("GenericForeignKey") ? "GenericForeignKey"
                : simple.endsWith("GenericRelation") ? "GenericRelation" : null;
    }

    /** The relation class a field class's name ends in ({@code TreeNodeForeignKey}), or null. */
    private static String relationSuffix(String simple) {
        for (String r : List.of("ManyToManyField", "OneToOneField", "ForeignKey")) {
            if (simple.endsWith(r) && !simple.equals(r)) {
                return r;
            }
        }
        return null;
    }

    private Field createField(ClassDecl decl, String name, String type, PyNode.Call call, int line) {
        try {
            return FieldFactory.create(appLabel, decl.name, name, type, call, line);
        } catch (SchemaException e) {
            throw error(e.detail(), e.line());
        }
    }

    private boolean isGisModels() {
        String m = imports.importOf("models");
        return m != null && m.contains("gis");
    }

    private String stringValue(PyNode value, Line line, String what) {
        if (value instanceof PyNode.Str s) {
            return s.value();
        }
        throw error(what + " must be a string literal", line.number());
    }

    private static final Set<String> META_KEYS = Set.of("db_table", "ordering", "abstract", "proxy", "app_label",
            "default_related_name");

    private List<String> stringList(ClassDecl decl, PyNode value, Line line) {
        List<PyNode> items;
        if (value instanceof PyNode.ListLit l) {
            items = l.items();
        } else if (value instanceof PyNode.TupleLit tl) {
            items = tl.items();
        } else if (value instanceof PyNode.Str s) {
            return List.of(s.value());
        } else {
            throw error("Meta.ordering must be a list of field names", line.number());
        }
        List<String> out = new ArrayList<>();
        for (PyNode item : items) {
            if (item instanceof PyNode.Str s) {
                out.add(s.value());
            } else if (item instanceof PyNode.Call || unreadable(item)) {
                // Lower("name"), F("x").asc(): an expression ordering the compiler cannot apply from a models file
                warn(line.number(), decl.name + ".Meta.ordering: " + PyNodeText.print(item).replace(
                        TolerantValue.UNREADABLE, "...") + " is an expression; left out of the default ordering");
            } else {
                throw error("Meta.ordering entries must be a string literal", line.number());
            }
        }
        return out;
    }

    /** All concrete models the given modules declare, in module order. */
    static List<ClassDecl> modelsOf(Collection<ModelsPyImporter> modules) {
        List<ClassDecl> out = new ArrayList<>();
        for (ModelsPyImporter m : modules) {
            out.addAll(m.declaredModels());
        }
        return out;
    }
}
