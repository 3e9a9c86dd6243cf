package studio.queryset.sql;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import studio.queryset.query.Expression;
import studio.queryset.query.Q;
import studio.queryset.query.QueryException;
import studio.queryset.query.Step;
import studio.queryset.schema.ValueType;

/**
 * aggregate(), as Django's {@code get_aggregation}: a query that already groups, is distinct, sliced, combined
 * or annotated is wrapped, {@code SELECT SUM(...) FROM (...) subquery}, its expressions reading the inner
 * query's columns; otherwise the aggregates replace the select list. count() is the same rule
 * ({@link Terminals#count}).
 */
final class Aggregation {
    private Aggregation() {
    }

    /** Django's get_aggregation: a query that groups, is distinct, sliced, combined or annotated is wrapped. */
    static boolean needsSubquery(SqlQuery c) {
        return c.hasAggregate() || c.distinct || c.isSliced() || !c.combinators.isEmpty()
                || !c.annotations.isEmpty();
    }

    /** Django's default alias for a positional aggregate: {@code posts__count}. */
    static String defaultAlias(Expression e) {
        if (e instanceof Expression.Aggregate agg && agg.argument() instanceof Expression.F f) {
            return f.path() + "__" + agg.function().toLowerCase(Locale.ROOT);
        }
        throw new QueryException("TypeError", "Complex annotations require an alias").in(e);
    }

    /** Registers in {@code outer} a reference for every name {@code e} reads (F paths, lookup paths of its Qs). */
    private static void refs(Expression e, SqlQuery inner, SqlQuery outer, int[] counter) {
        studio.queryset.query.ExpressionWalk.each(e, x -> {
            if (x instanceof Expression.F f) {
                ref(f.path(), inner, outer, counter);
            }
        }, q -> {
            if (q instanceof Q.Lookup l) {
                ref(lookupTarget(l.path(), inner), inner, outer, counter);
            }
        });
    }

    /** The part of a lookup path that names a value (an annotation or a field), without transforms and lookup. */
    private static String lookupTarget(String path, SqlQuery inner) {
        String[] parts = studio.queryset.query.LookupPath.split(path);
        for (int k = parts.length; k >= 1; k--) {
            String head = String.join("__", List.of(parts).subList(0, k));
            if (inner.annotations.containsKey(head)) {
                return head;
            }
        }
        ResolvedPath rp = inner.scope.resolve(path, -1);
        return String.join("__", List.of(parts).subList(0, parts.length - rp.rest().size()));
    }

    private static void ref(String name, SqlQuery inner, SqlQuery outer, int[] counter) {
        if (outer.annotations.containsKey(name)) {
            return;
        }
        Dialect d = inner.dialect;
        Annotation a = inner.annotations.get(name);
        Typed ref;
        if (a != null && a.selected()) {
            ref = Typed.of(Frag.of(d.quote("subquery") + "." + d.quote(name)), a.compiled().type());
        } else {
            Typed t = a != null ? a.compiled() : inner.exprs.compile(new Expression.F(name), ExprContext.SELECT);
            String alias = "__col" + (++counter[0]);
            inner.extraSelect.add(t.frag());
            if (t.aggregate()) {
                inner.extraAggregates.add(t.frag());
            }
            inner.extraColumns.add(new OutColumn(List.of(), alias, t.type(), true));
            ref = Typed.of(Frag.of(d.quote("subquery") + "." + d.quote(alias)), t.type());
        }
        outer.annotations.put(name, new Annotation(name, new Expression.F(name), ref, false, false));
    }

    static SelectPlan plan(SqlQuery c, Step.Aggregate agg) {
        Map<String, Expression> all = new LinkedHashMap<>();
        for (Expression e : agg.positional()) {
            all.put(defaultAlias(e), e);
        }
        all.putAll(agg.named());
        for (var e : all.entrySet()) {
            if (!(e.getValue() instanceof Expression.Aggregate) && !ExprCompiler.holdsAggregate(e.getValue())) {
                throw new QueryException("TypeError", e.getKey() + " is not an aggregate expression").in(e.getValue());
            }
        }
        c.dropPresentation();
        Dialect d = c.dialect;
        List<OutColumn> cols = new ArrayList<>();
        if (!needsSubquery(c)) {
            List<Frag> sel = new ArrayList<>();
            for (var e : all.entrySet()) {
                Typed t = c.exprs.compile(e.getValue(), ExprContext.SELECT);
                sel.add(Frag.format("%s AS " + d.quote(e.getKey()), t.frag().marked(e.getValue())));
                cols.add(new OutColumn(List.of(), e.getKey(), t.type(), false));
            }
            SelectPlan p = c.build(Frag.join(", ", sel));
            return new SelectPlan(p.query(), c.model.name(), cols, RowShape.VALUES, List.of(), true, 0);
        }
        // Django's get_aggregation with a subquery: the inner query keeps its rows (and groups); each outer
        // expression reads the inner one by reference — a selected annotation by its alias, anything else
        // (a column, an annotation values() hid) as an inner column __colN (rewrite_cols) — and stays outside.
        SqlQuery outerScope = new SqlQuery(c.schema, d, c.model, null);
        int[] counter = {0};
        List<Frag> outer = new ArrayList<>();
        for (var e : all.entrySet()) {
            refs(e.getValue(), c, outerScope, counter);
            Typed t = outerScope.exprs.compile(e.getValue(), ExprContext.SELECT);
            outer.add(Frag.format("%s AS " + d.quote(e.getKey()), t.frag().marked(e.getValue())));
            cols.add(new OutColumn(List.of(), e.getKey(), t.type(), false));
        }
        SelectPlan inner = c.build();
        Frag sql = Frag.format("SELECT %s FROM (%s) " + d.quote("subquery"), Frag.join(", ", outer),
                Frag.of(inner.query()));
        // outer parameters come first in the text only if aggregates had literals; they do not here
        return new SelectPlan(CompiledQuery.of(sql), c.model.name(), cols, RowShape.VALUES,
                List.of(), true, 0);
    }
}
