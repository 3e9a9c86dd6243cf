package studio.queryset.query;

import java.util.LinkedHashMap;
import java.util.Map;

/** The named {@link Expression.Param}s a query uses, found by walking the whole model (nested querysets too). */
public final class Params {
    private Params() {
    }

    /** Every Param by name, in order of first use; a name used as optional anywhere counts as optional. */
    public static Map<String, Expression.Param> of(QuerySet qs) {
        Map<String, Expression.Param> out = new LinkedHashMap<>();
        walk(qs, out);
        return out;
    }

    private static void walk(QuerySet qs, Map<String, Expression.Param> out) {
        for (Step s : qs.steps()) {
            if (s instanceof Step.Filter f) {
                f.args().forEach(q -> walk(q, out));
                f.kwargs().forEach(q -> walk(q, out));
            } else if (s instanceof Step.Annotate a) {
                a.positional().forEach(e -> walk(e, out));
                a.named().values().forEach(e -> walk(e, out));
            } else if (s instanceof Step.Aggregate a) {
                a.positional().forEach(e -> walk(e, out));
                a.named().values().forEach(e -> walk(e, out));
            } else if (s instanceof Step.Update u) {
                u.values().values().forEach(e -> walk(e, out));
            } else if (s instanceof Step.Terminal t && t.condition() != null) {
                t.condition().args().forEach(q -> walk(q, out));
                t.condition().kwargs().forEach(q -> walk(q, out));
            } else if (s instanceof Step.PrefetchRelated p) {
                p.lookups().stream().filter(l -> l.queryset() != null).forEach(l -> walk(l.queryset(), out));
            } else if (s instanceof Step.Combine c) {
                c.others().forEach(o -> walk(o, out));
            } else if (s instanceof Step.Create c) {
                c.objects().forEach(m -> m.values().forEach(e -> walk(e, out)));
            } else if (s instanceof Step.OrderBy o) {
                o.items().forEach(e -> walk(e, out));
            }
        }
    }

    private static void walk(Q q, Map<String, Expression.Param> out) {
        if (q instanceof Q.Lookup l) {
            walk(l.value(), out);
        } else if (q instanceof Q.ExpressionCondition ec) {
            walk(ec.expression(), out);
        } else if (q instanceof Q.Node n) {
            n.children().forEach(c -> walk(c, out));
        }
    }

    private static void walk(Expression e, Map<String, Expression.Param> out) {
        if (e instanceof Expression.Param p) {
            Expression.Param seen = out.get(p.name());
            if (seen == null || p.optional() && !seen.optional()) {
                out.put(p.name(), p);
            }
        } else if (e instanceof Expression.Value v && v.value() instanceof java.util.List<?> list) {
            list.stream().filter(o -> o instanceof Expression).forEach(o -> walk((Expression) o, out));
        } else if (e instanceof Expression.Combined c) {
            walk(c.left(), out);
            walk(c.right(), out);
        } else if (e instanceof Expression.Negated n) {
            walk(n.operand(), out);
        } else if (e instanceof Expression.Func f) {
            f.args().forEach(a -> walk(a, out));
        } else if (e instanceof Expression.Aggregate a) {
            walk(a.argument(), out);
            if (a.filter() != null) {
                walk(a.filter(), out);
            }
        } else if (e instanceof Expression.Case c) {
            c.whens().forEach(w -> walk(w, out));
            if (c.defaultValue() != null) {
                walk(c.defaultValue(), out);
            }
        } else if (e instanceof Expression.When w) {
            walk(w.condition(), out);
            walk(w.then(), out);
        } else if (e instanceof Expression.Wrapper w) {
            walk(w.expression(), out);
        } else if (e instanceof Expression.Subquery s) {
            walk(s.query(), out);
        } else if (e instanceof Expression.Exists x) {
            walk(x.query(), out);
        } else if (e instanceof Expression.QueryValue qv) {
            walk(qv.query(), out);
        } else if (e instanceof Expression.Condition c) {
            walk(c.q(), out);
        } else if (e instanceof Expression.OrderBy o && o.expression() != null) {
            walk(o.expression(), out);
        }
    }
}
