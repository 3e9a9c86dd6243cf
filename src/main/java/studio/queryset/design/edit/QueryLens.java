package studio.queryset.design.edit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import studio.queryset.design.edit.Segment.Fixed;
import studio.queryset.design.edit.Segment.Part;
import studio.queryset.query.Expression;
import studio.queryset.query.Prefetch;
import studio.queryset.query.Q;
import studio.queryset.query.QueryException;
import studio.queryset.query.QuerySet;
import studio.queryset.query.Step;

/**
 * Gets, sets, removes and inserts the part of a QuerySet at a {@link NodePath}: the only code that walks into
 * steps, Q trees, expressions and nested querysets. Parts are the query model's own objects: a {@link QuerySet}
 * (a source), {@link Step}, {@link Q}, {@link Expression} or {@link Prefetch}. Everything is immutable, so each
 * change rebuilds the path from the root and leaves every other part as it was (the same objects).
 *
 * <p>A boolean expression used as a condition ({@code filter(Exists(...))}) is a {@link Q.ExpressionCondition};
 * its node shows the expression, so expression segments and pipeline segments walk through it.
 */
public final class QueryLens {
    private QueryLens() {
    }

    /** The part at {@code path}. */
    public static Object get(QuerySet qs, NodePath path) {
        Object at = qs;
        for (int i = 0; i < path.size(); i++) {
            at = child(at, path.segments().get(i), path, i);
        }
        return at;
    }

    /** The part at {@code path} as a {@code type}; the error says what is there instead. */
    public static <T> T get(QuerySet qs, NodePath path, Class<T> type) {
        Object part = get(qs, path);
        if (!type.isInstance(part)) {
            throw new QueryException("TypeError", "node " + path + " is " + describe(part) + ", not "
                    + article(type.getSimpleName()));
        }
        return type.cast(part);
    }

    /** The part at {@code path}, or null when the path names nothing in {@code qs}. */
    public static Object find(QuerySet qs, NodePath path) {
        try {
            return get(qs, path);
        } catch (QueryException e) {
            return null;
        }
    }

    /** The part a node shows: the expression of a boolean-expression condition, else the part itself. */
    public static Object shown(QuerySet qs, NodePath path) {
        Object p = find(qs, path);
        return p instanceof Q.ExpressionCondition ec ? ec.expression() : p;
    }

    /** {@code qs} with the part at {@code path} replaced by {@code part}. */
    public static QuerySet set(QuerySet qs, NodePath path, Object part) {
        return rewrite(qs, path, (parent, seg, i) -> with(parent, seg, part, path));
    }

    /** {@code qs} with the part at {@code path} replaced by {@code edit} of it. */
    public static QuerySet update(QuerySet qs, NodePath path, UnaryOperator<Object> edit) {
        return rewrite(qs, path, (parent, seg, i) -> with(parent, seg, edit.apply(child(parent, seg, path, i)),
                path));
    }

    /** {@code qs} without the part at {@code path}, where its parent stays valid without it. */
    public static QuerySet remove(QuerySet qs, NodePath path) {
        return rewrite(qs, path, (parent, seg, i) -> without(parent, seg, path, i));
    }

    /**
     * {@code qs} with {@code part} inserted at {@code path}: before the part now at that position of a list
     * (the list's size appends), or as a new named entry.
     */
    public static QuerySet insert(QuerySet qs, NodePath path, Object part) {
        return rewrite(qs, path, (parent, seg, i) -> inserting(parent, seg, part, path));
    }

    /** The nested QuerySet a frame node holds (a Subquery / Exists, a queryset value, a Prefetch, a union part). */
    public static QuerySet pipeline(QuerySet qs, NodePath frame) {
        return frame == null ? qs : queryOf(get(qs, frame), frame);
    }

    /** The pipeline (main or nested) the node at {@code path} is in. */
    public static QuerySet pipelineOf(QuerySet qs, NodePath path) {
        return pipeline(qs, path.frame());
    }

    /** True when the part holds a nested QuerySet whose pipeline the canvas shows. */
    public static boolean holdsQuery(Object part) {
        if (part instanceof Q.ExpressionCondition ec) {
            return holdsQuery(ec.expression());
        }
        return part instanceof QuerySet || part instanceof Expression.Subquery || part instanceof Expression.Exists
                || part instanceof Expression.QueryValue || part instanceof Prefetch p && p.queryset() != null;
    }

    // ---------------------------------------------------------------- walking

    private interface LastStep {
        Object apply(Object parent, Segment last, int index);
    }

    private static QuerySet rewrite(QuerySet qs, NodePath path, LastStep last) {
        Object out = rewrite(qs, path, 0, last);
        if (!(out instanceof QuerySet q)) {
            throw new QueryException("TypeError", "node " + path + ": the query must stay a QuerySet");
        }
        return q;
    }

    private static Object rewrite(Object at, NodePath path, int i, LastStep last) {
        Segment seg = path.segments().get(i);
        if (i == path.size() - 1) {
            return last.apply(at, seg, i);
        }
        Object edited = rewrite(child(at, seg, path, i), path, i + 1, last);
        return with(at, seg, edited, path);
    }

    /** The part under {@code seg} of {@code at}; {@code i} is the segment's place in {@code path}, for messages. */
    private static Object child(Object at, Segment seg, NodePath path, int i) {
        if (seg instanceof Segment.Source) {
            return queryOf(at, path);
        }
        if (seg instanceof Segment.StepAt s) {
            QuerySet q = queryOf(at, path);
            return q.steps().get(index(s, q.steps().size(), "step", q.model() + "'s pipeline", path));
        }
        if (at instanceof Q.ExpressionCondition ec) {
            return child(ec.expression(), seg, path, i);
        }
        if (seg instanceof Segment.Arg a) {
            List<Q> args = filterOf(at, seg, path).args();
            return args.get(index(a, args.size(), "Q argument", method(at) + "()", path));
        }
        if (seg instanceof Segment.Kwarg k) {
            List<Q.Lookup> kwargs = filterOf(at, seg, path).kwargs();
            return kwargs.get(index(k, kwargs.size(), "keyword lookup", method(at) + "()", path));
        }
        if (seg instanceof Segment.QChild c && at instanceof Q.Node n) {
            return n.children().get(index(c, n.children().size(), "condition", "this Q group", path));
        }
        if (seg instanceof Segment.Named n) {
            Map<String, Expression> named = named(at, seg, path);
            Expression e = named.get(n.alias());
            if (e == null) {
                throw new QueryException("IndexError", "node " + path + ": " + method(at) + "() has no '" + n.alias()
                        + "'; it has " + (named.isEmpty() ? "no names" : String.join(", ", named.keySet())));
            }
            return e;
        }
        if (seg instanceof Segment.Positional p) {
            List<Expression> pos = positional(at, seg, path);
            return pos.get(index(p, pos.size(), "positional expression", method(at) + "()", path));
        }
        if (seg instanceof Segment.PrefetchItem f && at instanceof Step.PrefetchRelated pr) {
            return pr.lookups().get(index(f, pr.lookups().size(), "lookup", "prefetch_related()", path));
        }
        if (seg instanceof Segment.CombinedPart o && at instanceof Step.Combine c) {
            return c.others().get(index(o, c.others().size(), "queryset", c.method() + "()", path));
        }
        if (seg instanceof Segment.FuncArg x && at instanceof Expression.Func f) {
            return f.args().get(index(x, f.args().size(), "argument", f.name() + "()", path));
        }
        if (seg instanceof Segment.WhenAt w && at instanceof Expression.Case c) {
            return c.whens().get(index(w, c.whens().size(), "When", "Case()", path));
        }
        if (seg instanceof Fixed f) {
            Object part = fixed(at, f.part());
            if (part != null) {
                return part;
            }
        }
        throw noPart(at, seg, path);
    }

    /** A single-valued part, or null when {@code at} has no such part (or it is empty). */
    private static Object fixed(Object at, Part part) {
        switch (part) {
            case LOOKUP_QUERY:
                return at instanceof Q.Lookup l && (l.value() instanceof Expression.QueryValue
                        || l.value() instanceof Expression.Subquery) ? l.value() : null;
            case LOOKUP_VALUE:
                return at instanceof Q.Lookup l ? l.value() : null;
            case LEFT:
                return at instanceof Expression.Combined c ? c.left() : null;
            case RIGHT:
                return at instanceof Expression.Combined c ? c.right() : null;
            case INNER:
                return at instanceof Expression.Negated n ? n.operand()
                        : at instanceof Expression.Wrapper w ? w.expression() : null;
            case AGGREGATE_ARG:
                return at instanceof Expression.Aggregate a ? a.argument() : null;
            case AGGREGATE_FILTER:
                return at instanceof Expression.Aggregate a ? a.filter() : null;
            case DEFAULT:
                return at instanceof Expression.Case c ? c.defaultValue() : null;
            case CONDITION:
                return at instanceof Expression.When w ? w.condition()
                        : at instanceof Expression.Condition c ? c.q() : null;
            case THEN:
                return at instanceof Expression.When w ? w.then() : null;
            default:
                return null;
        }
    }

    // ---------------------------------------------------------------- rebuilding

    /** {@code at} with the part under {@code seg} replaced by {@code v}. */
    private static Object with(Object at, Segment seg, Object v, NodePath path) {
        if (v == null) {
            throw new QueryException("TypeError", "node " + path + ": nothing to put at ." + seg.print()
                    + "; to take a part away, delete it");
        }
        if (seg instanceof Segment.Source) {
            return withQuery(at, as(v, QuerySet.class, path), path);
        }
        if (seg instanceof Segment.StepAt s) {
            QuerySet q = queryOf(at, path);
            List<Step> steps = new ArrayList<>(q.steps());
            steps.set(s.index(), as(v, Step.class, path));
            return withQuery(at, checkTerminals(new QuerySet(q.model(), steps), path), path);
        }
        if (at instanceof Q.ExpressionCondition ec) {
            return new Q.ExpressionCondition(as(with(ec.expression(), seg, v, path), Expression.class, path));
        }
        if (seg instanceof Segment.Arg a) {
            Step.Filter f = filterOf(at, seg, path);
            List<Q> args = new ArrayList<>(f.args());
            args.set(a.index(), asCondition(v, path));
            return withFilter(at, new Step.Filter(args, f.kwargs(), f.exclude()));
        }
        if (seg instanceof Segment.Kwarg k) {
            Step.Filter f = filterOf(at, seg, path);
            Q q = asQ(v, path);
            if (!(q instanceof Q.Lookup l)) {
                throw new QueryException("TypeError", "node " + path + ": a keyword argument is one lookup "
                        + "(path=value), not " + describe(q) + "; put a Q group into the Q arguments instead");
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
            Map<String, Expression> named = new LinkedHashMap<>(named(at, seg, path));
            named.put(n.alias(), as(v, Expression.class, path));
            return withNamed(at, named);
        }
        if (seg instanceof Segment.Positional p) {
            List<Expression> pos = new ArrayList<>(positional(at, seg, path));
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
        throw noPart(at, seg, path);
    }

    private static Object withFixed(Object at, Part part, Object v, NodePath path) {
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
    private static Object without(Object at, Segment seg, NodePath path, int i) {
        child(at, seg, path, i); // the part must exist
        if (at instanceof Q.ExpressionCondition ec && !(seg instanceof Segment.StepAt)) {
            return new Q.ExpressionCondition(as(without(ec.expression(), seg, path, i), Expression.class, path));
        }
        if (seg instanceof Segment.StepAt s) {
            QuerySet q = queryOf(at, path);
            List<Step> steps = new ArrayList<>(q.steps());
            steps.remove(s.index());
            return withQuery(at, new QuerySet(q.model(), steps), path);
        }
        if (seg instanceof Segment.Source) {
            throw new QueryException("TypeError", "node " + path + ": a pipeline starts at its source; delete "
                    + (path.frame() == null ? "its steps" : "the nested queryset " + path.frame()) + " instead");
        }
        if (seg instanceof Segment.Arg a) {
            Step.Filter f = filterOf(at, seg, path);
            List<Q> args = new ArrayList<>(f.args());
            args.remove(a.index());
            return withFilter(at, new Step.Filter(args, f.kwargs(), f.exclude()));
        }
        if (seg instanceof Segment.Kwarg k) {
            Step.Filter f = filterOf(at, seg, path);
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
            Map<String, Expression> named = new LinkedHashMap<>(named(at, seg, path));
            named.remove(n.alias());
            return withNamed(at, named);
        }
        if (seg instanceof Segment.Positional p) {
            List<Expression> pos = new ArrayList<>(positional(at, seg, path));
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
    private static String required(Object at, Part part) {
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
                return describe(at) + " needs an argument: replace it, or delete the aggregate";
            case CONDITION:
                return at instanceof Expression.When ? "When() needs a condition: edit it, or delete the When"
                        : "a condition cannot be empty: edit it instead";
            case THEN:
                return "When() needs then=...: replace it, or delete the When";
            default:
                return describe(at) + " needs this part: replace it instead";
        }
    }

    private static Object inserting(Object at, Segment seg, Object v, NodePath path) {
        if (at instanceof Q.ExpressionCondition ec && !(seg instanceof Segment.StepAt)) {
            return new Q.ExpressionCondition(as(inserting(ec.expression(), seg, v, path), Expression.class, path));
        }
        if (seg instanceof Segment.Named n) {
            Map<String, Expression> named = new LinkedHashMap<>(named(at, seg, path));
            if (named.containsKey(n.alias())) {
                throw new QueryException("SyntaxError", "keyword argument repeated: " + n.alias() + " (in "
                        + method(at) + "() at " + path.parent() + "); pick another name");
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
            QuerySet q = queryOf(at, path);
            List<Step> steps = new ArrayList<>(q.steps());
            steps.add(insertIndex(k, steps.size(), path), as(v, Step.class, path));
            return withQuery(at, checkTerminals(new QuerySet(q.model(), steps), path), path);
        }
        if (seg instanceof Segment.Arg) {
            Step.Filter f = filterOf(at, seg, path);
            List<Q> args = new ArrayList<>(f.args());
            args.add(insertIndex(k, args.size(), path), asCondition(v, path));
            return withFilter(at, new Step.Filter(args, f.kwargs(), f.exclude()));
        }
        if (seg instanceof Segment.Kwarg) {
            Step.Filter f = filterOf(at, seg, path);
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
            List<Expression> pos = new ArrayList<>(positional(at, seg, path));
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
        throw noPart(at, seg, path);
    }

    // ---------------------------------------------------------------- parts of parts

    /** The QuerySet a part holds: itself, a Subquery's / Exists' / queryset value's query, a Prefetch queryset. */
    private static QuerySet queryOf(Object at, NodePath path) {
        if (at instanceof QuerySet q) {
            return q;
        }
        if (at instanceof Q.ExpressionCondition ec) {
            return queryOf(ec.expression(), path);
        }
        if (at instanceof Expression.Subquery s) {
            return s.query();
        }
        if (at instanceof Expression.Exists x) {
            return x.query();
        }
        if (at instanceof Expression.QueryValue v) {
            return v.query();
        }
        if (at instanceof Prefetch p && p.queryset() != null) {
            return p.queryset();
        }
        throw new QueryException("IndexError", "node " + path + ": " + describe(at) + " holds no nested queryset; "
                + "pipelines are in Subquery(...), Exists(...), a queryset value, Prefetch(queryset=...) and "
                + "union() parts");
    }

    private static Object withQuery(Object at, QuerySet q, NodePath path) {
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
        if (at instanceof Prefetch p) {
            return new Prefetch(p.lookup(), q, p.toAttr(), p.plain());
        }
        throw new QueryException("IndexError", "node " + path + ": " + describe(at) + " holds no nested queryset");
    }

    /** Keyword lookups are Python keyword arguments: one call cannot repeat a path. */
    private static List<Q.Lookup> checkKeywords(List<Q.Lookup> kwargs, Object at, NodePath path) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Q.Lookup l : kwargs) {
            if (!seen.add(l.path())) {
                throw new QueryException("SyntaxError", "keyword argument repeated: " + l.path() + " (in "
                        + method(at) + "() at " + path.parent() + "); put the second one in a Q(...) argument");
            }
        }
        return kwargs;
    }

    /** A terminal step (count(), get(), update()...) evaluates the queryset, so it can only be last. */
    private static QuerySet checkTerminals(QuerySet q, NodePath path) {
        for (int i = 0; i < q.steps().size() - 1; i++) {
            if (q.steps().get(i).terminal()) {
                throw new QueryException("TypeError", "node " + path + ": " + q.steps().get(i).method()
                        + "() evaluates the queryset, so it must be the last step");
            }
        }
        return q;
    }

    private static Step.Filter filterOf(Object at, Segment seg, NodePath path) {
        if (at instanceof Step.Filter f) {
            return f;
        }
        if (at instanceof Step.Terminal t && t.condition() != null) {
            return t.condition();
        }
        throw noPart(at, seg, path);
    }

    private static Object withFilter(Object at, Step.Filter f) {
        if (at instanceof Step.Terminal t) {
            return new Step.Terminal(t.method(), f, t.fields());
        }
        return f;
    }

    private static Map<String, Expression> named(Object at, Segment seg, NodePath path) {
        if (at instanceof Step.Annotate a) {
            return a.named();
        }
        if (at instanceof Step.Aggregate a) {
            return a.named();
        }
        if (at instanceof Step.Update u) {
            return u.values();
        }
        throw new QueryException("TypeError", "node " + path + ": " + describe(at) + " has no named expressions; "
                + "they are in annotate(), alias(), aggregate() and update()");
    }

    private static Object withNamed(Object at, Map<String, Expression> named) {
        if (at instanceof Step.Annotate a) {
            return new Step.Annotate(a.positional(), named, a.alias());
        }
        if (at instanceof Step.Aggregate a) {
            return new Step.Aggregate(a.positional(), named);
        }
        return new Step.Update(named);
    }

    private static List<Expression> positional(Object at, Segment seg, NodePath path) {
        if (at instanceof Step.Annotate a) {
            return a.positional();
        }
        if (at instanceof Step.Aggregate a) {
            return a.positional();
        }
        throw noPart(at, seg, path);
    }

    private static Object withPositional(Object at, List<Expression> pos) {
        if (at instanceof Step.Annotate a) {
            return new Step.Annotate(pos, a.named(), a.alias());
        }
        Step.Aggregate a = (Step.Aggregate) at;
        return new Step.Aggregate(pos, a.named());
    }

    // ---------------------------------------------------------------- checks and messages

    private static int index(Segment.Indexed seg, int size, String what, String where, NodePath path) {
        if (seg.index() >= size) {
            throw new QueryException("IndexError", "node " + path + ": no " + what + " " + seg.index() + " in "
                    + where + (size == 0 ? ", which has none" : "; valid are " + seg.at(0).print() + " to "
                    + seg.at(size - 1).print()));
        }
        return seg.index();
    }

    private static int insertIndex(int k, int size, NodePath path) {
        if (k > size) {
            throw new QueryException("IndexError", "node " + path + ": cannot insert at position " + k + " of a list "
                    + "of " + size + "; valid are 0 to " + size);
        }
        return k;
    }

    private static <T> T as(Object v, Class<T> type, NodePath path) {
        if (!type.isInstance(v)) {
            throw new QueryException("TypeError", "node " + path + " takes " + article(type.getSimpleName())
                    + ", not " + describe(v));
        }
        return type.cast(v);
    }

    /** A Q slot takes a Q, or a boolean expression (Exists(...), a Q-valued expression) as its condition. */
    private static Q asQ(Object v, NodePath path) {
        if (v instanceof Q q) {
            return q;
        }
        if (v instanceof Expression e) {
            return new Q.ExpressionCondition(e);
        }
        throw new QueryException("TypeError", "node " + path + " takes a condition (Q, a lookup or Exists(...)), "
                + "not " + describe(v));
    }

    /**
     * A whole condition (a Q argument, a When's or an aggregate's filter): a lookup there is written Q(a=1), which
     * Django text reads back as a group of one, so it is stored as one.
     */
    private static Q asCondition(Object v, NodePath path) {
        Q q = asQ(v, path);
        return q instanceof Q.Lookup ? Q.and(List.of(q)) : q;
    }

    private static QueryException noPart(Object at, Segment seg, NodePath path) {
        return new QueryException("IndexError", "node " + path + ": " + describe(at) + " has no part ."
                + seg.print());
    }

    private static String method(Object at) {
        if (at instanceof Step.Terminal t) {
            return t.method();
        }
        return at instanceof Step s ? s.method() : describe(at);
    }

    static String describe(Object at) {
        if (at == null) {
            return "nothing";
        }
        if (at instanceof Step s) {
            return s.method() + "()";
        }
        if (at instanceof Expression.Func f) {
            return f.name() + "()";
        }
        if (at instanceof Expression.Aggregate a) {
            return a.function() + "()";
        }
        String name = at.getClass().getSimpleName();
        if (at instanceof Q) {
            return at instanceof Q.Lookup l ? "the lookup " + l.path() : "a Q " + name.toLowerCase();
        }
        return article(name);
    }

    private static String article(String name) {
        return ("AEIOU".indexOf(name.charAt(0)) >= 0 ? "an " : "a ") + name;
    }
}
