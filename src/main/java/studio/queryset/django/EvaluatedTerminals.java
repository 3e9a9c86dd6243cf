package studio.queryset.django;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import studio.queryset.query.Expression;
import studio.queryset.query.QueryException;
import studio.queryset.query.QuerySet;
import studio.queryset.query.Step;
import studio.queryset.schema.Field;
import studio.queryset.schema.Model;
import studio.queryset.schema.Schema;

/**
 * Checks a queryset terminal used as a value ({@code Order.objects.count()}, {@code ...aggregate(a=Avg("x"))["a"]},
 * {@code ...get(pk=1).name}, {@code list(qs)}) the way Python would fail on it while building the query: a subscript
 * of a count is a TypeError, a key not in the aggregate a KeyError, an unknown attribute an AttributeError.
 */
final class EvaluatedTerminals {
    /** Terminals whose result is a value Python can pass on; writes and generators are refused. */
    private static final Set<String> READS = Set.of("count", "exists", "first", "last", "get", "earliest", "latest");

    private EvaluatedTerminals() {
    }

    /** The value node for {@code qs} with {@code taken}; {@code at} is the text position for errors. */
    static Expression.Evaluated of(QuerySet qs, Expression.Taken taken, Schema schema, int at) {
        Step t = qs.terminal();
        if (taken instanceof Expression.Taken.AsList) {
            if (t != null) {
                throw new QueryException("TypeError", "'" + resultType(qs, t) + "' object is not iterable: list() "
                        + "takes a queryset, such as list(" + qs.model() + ".objects.values_list(\"id\", flat=True))",
                        at);
            }
            return new Expression.Evaluated(qs, taken);
        }
        if (t == null) {
            throw new QueryException("TypeError", "a queryset is not a value here: evaluate it with a terminal "
                    + "(count(), get(...), first(), aggregate(...)[\"key\"]) or list(...)", at);
        }
        checkTerminal(t, at);
        if (taken instanceof Expression.Taken.Key k) {
            if (!(t instanceof Step.Aggregate a)) {
                throw new QueryException("TypeError", "'" + resultType(qs, t) + "' object is not subscriptable", at);
            }
            List<String> keys = keys(a);
            if (!keys.contains(k.key())) {
                throw new QueryException("KeyError", DjangoPrinter.str(k.key()) + ": aggregate() returns the keys "
                        + String.join(", ", keys.stream().map(DjangoPrinter::str).toList()), at);
            }
        } else if (taken instanceof Expression.Taken.Attribute attr) {
            if (!returnsInstance(qs, t)) {
                throw new QueryException("AttributeError", "'" + resultType(qs, t) + "' object has no attribute '"
                        + attr.name() + "'", at);
            }
            checkAttribute(qs, attr.name(), schema, at);
        }
        return new Expression.Evaluated(qs, taken);
    }

    private static void checkTerminal(Step t, int at) {
        if (t instanceof Step.Aggregate || t instanceof Step.Index
                || t instanceof Step.Terminal term && READS.contains(term.method())) {
            return;
        }
        if (t instanceof Step.Update || t instanceof Step.Create || t instanceof Step.Terminal term
                && term.method().equals("delete")) {
            throw new QueryException("NotSupportedError", t.method() + "() would write to the database while the "
                    + "outer query is being built; run it on its own", at);
        }
        throw new QueryException("NotSupportedError", t.method() + "() gives no value to use inside another query; "
                + "a value is count(), exists(), get(), first(), last(), earliest(), latest(), aggregate(...)[\"key\"], "
                + "qs[n] or list(qs)", at);
    }

    /** The keys of the dict aggregate() returns: named ones, and Django's default alias of positional ones. */
    private static List<String> keys(Step.Aggregate a) {
        List<String> keys = new ArrayList<>();
        for (Expression e : a.positional()) {
            if (e instanceof Expression.Aggregate agg && agg.argument() instanceof Expression.F f) {
                keys.add(f.path() + "__" + agg.function().toLowerCase());
            }
        }
        keys.addAll(a.named().keySet());
        return keys;
    }

    private static boolean returnsInstance(QuerySet qs, Step t) {
        boolean rows = qs.steps().stream().noneMatch(s -> s instanceof Step.Values || s instanceof Step.ValuesList);
        return rows && (t instanceof Step.Index || t instanceof Step.Terminal term && !term.method().equals("count")
                && !term.method().equals("exists"));
    }

    /** The Python type the terminal returns, as a TypeError or AttributeError names it. */
    private static String resultType(QuerySet qs, Step t) {
        if (t instanceof Step.Aggregate) {
            return "dict";
        }
        if (t instanceof Step.Terminal term && term.method().equals("count")) {
            return "int";
        }
        if (t instanceof Step.Terminal term && term.method().equals("exists")) {
            return "bool";
        }
        if (qs.steps().stream().anyMatch(s -> s instanceof Step.Values)) {
            return "dict";
        }
        if (qs.steps().stream().anyMatch(s -> s instanceof Step.ValuesList)) {
            return "tuple";
        }
        String model = qs.model();
        return model.substring(model.lastIndexOf('.') + 1);
    }

    /**
     * An instance's attribute: pk, a concrete field (name or attname, inherited ones too) or an annotation. A
     * relation's name would load the related object with a query of its own, which is not modelled: its attname is.
     */
    private static void checkAttribute(QuerySet qs, String name, Schema schema, int at) {
        if (schema == null || name.equals("pk")) {
            return;
        }
        for (Step s : qs.steps()) {
            if (s instanceof Step.Annotate a && !a.alias() && a.named().containsKey(name)) {
                return;
            }
        }
        Model m = schema.findModel(qs.model()).orElse(null);
        while (m != null) {
            Field f = m.field(name).orElse(null);
            if (f != null && f.isRelation() && f.name().equals(name)) {
                throw new QueryException("NotSupportedError", "." + name + " would load the related "
                        + f.relation().target() + " with a query of its own; take ." + f.attname()
                        + " (its primary key) instead", at);
            }
            if (f != null && f.isConcrete()) {
                return;
            }
            Field parent = m.parentLink();
            m = parent == null ? null : schema.findModel(parent.relation().target()).orElse(null);
        }
        throw new QueryException("AttributeError", "'" + resultType(qs, qs.terminal()) + "' object has no attribute '"
                + name + "'", at);
    }
}
