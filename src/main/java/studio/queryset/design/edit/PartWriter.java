package studio.queryset.design.edit;

import studio.queryset.query.Segment;
import studio.queryset.query.NodePath;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import studio.queryset.query.Segment.Fixed;
import studio.queryset.query.Segment.Part;
import studio.queryset.query.Expression;
import studio.queryset.query.Prefetch;
import studio.queryset.query.Q;
import studio.queryset.query.QueryException;
import studio.queryset.query.QuerySet;
import studio.queryset.query.Step;

/**
 * Rebuilding a query-model object with one part replaced, removed or inserted, for {@link QueryLens}: the checks
 * that keep the result valid Django (and in Django's canonical form) live here.
 */
final class PartWriter {
    private PartWriter() {
    }

    /** {@code at} with the part under {@code seg} replaced by {@code v}. */
    static Object with(Object at, Segment seg, Object v, NodePath path) {
        if (v == null) {
            throw new QueryException("TypeError", "node " + path + ": nothing to put at ." + seg.print()
                    + "; to take a part away, delete it");
        }
        if (seg instanceof Segment.Source) {
            return withQuery(at, as(v, QuerySet.class, path), path);
        }
        if (seg instanceof Segment.StepAt s) {
            QuerySet q = PartReader.queryOf(at, path);
            List<Step> steps = new ArrayList<>(q.steps());
            steps.set(s.index(), as(v, Step.class, path));
            return withQuery(at, checkTerminals(new QuerySet(q.model(), steps), path), path);
        }
        if (at instanceof Q.ExpressionCondition ec) {
            return new Q.ExpressionCondition(as(with(ec.expression(), seg, v, path), Expression.class, path));
        }
        if (seg instanceof Segment.Arg a) {
            Step.Filter f = PartReader.filterOf(at, seg, path);
            List<Q> args = new ArrayList<>(f.args());
            args.set(a.index(), asCondition(v, path));
            return withFilter(at, new Step.Filter(args, f.kwargs(), f.exclude()));
        }
        if (seg instanceof Segment.Kwarg k) {
            Step.Filter f = PartReader.filterOf(at, seg, path);
            Q q = asQ(v, path);
            if (!(q instanceof Q.Lookup l)) {
                throw new QueryException("TypeError", "node " + path + ": a keyword argument is one lookup "
                        + "(path=value), not " + PartReader.describe(q)
                        + "; put a Q group into the Q arguments instead");
            }
            List<Q.Lookup> kwargs = new ArrayList<>(f.kwargs());
            kwargs.set(k.index(), l);
            return withFilter(at, new Step.Filter(f.args(), checkKeywords(kwargs, at, path), f.exclude()));
        }
        if (seg instanceof Segment.QChild c && at instanceof Q.Node n) {
            List<Q> kids = new ArrayList<>(n.children());
            kids.set(c.index(), asQ(v, path));
            return new Q.Node(n.connector(), n.negated(), kids);
        }
        if (seg instanceof Segment.Named n) {
            Map<String, Expression> named = new LinkedHashMap<>(PartReader.named(at, seg, path));
            named.put(n.alias(), as(v, Expression.class, path));
            return withNamed(at, named);
        }
        if (seg instanceof Segment.Positional p) {
            List<Expression> pos = new ArrayList<>(PartReader.positional(at, seg, path));
            pos.set(p.index(), as(v, Expression.class, path));
            return withPositional(at, pos);
        }
        if (seg instanceof Segment.PrefetchItem f && at instanceof Step.PrefetchRelated pr) {
            List<Prefetch> items = new ArrayList<>(pr.lookups());
            items.set(f.index(), as(v, Prefetch.class, path));
            return new Step.PrefetchRelated(items);
        }
        if (seg instanceof Segment.CombinedPart o && at instanceof Step.Combine c) {
            List<QuerySet> others = new ArrayList<>(c.others());
            others.set(o.index(), as(v, QuerySet.class, path));
            return new Step.Combine(c.method(), others, c.all());
        }
        if (seg instanceof Segment.FuncArg x && at instanceof Expression.Func f) {
            List<Expression> args = new ArrayList<>(f.args());
            args.set(x.index(), as(v, Expression.class, path));
            return new Expression.Func(f.name(), args, f.options());
        }
        if (seg instanceof Segment.WhenAt w && at instanceof Expression.Case c) {
            List<Expression.When> whens = new ArrayList<>(c.whens());
            whens.set(w.index(), as(v, Expression.When.class, path));
            return new Expression.Case(whens, c.defaultValue(), c.outputField());
        }
        if (seg instanceof Fixed f) {
            Object out = withFixed(at, f.part(), v, path);
            if (out != null) {
                return out;
            }
        }
        throw PartReader.noPart(at, seg, path);
    }

    static Object withFixed(Object at, Part part, Object v, NodePath path) {
        switch (part) {
            case LOOKUP_QUERY:
            case LOOKUP_VALUE:
                return at instanceof Q.Lookup l ? new Q.Lookup(l.path(), as(v, Expression.class, path)) : null;
            case LEFT:
                return at instanceof Expression.Combined c
                        ? new Expression.Combined(as(v, Expression.class, path), c.operator(), c.right()) : null;
            case RIGHT:
                return at instanceof Expression.Combined c
                        ? new Expression.Combined(c.left(), c.operator(), as(v, Expression.class, path)) : null;
            case INNER:
                if (at instanceof Expression.Negated) {
                    return new Expression.Negated(as(v, Expression.class, path));
                }
                return at instanceof Expression.Wrapper w
                        ? new Expression.Wrapper(as(v, Expression.class, path), w.outputField()) : null;
            case AGGREGATE_ARG:
                return at instanceof Expression.Aggregate a ? new Expression.Aggregate(a.function(),
                        as(v, Expression.class, path), a.distinct(), a.filter(), a.defaultValue(), a.options()) : null;
            case AGGREGATE_FILTER:
                return at instanceof Expression.Aggregate a ? new Expression.Aggregate(a.function(), a.argument(),
                        a.distinct(), asCondition(v, path), a.defaultValue(), a.options()) : null;
            case DEFAULT:
                return at instanceof Expression.Case c
                        ? new Expression.Case(c.whens(), as(v, Expression.class, path), c.outputField()) : null;
            case CONDITION:
                if (at instanceof Expression.When w) {
                    Q cond = asCondition(v, path);
                    if (cond instanceof Q.Node n && n.children().isEmpty()) {
                        throw new QueryException("ValueError", "node " + path + ": An empty Q() can't be used as a "
                                + "When() condition. Delete the When instead, or give it a condition");
                    }
                    return new Expression.When(cond, w.then());
                }
                return at instanceof Expression.Condition ? new Expression.Condition(asCondition(v, path)) : null;
            case THEN:
                return at instanceof Expression.When w
                        ? new Expression.When(w.condition(), as(v, Expression.class, path)) : null;
            default:
                return null;
        }
    }

    /** {@code at} without the part under {@code seg}; an error says what to delete instead when that is invalid. */
    static Object without(Object at, Segment seg, NodePath path, int i) {
        PartReader.child(at, seg, path, i); // the part must exist
        if (at instanceof Q.ExpressionCondition ec && !(seg instanceof Segment.StepAt)) {
            return new Q.ExpressionCondition(as(without(ec.expression(), seg, path, i), Expression.class, path));
        }
        if (seg instanceof Segment.StepAt s) {
            QuerySet q = PartReader.queryOf(at, path);
            List<Step> steps = new ArrayList<>(q.steps());
            steps.remove(s.index());
            return withQuery(at, new QuerySet(q.model(), steps), path);
        }
        if (seg instanceof Segment.Source) {
            throw new QueryException("TypeError", "node " + path + ": a pipeline starts at its source; delete "
                    + (path.frame() == null ? "its steps" : "the nested queryset " + path.frame()) + " instead");
        }
        if (seg instanceof Segment.Arg a) {
            Step.Filter f = PartReader.filterOf(at, seg, path);
            List<Q> args = new ArrayList<>(f.args());
            args.remove(a.index());
            return withFilter(at, new Step.Filter(args, f.kwargs(), f.exclude()));
        }
        if (seg instanceof Segment.Kwarg k) {
            Step.Filter f = PartReader.filterOf(at, seg, path);
            List<Q.Lookup> kwargs = new ArrayList<>(f.kwargs());
            kwargs.remove(k.index());
            return withFilter(at, new Step.Filter(f.args(), kwargs, f.exclude()));
        }
        if (seg instanceof Segment.QChild c && at instanceof Q.Node n) {
            List<Q> kids = new ArrayList<>(n.children());
            kids.remove(c.index());
            // with one child (or none) AND and OR read the same, and Django text writes it as Q(a=1): AND
            return new Q.Node(kids.size() < 2 ? Q.Connector.AND : n.connector(), n.negated(), kids);
        }
        if (seg instanceof Segment.Named n) {
            Map<String, Expression> named = new LinkedHashMap<>(PartReader.named(at, seg, path));
            named.remove(n.alias());
            return withNamed(at, named);
        }
        if (seg instanceof Segment.Positional p) {
            List<Expression> pos = new ArrayList<>(PartReader.positional(at, seg, path));
            pos.remove(p.index());
            return withPositional(at, pos);
        }
        if (seg instanceof Segment.PrefetchItem f && at instanceof Step.PrefetchRelated pr) {
            List<Prefetch> items = new ArrayList<>(pr.lookups());
            items.remove(f.index());
            return new Step.PrefetchRelated(items);
        }
        if (seg instanceof Segment.CombinedPart o && at instanceof Step.Combine c) {
            List<QuerySet> others = new ArrayList<>(c.others());
            others.remove(o.index());
            return new Step.Combine(c.method(), others, c.all());
        }
        if (seg instanceof Segment.FuncArg x && at instanceof Expression.Func f) {
            List<Expression> args = new ArrayList<>(f.args());
            args.remove(x.index());
            return new Expression.Func(f.name(), args, f.options());
        }
        if (seg instanceof Segment.WhenAt w && at instanceof Expression.Case c) {
            if (c.whens().size() == 1) {
                throw new QueryException("TypeError", "node " + path + ": Case() needs at least one When; delete "
                        + "the Case instead");
            }
            List<Expression.When> whens = new ArrayList<>(c.whens());
            whens.remove(w.index());
            return new Expression.Case(whens, c.defaultValue(), c.outputField());
        }
        if (seg instanceof Fixed f && f.part() == Part.AGGREGATE_FILTER && at instanceof Expression.Aggregate a) {
            return new Expression.Aggregate(a.function(), a.argument(), a.distinct(), null, a.defaultValue(),
                    a.options());
        }
        if (seg instanceof Fixed f && f.part() == Part.DEFAULT && at instanceof Expression.Case c) {
            return new Expression.Case(c.whens(), null, c.outputField());
        }
        throw new QueryException("TypeError", "node " + path + ": " + required(at, ((Fixed) seg).part()));
    }

    /** Why a single part cannot go, and what to do instead. */
    static String required(Object at, Part part) {
        switch (part) {
            case LOOKUP_QUERY:
            case LOOKUP_VALUE:
                return "a lookup needs a value: give it another one, or delete the lookup";
            case LEFT:
            case RIGHT:
                return "arithmetic needs both operands: replace this one, or delete the whole expression";
            case INNER:
                return at instanceof Expression.Negated ? "delete the negation instead"
                        : "delete the ExpressionWrapper instead";
            case AGGREGATE_ARG:
                return PartReader.describe(at) + " needs an argument: replace it, or delete the aggregate";
            case CONDITION:
                return at instanceof Expression.When ? "When() needs a condition: edit it, or delete the When"
                        : "a condition cannot be empty: edit it instead";
            case THEN:
                return "When() needs then=...: replace it, or delete the When";
            default:
                return PartReader.describe(at) + " needs this part: replace it instead";
        }
    }

    static Object inserting(Object at, Segment seg, Object v, NodePath path) {
        if (at instanceof Q.ExpressionCondition ec && !(seg instanceof Segment.StepAt)) {
            return new Q.ExpressionCondition(as(inserting(ec.expression(), seg, v, path), Expression.class, path));
        }
        if (seg instanceof Segment.Named n) {
            Map<String, Expression> named = new LinkedHashMap<>(PartReader.named(at, seg, path));
            if (named.containsKey(n.alias())) {
                throw new QueryException("SyntaxError", "keyword argument repeated: " + n.alias() + " (in "
                        + PartReader.method(at) + "() at " + path.parent() + "); pick another name");
            }
            named.put(n.alias(), as(v, Expression.class, path));
            return withNamed(at, named);
        }
        if (!(seg instanceof Segment.Indexed ix)) {
            throw new QueryException("TypeError", "node " + path + ": ." + seg.print() + " is a single part, not "
                    + "a list position; replace it instead");
        }
        int k = ix.index();
        if (seg instanceof Segment.StepAt) {
            QuerySet q = PartReader.queryOf(at, path);
            List<Step> steps = new ArrayList<>(q.steps());
            steps.add(insertIndex(k, steps.size(), path), as(v, Step.class, path));
            return withQuery(at, checkTerminals(new QuerySet(q.model(), steps), path), path);
        }
        if (seg instanceof Segment.Arg) {
            Step.Filter f = PartReader.filterOf(at, seg, path);
            List<Q> args = new ArrayList<>(f.args());
            args.add(insertIndex(k, args.size(), path), asCondition(v, path));
            return withFilter(at, new Step.Filter(args, f.kwargs(), f.exclude()));
        }
        if (seg instanceof Segment.Kwarg) {
            Step.Filter f = PartReader.filterOf(at, seg, path);
            List<Q.Lookup> kwargs = new ArrayList<>(f.kwargs());
            kwargs.add(insertIndex(k, kwargs.size(), path), as(v, Q.Lookup.class, path));
            return withFilter(at, new Step.Filter(f.args(), checkKeywords(kwargs, at, path), f.exclude()));
        }
        if (seg instanceof Segment.QChild && at instanceof Q.Node n) {
            List<Q> kids = new ArrayList<>(n.children());
            kids.add(insertIndex(k, kids.size(), path), asQ(v, path));
            return new Q.Node(n.connector(), n.negated(), kids);
        }
        if (seg instanceof Segment.Positional) {
            List<Expression> pos = new ArrayList<>(PartReader.positional(at, seg, path));
            pos.add(insertIndex(k, pos.size(), path), as(v, Expression.class, path));
            return withPositional(at, pos);
        }
        if (seg instanceof Segment.PrefetchItem && at instanceof Step.PrefetchRelated pr) {
            List<Prefetch> items = new ArrayList<>(pr.lookups());
            items.add(insertIndex(k, items.size(), path), as(v, Prefetch.class, path));
            return new Step.PrefetchRelated(items);
        }
        if (seg instanceof Segment.CombinedPart && at instanceof Step.Combine c) {
            List<QuerySet> others = new ArrayList<>(c.others());
            others.add(insertIndex(k, others.size(), path), as(v, QuerySet.class, path));
            return new Step.Combine(c.method(), others, c.all());
        }
        if (seg instanceof Segment.FuncArg && at instanceof Expression.Func f) {
            List<Expression> args = new ArrayList<>(f.args());
            args.add(insertIndex(k, args.size(), path), as(v, Expression.class, path));
            return new Expression.Func(f.name(), args, f.options());
        }
        if (seg instanceof Segment.WhenAt && at instanceof Expression.Case c) {
            List<Expression.When> whens = new ArrayList<>(c.whens());
            whens.add(insertIndex(k, whens.size(), path), as(v, Expression.When.class, path));
            return new Expression.Case(whens, c.defaultValue(), c.outputField());
        }
        throw PartReader.noPart(at, seg, path);
    }

    static Object withQuery(Object at, QuerySet q, NodePath path) {
        if (at instanceof QuerySet) {
            return q;
        }
        if (at instanceof Q.ExpressionCondition ec) {
            return new Q.ExpressionCondition((Expression) withQuery(ec.expression(), q, path));
        }
        if (at instanceof Expression.Subquery) {
            return new Expression.Subquery(q);
        }
        if (at instanceof Expression.Exists) {
            return new Expression.Exists(q);
        }
        if (at instanceof Expression.QueryValue) {
            return new Expression.QueryValue(q);
        }
        if (at instanceof Expression.Evaluated v) {
            return new Expression.Evaluated(q, v.taken());
        }
        if (at instanceof Prefetch p) {
            return new Prefetch(p.lookup(), q, p.toAttr(), p.plain());
        }
        throw new QueryException("IndexError", "node " + path + ": " + PartReader.describe(at)
                + " holds no nested queryset");
    }

    /** Keyword lookups are Python keyword arguments: one call cannot repeat a path. */
    static List<Q.Lookup> checkKeywords(List<Q.Lookup> kwargs, Object at, NodePath path) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Q.Lookup l : kwargs) {
            if (!seen.add(l.path())) {
                throw new QueryException("SyntaxError", "keyword argument repeated: " + l.path() + " (in "
                        + PartReader.method(at) + "() at " + path.parent()
                        + "); put the second one in a Q(...) argument");
            }
        }
        return kwargs;
    }

    /** A terminal step (count(), get(), update()...) evaluates the queryset, so it can only be last. */
    static QuerySet checkTerminals(QuerySet q, NodePath path) {
        for (int i = 0; i < q.steps().size() - 1; i++) {
            if (q.steps().get(i).terminal()) {
                throw new QueryException("TypeError", "node " + path + ": " + q.steps().get(i).method()
                        + "() evaluates the queryset, so it must be the last step");
            }
        }
        return q;
    }

    static Object withFilter(Object at, Step.Filter f) {
        if (at instanceof Step.Terminal t) {
            return new Step.Terminal(t.method(), f, t.fields());
        }
        return f;
    }

    static Object withNamed(Object at, Map<String, Expression> named) {
        if (at instanceof Step.Annotate a) {
            return new Step.Annotate(a.positional(), named, a.alias());
        }
        if (at instanceof Step.Aggregate a) {
            return new Step.Aggregate(a.positional(), named);
        }
        return new Step.Update(named);
    }

    static Object withPositional(Object at, List<Expression> pos) {
        if (at instanceof Step.Annotate a) {
            return new Step.Annotate(pos, a.named(), a.alias());
        }
        Step.Aggregate a = (Step.Aggregate) at;
        return new Step.Aggregate(pos, a.named());
    }

    static int insertIndex(int k, int size, NodePath path) {
        if (k > size) {
            throw new QueryException("IndexError", "node " + path + ": cannot insert at position " + k + " of a list "
                    + "of " + size + "; valid are 0 to " + size);
        }
        return k;
    }

    static <T> T as(Object v, Class<T> type, NodePath path) {
        if (!type.isInstance(v)) {
            throw new QueryException("TypeError", "node " + path + " takes " + PartReader.article(type.getSimpleName())
                    + ", not " + PartReader.describe(v));
        }
        return type.cast(v);
    }

    /** A Q slot takes a Q, or a boolean expression (Exists(...), a Q-valued expression) as its condition. */
    static Q asQ(Object v, NodePath path) {
        if (v instanceof Q q) {
            return q;
        }
        if (v instanceof Expression e) {
            return new Q.ExpressionCondition(e);
        }
        throw new QueryException("TypeError", "node " + path + " takes a condition (Q, a lookup or Exists(...)), "
                + "not " + PartReader.describe(v));
    }

    /**
     * A whole condition (a Q argument, a When's or an aggregate's filter): a lookup there is written Q(a=1), which
     * Django text reads back as a group of one, so it is stored as one.
     */
    static Q asCondition(Object v, NodePath path) {
        Q q = asQ(v, path);
        return q instanceof Q.Lookup ? Q.and(List.of(q)) : q;
    }
}
