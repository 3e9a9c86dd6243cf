package studio.queryset.sql;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import studio.queryset.query.Expression;
import studio.queryset.query.QueryException;
import studio.queryset.query.QuerySet;
import studio.queryset.query.Step;
import studio.queryset.schema.Field;
import studio.queryset.schema.Model;
import studio.queryset.schema.Schema;

/**
 * Compiles a QuerySet to SQL with bound parameters for one dialect: the entry point of the {@code sql}
 * package. {@link #plan} gives everything needed to run it; {@link #compile} just the main statement.
 */
public final class SqlCompiler {
    private SqlCompiler() {
    }

    /** The main statement of a queryset. */
    public static CompiledQuery compile(Schema schema, QuerySet qs, Dialect dialect) {
        QueryPlan plan = plan(schema, qs, dialect);
        return plan.statements().get(0);
    }

    public static QueryPlan plan(Schema schema, QuerySet qs, Dialect dialect) {
        return plan(schema, qs, dialect, java.util.Set.of());
    }

    /**
     * Plans for a run with these parameter values: optional Params without a value (absent or null) drop
     * their lookups; the others are bound when the statements run.
     */
    public static QueryPlan planFor(Schema schema, QuerySet qs, Dialect dialect, Map<String, Object> values) {
        java.util.Set<String> absent = new java.util.HashSet<>();
        studio.queryset.query.Params.of(qs).forEach((name, p) -> {
            if (p.optional() && values.get(name) == null) {
                absent.add(name);
            }
        });
        return plan(schema, qs, dialect, absent);
    }

    /**
     * Plans with the named optional Params in {@code absentParams} left out (their lookups dropped). Other
     * Params stay in the parameter lists as {@link ParamRef}s for {@link #bindParams} to fill.
     */
    public static QueryPlan plan(Schema schema, QuerySet qs, Dialect dialect, java.util.Set<String> absentParams) {
        try {
            return planSteps(schema, qs, dialect, absentParams);
        } catch (QueryException e) {
            throw e.in(qs.terminal()); // what only the terminal step knows (slices, raw(), writes) is about it
        }
    }

    private static QueryPlan planSteps(Schema schema, QuerySet qs, Dialect dialect, Set<String> absentParams) {
        Step terminal = qs.terminal();
        Model model = schema.model(qs.model());
        if (terminal instanceof Step.Raw raw) {
            RawStatement.requireOne(raw.sql(), dialect);
            List<Object> params = new ArrayList<>();
            for (Expression e : raw.params()) {
                if (!(e instanceof Expression.Value v)) {
                    throw new QueryException("TypeError", "raw() parameters must be literal values");
                }
                params.add(ValueBinder.bind(dialect, v.value(), ExprCompiler.typeOfLiteral(v.value())));
            }
            String sql = RawStatement.toJdbc(raw.sql(), params.size(), dialect);
            List<OutColumn> fields = new ArrayList<>();
            for (Field f : model.concreteFields()) {
                fields.add(new OutColumn(List.of(), f.attname(), f.valueType(), f.primaryKey(), f.column()));
            }
            SelectPlan sp = new SelectPlan(new CompiledQuery(sql, params), model.name(), fields, RowShape.MODEL,
                    List.of(), true, 0);
            return new QueryPlan(QueryPlan.Kind.RAW, sp, List.of(), model.name());
        }
        if (terminal instanceof Step.Create create) {
            return Writes.create(schema, dialect, model, create);
        }
        SelectCompiler c = SelectCompiler.forQuerySet(schema, dialect, qs, null, absentParams);
        if (terminal == null || terminal instanceof Step.Iterator) {
            return new QueryPlan(QueryPlan.Kind.ROWS, withPrefetches(schema, dialect, c, c.build()), List.of(),
                    model.name());
        }
        if (terminal instanceof Step.Index idx) {
            c.slice(idx.index(), idx.index() + 1);
            return new QueryPlan(QueryPlan.Kind.INDEX, withPrefetches(schema, dialect, c, c.build()), List.of(),
                    model.name());
        }
        if (terminal instanceof Step.Aggregate agg) {
            return new QueryPlan(QueryPlan.Kind.AGGREGATE, Aggregation.plan(c, agg), List.of(), model.name());
        }
        if (terminal instanceof Step.Update u) {
            if (c.isSliced()) {
                throw new QueryException("AssertionError", "Cannot update a query once a slice has been taken.");
            }
            return new QueryPlan(QueryPlan.Kind.UPDATE, null, List.of(WriteStatement.counted(Writes.update(c, u))), model.name());
        }
        Step.Terminal t = (Step.Terminal) terminal;
        switch (t.method()) {
            case "count":
                return new QueryPlan(QueryPlan.Kind.COUNT, Aggregation.count(c), List.of(), model.name());
            case "exists":
                return new QueryPlan(QueryPlan.Kind.EXISTS, Aggregation.exists(c), List.of(), model.name());
            case "delete":
                return new QueryPlan(QueryPlan.Kind.DELETE, null, Writes.delete(c), model.name());
            case "get":
                if (t.condition() != null) {
                    c.apply(t.condition());
                }
                if (!c.isSliced()) {
                    c.high = 21L; // Django reads at most 21 rows to report "it returned more than 20"
                }
                if (c.distinctFields.isEmpty()) {
                    c.ordering = List.of(); // Django's get() drops the ordering: it cannot matter
                    c.clearDefaultOrdering = true;
                }
                return new QueryPlan(QueryPlan.Kind.GET, withPrefetches(schema, dialect, c, c.build()), List.of(),
                        model.name());
            case "first":
            case "last": {
                if (c.isSliced() && (t.method().equals("last") || !c.isOrdered())) {
                    throw c.isOrdered() ? new QueryException("TypeError", "Cannot reverse a query once a slice has "
                            + "been taken.") : new QueryException("AssertionError", "Cannot reorder a query once a "
                            + "slice has been taken.");
                }
                if (!c.isOrdered()) {
                    c.ordering = List.of(SelectCompiler.parseOrder("pk"));
                }
                if (t.method().equals("last")) {
                    c.reversed = !c.reversed;
                }
                c.slice(0L, 1L);
                return new QueryPlan(t.method().equals("first") ? QueryPlan.Kind.FIRST : QueryPlan.Kind.LAST,
                        withPrefetches(schema, dialect, c, c.build()), List.of(), model.name());
            }
            case "earliest":
            case "latest": {
                if (t.fields().isEmpty()) {
                    throw new QueryException("ValueError", "earliest() and latest() require either fields as "
                            + "positional arguments or 'get_latest_by' in the model's Meta.");
                }
                List<Expression.OrderBy> order = new ArrayList<>();
                for (String f : t.fields()) {
                    Expression.OrderBy o = SelectCompiler.parseOrder(f);
                    if (t.method().equals("latest")) {
                        o = new Expression.OrderBy(o.expression(), !o.descending(), null, null, true);
                    }
                    order.add(o);
                }
                c.ordering = order;
                c.reversed = false;
                c.slice(0L, 1L);
                return new QueryPlan(QueryPlan.Kind.SINGLE, withPrefetches(schema, dialect, c, c.build()), List.of(),
                        model.name());
            }
            default:
                throw new QueryException("AttributeError", "Unknown terminal method " + t.method() + "()");
        }
    }

    private static SelectPlan withPrefetches(Schema schema, Dialect dialect, SelectCompiler c, SelectPlan plan) {
        if (c.prefetchLookups().isEmpty()) {
            return plan;
        }
        if (c.valuesFields != null) {
            throw new QueryException("TypeError", "'prefetch_related' is not supported with values() or "
                    + "values_list(): they return dicts and tuples, not objects to attach to");
        }
        List<PrefetchPlan> prefetches = PrefetchPlanner.plan(schema, dialect, c.model, c.prefetchLookups());
        return new SelectPlan(plan.query(), plan.model(), plan.columns(), plan.shape(), prefetches, plan.ordered(),
                plan.paramsBeforeKeys());
    }

    /** Replaces every {@link ParamRef} of a parameter list by the value given for it. */
    public static List<Object> bindParams(List<Object> params, Dialect dialect, Map<String, Object> values) {
        List<Object> out = new ArrayList<>(params.size());
        for (Object p : params) {
            if (p instanceof ParamRef ref) {
                if (!values.containsKey(ref.name())) {
                    throw new QueryException("ValueError", "Parameter '" + ref.name() + "' has no value; give "
                            + "it one before running the query");
                }
                out.add(ref.bind(dialect, values.get(ref.name())));
            } else {
                out.add(p);
            }
        }
        return out;
    }

    /** Names of the Params a plan's statements wait for, in order of first use. */
    public static java.util.Set<String> paramNames(QueryPlan plan) {
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        for (CompiledQuery q : plan.statements()) {
            for (Object p : q.params()) {
                if (p instanceof ParamRef ref) {
                    names.add(ref.name());
                }
            }
        }
        return names;
    }

    /** Field names of a model as the eval contract lists them (attnames), for callers that shape results. */
    public static Map<String, Field> attnames(Model m) {
        Map<String, Field> out = new LinkedHashMap<>();
        for (Field f : m.concreteFields()) {
            out.put(f.attname(), f);
        }
        return out;
    }
}
