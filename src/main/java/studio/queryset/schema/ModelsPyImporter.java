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
import studio.queryset.pytext.PyLexer;
import studio.queryset.pytext.PyNode;
import studio.queryset.pytext.PyParser;
import studio.queryset.pytext.PySyntaxError;
import studio.queryset.pytext.PyToken;

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
    private final FieldReader fieldReader = new FieldReader(this);
    private final MetaRules meta = new MetaRules(this);
    private final BaseRules baseRules = new BaseRules(this);
    private final ModuleAssignments assignments = new ModuleAssignments(this);

    private record ClassSpan(int first, int last, String model) { }
    /** Declared classes by name, abstract ones and helpers included (their fields are inherited). */
    private final Map<String, ClassDecl> classes = new LinkedHashMap<>();
    /** Concrete models in declaration order, a redeclared name once. */
    private final List<ClassDecl> declaredModels = new ArrayList<>();
    private boolean finished;
    /** Guards {@link #findClass} against import cycles. */
    private final java.util.Set<String> searching = new java.util.HashSet<>();

    /** A logical line: its tokens, the indentation of its first token and its 1-based line number. */
    record Line(List<PyToken> tokens, int indent, int number) { }

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

    /** The model reference a module-level name is bound to ({@code User = get_user_model()}), or null. */
    String targetAlias(String name) {
        return assignments.targetAlias(name);
    }

    /** The class AUTH_USER_MODEL names in the project (settings or --user-model), or null. */
    ClassDecl configuredUserModel() {
        return resolver.userModel();
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
                assignments.read(line);
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
     * {@code Forum = model_factory(AbstractForum)}: a model built by a call from an abstract model (as with
     * {@code type(name, (base,), {})}). The call is not run; the model is taken as a subclass of that base named
     * as the assignment, and a warning says so.
     */
    void madeModel(String name, String factory, ClassDecl base, int line) {
        if (classes.containsKey(name) && classes.get(name).isModel) {
            return; // declared as a class too: that one is the model
        }
        ClassDecl decl = new ClassDecl(this, name, line);
        for (Field f : base.fields) {
            decl.putField(f, base.moduleOf(f));
        }
        decl.unknownBases.addAll(base.unknownBases);
        decl.ordering = base.ordering;
        decl.latestBy = base.latestBy;
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

    /** Keywords opening a compound statement, whose one-line body {@link #inlineStatements} splits itself. */
    private static final java.util.Set<String> COMPOUND = java.util.Set.of("class", "def", "async", "if", "elif",
            "else", "for", "while", "with", "try", "except", "finally", "match", "case", "@");

    /** {@code a = 1; b = 2} (or a trailing {@code ;}): the simple statements of a logical line, as Python reads it. */
    private static List<List<PyToken>> simpleStatements(List<PyToken> t) {
        if (COMPOUND.contains(t.get(0).text()) || t.stream().noneMatch(x -> x.is(";"))) {
            return List.of(t);
        }
        List<List<PyToken>> out = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int k = 0; k < t.size(); k++) {
            PyToken x = t.get(k);
            if (x.is("(") || x.is("[") || x.is("{")) {
                depth++;
            } else if (x.is(")") || x.is("]") || x.is("}")) {
                depth--;
            } else if (depth == 0 && x.is(";")) {
                if (k > start) {
                    out.add(List.copyOf(t.subList(start, k)));
                }
                start = k + 1;
            }
        }
        if (t.subList(start, t.size()).stream().anyMatch(x -> x.kind() != PyToken.Kind.NEWLINE)) {
            out.add(List.copyOf(t.subList(start, t.size())));
        }
        return out.isEmpty() ? List.of(t) : out;
    }

    /** Whether the module has a logical line {@code k} (0-based), lexing up to it. */
    private boolean has(int k) {
        try {
            while (lines.size() <= k && pending.hasNext()) {
                List<PyToken> t = pending.next();
                PyToken first = t.get(0);
                int lineStart = source.lastIndexOf('\n', first.pos() - 1) + 1;
                for (List<PyToken> statement : simpleStatements(t)) {
                    lines.add(new Line(statement, first.pos() - lineStart, first.line()));
                }
            }
        } catch (PySyntaxError e) {
            throw error("models.py is not valid Python: " + e.getMessage(), e.line());
        }
        return lines.size() > k;
    }

    Line line(int k) {
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
        List<PyNode> baseNodes = new ArrayList<>();
        for (PyNode b : bases) {
            if (b instanceof PyNode.Call c && c.funcName() != null && c.funcName().endsWith("with_metaclass")
                    && !c.args().isEmpty()) {
                baseNodes.addAll(c.args().subList(1, c.args().size())); // six.with_metaclass(Meta, *bases)
            } else {
                baseNodes.add(b);
            }
        }
        BaseRules.Bases from = baseRules.apply(decl, baseNodes, () -> declaresModelFields(i + 1, skipBlock(i)));
        if (from.notModel()) {
            // a serializer, form, pydantic or GraphQL class kept beside the models, or a subclass of one
            classes.putIfAbsent(nesting + decl.name, decl);
            return skipBlock(i);
        }
        boolean isModel = from.isModel();
        List<Field> knownBaseFields = from.knownBaseFields();
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
        if (!isModel && BaseRules.NOT_MODEL_NAMES.stream().anyMatch(decl.name::endsWith)
                && !declaresModelFields(i + 1, end)) {
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
            fieldReader.readStatement(decl, statement);
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
            baseRules.addParentLink(decl, decl.concreteParent);
        }
        // as Django's Options._prepare, which abstract models skip: a child declaring its own primary key must
        // not inherit an id from its abstract base
        if (!decl.isAbstract && decl.fields.stream().noneMatch(Field::primaryKey)) {
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
        String starApp = imported == null && !ref.contains(".") ? djangoAppByStarImport(ref) : null;
        if (starApp != null) {
            return starApp + "." + simple;
        }
        return (imported != null ? appOfModule(imported) : appLabel) + "." + simple;
    }

    /**
     * The Django contrib app whose model {@code name} a star import here brings ({@code from
     * django.contrib.contenttypes.models import *}: ContentType), or null.
     */
    String djangoAppByStarImport(String name) {
        for (String star : imports.stars()) {
            if (star.startsWith("django.contrib.") && DjangoStandIns.has(appOfModule(star), name)) {
                return appOfModule(star);
            }
        }
        return null;
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
                        decl.latestBy = null;
                    }
                    decl.defaultRelatedName = null;
                }
                if (colon > 0 && colon < line.tokens().size() - 1) {
                    for (Line statement : inlineStatements(line, colon)) {
                        meta.readMetaLine(decl, statement);
                    }
                }
                meta.readMeta(decl, j + 1, metaEnd);
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
                fieldReader.readStatement(decl, line);
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

    /**
     * Whether a class body assigns {@code models.X(...)}: Django model fields, whatever the class is named. Only the
     * body's own statements count: {@code q = models.Q(...)} in a method or {@code model = models.Post} in a nested
     * Meta is no field.
     */
    private boolean declaresModelFields(int from, int to) {
        for (int j = from; j < to; j++) {
            if (!ownStatement(from, j)) {
                continue;
            }
            List<PyToken> t = line(j).tokens();
            int eq = assignIndex(t);
            if (eq > 0 && eq + 2 < t.size() && t.get(eq + 1).is("models") && t.get(eq + 2).is(".")) {
                return true;
            }
        }
        return false;
    }

    /** A class body with {@code x = models.XField(...)} / {@code x = SomethingField(...)} or a Meta. */
    private boolean looksLikeModel(int from, int to) {
        for (int j = from; j < to; j++) {
            if (!ownStatement(from, j)) {
                continue;
            }
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

    /** Whether line {@code j} of a class body that starts at {@code from} is a statement of the body itself. */
    private boolean ownStatement(int from, int j) {
        return line(j).indent() == line(from).indent();
    }

    /** Index of the '=' of {@code name = ...} or {@code name: T = ...}, or -1. */
    static int assignIndex(List<PyToken> t) {
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

    /** The expression from token {@code fromToken} of the line, read around what the parser does not model. */
    PyNode parseValue(Line line, int fromToken) {
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

    /** All concrete models the given modules declare, in module order. */
    static List<ClassDecl> modelsOf(Collection<ModelsPyImporter> modules) {
        List<ClassDecl> out = new ArrayList<>();
        for (ModelsPyImporter m : modules) {
            out.addAll(m.declaredModels());
        }
        return out;
    }
}
