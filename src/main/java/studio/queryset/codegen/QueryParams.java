package studio.queryset.codegen;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import studio.queryset.query.Expression;
import studio.queryset.query.Prefetch;
import studio.queryset.query.Q;
import studio.queryset.query.QuerySet;
import studio.queryset.query.Step;

/**
 * The named {@code Param}s of a query, which the generators turn into arguments. An optional Param
 * ({@code Param("author", optional=True)}) must be the whole value of a lookup in a filter(), exclude() or get()
 * of the query itself: that lookup is what the generated code leaves out when the argument is null (the
 * tutorial's {@code if author: filters &= Q(author=author)}).
 */
final class QueryParams {
    /** One Param of the query: its name and whether it may be left out. */
    record Param(String name, boolean optional) {
    }

    private final Map<String, Param> params = new LinkedHashMap<>();
    private final List<String> misplaced = new ArrayList<>();

    private QueryParams() {
    }

    /** The Params of {@code qs}, checked: required ones first, then optional ones, each in order of appearance. */
    static List<Param> of(QuerySet qs) {
        QueryParams p = new QueryParams();
        p.queryset(qs, true);
        if (!p.misplaced.isEmpty()) {
            throw new CodegenException("Param(\"" + p.misplaced.get(0) + "\", optional=True) must be the whole value "
                    + "of a lookup in filter(), exclude() or get() of the query itself (as in filter(author=Param("
                    + "\"author\", optional=True))): that lookup is what is left out when no value is given. Make it "
                    + "required there.");
        }
        List<Param> out = new ArrayList<>();
        p.params.values().stream().filter(x -> !x.optional()).forEach(out::add);
        p.params.values().stream().filter(Param::optional).forEach(out::add);
        return out;
    }

    static List<String> optionalNames(List<Param> params) {
        return params.stream().filter(Param::optional).map(Param::name).toList();
    }

    private void add(Expression.Param param, boolean lookupValue) {
        Param existing = params.get(param.name());
        if (existing != null && existing.optional() != param.optional()) {
            throw new CodegenException("Param(\"" + param.name() + "\") is optional in one place and required in "
                    + "another; write it the same way everywhere");
        }
        params.putIfAbsent(param.name(), new Param(param.name(), param.optional()));
        if (param.optional() && !lookupValue && !misplaced.contains(param.name())) {
            misplaced.add(param.name());
        }
    }

    private void queryset(QuerySet qs, boolean main) {
        for (Step s : qs.steps()) {
            step(s, main);
        }
    }

    private void step(Step s, boolean main) {
        if (s instanceof Step.Filter f) {
            filter(f, main);
        } else if (s instanceof Step.Annotate a) {
            a.positional().forEach(this::expr);
            a.named().values().forEach(this::expr);
        } else if (s instanceof Step.OrderBy o) {
            o.items().forEach(this::expr);
        } else if (s instanceof Step.Values v) {
            v.expressions().values().forEach(this::expr);
        } else if (s instanceof Step.PrefetchRelated pr) {
            for (Prefetch p : pr.lookups()) {
                if (p.queryset() != null) {
                    queryset(p.queryset(), false);
                }
            }
        } else if (s instanceof Step.Combine c) {
            c.others().forEach(o -> queryset(o, false));
        } else if (s instanceof Step.Terminal t) {
            if (t.condition() != null) {
                filter(t.condition(), main && t.method().equals("get"));
            }
        } else if (s instanceof Step.Aggregate a) {
            a.positional().forEach(this::expr);
            a.named().values().forEach(this::expr);
        } else if (s instanceof Step.Update u) {
            u.values().values().forEach(this::expr);
        } else if (s instanceof Step.Raw r) {
            r.params().forEach(this::expr);
        }
    }

    private void filter(Step.Filter f, boolean main) {
        f.args().forEach(q -> q(q, main));
        f.kwargs().forEach(q -> q(q, main));
    }

    private void q(Q q, boolean main) {
        if (q instanceof Q.Lookup l) {
            if (l.value() instanceof Expression.Param p) {
                add(p, main);
            } else {
                expr(l.value());
            }
        } else if (q instanceof Q.ExpressionCondition ec) {
            expr(ec.expression());
        } else if (q instanceof Q.Node n) {
            n.children().forEach(c -> q(c, main));
        }
    }

    private void expr(Expression e) {
        if (e instanceof Expression.Param p) {
            add(p, false);
        } else if (e instanceof Expression.Value v) {
            if (v.value() instanceof List<?> items) {
                for (Object o : items) {
                    if (o instanceof Expression x) {
                        expr(x);
                    }
                }
            }
        } else if (e instanceof Expression.Combined c) {
            expr(c.left());
            expr(c.right());
        } else if (e instanceof Expression.Negated n) {
            expr(n.operand());
        } else if (e instanceof Expression.Func f) {
            f.args().forEach(this::expr);
        } else if (e instanceof Expression.Aggregate a) {
            expr(a.argument());
            if (a.filter() != null) {
                q(a.filter(), false);
            }
            if (a.defaultValue() != null) {
                expr(a.defaultValue());
            }
        } else if (e instanceof Expression.When w) {
            q(w.condition(), false);
            expr(w.then());
        } else if (e instanceof Expression.Case c) {
            c.whens().forEach(this::expr);
            if (c.defaultValue() != null) {
                expr(c.defaultValue());
            }
        } else if (e instanceof Expression.Wrapper w) {
            expr(w.expression());
        } else if (e instanceof Expression.Subquery s) {
            queryset(s.query(), false);
        } else if (e instanceof Expression.Exists x) {
            queryset(x.query(), false);
        } else if (e instanceof Expression.QueryValue qv) {
            queryset(qv.query(), false);
        } else if (e instanceof Expression.Condition c) {
            q(c.q(), false);
        } else if (e instanceof Expression.OrderBy o && o.expression() != null) {
            expr(o.expression());
        }
    }
}
