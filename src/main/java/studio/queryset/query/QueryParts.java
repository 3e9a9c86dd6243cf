package studio.queryset.query;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import studio.queryset.query.Segment.Fixed;
import studio.queryset.query.Segment.Part;

/**
 * Every part of a QuerySet with the {@link NodePath} that addresses it (the paths QueryLens reads), and the names
 * the parts hold (lookup keywords, F paths, field-name arguments, aliases). Parts without a segment of their own
 * (an order_by item, a values() expression, an aggregate's default) are placed at their step or expression with
 * the argument they are in. Objects are matched by identity: the compiler names the very objects it compiles.
 */
public final class QueryParts {
    /** Where a part is: the addressed part at {@code path} or, with {@code argument >= 0}, one of its arguments. */
    public record Place(NodePath path, int argument) { }

    /**
     * A name held at {@code place}: {@code text} as the model holds it (no leading {@code -}); {@code key} for an
     * alias or field=value key, else a lookup or field path split on {@code __}.
     */
    public record Name(Place place, String text, boolean key) { }

    private final Map<Object, Place> places = new IdentityHashMap<>();
    private final Map<NodePath, Object> parts = new LinkedHashMap<>();
    private final List<Name> names = new ArrayList<>();

    private QueryParts() {
    }

    public static QueryParts of(QuerySet qs) {
        QueryParts p = new QueryParts();
        p.pipeline(qs, null);
        return p;
    }

    /** The place of this very object, or null when it is not part of the query. */
    public Place place(Object part) {
        return part == null ? null : places.get(part);
    }

    /** The addressed parts by path, in model order. */
    public Map<NodePath, Object> parts() {
        return java.util.Collections.unmodifiableMap(parts);
    }

    public List<Name> names() {
        return java.util.Collections.unmodifiableList(names);
    }

    private void put(Object part, NodePath path, Place fixed) {
        if (fixed == null) {
            parts.putIfAbsent(path, part);
        }
        places.putIfAbsent(part, fixed != null ? fixed : new Place(path, -1));
    }

    private Place at(NodePath path, Place fixed) {
        return fixed != null ? fixed : new Place(path, -1);
    }

    private void pipeline(QuerySet qs, NodePath frame) {
        NodePath source = frame == null ? NodePath.SOURCE : frame.child(new Segment.Source());
        put(qs, source, null);
        for (int i = 0; i < qs.steps().size(); i++) {
            step(qs.steps().get(i), frame == null ? NodePath.step(i) : frame.child(new Segment.StepAt(i)));
        }
    }

    private void step(Step s, NodePath p) {
        put(s, p, null);
        if (s instanceof Step.Filter f) {
            filter(f, p);
        } else if (s instanceof Step.Terminal t) {
            if (t.condition() != null) {
                put(t.condition(), p, null);
                filter(t.condition(), p);
            }
            strings(t.fields(), p);
        } else if (s instanceof Step.Annotate a) {
            named(a.positional(), a.named(), p);
        } else if (s instanceof Step.Aggregate a) {
            named(a.positional(), a.named(), p);
        } else if (s instanceof Step.Update u) {
            named(List.of(), u.values(), p);
        } else if (s instanceof Step.OrderBy o) {
            for (int i = 0; i < o.items().size(); i++) {
                expr(o.items().get(i), p, new Place(p, i));
            }
        } else if (s instanceof Step.Values v) {
            strings(v.fields(), p);
            int i = v.fields().size();
            for (var e : v.expressions().entrySet()) {
                Place arg = new Place(p, i++);
                names.add(new Name(arg, e.getKey(), true));
                expr(e.getValue(), p, arg);
            }
        } else if (s instanceof Step.ValuesList v) {
            strings(v.fields(), p);
        } else if (s instanceof Step.Distinct d) {
            strings(d.fields(), p);
        } else if (s instanceof Step.Only o) {
            strings(o.fields(), p);
        } else if (s instanceof Step.SelectRelated r) {
            strings(r.paths(), p);
        } else if (s instanceof Step.PrefetchRelated pr) {
            for (int i = 0; i < pr.lookups().size(); i++) {
                Prefetch f = pr.lookups().get(i);
                NodePath fp = p.child(new Segment.PrefetchItem(i));
                put(f, fp, null);
                names.add(new Name(new Place(fp, -1), f.lookup(), false));
                if (f.queryset() != null) {
                    pipeline(f.queryset(), fp);
                }
            }
        } else if (s instanceof Step.Combine c) {
            for (int i = 0; i < c.others().size(); i++) {
                pipeline(c.others().get(i), p.child(new Segment.CombinedPart(i)));
            }
        } else if (s instanceof Step.Create c && !c.bulk() && !c.objects().isEmpty()) {
            int i = 0;
            for (var e : c.objects().get(0).entrySet()) {
                Place arg = new Place(p, i++);
                names.add(new Name(arg, e.getKey(), true));
                expr(e.getValue(), p, arg);
            }
        } else if (s instanceof Step.Raw r) {
            r.params().forEach(e -> expr(e, p, new Place(p, 1)));
        }
    }

    private void filter(Step.Filter f, NodePath p) {
        for (int k = 0; k < f.args().size(); k++) {
            q(f.args().get(k), p.child(new Segment.Arg(k)), null);
        }
        for (int k = 0; k < f.kwargs().size(); k++) {
            q(f.kwargs().get(k), p.child(new Segment.Kwarg(k)), null);
        }
    }

    private void strings(List<String> fields, NodePath p) {
        for (int i = 0; i < fields.size(); i++) {
            String f = fields.get(i);
            names.add(new Name(new Place(p, i), f.startsWith("-") ? f.substring(1) : f, false));
        }
    }

    private void named(List<Expression> positional, Map<String, Expression> named, NodePath p) {
        for (int k = 0; k < positional.size(); k++) {
            expr(positional.get(k), p.child(new Segment.Positional(k)), null);
        }
        named.forEach((alias, e) -> {
            NodePath np = p.child(new Segment.Named(alias));
            names.add(new Name(new Place(np, -1), alias, true));
            expr(e, np, null);
        });
    }

    private void q(Q q, NodePath p, Place fixed) {
        put(q, p, fixed);
        if (q instanceof Q.Lookup l) {
            names.add(new Name(at(p, fixed), l.path(), false));
            boolean nested = l.value() instanceof Expression.QueryValue || l.value() instanceof Expression.Subquery;
            expr(l.value(), p.child(new Fixed(nested ? Part.LOOKUP_QUERY : Part.LOOKUP_VALUE)), fixed);
        } else if (q instanceof Q.Node n) {
            for (int k = 0; k < n.children().size(); k++) {
                q(n.children().get(k), p.child(new Segment.QChild(k)), fixed);
            }
        } else if (q instanceof Q.ExpressionCondition ec) {
            expr(ec.expression(), p, fixed);
        }
    }

    private void expr(Expression e, NodePath p, Place fixed) {
        if (e == null) {
            return;
        }
        put(e, p, fixed);
        if (e instanceof Expression.F f) {
            names.add(new Name(at(p, fixed), f.path(), false));
        } else if (e instanceof Expression.OuterRef o) {
            names.add(new Name(at(p, fixed), o.path(), false));
        } else if (e instanceof Expression.Combined c) {
            expr(c.left(), p.child(new Fixed(Part.LEFT)), fixed);
            expr(c.right(), p.child(new Fixed(Part.RIGHT)), fixed);
        } else if (e instanceof Expression.Negated n) {
            expr(n.operand(), p.child(new Fixed(Part.INNER)), fixed);
        } else if (e instanceof Expression.Wrapper w) {
            expr(w.expression(), p.child(new Fixed(Part.INNER)), fixed);
        } else if (e instanceof Expression.Func f) {
            for (int k = 0; k < f.args().size(); k++) {
                expr(f.args().get(k), p.child(new Segment.FuncArg(k)), fixed);
            }
        } else if (e instanceof Expression.Aggregate a) {
            expr(a.argument(), p.child(new Fixed(Part.AGGREGATE_ARG)), fixed);
            if (a.filter() != null) {
                q(a.filter(), p.child(new Fixed(Part.AGGREGATE_FILTER)), fixed);
            }
            expr(a.defaultValue(), p, at(p, fixed));
        } else if (e instanceof Expression.Case c) {
            for (int k = 0; k < c.whens().size(); k++) {
                expr(c.whens().get(k), p.child(new Segment.WhenAt(k)), fixed);
            }
            expr(c.defaultValue(), p.child(new Fixed(Part.DEFAULT)), fixed);
        } else if (e instanceof Expression.When w) {
            q(w.condition(), p.child(new Fixed(Part.CONDITION)), fixed);
            expr(w.then(), p.child(new Fixed(Part.THEN)), fixed);
        } else if (e instanceof Expression.Condition c) {
            q(c.q(), p.child(new Fixed(Part.CONDITION)), fixed);
        } else if (e instanceof Expression.OrderBy o) {
            expr(o.expression(), p, fixed);
        } else if (e instanceof Expression.Subquery s) {
            nested(s.query(), p, fixed);
        } else if (e instanceof Expression.Exists x) {
            nested(x.query(), p, fixed);
        } else if (e instanceof Expression.QueryValue v) {
            nested(v.query(), p, fixed);
        } else if (e instanceof Expression.Evaluated v) {
            nested(v.query(), p, fixed);
        } else if (e instanceof Expression.Value v && v.value() instanceof Expression.Evaluated ev) {
            expr(ev, p, at(p, fixed)); // Value(Order.objects.count()): the terminal is the Value's argument
        }
    }

    /** A nested queryset: its own pipeline under {@code frame}, or all of it at the unaddressed place. */
    private void nested(QuerySet qs, NodePath frame, Place fixed) {
        if (fixed == null) {
            pipeline(qs, frame);
            return;
        }
        QueryParts inner = of(qs);
        inner.places.keySet().forEach(o -> places.putIfAbsent(o, fixed));
        inner.names.forEach(n -> names.add(new Name(fixed, n.text(), n.key())));
    }
}
