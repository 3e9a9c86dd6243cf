package studio.queryset.design.edit;

import studio.queryset.query.Segment;
import java.util.ArrayList;
import java.util.List;
import studio.queryset.query.Segment.Fixed;
import studio.queryset.query.Segment.Part;
import studio.queryset.query.Expression;

/**
 * The parts of an expression that get canvas nodes of their own, under the segment that addresses them:
 * arithmetic left / right, function arguments, an aggregate's argument and filter (a Q), Case branches and
 * default, a When's condition (a Q) and then, a wrapped or negated operand. Simple operands (F, literals, Params)
 * stay on their parent's node and are edited in its inspector; everything else is a node.
 */
public final class NodeParts {
    private NodeParts() {
    }

    /** A part: its segment, the role shown on its card, and the Expression or Q it holds. */
    public record Part(Segment segment, String role, Object value) { }

    /** True for operands edited inline (F, a literal, a Param, "*", OuterRef): they get no node. */
    public static boolean simple(Expression e) {
        return e == null || e instanceof Expression.F || e instanceof Expression.Value
                || e instanceof Expression.Param || e instanceof Expression.Star || e instanceof Expression.OuterRef;
    }

    /** The node-worthy parts of an expression, in order. */
    public static List<Part> of(Expression e) {
        List<Part> out = new ArrayList<>();
        if (e instanceof Expression.Combined c) {
            addIfComplex(out, fixed(Segment.Part.LEFT), "left", c.left());
            addIfComplex(out, fixed(Segment.Part.RIGHT), "right", c.right());
        } else if (e instanceof Expression.Negated n) {
            addIfComplex(out, fixed(Segment.Part.INNER), "negated", n.operand());
        } else if (e instanceof Expression.Wrapper w) {
            addIfComplex(out, fixed(Segment.Part.INNER), "wrapped", w.expression());
        } else if (e instanceof Expression.Func f) {
            for (int i = 0; i < f.args().size(); i++) {
                addIfComplex(out, new Segment.FuncArg(i), "arg " + (i + 1), f.args().get(i));
            }
        } else if (e instanceof Expression.Aggregate a) {
            addIfComplex(out, fixed(Segment.Part.AGGREGATE_ARG), "of", a.argument());
            if (a.filter() != null) {
                out.add(new Part(fixed(Segment.Part.AGGREGATE_FILTER), "filter=", a.filter()));
            }
        } else if (e instanceof Expression.Case c) {
            for (int i = 0; i < c.whens().size(); i++) {
                out.add(new Part(new Segment.WhenAt(i), "When " + (i + 1), c.whens().get(i)));
            }
            addIfComplex(out, fixed(Segment.Part.DEFAULT), "default", c.defaultValue());
        } else if (e instanceof Expression.When w) {
            out.add(new Part(fixed(Segment.Part.CONDITION), "condition", w.condition()));
            addIfComplex(out, fixed(Segment.Part.THEN), "then", w.then());
        } else if (e instanceof Expression.Condition c) {
            out.add(new Part(fixed(Segment.Part.CONDITION), "condition", c.q()));
        }
        return out;
    }

    private static Fixed fixed(Segment.Part p) {
        return new Fixed(p);
    }

    private static void addIfComplex(List<Part> out, Segment segment, String role, Expression e) {
        if (!simple(e)) {
            out.add(new Part(segment, role, e));
        }
    }
}
