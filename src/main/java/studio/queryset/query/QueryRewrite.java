package studio.queryset.query;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A queryset rebuilt part by part: every step, condition and expression, in nested querysets too (Subquery, Exists,
 * queryset values, evaluated terminals, Prefetch querysets, union parts). Subclasses change what they are about in
 * {@link #lookup} or {@link #expression}; everything else is copied. {@link #model()} is the model of the queryset
 * being walked.
 */
public abstract class QueryRewrite {
    private String model;

    /** The model of the queryset whose parts are being rebuilt (a nested queryset has its own). */
    protected final String model() {
        return model;
    }

    public QuerySet queryset(QuerySet qs) {
        String outer = model;
        model = qs.model();
        List<Step> steps = new ArrayList<>();
        for (Step s : qs.steps()) {
            steps.add(step(s));
        }
        model = outer;
        return new QuerySet(qs.model(), steps);
    }

    /** A lookup; by default with its value rebuilt. */
    protected Q lookup(Q.Lookup l) {
        return new Q.Lookup(l.path(), expression(l.value()));
    }

    /** An expression; by default with its children, conditions and nested querysets rebuilt. */
    protected Expression expression(Expression e) {
        return e == null ? null : ExpressionWalk.rebuild(e, this::expression, this::condition, this::queryset);
    }

    protected final Q condition(Q q) {
        if (q instanceof Q.Lookup l) {
            return lookup(l);
        }
        if (q instanceof Q.ExpressionCondition c) {
            return new Q.ExpressionCondition(expression(c.expression()));
        }
        Q.Node n = (Q.Node) q;
        List<Q> children = new ArrayList<>();
        n.children().forEach(c -> children.add(condition(c)));
        return new Q.Node(n.connector(), n.negated(), children);
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
        if (s instanceof Step.OrderBy o) {
            List<Expression.OrderBy> items = new ArrayList<>();
            o.items().forEach(i -> items.add((Expression.OrderBy) expression(i)));
            return new Step.OrderBy(items);
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
        f.args().forEach(q -> args.add(condition(q)));
        List<Q.Lookup> kwargs = new ArrayList<>();
        f.kwargs().forEach(l -> kwargs.add((Q.Lookup) condition(l)));
        return new Step.Filter(args, kwargs, f.exclude());
    }

    private List<Expression> exprs(List<Expression> list) {
        List<Expression> out = new ArrayList<>();
        list.forEach(e -> out.add(expression(e)));
        return out;
    }

    private Map<String, Expression> named(Map<String, Expression> named) {
        Map<String, Expression> out = new LinkedHashMap<>();
        named.forEach((k, v) -> out.put(k, expression(v)));
        return out;
    }
}
