package studio.queryset.query;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * The one walk over the query model: an expression's {@link Expression#children()} and
 * {@link Expression#conditions()}, a condition's lookups and expressions, recursively (Django's
 * {@code get_source_expressions}). A queryset nested in a Subquery, Exists, queryset value or evaluated terminal is a
 * query of its own: {@link #each} does not enter it, {@link #everywhere} does.
 */
public final class ExpressionWalk {
    private ExpressionWalk() {
    }

    /** Visits {@code e} and everything under it in the same query, parents first. */
    public static void each(Expression e, Consumer<Expression> onExpr, Consumer<Q> onQ) {
        if (e == null) {
            return;
        }
        onExpr.accept(e);
        e.children().forEach(c -> each(c, onExpr, onQ));
        e.conditions().forEach(q -> each(q, onExpr, onQ));
    }

    /** Visits {@code q}, its children and the expressions in its lookups, in the same query. */
    public static void each(Q q, Consumer<Expression> onExpr, Consumer<Q> onQ) {
        if (q == null) {
            return;
        }
        onQ.accept(q);
        if (q instanceof Q.Node n) {
            n.children().forEach(c -> each(c, onExpr, onQ));
        } else if (q instanceof Q.Lookup l) {
            each(l.value(), onExpr, onQ);
        } else if (q instanceof Q.ExpressionCondition c) {
            each(c.expression(), onExpr, onQ);
        }
    }

    /** Visits every expression under {@code e} in the same query, conditions' values included. */
    public static void each(Expression e, Consumer<Expression> onExpr) {
        each(e, onExpr, q -> { });
    }

    /**
     * Whether {@code e} or anything under it in the same query passes {@code test}; below a node that
     * {@code opaque} accepts nothing is looked at (a Window hides the aggregate it computes, as in Django).
     */
    public static boolean any(Expression e, Predicate<Expression> test, Predicate<Expression> opaque) {
        if (e == null) {
            return false;
        }
        if (test.test(e)) {
            return true;
        }
        if (opaque.test(e)) {
            return false;
        }
        return e.children().stream().anyMatch(c -> any(c, test, opaque))
                || e.conditions().stream().anyMatch(q -> any(q, test, opaque));
    }

    /** {@link #any(Expression, Predicate, Predicate)} over the expressions of a condition. */
    public static boolean any(Q q, Predicate<Expression> test, Predicate<Expression> opaque) {
        if (q instanceof Q.Node n) {
            return n.children().stream().anyMatch(c -> any(c, test, opaque));
        }
        if (q instanceof Q.Lookup l) {
            return any(l.value(), test, opaque);
        }
        return q instanceof Q.ExpressionCondition c && any(c.expression(), test, opaque);
    }

    /** Django's {@code contains_aggregate}: an aggregate anywhere under it, a Window's own aside. */
    public static boolean containsAggregate(Expression e) {
        return any(e, x -> x instanceof Expression.Aggregate, x -> x instanceof Expression.Window);
    }

    /** Django's {@code contains_over_clause}: a Window anywhere under it in the same query. */
    public static boolean containsWindow(Expression e) {
        return any(e, x -> x instanceof Expression.Window, x -> false);
    }

    /** {@link #containsWindow(Expression)} for the values of a condition. */
    public static boolean containsWindow(Q q) {
        return any(q, x -> x instanceof Expression.Window, x -> false);
    }

    /**
     * Visits every expression and condition of {@code qs}, its steps in order, and of every queryset nested in it
     * (Subquery, Exists, queryset values, Prefetch querysets, the other parts of a union); {@code onQuery} is told
     * of each nested queryset before its parts are visited.
     */
    public static void everywhere(QuerySet qs, Consumer<Expression> onExpr, Consumer<Q> onQ,
                                  Consumer<QuerySet> onQuery) {
        Consumer<Expression> deep = new Consumer<>() {
            @Override
            public void accept(Expression x) {
                onExpr.accept(x);
                QuerySet nested = x.nestedQuery();
                if (nested != null) {
                    onQuery.accept(nested);
                    everywhere(nested, onExpr, onQ, onQuery);
                }
            }
        };
        for (Step s : qs.steps()) {
            StepParts parts = parts(s);
            parts.expressions().forEach(e -> each(e, deep, onQ));
            parts.conditions().forEach(q -> each(q, deep, onQ));
            for (QuerySet nested : parts.querysets()) {
                onQuery.accept(nested);
                everywhere(nested, onExpr, onQ, onQuery);
            }
        }
    }

    /**
     * {@code e} rebuilt with each child, condition and nested queryset replaced by what the functions give (Django's
     * set_source_expressions): a transformation walks with it, recursing through its own functions.
     */
    public static Expression rebuild(Expression e, UnaryOperator<Expression> child, UnaryOperator<Q> condition,
                                     UnaryOperator<QuerySet> nested) {
        UnaryOperator<Expression> opt = x -> x == null ? null : child.apply(x);
        if (e instanceof Expression.Value v && v.value() instanceof Expression.Evaluated ev) {
            Expression done = child.apply(ev);
            if (done instanceof Expression.Value r) { // the terminal's result takes its place: Value(result, ...)
                return new Expression.Value(r.value(), v.outputField());
            }
            if (done instanceof Expression.Evaluated) {
                return new Expression.Value(done, v.outputField());
            }
            // a stand-in for the value (a placeholder) keeps the output_field the Value gave it
            return v.outputField() == null ? done : new Expression.Wrapper(done, v.outputField());
        }
        if (e instanceof Expression.Value v && v.value() instanceof List<?> items
                && items.stream().anyMatch(Expression.class::isInstance)) {
            List<Object> out = new ArrayList<>();
            items.forEach(i -> out.add(i instanceof Expression x ? child.apply(x) : i));
            return new Expression.Value(out, v.outputField());
        }
        if (e instanceof Expression.Combined c) {
            return new Expression.Combined(child.apply(c.left()), c.operator(), child.apply(c.right()));
        }
        if (e instanceof Expression.Negated n) {
            return new Expression.Negated(child.apply(n.operand()));
        }
        if (e instanceof Expression.Func f) {
            return new Expression.Func(f.name(), map(f.args(), child), f.options());
        }
        if (e instanceof Expression.Aggregate a) {
            return new Expression.Aggregate(a.function(), opt.apply(a.argument()), a.distinct(),
                    a.filter() == null ? null : condition.apply(a.filter()), opt.apply(a.defaultValue()), a.options());
        }
        if (e instanceof Expression.When w) {
            return new Expression.When(condition.apply(w.condition()), child.apply(w.then()));
        }
        if (e instanceof Expression.Case c) {
            List<Expression.When> whens = new ArrayList<>();
            c.whens().forEach(w -> whens.add((Expression.When) child.apply(w)));
            return new Expression.Case(whens, opt.apply(c.defaultValue()), c.outputField());
        }
        if (e instanceof Expression.Wrapper w) {
            return new Expression.Wrapper(child.apply(w.expression()), w.outputField());
        }
        if (e instanceof Expression.Subquery s) {
            return new Expression.Subquery(nested.apply(s.query()));
        }
        if (e instanceof Expression.Exists x) {
            return new Expression.Exists(nested.apply(x.query()));
        }
        if (e instanceof Expression.QueryValue qv) {
            return new Expression.QueryValue(nested.apply(qv.query()));
        }
        if (e instanceof Expression.Evaluated ev) {
            return new Expression.Evaluated(nested.apply(ev.query()), ev.taken());
        }
        if (e instanceof Expression.Condition c) {
            return new Expression.Condition(condition.apply(c.q()));
        }
        if (e instanceof Expression.OrderBy o && o.expression() != null) {
            return new Expression.OrderBy(child.apply(o.expression()), o.descending(), o.nullsFirst(), o.nullsLast(),
                    o.fromText());
        }
        if (e instanceof Expression.Window w) {
            return new Expression.Window(child.apply(w.expression()), map(w.partitionBy(), child),
                    map(w.orderBy(), child), w.frame());
        }
        return e;
    }

    private static List<Expression> map(List<Expression> list, UnaryOperator<Expression> f) {
        List<Expression> out = new ArrayList<>();
        list.forEach(x -> out.add(f.apply(x)));
        return out;
    }

    /** The top-level parts of one step: its expressions, its conditions and the querysets it holds. */
    public record StepParts(List<Expression> expressions, List<Q> conditions, List<QuerySet> querysets) {
    }

    /** The top-level expressions, conditions and querysets a step holds. */
    public static StepParts parts(Step s) {
        List<Expression> exprs = new ArrayList<>();
        List<Q> conds = new ArrayList<>();
        List<QuerySet> sets = new ArrayList<>();
        if (s instanceof Step.Filter f) {
            conds.addAll(f.args());
            conds.addAll(f.kwargs());
        } else if (s instanceof Step.Annotate a) {
            exprs.addAll(a.positional());
            exprs.addAll(a.named().values());
        } else if (s instanceof Step.Aggregate a) {
            exprs.addAll(a.positional());
            exprs.addAll(a.named().values());
        } else if (s instanceof Step.Values v) {
            exprs.addAll(v.expressions().values());
        } else if (s instanceof Step.Update u) {
            exprs.addAll(u.values().values());
        } else if (s instanceof Step.Terminal t && t.condition() != null) {
            conds.addAll(t.condition().args());
            conds.addAll(t.condition().kwargs());
        } else if (s instanceof Step.PrefetchRelated p) {
            p.lookups().stream().filter(l -> l.queryset() != null).forEach(l -> sets.add(l.queryset()));
        } else if (s instanceof Step.Combine c) {
            sets.addAll(c.others());
        } else if (s instanceof Step.Create c) {
            c.objects().forEach(m -> exprs.addAll(m.values()));
        } else if (s instanceof Step.OrderBy o) {
            exprs.addAll(o.items());
        } else if (s instanceof Step.Raw r) {
            exprs.addAll(r.params());
        }
        return new StepParts(exprs, conds, sets);
    }
}
