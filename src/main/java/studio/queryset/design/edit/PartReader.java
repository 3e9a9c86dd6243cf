package studio.queryset.design.edit;

import studio.queryset.query.Segment;
import studio.queryset.query.NodePath;
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

/** Reading one part of a query-model object by segment, for {@link QueryLens}; and how parts are named in messages. */
final class PartReader {
    private PartReader() {
    }

    /** The part under {@code seg} of {@code at}; {@code i} is the segment's place in {@code path}, for messages. */
    static Object child(Object at, Segment seg, NodePath path, int i) {
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
    static Object fixed(Object at, Part part) {
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

    /** The QuerySet a part holds: itself, a Subquery's / Exists' / queryset value's query, a Prefetch queryset. */
    static QuerySet queryOf(Object at, NodePath path) {
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
        if (at instanceof Expression.Evaluated v) {
            return v.query();
        }
        if (at instanceof Prefetch p && p.queryset() != null) {
            return p.queryset();
        }
        throw new QueryException("IndexError", "node " + path + ": " + describe(at) + " holds no nested queryset; "
                + "pipelines are in Subquery(...), Exists(...), a queryset value, Prefetch(queryset=...) and "
                + "union() parts");
    }

    static Step.Filter filterOf(Object at, Segment seg, NodePath path) {
        if (at instanceof Step.Filter f) {
            return f;
        }
        if (at instanceof Step.Terminal t && t.condition() != null) {
            return t.condition();
        }
        throw noPart(at, seg, path);
    }

    static Map<String, Expression> named(Object at, Segment seg, NodePath path) {
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

    static List<Expression> positional(Object at, Segment seg, NodePath path) {
        if (at instanceof Step.Annotate a) {
            return a.positional();
        }
        if (at instanceof Step.Aggregate a) {
            return a.positional();
        }
        throw noPart(at, seg, path);
    }

    static int index(Segment.Indexed seg, int size, String what, String where, NodePath path) {
        if (seg.index() >= size) {
            throw new QueryException("IndexError", "node " + path + ": no " + what + " " + seg.index() + " in "
                    + where + (size == 0 ? ", which has none" : "; valid are " + seg.at(0).print() + " to "
                    + seg.at(size - 1).print()));
        }
        return seg.index();
    }

    static QueryException noPart(Object at, Segment seg, NodePath path) {
        return new QueryException("IndexError", "node " + path + ": " + describe(at) + " has no part ."
                + seg.print());
    }

    static String method(Object at) {
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

    static String article(String name) {
        return ("AEIOU".indexOf(name.charAt(0)) >= 0 ? "an " : "a ") + name;
    }
}
