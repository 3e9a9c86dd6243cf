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
        int line;
    }

    private ModelsPyImporter(String appLabel, String source) {
        this.appLabel = appLabel;
        this.source = source;
    }

    /** Imports a models.py; the app label is the name of the folder holding it. */
    public static Schema importFile(Path modelsPy, String appLabelOrNull) throws IOException {
        String label = appLabelOrNull;
        if (label == null) {
            Path parent = modelsPy.toAbsolutePath().getParent();
            label = parent == null ? "app" : parent.getFileName().toString();
        }
        return importSource(label, Files.readString(modelsPy));
    }

    public static Schema importSource(String appLabel, String source) {
        ModelsPyImporter importer = new ModelsPyImporter(appLabel, source);
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
            if (line.indent() == 0 && first.is("class")) {
                i = readClass(i);
            } else {
                i = skipBlock(i);
            }
        }
        List<Model> models = new ArrayList<>();
        for (ClassDecl c : classes.values()) {
            if (!c.isAbstract) {
                models.add(toModel(c));
            }
        }
        return new Schema(resolveRelations(models));
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
        int k = 2;
        if (t.get(k).is("(")) {
            k++;
            StringBuilder base = new StringBuilder();
            for (; !t.get(k).is(")"); k++) {
                if (t.get(k).is(",")) {
                    decl.bases.add(base.toString());
                    base.setLength(0);
                } else if (t.get(k).is("=")) {
                    throw new SchemaException("class " + decl.name + ": keyword arguments in class bases are "
                            + "not supported", header.number());
                } else {
                    base.append(t.get(k).text());
                }
            }
            if (base.length() > 0) {
                decl.bases.add(base.toString());
            }
        }
        boolean isModel = false;
        for (String base : decl.bases) {
            ClassDecl parent = classes.get(base);
            if (base.equals("models.Model") || base.equals("Model")) {
                isModel = true;
            } else if (parent != null) {
                if (!parent.isAbstract) {
                    throw new SchemaException("class " + decl.name + " inherits from the concrete model " + base
                            + ": multi-table inheritance is not supported; inherit from an abstract model "
                            + "(Meta: abstract = True) or models.Model", header.number());
                }
                isModel = true;
                decl.fields.addAll(parent.fields);
                if (parent.ordering != null) {
                    decl.ordering = parent.ordering;
                }
            }
        }
        int end = skipBlock(i);
        if (!isModel) {
            return end; // a helper class (choices, mixin) that is not a model
        }
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
        if (decl.fields.stream().noneMatch(Field::primaryKey)) {
            decl.fields.add(0, new Field("id", "id", "AutoField", ValueType.INTEGER, false, true, true, 0, null,
                    null, decl.line));
        }
        classes.put(decl.name, decl);
        return end;
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
        if (t.size() < 3 || t.get(0).kind() != PyToken.Kind.NAME || !t.get(1).is("=")) {
            return; // docstring, pass, annotations without value
        }
        PyNode value = parseValue(line, 2);
        if (!(value instanceof PyNode.Call call) || call.funcName() == null) {
            return; // a class constant such as a choices list
        }
        String func = call.funcName();
        String simple = func.substring(func.lastIndexOf('.') + 1);
        if (simple.endsWith("Manager") || func.endsWith(".as_manager") || func.endsWith("from_queryset")) {
            return;
        }
        String name = t.get(0).text();
        Field field = FieldFactory.create(appLabel, decl.name, name, simple, call, line.number());
        decl.fields.removeIf(f -> f.name().equals(name));
        decl.fields.add(field);
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

    private Model toModel(ClassDecl c) {
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
        for (Model m : models) {
            List<Field> fields = new ArrayList<>();
            for (Field f : m.fields()) {
                if (!f.isRelation()) {
                    fields.add(f);
                    continue;
                }
                Relation r = f.relation();
                String target = r.target();
                if (target.equals("self")) {
                    target = m.name();
                } else if (target.contains(".")) {
                    target = target.substring(target.lastIndexOf('.') + 1);
                }
                Model targetModel = byName.get(target);
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
