package studio.queryset.design;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import studio.queryset.query.Expression;
import studio.queryset.query.Prefetch;
import studio.queryset.query.Q;
import studio.queryset.query.QueryException;
import studio.queryset.query.QuerySet;
import studio.queryset.query.Step;

/**
 * Edits of the query model addressed by canvas node ids (see {@link DesignNode}): each returns a new
 * QuerySet. Ids of nested pipelines (a Subquery under an annotation, a Prefetch queryset, a queryset value)
 * are followed into the nested QuerySet, so every node on the canvas can be edited the same way.
 */
public final class QueryEdits {
    private QueryEdits() {
    }

    public static QuerySet appendStep(QuerySet qs, Step step) {
        return qs.then(step);
    }

    /** Inserts a chain step before the step at {@code index} (a terminal step must stay last). */
    public static QuerySet insertStep(QuerySet qs, int index, Step step) {
        List<Step> steps = new ArrayList<>(qs.steps());
        if (step.terminal() && index < steps.size()) {
            throw new QueryException("TypeError", step.method() + "() evaluates the queryset: it goes last");
        }
        steps.add(index, step);
        return new QuerySet(qs.model(), steps);
    }

    /** Moves a step to another position in its pipeline. */
    public static QuerySet moveStep(QuerySet qs, String stepId, int newIndex) {
        return inPipeline(qs, segments(stepId), (inner, index) -> {
            List<Step> steps = new ArrayList<>(inner.steps());
            Step s = steps.remove(index);
            steps.add(Math.max(0, Math.min(newIndex, steps.size())), s);
            QuerySet moved = new QuerySet(inner.model(), steps);
            for (int i = 0; i < steps.size() - 1; i++) {
                if (steps.get(i).terminal()) {
                    throw new QueryException("TypeError", steps.get(i).method() + "() evaluates the queryset: "
                            + "it must stay last");
                }
            }
            return moved;
        });
    }

    public static QuerySet replaceStep(QuerySet qs, String stepId, Step step) {
        return inPipeline(qs, segments(stepId), (inner, index) -> {
            List<Step> steps = new ArrayList<>(inner.steps());
            steps.set(index, step);
            return new QuerySet(inner.model(), steps);
        });
    }

    /** Removes the node: a step, a condition, an annotation, a prefetch lookup. */
    public static QuerySet remove(QuerySet qs, String nodeId) {
        if (ExpressionEdits.throughExpression(nodeId)) {
            return ExpressionEdits.remove(qs, nodeId);
        }
        String[] seg = segments(nodeId);
        if (seg.length > 1 && seg[seg.length - 1].equals("v")) {
            // a lookup's queryset value goes with its lookup: a lookup without a value means nothing
            return remove(qs, nodeId.substring(0, nodeId.length() - 2));
        }
        if (seg[seg.length - 1].startsWith("s")) {
            return inPipeline(qs, seg, (inner, index) -> {
                List<Step> steps = new ArrayList<>(inner.steps());
                steps.remove(index);
                return new QuerySet(inner.model(), steps);
            });
        }
        return editPart(qs, seg, null);
    }

    /** Replaces the condition at {@code nodeId} (a Q group or lookup of a filter) by {@code edit} of it. */
    public static QuerySet updateCondition(QuerySet qs, String nodeId, UnaryOperator<Q> edit) {
        if (ExpressionEdits.throughExpression(nodeId)) {
            // a condition inside an expression: an aggregate's filter=, a When
            return ExpressionEdits.update(qs, nodeId, part -> edit.apply((Q) part));
        }
        return editPart(qs, segments(nodeId), edit);
    }

    /** Adds a condition to a Q group (or, given a filter step id, to the filter's arguments). */
    public static QuerySet addCondition(QuerySet qs, String targetId, Q child) {
        String[] seg = segments(targetId);
        if (seg[seg.length - 1].startsWith("s")) {
            return inPipeline(qs, seg, (inner, index) -> {
                Step s = inner.steps().get(index);
                if (!(s instanceof Step.Filter f)) {
                    throw new QueryException("TypeError", "conditions go into filter(), exclude() or a Q group, "
                            + "not " + s.method() + "()");
                }
                List<Q> args = new ArrayList<>(f.args());
                args.add(child);
                List<Step> steps = new ArrayList<>(inner.steps());
                steps.set(index, new Step.Filter(args, f.kwargs(), f.exclude()));
                return new QuerySet(inner.model(), steps);
            });
        }
        return updateCondition(qs, targetId, q -> {
            if (!(q instanceof Q.Node n)) {
                throw new QueryException("TypeError", "a lookup holds no conditions; drop it on a Q group");
            }
            List<Q> kids = new ArrayList<>(n.children());
            kids.add(child);
            return new Q.Node(n.connector(), n.negated(), kids);
        });
    }

    public static QuerySet toggleConnector(QuerySet qs, String groupId) {
        return updateCondition(qs, groupId, q -> q instanceof Q.Node n ? new Q.Node(n.connector() == Q.Connector.AND
                ? Q.Connector.OR : Q.Connector.AND, n.negated(), n.children()) : q);
    }

    public static QuerySet negate(QuerySet qs, String nodeId) {
        return updateCondition(qs, nodeId, Q::negate);
    }

    /** Replaces an annotation's (or update value's) expression, addressed {@code sN.n.alias}. */
    public static QuerySet replaceExpression(QuerySet qs, String nodeId, Expression e) {
        return updateExpression(qs, nodeId, old -> e);
    }

    /** Replaces a step by {@code edit} of it. */
    public static QuerySet updateStep(QuerySet qs, String stepId, UnaryOperator<Step> edit) {
        return inPipeline(qs, segments(stepId), (inner, index) -> {
            List<Step> steps = new ArrayList<>(inner.steps());
            steps.set(index, edit.apply(steps.get(index)));
            return new QuerySet(inner.model(), steps);
        });
    }

    /** Replaces an annotation's (or update value's) expression, addressed {@code sN.n.alias}, by {@code edit} of it. */
    public static QuerySet updateExpression(QuerySet qs, String nodeId, UnaryOperator<Expression> edit) {
        String[] seg = segments(nodeId);
        int n = seg.length;
        if (n < 3 || !seg[n - 2].equals("n")) {
            throw new QueryException("TypeError", "not an annotation node: " + nodeId);
        }
        String alias = seg[n - 1];
        return inPipeline(qs, Arrays.copyOf(seg, n - 2), (inner, index) -> {
            Step s = inner.steps().get(index);
            Expression before = namedOf(s, alias);
            if (before == null) {
                throw new QueryException("IndexError", s.method() + "() has no '" + alias + "'");
            }
            List<Step> steps = new ArrayList<>(inner.steps());
            steps.set(index, withNamed(s, alias, edit.apply(before)));
            return new QuerySet(inner.model(), steps);
        });
    }

    /**
     * Rewrites the nested QuerySet of the frame {@code frameId} (a Subquery / Exists node, a prefetch, a lookup
     * value "….v"): the hook {@link NestedEdits} builds on.
     */
    public static QuerySet editNested(QuerySet qs, String frameId, UnaryOperator<QuerySet> edit) {
        return nested(qs, segments(frameId), edit);
    }

    // ---------------------------------------------------------------- addressing

    private interface StepEdit {
        QuerySet apply(QuerySet pipeline, int stepIndex);
    }

    static String[] segments(String id) {
        return id.split("\\.");
    }

    /** Applies {@code edit} to the pipeline and step named by {@code seg} (its last segment is "sN"). */
    private static QuerySet inPipeline(QuerySet qs, String[] seg, StepEdit edit) {
        int last = seg.length - 1;
        int index = stepIndex(seg[last]);
        if (last == 0) {
            checkIndex(qs, index);
            return edit.apply(qs, index);
        }
        return nested(qs, Arrays.copyOf(seg, last), inner -> {
            checkIndex(inner, index);
            return edit.apply(inner, index);
        });
    }

    private static void checkIndex(QuerySet qs, int index) {
        if (index < 0 || index >= qs.steps().size()) {
            throw new QueryException("IndexError", "no step " + index + " in " + qs.model() + "'s pipeline");
        }
    }

    private static int stepIndex(String segment) {
        if (!segment.matches("s\\d+")) {
            throw new QueryException("IndexError", "not a step id: " + segment);
        }
        return Integer.parseInt(segment.substring(1));
    }

    /**
     * Rewrites the nested QuerySet that the frame id {@code frame} names (its last segments: an annotation
     * "sN.n.alias", a prefetch "sN.fK", a lookup value "sN.aK[.cJ...].v", a combined part "sN.oK").
     */
    private static QuerySet nested(QuerySet qs, String[] frame, UnaryOperator<QuerySet> edit) {
        // find the step segment this frame hangs from: the last "sN" whose following part leads to the frame
        int stepAt = -1;
        for (int i = frame.length - 1; i >= 0; i--) {
            if (frame[i].matches("s\\d+")) {
                stepAt = i;
                break;
            }
        }
        if (stepAt < 0) {
            throw new QueryException("IndexError", "no step in node id " + String.join(".", frame));
        }
        String[] stepPath = Arrays.copyOf(frame, stepAt + 1);
        String[] rest = Arrays.copyOfRange(frame, stepAt + 1, frame.length);
        return inPipeline(qs, stepPath, (pipeline, index) -> {
            Step s = pipeline.steps().get(index);
            Step changed = nestedInStep(s, rest, edit);
            List<Step> steps = new ArrayList<>(pipeline.steps());
            steps.set(index, changed);
            return new QuerySet(pipeline.model(), steps);
        });
    }

    private static Step nestedInStep(Step s, String[] rest, UnaryOperator<QuerySet> edit) {
        String head = rest[0];
        if (head.equals("n") && rest.length == 2) {
            Expression e = namedOf(s, rest[1]);
            if (e instanceof Expression.Subquery sq) {
                return withNamed(s, rest[1], new Expression.Subquery(edit.apply(sq.query())));
            }
            if (e instanceof Expression.Exists x) {
                return withNamed(s, rest[1], new Expression.Exists(edit.apply(x.query())));
            }
        }
        if (head.matches("f\\d+") && s instanceof Step.PrefetchRelated p) {
            int k = Integer.parseInt(head.substring(1));
            List<Prefetch> items = new ArrayList<>(p.lookups());
            Prefetch pf = items.get(k);
            items.set(k, new Prefetch(pf.lookup(), edit.apply(pf.queryset()), pf.toAttr(), pf.plain()));
            return new Step.PrefetchRelated(items);
        }
        if (head.matches("o\\d+") && s instanceof Step.Combine c) {
            int k = Integer.parseInt(head.substring(1));
            List<QuerySet> others = new ArrayList<>(c.others());
            others.set(k, edit.apply(others.get(k)));
            return new Step.Combine(c.method(), others, c.all());
        }
        if (rest[rest.length - 1].equals("v") && s instanceof Step.Filter f) {
            String[] qPath = Arrays.copyOf(rest, rest.length - 1);
            return withCondition(f, qPath, q -> {
                Q.Lookup l = (Q.Lookup) q;
                if (l.value() instanceof Expression.QueryValue qv) {
                    return new Q.Lookup(l.path(), new Expression.QueryValue(edit.apply(qv.query())));
                }
                if (l.value() instanceof Expression.Subquery sq) {
                    return new Q.Lookup(l.path(), new Expression.Subquery(edit.apply(sq.query())));
                }
                throw new QueryException("TypeError", "lookup " + l.path() + " holds no queryset");
            });
        }
        if (s instanceof Step.Filter f && head.matches("[ak]\\d+")) {
            return withCondition(f, rest, q -> NestedEdits.editConditionQuery(q, edit));
        }
        throw new QueryException("IndexError", "no nested queryset at ." + String.join(".", rest) + " of "
                + s.method() + "()");
    }

    /** Edits (or with a null edit removes) a condition, annotation or prefetch addressed under a step. */
    private static QuerySet editPart(QuerySet qs, String[] seg, UnaryOperator<Q> edit) {
        int stepAt = -1;
        for (int i = seg.length - 1; i >= 0; i--) {
            if (seg[i].matches("s\\d+")) {
                stepAt = i;
                break;
            }
        }
        String[] part = Arrays.copyOfRange(seg, stepAt + 1, seg.length);
        return inPipeline(qs, Arrays.copyOf(seg, stepAt + 1), (pipeline, index) -> {
            Step s = pipeline.steps().get(index);
            Step changed;
            if (part[0].equals("n") && edit == null) {
                changed = withNamed(s, part[1], null);
            } else if (part[0].matches("f\\d+") && edit == null && s instanceof Step.PrefetchRelated p) {
                List<Prefetch> items = new ArrayList<>(p.lookups());
                items.remove(Integer.parseInt(part[0].substring(1)));
                changed = new Step.PrefetchRelated(items);
            } else if (s instanceof Step.Filter f) {
                changed = withCondition(f, part, edit);
            } else if (s instanceof Step.Terminal t && t.condition() != null) {
                changed = new Step.Terminal(t.method(), withCondition(t.condition(), part, edit), t.fields());
            } else {
                throw new QueryException("TypeError", s.method() + "() has no part " + String.join(".", part));
            }
            List<Step> steps = new ArrayList<>(pipeline.steps());
            steps.set(index, changed);
            return new QuerySet(pipeline.model(), steps);
        });
    }

    /** The filter with the condition at {@code path} ("aK" or "kK", then "cJ"...) edited or removed. */
    private static Step.Filter withCondition(Step.Filter f, String[] path, UnaryOperator<Q> edit) {
        String head = path[0];
        int k = Integer.parseInt(head.substring(1));
        String[] rest = Arrays.copyOfRange(path, 1, path.length);
        if (head.startsWith("a")) {
            List<Q> args = new ArrayList<>(f.args());
            Q edited = rest.length == 0 ? (edit == null ? null : edit.apply(args.get(k)))
                    : inQ(args.get(k), rest, edit);
            if (edited == null) {
                args.remove(k);
            } else {
                args.set(k, edited);
            }
            return new Step.Filter(args, f.kwargs(), f.exclude());
        }
        List<Q.Lookup> kwargs = new ArrayList<>(f.kwargs());
        List<Q> args = new ArrayList<>(f.args());
        Q edited = rest.length == 0 ? (edit == null ? null : edit.apply(kwargs.get(k))) : null;
        if (rest.length > 0) {
            throw new QueryException("IndexError", "a keyword lookup has no children");
        }
        if (edited == null) {
            kwargs.remove(k);
        } else if (edited instanceof Q.Lookup l) {
            kwargs.set(k, l);
        } else {
            kwargs.remove(k); // it became a group: it moves to the positional Q arguments
            args.add(edited);
        }
        return new Step.Filter(args, kwargs, f.exclude());
    }

    private static Q inQ(Q q, String[] path, UnaryOperator<Q> edit) {
        if (!(q instanceof Q.Node n) || !path[0].matches("c\\d+")) {
            throw new QueryException("IndexError", "no condition at ." + String.join(".", path));
        }
        int k = Integer.parseInt(path[0].substring(1));
        List<Q> kids = new ArrayList<>(n.children());
        String[] rest = Arrays.copyOfRange(path, 1, path.length);
        Q edited = rest.length == 0 ? (edit == null ? null : edit.apply(kids.get(k))) : inQ(kids.get(k), rest, edit);
        if (edited == null) {
            kids.remove(k);
        } else {
            kids.set(k, edited);
        }
        return new Q.Node(n.connector(), n.negated(), kids);
    }

    private static Expression namedOf(Step s, String alias) {
        if (s instanceof Step.Annotate a) {
            return a.named().get(alias);
        }
        if (s instanceof Step.Aggregate a) {
            return a.named().get(alias);
        }
        if (s instanceof Step.Update u) {
            return u.values().get(alias);
        }
        return null;
    }

    /** The step with named entry {@code alias} replaced (or removed when {@code e} is null). */
    private static Step withNamed(Step s, String alias, Expression e) {
        Map<String, Expression> named;
        if (s instanceof Step.Annotate a) {
            named = new LinkedHashMap<>(a.named());
        } else if (s instanceof Step.Aggregate a) {
            named = new LinkedHashMap<>(a.named());
        } else if (s instanceof Step.Update u) {
            named = new LinkedHashMap<>(u.values());
        } else {
            throw new QueryException("TypeError", s.method() + "() has no named expressions");
        }
        if (e == null) {
            named.remove(alias);
        } else {
            named.put(alias, e);
        }
        if (s instanceof Step.Annotate a) {
            return new Step.Annotate(a.positional(), named, a.alias());
        }
        if (s instanceof Step.Aggregate a) {
            return new Step.Aggregate(a.positional(), named);
        }
        return new Step.Update(named);
    }
}
