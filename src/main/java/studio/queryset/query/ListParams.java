package studio.queryset.query;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Params that stand for a whole list: the right-hand side of an {@code __in} lookup ({@code id__in=Param("ids")}).
 * Such a Param is given a collection when the query runs; {@link #expand} puts the collection in its place as a
 * list of values, so the compiler writes one bound placeholder per element from its fixed IN fragment, exactly
 * as for a literal list. Everywhere in the model is walked: conditions, expressions, nested querysets.
 */
public final class ListParams {
    /** An {@code __in} lookup with a Param for its list: the model it filters, its path, the Param. */
    public record InLookup(String model, String path, Expression.Param param) {
    }

    private final Function<InLookup, Expression> replacement;
    /** The model of the queryset being walked (nested querysets have their own). */
    private String model;

    private ListParams(Function<InLookup, Expression> replacement) {
        this.replacement = replacement;
    }

    /** The names of the Params that are the value of an {@code __in} lookup. */
    public static Set<String> names(QuerySet qs) {
        Set<String> names = new LinkedHashSet<>();
        lookups(qs).forEach(l -> names.add(l.param().name()));
        return names;
    }

    /** Every {@code __in} lookup whose value is a Param, in the order met. */
    public static List<InLookup> lookups(QuerySet qs) {
        List<InLookup> out = new ArrayList<>();
        new ListParams(l -> {
            out.add(l);
            return null;
        }).queryset(qs);
        return out;
    }

    /**
     * {@code qs} with each {@code __in} lookup whose value is a Param replaced by {@code replacement.apply(param)};
     * a null replacement leaves that lookup as it is.
     */
    public static QuerySet expand(QuerySet qs, Function<Expression.Param, Expression> replacement) {
        return new ListParams(l -> replacement.apply(l.param())).queryset(qs);
    }

    /** {@code qs} with the collections in {@code values} in place of their IN-list Params. */
    public static QuerySet withValues(QuerySet qs, Map<String, Object> values) {
        return expand(qs, p -> values.get(p.name()) instanceof java.util.Collection<?> c
                ? Expression.Value.of(new ArrayList<>(c)) : null);
    }

    private QuerySet queryset(QuerySet qs) {
        String outer = model;
        model = qs.model();
        List<Step> steps = new ArrayList<>();
        for (Step s : qs.steps()) {
            steps.add(step(s));
        }
        model = outer;
        return new QuerySet(qs.model(), steps);
    }

    private Step step(Step s) {
        if (s instanceof Step.Filter f) {
            return filter(f);
        }
        if (s instanceof Step.Annotate a) {
            return new Step.Annotate(exprs(a.positional()), named(a.named()), a.alias());
        }
        if (s instanceof Step.Aggregate a) {
            return new Step.Aggregate(exprs(a.positional()), named(a.named()));
        }
        if (s instanceof Step.Values v && !v.expressions().isEmpty()) {
            return new Step.Values(v.fields(), named(v.expressions()));
        }
        if (s instanceof Step.Update u) {
            return new Step.Update(named(u.values()));
        }
        if (s instanceof Step.Terminal t && t.condition() != null) {
            return new Step.Terminal(t.method(), filter(t.condition()), t.fields());
        }
        if (s instanceof Step.PrefetchRelated p) {
            List<Prefetch> out = new ArrayList<>();
            for (Prefetch pf : p.lookups()) {
                out.add(pf.queryset() == null ? pf
                        : new Prefetch(pf.lookup(), queryset(pf.queryset()), pf.toAttr(), pf.plain()));
            }
            return new Step.PrefetchRelated(out);
        }
        if (s instanceof Step.Combine c) {
            List<QuerySet> others = new ArrayList<>();
            c.others().forEach(o -> others.add(queryset(o)));
            return new Step.Combine(c.method(), others, c.all());
        }
        return s;
    }

    private Step.Filter filter(Step.Filter f) {
        List<Q> args = new ArrayList<>();
        f.args().forEach(q -> args.add(q(q)));
        List<Q.Lookup> kwargs = new ArrayList<>();
        f.kwargs().forEach(l -> kwargs.add((Q.Lookup) q(l)));
        return new Step.Filter(args, kwargs, f.exclude());
    }

    private Q q(Q q) {
        if (q instanceof Q.Lookup l) {
            if (l.value() instanceof Expression.Param p && (l.path().equals("in") || l.path().endsWith("__in"))) {
                Expression r = replacement.apply(new InLookup(model, l.path(), p));
                return r == null ? l : new Q.Lookup(l.path(), r);
            }
            return new Q.Lookup(l.path(), expr(l.value()));
        }
        if (q instanceof Q.ExpressionCondition c) {
            return new Q.ExpressionCondition(expr(c.expression()));
        }
        Q.Node n = (Q.Node) q;
        List<Q> children = new ArrayList<>();
        n.children().forEach(c -> children.add(q(c)));
        return new Q.Node(n.connector(), n.negated(), children);
    }

    private List<Expression> exprs(List<Expression> list) {
        List<Expression> out = new ArrayList<>();
        list.forEach(e -> out.add(expr(e)));
        return out;
    }

    private Map<String, Expression> named(Map<String, Expression> named) {
        Map<String, Expression> out = new LinkedHashMap<>();
        named.forEach((k, v) -> out.put(k, expr(v)));
        return out;
    }

    private Expression expr(Expression e) {
        return e == null ? null : ExpressionWalk.rebuild(e, this::expr, this::q, this::queryset);
    }
}
