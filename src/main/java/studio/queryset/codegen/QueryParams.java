package studio.queryset.codegen;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import studio.queryset.query.Expression;
import studio.queryset.query.ExpressionWalk;
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
            ExpressionWalk.StepParts parts = ExpressionWalk.parts(s);
            boolean leavesOut = main && (s instanceof Step.Filter
                    || s instanceof Step.Terminal t && t.method().equals("get"));
            parts.conditions().forEach(q -> condition(q, leavesOut));
            parts.expressions().forEach(this::expr);
            parts.querysets().forEach(o -> queryset(o, false));
        }
    }

    /** {@code leavesOut}: a lookup of this condition tree whose whole value is a Param may be left out. */
    private void condition(Q q, boolean leavesOut) {
        if (q instanceof Q.Node n) {
            n.children().forEach(c -> condition(c, leavesOut));
        } else if (q instanceof Q.Lookup l && l.value() instanceof Expression.Param p) {
            add(p, leavesOut);
        } else {
            ExpressionWalk.each(q, this::visit, x -> { });
        }
    }

    private void expr(Expression e) {
        ExpressionWalk.each(e, this::visit, x -> { });
    }

    private void visit(Expression e) {
        if (e instanceof Expression.Param p) {
            add(p, false);
        }
        QuerySet nested = e.nestedQuery();
        if (nested != null) {
            queryset(nested, false);
        }
    }
}
