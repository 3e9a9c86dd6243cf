package studio.queryset.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import studio.queryset.query.Evaluations;
import studio.queryset.query.Expression;
import studio.queryset.query.QueryException;
import studio.queryset.query.QuerySet;
import studio.queryset.query.Step;
import studio.queryset.schema.Model;
import studio.queryset.schema.Schema;

/**
 * Terminals used as values inside a queryset ({@code filter(id__gt=Order.objects.count())}) run as Django runs
 * them: at once, before the queryset they are in, each one's value then bound where it was written as a literal
 * would be. A model instance stands for its primary key, a list of instances for their keys; a Decimal stays one.
 */
public final class EagerValues {
    private EagerValues() {
    }

    /**
     * {@code qs} with every evaluated terminal replaced by its value; {@code run} evaluates one queryset (its own
     * evaluated terminals resolved first, by the same rule) and returns what Django's call returns.
     */
    public static QuerySet resolve(QuerySet qs, Schema schema, Function<QuerySet, Object> run) {
        if (!Evaluations.any(qs)) {
            return qs;
        }
        return Evaluations.replace(qs, ev -> {
            Object result;
            try {
                result = run.apply(ev.query());
            } catch (QueryException e) {
                throw e.in(ev);
            }
            return Expression.Value.of(taken(ev, result, schema));
        });
    }

    /** What {@code ev} takes from its query's result, converted as Django's lookups convert it. */
    static Object taken(Expression.Evaluated ev, Object result, Schema schema) {
        QuerySet qs = ev.query();
        Expression.Taken t = ev.taken();
        if (t instanceof Expression.Taken.Key k) {
            Map<?, ?> dict = (Map<?, ?>) result;
            if (!dict.containsKey(k.key())) {
                throw new QueryException("KeyError", "'" + k.key() + "': aggregate() returned " + dict.keySet())
                        .in(ev);
            }
            return dict.get(k.key());
        }
        if (t instanceof Expression.Taken.Attribute a) {
            if (result == null) { // first()/last() of no rows
                throw new QueryException("AttributeError", "'NoneType' object has no attribute '" + a.name()
                        + "': " + qs.terminal().method() + "() found no row").in(ev);
            }
            Map<?, ?> row = (Map<?, ?>) result;
            String key = attname(qs, a.name(), schema);
            if (!row.containsKey(key)) {
                throw new QueryException("NotSupportedError", "." + a.name() + " is not loaded by this query "
                        + "(only()/defer() leave it out; Django would load it with a query of its own)").in(ev);
            }
            return row.get(key);
        }
        if (t instanceof Expression.Taken.AsList) {
            List<Object> out = new ArrayList<>();
            for (Object row : (List<?>) result) {
                out.add(plain(qs, row, schema, ev));
            }
            return out;
        }
        return plain(qs, result, schema, ev);
    }

    /** A value as a lookup takes it: an instance is its primary key; a dict or tuple is no value. */
    private static Object plain(QuerySet qs, Object v, Schema schema, Expression.Evaluated ev) {
        boolean dicts = qs.steps().stream().anyMatch(s -> s instanceof Step.Values);
        boolean tuples = qs.steps().stream().anyMatch(s -> s instanceof Step.ValuesList vl && !vl.flat());
        if (v instanceof Map<?, ?> || v instanceof List<?>) {
            if (dicts || tuples) {
                throw new QueryException("TypeError", "a " + (dicts ? "dict" : "tuple") + " (a row of "
                        + (dicts ? "values()" : "values_list()") + ") is not a value a query can compare with; "
                        + "take one field: values_list(\"field\", flat=True)").in(ev);
            }
            return ((Map<?, ?>) v).get(pk(qs, schema).attname());
        }
        return v;
    }

    private static String attname(QuerySet qs, String name, Schema schema) {
        if (name.equals("pk")) {
            return pk(qs, schema).attname();
        }
        Model m = schema.model(qs.model());
        while (m != null) {
            var f = m.field(name).orElse(null);
            if (f != null) {
                return f.attname();
            }
            var parent = m.parentLink();
            m = parent == null ? null : schema.findModel(parent.relation().target()).orElse(null);
        }
        return name; // an annotation
    }

    private static studio.queryset.schema.Field pk(QuerySet qs, Schema schema) {
        return schema.model(qs.model()).pk();
    }
}
