package studio.queryset.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import studio.queryset.pytext.PyNode;
import studio.queryset.pytext.PyToken;

/**
 * The statements of a model class body: {@code name = SomeField(...)} becomes a {@link Field} (Django's classes,
 * custom subclasses by their base, well-known third-party classes), non-column fields and unknown classes a warning,
 * {@code name = None} removes an inherited field; class constants, properties and managers are not fields.
 */
final class FieldReader {
    private final ModelsPyImporter source;

    FieldReader(ModelsPyImporter source) {
        this.source = source;
    }

    /** Keyword arguments that change the columns, joins or reverse names of a field. */
    private static final Set<String> SHAPING = Set.of("to", "related_name", "related_query_name", "db_column",
            "primary_key", "null", "unique", "through", "db_table", "to_field", "on_delete", "max_length");

    /** Says which arguments that shape the SQL could not be read and what was assumed instead. */
    private void warnUnreadableArguments(String where, PyNode.Call call, int line) {
        List<String> names = new ArrayList<>();
        for (int k = 0; k < call.args().size(); k++) {
            if (TolerantValue.isUnreadable(call.args().get(k))) {
                names.add("argument " + (k + 1));
            }
        }
        for (PyNode.Keyword kw : call.keywords()) {
            if (kw.name() != null && SHAPING.contains(kw.name()) && TolerantValue.isUnreadable(kw.value())) {
                names.add(kw.name() + "=");
            }
        }
        if (!names.isEmpty()) {
            source.warn(line, where + ": " + String.join(", ", names) + " is Python the importer does not evaluate "
                    + "(lambda, conditional, comprehension...); Django's default assumed");
        }
    }

    /**
     * {@code models.ForeignKey["User", "User"](User, ...)}: the type parameters django-stubs reads; at run time a
     * field class's {@code __class_getitem__} returns the class itself, so the value is the plain call.
     */
    private static ModelsPyImporter.Line withoutGenericSubscript(ModelsPyImporter.Line line, int from) {
        List<PyToken> t = line.tokens();
        int k = from;
        if (k >= t.size() || t.get(k).kind() != PyToken.Kind.NAME) {
            return line;
        }
        k++;
        while (k + 1 < t.size() && t.get(k).is(".") && t.get(k + 1).kind() == PyToken.Kind.NAME) {
            k += 2;
        }
        if (k >= t.size() || !t.get(k).is("[")) {
            return line;
        }
        int depth = 0;
        for (int close = k; close < t.size(); close++) {
            if (t.get(close).is("[") || t.get(close).is("(") || t.get(close).is("{")) {
                depth++;
            } else if (t.get(close).is("]") || t.get(close).is(")") || t.get(close).is("}")) {
                depth--;
                if (depth == 0) {
                    if (close + 1 >= t.size() || !t.get(close + 1).is("(")) {
                        return line;
                    }
                    List<PyToken> out = new ArrayList<>(t.subList(0, k));
                    out.addAll(t.subList(close + 1, t.size()));
                    return new ModelsPyImporter.Line(out, line.indent(), line.number());
                }
            }
        }
        return line;
    }

    void readStatement(ClassDecl decl, ModelsPyImporter.Line line) {
        List<PyToken> t = line.tokens();
        int eq = ModelsPyImporter.assignIndex(t);
        if (eq < 0) {
            return; // docstring, pass, annotations without value
        }
        // pk = id = None: every target gets the value after the last '='
        List<String> targets = new ArrayList<>(List.of(t.get(0).text()));
        while (eq + 2 < t.size() && t.get(eq + 1).kind() == PyToken.Kind.NAME && t.get(eq + 2).is("=")) {
            targets.add(t.get(eq + 1).text());
            eq += 2;
        }
        PyNode value = source.parseValue(withoutGenericSubscript(line, eq + 1), eq + 1);
        for (String name : targets) {
            readAssignment(decl, line, name, value);
        }
    }

    private void readAssignment(ClassDecl decl, ModelsPyImporter.Line line, String name, PyNode value) {
        List<PyToken> t = line.tokens();
        if (value instanceof PyNode.Const c && c.text().equals("None")) {
            // Django: `field = None` in a subclass removes a field inherited from an abstract base
            decl.fields.removeIf(f -> f.name().equals(name) && !f.primaryKey());
            return;
        }
        String where = decl.name + "." + name;
        if (TolerantValue.isUnreadable(value)) {
            if (t.stream().anyMatch(x -> x.kind() == PyToken.Kind.NAME && (x.text().endsWith("Field")
                    || x.text().equals("ForeignKey")))) {
                source.warn(line.number(), where + ": the value is Python the importer does not evaluate (a "
                        + "conditional, lambda or comprehension choosing a field); skipped");
            }
            return; // a class constant computed by an expression: not a field
        }
        if (value instanceof PyNode.Str str && ModelsPyImporter.MODEL_LABEL.matcher(str.value()).matches()) {
            decl.targetAliases.put(name, str.value()); // target_fk = "app.Model"; fk = ForeignKey(target_fk)
            return;
        }
        if (!(value instanceof PyNode.Call call) || call.funcName() == null) {
            return; // a class constant such as a choices list, property(f), sane_repr(...)
        }
        String func = call.funcName();
        String simple = func.substring(func.lastIndexOf('.') + 1);
        ClassDecl customClass = FieldFactory.known(simple) != null || func.equals("models." + simple) ? null
                : source.resolveClass(func);
        String nonColumn = NON_COLUMNS.containsKey(simple) ? simple : customClass != null
                && customClass.fieldBase != null && NON_COLUMNS.containsKey(customClass.fieldBase)
                ? customClass.fieldBase : customClass == null ? genericSuffix(simple) : null;
        if (nonColumn != null) {
            source.warn(line.number(), where + ": " + simple
                    + (simple.equals(nonColumn) ? "" : " (a " + nonColumn + ")")
                    + " " + NON_COLUMNS.get(nonColumn) + "; skipped");
            return;
        }
        if (simple.equals("TaggableManager")) {
            // Django joins it through taggit_taggeditem on object_id AND content_type_id = this model's content
            // type, a join condition beyond a relation's columns: kept opaque, saying what that costs
            source.warn(line.number(), where + ": TaggableManager (django-taggit) is a generic many-to-many through "
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
            source.warn(line.number(), where + ": unknown field class " + func + "; assumed a " + relationBySuffix
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
                source.warn(line.number(), where + ": unknown field class " + func + " with to=; skipped (its relation "
                        + "is unknown)");
                return;
            }
            source.warn(line.number(), where + ": unknown field class " + func + "; assumed a text column " + name);
            type = "TextField";
        }
        if (call.args().stream().anyMatch(TolerantValue::isUnreadable)
                || call.keywords().stream().anyMatch(k -> TolerantValue.isUnreadable(k.value()))) {
            if (FieldFactory.isRelation(type) && (call.args().isEmpty() ? TolerantValue.isUnreadable(call.keyword("to"))
                    : TolerantValue.isUnreadable(call.args().get(0)))) {
                source.warn(line.number(), where + ": the target model is Python the importer does not evaluate; "
                        + "field skipped");
                return;
            }
            warnUnreadableArguments(where, call, line.number());
        }
        if (FieldFactory.isRelation(type) && FieldFactory.targetNode(call) != null) {
            PyNode to = FieldFactory.targetNode(call);
            // a name in a class body is the class's own constant first, then the module's
            String alias = to instanceof PyNode.Name n ? decl.targetAliases.getOrDefault(n.id(),
                    source.targetAlias(n.id())) : null;
            if (alias != null) {
                call = withTarget(call, alias);
            } else if (FieldFactory.targetOf(to) == null) {
                source.warn(line.number(), where + ": the target model is " + PyNodeText.print(to).replace(
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
        decl.putField(field, source);
        if (simple.equals("MoneyField")) {
            String currency = name + "_currency";
            decl.putField(new Field(currency, currency, "CurrencyField", ValueType.TEXT, field.nullable(), false,
                    false, 3, null, null, line.number()), source);
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
            return FieldFactory.create(source.appLabel(), decl.name, name, type, call, line);
        } catch (SchemaException e) {
            throw source.error(e.detail(), e.line());
        }
    }

    private boolean isGisModels() {
        String m = source.importOf("models");
        return m != null && m.contains("gis");
    }

    /** Field classes that add no column to the model's table, and why. */
    static final Map<String, String> NON_COLUMNS = Map.of(
            "GenericForeignKey", "is not a column",
            "GenericRelation", "is not a column",
            "TranslatedField", "(django-parler) is stored in the translations table, not this one",
            "TaxedMoneyField", "(prices) is computed from other fields' columns");
}
