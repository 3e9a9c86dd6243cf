package studio.queryset.sql;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import studio.queryset.query.Expression;
import studio.queryset.query.QueryException;
import studio.queryset.query.Step;
import studio.queryset.schema.ValueType;

/**
 * count(), exists() and aggregate(). Like Django's {@code get_aggregation}, a query that already groups,
 * is distinct, sliced, combined or annotated is wrapped: {@code SELECT COUNT(*) FROM (...) subquery}.
 */
final class Aggregation {
    private Aggregation() {
    }

    private static boolean needsSubquery(SelectCompiler c) {
        return c.hasAggregate() || c.distinct || c.isSliced() || !c.combinators.isEmpty()
                || !c.annotations.isEmpty();
    }

    private static void dropPresentation(SelectCompiler c) {
        c.selectRelated.clear();
        c.selectRelatedAll = false;
        c.prefetches.clear();
        if (!c.isSliced()) {
            c.ordering = List.of();
            c.clearDefaultOrdering = true;
        }
    }

    static SelectPlan count(SelectCompiler c) {
        dropPresentation(c);
        Dialect d = c.dialect;
        if (c.empty) {
            c.where.add(Frag.of("1 = 0"));
            c.empty = false;
        }
        if (needsSubquery(c)) {
            SelectPlan inner = c.build();
            Frag sql = Frag.format("SELECT COUNT(*) FROM (%s) " + d.quote("subquery"), Frag.of(inner.query()));
            return new SelectPlan(CompiledQuery.of(sql), c.model.name(),
                    List.of(new OutColumn(List.of(), "__count", ValueType.INTEGER, false)), RowShape.FLAT, List.of(),
                    true, 0);
        }
        SelectPlan p = c.build(Frag.of("COUNT(*) AS " + d.quote("__count")));
        return new SelectPlan(p.query(), c.model.name(),
                List.of(new OutColumn(List.of(), "__count", ValueType.INTEGER, false)), RowShape.FLAT, List.of(), true,
                0);
    }

    static SelectPlan exists(SelectCompiler c) {
        dropPresentation(c);
        c.ordering = List.of();
        c.clearDefaultOrdering = true;
        c.existsParts = true;
        c.slice(0L, 1L);
        SelectPlan p = c.build(Frag.of("1 AS " + c.dialect.quote("a")));
        return new SelectPlan(p.query(), c.model.name(),
                List.of(new OutColumn(List.of(), "a", ValueType.INTEGER, false)), RowShape.FLAT, List.of(), true, 0);
    }

    /**
     * One other part of a union under exists(): {@code 1 AS "a"}, no ordering, and on PostgreSQL (which allows a
     * slice in a compound part) LIMIT 1 of its own, as Django 3.2's Query.exists does per combined query.
     */
    static Frag existsPart(SelectCompiler part) {
        dropPresentation(part);
        part.ordering = List.of();
        part.clearDefaultOrdering = true;
        if (part.dialect.ops().slicingOrderingInCompound()) {
            part.slice(0L, 1L);
        }
        return Frag.of(part.build(Frag.of("1 AS " + part.dialect.quote("a"))).query());
    }

    static SelectPlan plan(SelectCompiler c, Step.Aggregate agg) {
        Map<String, Expression> all = new LinkedHashMap<>();
        for (Expression e : agg.positional()) {
            all.put(SelectCompiler.defaultAlias(e), e);
        }
        all.putAll(agg.named());
        for (var e : all.entrySet()) {
            if (!(e.getValue() instanceof Expression.Aggregate) && !ExprCompiler.holdsAggregate(e.getValue())) {
                throw new QueryException("TypeError", e.getKey() + " is not an aggregate expression").in(e.getValue());
            }
        }
        dropPresentation(c);
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
        // Aggregate over the rows of the inner query: each argument becomes an inner column __colN.
        List<Frag> outer = new ArrayList<>();
        int n = 0;
        for (var e : all.entrySet()) {
            if (!(e.getValue() instanceof Expression.Aggregate a)) {
                throw new QueryException("NotSupportedError", "aggregate() over annotations takes plain aggregates "
                        + "such as Avg(\"alias\")");
            }
            String fn = switch (a.function()) {
                case "StdDev" -> "STDDEV_POP";
                case "Variance" -> "VAR_POP";
                default -> a.function().toUpperCase(Locale.ROOT);
            };
            Frag ref;
            ValueType type;
            if (a.argument() instanceof Expression.F f && c.annotations.containsKey(f.path())
                    && c.annotations.get(f.path()).selected()) {
                ref = Frag.of(d.quote("subquery") + "." + d.quote(f.path()));
                type = c.annotations.get(f.path()).compiled().type();
            } else if (a.argument() instanceof Expression.Star) {
                ref = Frag.of("*");
                type = ValueType.INTEGER;
            } else {
                Typed t = c.exprs.compile(a.argument(), ExprContext.SELECT);
                String alias = "__col" + (++n);
                c.extraSelect.add(t.frag());
                c.extraColumns.add(new OutColumn(List.of(), alias, t.type(), true));
                ref = Frag.of(d.quote("subquery") + "." + d.quote(alias));
                type = t.type();
            }
            if (a.filter() != null) {
                throw new QueryException("NotSupportedError", "aggregate(..., filter=Q(...)) over an annotated, "
                        + "sliced or distinct queryset: filter the queryset first instead");
            }
            Frag call = Frag.format(fn + "(" + (a.distinct() ? "DISTINCT " : "") + "%s)", ref);
            if (a.function().equals("Avg") && type == ValueType.INTEGER) {
                call = d.ops().avgOfInteger(call);
            }
            outer.add(Frag.format("%s AS " + d.quote(e.getKey()), call.marked(e.getValue())));
            cols.add(new OutColumn(List.of(), e.getKey(), switch (a.function()) {
                case "Count" -> ValueType.INTEGER;
                case "Avg", "StdDev", "Variance" -> type == ValueType.DECIMAL ? ValueType.DECIMAL : ValueType.FLOAT;
                default -> type;
            }, false));
        }
        SelectPlan inner = c.build();
        Frag sql = Frag.format("SELECT %s FROM (%s) " + d.quote("subquery"), Frag.join(", ", outer),
                Frag.of(inner.query()));
        // outer parameters come first in the text only if aggregates had literals; they do not here
        return new SelectPlan(CompiledQuery.of(sql), c.model.name(), cols, RowShape.VALUES,
                List.of(), true, 0);
    }
}
