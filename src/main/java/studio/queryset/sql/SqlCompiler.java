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
            // a terminal evaluated while the query is built has a value only when it has run: a placeholder here
            return planSteps(schema, studio.queryset.query.Evaluations.placeholders(qs), dialect, absentParams);
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
        SqlQuery c = SqlQuery.forQuerySet(schema, dialect, qs, null, absentParams);
        Terminals terminals = new Terminals(schema, dialect, c);
        if (terminal == null || terminal instanceof Step.Iterator) {
            return terminals.rows();
        }
        if (terminal instanceof Step.Index idx) {
            return terminals.index(idx);
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
        return switch (t.method()) {
            case "count" -> terminals.count();
            case "exists" -> terminals.exists();
            case "delete" -> new QueryPlan(QueryPlan.Kind.DELETE, null, Writes.delete(c), model.name());
            case "get" -> terminals.get(t);
            case "first" -> terminals.firstOrLast(false);
            case "last" -> terminals.firstOrLast(true);
            case "earliest" -> terminals.earliestOrLatest(t, false);
            case "latest" -> terminals.earliestOrLatest(t, true);
            default -> throw new QueryException("AttributeError", "Unknown terminal method " + t.method() + "()");
        };
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
