package studio.queryset.design;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import studio.queryset.query.Expression;
import studio.queryset.query.Q;
import studio.queryset.query.QueryException;

/**
 * The parts of an expression that get canvas nodes of their own, each under a fixed id segment: arithmetic
 * {@code l} / {@code r}, function arguments {@code x0, x1...}, an aggregate's {@code arg} and {@code filter}
 * (a Q), Case branches {@code w0...} and {@code def}, a When's {@code cond} (a Q) and {@code then}, a wrapped
 * or negated {@code inner}, a lookup's expression value {@code e}. Simple operands (F, literals, Params) stay
 * on their parent's node and are edited in its inspector; everything else is a node.
 */
public final class ExpressionParts {
    private ExpressionParts() {
    }

    /** A part: its id segment, the role shown on its card, and the Expression or Q it holds. */
    public record Part(String segment, String role, Object value) { }

    /** True for operands edited inline (F, a literal, a Param, "*", OuterRef): they get no node. */
    public static boolean simple(Expression e) {
        return e == null || e instanceof Expression.F || e instanceof Expression.Value
                || e instanceof Expression.Param || e instanceof Expression.Star || e instanceof Expression.OuterRef;
    }

    /** The node-worthy parts of an expression, in order. */
    public static List<Part> parts(Expression e) {
        List<Part> out = new ArrayList<>();
        if (e instanceof Expression.Combined c) {
            addIfComplex(out, "l", "left", c.left());
            addIfComplex(out, "r", "right", c.right());
        } else if (e instanceof Expression.Negated n) {
            addIfComplex(out, "inner", "negated", n.operand());
        } else if (e instanceof Expression.Wrapper w) {
            addIfComplex(out, "inner", "wrapped", w.expression());
        } else if (e instanceof Expression.Func f) {
            for (int i = 0; i < f.args().size(); i++) {
                addIfComplex(out, "x" + i, "arg " + (i + 1), f.args().get(i));
            }
        } else if (e instanceof Expression.Aggregate a) {
            addIfComplex(out, "arg", "of", a.argument());
            if (a.filter() != null) {
                out.add(new Part("filter", "filter=", a.filter()));
            }
        } else if (e instanceof Expression.Case c) {
            for (int i = 0; i < c.whens().size(); i++) {
                out.add(new Part("w" + i, "When " + (i + 1), c.whens().get(i)));
            }
            addIfComplex(out, "def", "default", c.defaultValue());
        } else if (e instanceof Expression.When w) {
            out.add(new Part("cond", "condition", w.condition()));
            addIfComplex(out, "then", "then", w.then());
        } else if (e instanceof Expression.Condition c) {
            out.add(new Part("cond", "condition", c.q()));
        }
        return out;
    }

    private static void addIfComplex(List<Part> out, String segment, String role, Expression e) {
        if (!simple(e)) {
            out.add(new Part(segment, role, e));
        }
    }

    /**
     * Rewrites the part {@code path} below {@code at} (an Expression or a Q) with {@code edit}; a null
     * {@code edit} removes it where that leaves a valid expression (a function argument, a When, a filter,
     * a default, a Q child). A Q's children are {@code cK}, a lookup's expression value is {@code e}.
     */
    public static Object editAt(Object at, String[] path, int from, UnaryOperator<Object> edit) {
        if (from == path.length) {
            return edit == null ? null : edit.apply(at);
        }
        if (at instanceof Q.ExpressionCondition ec) {
            // the node of a boolean expression used as a condition shows the expression itself
            return new Q.ExpressionCondition((Expression) editAt(ec.expression(), path, from, edit));
        }
        String seg = path[from];
        Object child = child(at, seg);
        Object edited = editAt(child, path, from + 1, edit);
        return with(at, seg, edited);
    }

    /** The part under segment {@code seg} of {@code at}. */
    public static Object child(Object at, String seg) {
        if (at instanceof Q.Node n && seg.matches("c\\d+")) {
            return n.children().get(index(seg, n.children().size()));
        }
        if (at instanceof Q.Lookup l && seg.equals("e")) {
            return l.value();
        }
        if (at instanceof Expression.Combined c && (seg.equals("l") || seg.equals("r"))) {
            return seg.equals("l") ? c.left() : c.right();
        }
        if (at instanceof Expression.Negated n && seg.equals("inner")) {
            return n.operand();
        }
        if (at instanceof Expression.Wrapper w && seg.equals("inner")) {
            return w.expression();
        }
        if (at instanceof Expression.Func f && seg.matches("x\\d+")) {
            return f.args().get(index(seg, f.args().size()));
        }
        if (at instanceof Expression.Aggregate a && seg.equals("arg")) {
            return a.argument();
        }
        if (at instanceof Expression.Aggregate a && seg.equals("filter") && a.filter() != null) {
            return a.filter();
        }
        if (at instanceof Expression.Case c && seg.matches("w\\d+")) {
            return c.whens().get(index(seg, c.whens().size()));
        }
        if (at instanceof Expression.Case c && seg.equals("def")) {
            return c.defaultValue();
        }
        if (at instanceof Expression.When w && (seg.equals("cond") || seg.equals("then"))) {
            return seg.equals("cond") ? w.condition() : w.then();
        }
        if (at instanceof Expression.Condition c && seg.equals("cond")) {
            return c.q();
        }
        throw new QueryException("IndexError", "no part ." + seg + " in " + describe(at));
    }

    /** {@code at} with the part under {@code seg} replaced by {@code v} (null: removed). */
    public static Object with(Object at, String seg, Object v) {
        if (at instanceof Q.Node n) {
            List<Q> kids = new ArrayList<>(n.children());
            int k = index(seg, kids.size());
            if (v == null) {
                kids.remove(k);
            } else {
                kids.set(k, asQ(v));
            }
            return new Q.Node(n.connector(), n.negated(), kids);
        }
        if (at instanceof Q.Lookup l) {
            return new Q.Lookup(l.path(), required(v, "a lookup needs a value: give it another one instead"));
        }
        if (at instanceof Expression.Combined c) {
            Expression e = required(v, "arithmetic needs both operands: delete the whole expression instead");
            return seg.equals("l") ? new Expression.Combined(e, c.operator(), c.right())
                    : new Expression.Combined(c.left(), c.operator(), e);
        }
        if (at instanceof Expression.Negated) {
            return new Expression.Negated(required(v, "delete the negation instead"));
        }
        if (at instanceof Expression.Wrapper w) {
            return new Expression.Wrapper(required(v, "delete the ExpressionWrapper instead"), w.outputField());
        }
        if (at instanceof Expression.Func f) {
            List<Expression> args = new ArrayList<>(f.args());
            int k = index(seg, args.size());
            if (v == null) {
                args.remove(k);
            } else {
                args.set(k, (Expression) v);
            }
            return new Expression.Func(f.name(), args, f.options());
        }
        if (at instanceof Expression.Aggregate a) {
            if (seg.equals("filter")) {
                return new Expression.Aggregate(a.function(), a.argument(), a.distinct(), v == null ? null : asQ(v),
                        a.defaultValue(), a.options());
            }
            return new Expression.Aggregate(a.function(), required(v, a.function() + "() needs an argument"),
                    a.distinct(), a.filter(), a.defaultValue(), a.options());
        }
        if (at instanceof Expression.Case c) {
            if (seg.equals("def")) {
                return new Expression.Case(c.whens(), (Expression) v, c.outputField());
            }
            List<Expression.When> whens = new ArrayList<>(c.whens());
            int k = index(seg, whens.size());
            if (v == null) {
                if (whens.size() == 1) {
                    throw new QueryException("TypeError", "Case() needs at least one When: delete the Case instead");
                }
                whens.remove(k);
            } else if (v instanceof Expression.When w) {
                whens.set(k, w);
            } else {
                throw new QueryException("TypeError", "a Case branch must be a When(...)");
            }
            return new Expression.Case(whens, c.defaultValue(), c.outputField());
        }
        if (at instanceof Expression.When w) {
            if (seg.equals("cond")) {
                if (v == null) {
                    throw new QueryException("TypeError", "When() needs a condition: edit it instead");
                }
                return new Expression.When(asQ(v), w.then());
            }
            return new Expression.When(w.condition(), required(v, "When() needs then=..."));
        }
        if (at instanceof Expression.Condition) {
            return new Expression.Condition(asQ(required(v, "a condition cannot be empty")));
        }
        throw new QueryException("IndexError", "no part ." + seg + " in " + describe(at));
    }

    private static Q asQ(Object v) {
        if (v instanceof Q q) {
            return q;
        }
        if (v instanceof Expression e) {
            return new Q.ExpressionCondition(e);
        }
        throw new QueryException("TypeError", "not a condition: " + v);
    }

    private static <T> T required(Object v, String why) {
        if (v == null) {
            throw new QueryException("TypeError", why);
        }
        @SuppressWarnings("unchecked")
        T t = (T) v;
        return t;
    }

    private static int index(String seg, int size) {
        int k = Integer.parseInt(seg.substring(1));
        if (k < 0 || k >= size) {
            throw new QueryException("IndexError", "no part ." + seg + " (there are " + size + ")");
        }
        return k;
    }

    private static String describe(Object at) {
        return at == null ? "nothing" : at.getClass().getSimpleName();
    }
}
