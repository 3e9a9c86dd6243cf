package studio.queryset.app.canvas.inspector;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import studio.queryset.app.canvas.inspector.FormField.Choice;
import studio.queryset.app.canvas.inspector.FormField.Kind;
import studio.queryset.app.canvas.inspector.FormField.Place;
import studio.queryset.design.RelationPaths;
import studio.queryset.design.edit.ConditionEdits;
import studio.queryset.design.edit.Edit;
import studio.queryset.design.edit.ExpressionText;
import studio.queryset.design.edit.NodeParts;
import studio.queryset.query.NodePath;
import studio.queryset.design.edit.QueryLens;
import studio.queryset.query.Expression;
import studio.queryset.query.Q;
import studio.queryset.query.QueryException;
import studio.queryset.query.QuerySet;
import studio.queryset.schema.Schema;
import studio.queryset.sql.LookupCatalog;
import studio.queryset.sql.LookupSpec;
import studio.queryset.sql.LookupSpecs;

/**
 * The form of a lookup: its field path (a searchable, typed picker), lookup, value kind and value, and the
 * outer row's field when the value is an OuterRef. Each field writes the whole lookup from what all four show.
 */
final class LookupForm {
    private LookupForm() {
    }

    static Form lookup(FormHost host, NodePath at, Forms.NodeContext ctx) {
        Form form = new Form(host, "lookup", at);
        Schema schema = host.schema();
        String model = ctx.model();
        Function<QuerySet, Q.Lookup> lookupOf = q -> QueryLens.get(q, form.path(), Q.Lookup.class);
        List<Choice> paths = RelationPaths.fields(schema, model, Forms.PATH_DEPTH).stream()
                .map(f -> new Choice(f.path(), f.label())).toList();
        List<String> kinds = new ArrayList<>(Operands.VALUE_KINDS);
        if (ctx.outerModel() != null) {
            kinds.add(Operands.OUTER_REF);
        }
        FormField[] f = new FormField[5];
        // each field writes the lookup from what all four show, so a fix in one commits the others' pending text
        BiFunction<QuerySet, String[], Edit> write = (q, texts) -> {
            String path = texts[0].strip();
            String name = texts[1].strip();
            requirePath(schema, model, path);
            requireLookup(schema, model, path, name);
            Expression value = Operands.operand(texts[2], texts[3], schema, model);
            String full = name.isEmpty() || name.equals("exact") ? path : path + "__" + name;
            Edit e = ConditionEdits.replace(q, form.path(), new Q.Lookup(full, value));
            return Checks.compiles(schema, q, e);
        };
        f[0] = form.add("lookupPath", "field", Kind.COMBO, Place.ROW, () -> paths,
                q -> LookupCatalog.split(lookupOf.apply(q).path())[0],
                (q, t) -> write.apply(q, new String[] {t, f[1].text(), f[2].text(), f[3].text()}));
        f[1] = form.add("lookupName", "lookup", Kind.COMBO, Place.ROW,
                () -> lookupChoices(schema, model, f[0].text()),
                q -> LookupCatalog.split(lookupOf.apply(q).path())[1],
                (q, t) -> write.apply(q, new String[] {f[0].text(), t, f[2].text(), f[3].text()}));
        f[2] = form.add("valueKind", "value as", Kind.CHOICE, Place.ROW, () -> Choice.plain(kinds),
                q -> valueKind(lookupOf.apply(q).value()),
                (q, t) -> write.apply(q, new String[] {f[0].text(), f[1].text(), t, f[3].text()}));
        f[3] = form.add("lookupValue", "value", Kind.TEXT, Place.ROW, List::of,
                q -> valueText(lookupOf.apply(q).value()),
                (q, t) -> write.apply(q, new String[] {f[0].text(), f[1].text(), f[2].text(), t}));
        if (ctx.outerModel() != null) {
            List<Choice> outer = Choice.plain(RelationPaths.outerRefPaths(schema, ctx.outerModel()));
            f[4] = form.add("outerRefField", ctx.outerModel() + " field", Kind.COMBO, Place.ROW, () -> outer,
                    q -> lookupOf.apply(q).value() instanceof Expression.OuterRef o ? o.path() : "",
                    (q, t) -> write.apply(q, new String[] {f[0].text(), f[1].text(), Operands.OUTER_REF, t}),
                    () -> Operands.OUTER_REF.equals(f[2].text()));
        }
        form.action("negateLookup", "Wrap in NOT", q -> ConditionEdits.negate(q, form.path()));
        form.hint(() -> lookupHelp(f[1].text()) + "Changes apply as you type; Enter goes back to the canvas, Esc "
                + "reverts the field.");
        return form;
    }

    /** Lookups offered before the path resolves (an annotation, a path being typed): those every field has. */
    private static final List<String> ANY_FIELD = List.of("exact", "gt", "gte", "in", "isnull", "lt", "lte");

    /**
     * The lookups registered on the field's type ({@link LookupSpecs}), each labelled with its help sentence;
     * the ones every ordered field has when the path does not resolve yet.
     */
    static List<Choice> lookupChoices(Schema schema, String model, String fieldPath) {
        List<LookupSpec> specs = LookupCatalog.typeOf(schema, model, fieldPath == null ? "" : fieldPath.strip())
                .map(LookupCatalog::specsFor)
                .orElseGet(() -> ANY_FIELD.stream().map(n -> LookupSpecs.find(n).orElseThrow()).toList());
        return specs.stream().map(s -> new Choice(s.name(), s.label())).toList();
    }

    /** What the lookup (the last of {@code year__gte}) does, from its spec, as a sentence; "" when unknown. */
    static String lookupHelp(String lookup) {
        String name = lookup == null ? "" : lookup.strip();
        String last = name.contains("__") ? name.substring(name.lastIndexOf("__") + 2) : name;
        return LookupSpecs.find(last.isEmpty() ? "exact" : last)
                .map(s -> s.name() + ": " + s.help() + (s.isTransform() ? "" : ", compared with "
                        + s.operand().words()) + ". ")
                .orElse("");
    }

    /** The names of {@link #lookupChoices}. */
    static List<String> lookups(Schema schema, String model, String fieldPath) {
        return lookupChoices(schema, model, fieldPath).stream().map(Choice::value).toList();
    }

    private static void requirePath(Schema schema, String model, String path) {
        if (path.isEmpty()) {
            throw new QueryException("FieldError", "a lookup needs a field: pick one (e.g. "
                    + RelationPaths.concreteFields(schema, model).stream().skip(1).findFirst().orElse("pk") + ")");
        }
        // a path that does not resolve is refused by the compile check, in Django's words and with the
        // query's annotations among the choices
    }

    private static void requireLookup(Schema schema, String model, String path, String name) {
        if (LookupCatalog.typeOf(schema, model, path).isEmpty()) {
            return; // an annotation or a path that does not resolve: the compile check decides
        }
        List<String> valid = lookups(schema, model, path);
        String last = name.contains("__") ? name.substring(name.lastIndexOf("__") + 2) : name;
        if (!name.isEmpty() && !valid.contains(name) && !valid.contains(last)) {
            String type = LookupCatalog.typeOf(schema, model, path).map(Object::toString).orElse("the field");
            throw new QueryException("FieldError", "Unsupported lookup '" + name + "' for " + type
                    + " or join on the field not permitted; valid here: " + String.join(", ", valid));
        }
    }

    private static String valueKind(Expression v) {
        if (v instanceof Expression.QueryValue || v instanceof Expression.Subquery || NodeParts.simple(v)
                && !(v instanceof Expression.F) && !(v instanceof Expression.Param)
                && !(v instanceof Expression.OuterRef)) {
            return "value";
        }
        return Operands.kindOf(v);
    }

    private static String valueText(Expression v) {
        if (v instanceof Expression.QueryValue || v instanceof Expression.Subquery) {
            return ExpressionText.print(v);
        }
        if ("value".equals(valueKind(v)) && !(v instanceof Expression.Value)) {
            return ExpressionText.print(v);
        }
        return Operands.textOf(v);
    }
}
