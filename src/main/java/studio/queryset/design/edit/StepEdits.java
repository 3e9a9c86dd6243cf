package studio.queryset.design.edit;

import studio.queryset.query.NodePath;
import studio.queryset.query.Prefetch;
import studio.queryset.query.QueryException;
import studio.queryset.query.QuerySet;
import studio.queryset.query.Step;

/** Edits of the chain steps of a pipeline, the main one or a nested one. */
public final class StepEdits {
    private StepEdits() {
    }

    /** {@code step} at the end of the main pipeline. */
    public static Edit append(QuerySet qs, Step step) {
        return insert(qs, NodePath.step(qs.steps().size()), step);
    }

    /**
     * {@code step} at position {@code at} of its pipeline ({@code s2}, {@code s0.n.latest.s1}); a terminal goes
     * last, and never into a nested queryset (that must stay a QuerySet).
     */
    public static Edit insert(QuerySet qs, NodePath at, Step step) {
        requireStep(at);
        if (step.terminal() && at.frame() != null) {
            throw new QueryException("TypeError", step.method() + "() evaluates the queryset: a nested queryset "
                    + "must stay a QuerySet (use values(), order_by(), [:1] ...)");
        }
        return new Edit(QueryLens.insert(qs, at, step), at, "Add " + step.method());
    }

    /** The step at {@code at} replaced by {@code step}. */
    public static Edit replace(QuerySet qs, NodePath at, Step step) {
        requireStep(at);
        return new Edit(QueryLens.set(qs, at, step), at, "Edit " + step.method());
    }

    /** The step at {@code at} moved to position {@code newIndex} of its pipeline (clamped to it). */
    public static Edit move(QuerySet qs, NodePath at, int newIndex) {
        requireStep(at);
        Step s = QueryLens.get(qs, at, Step.class);
        QuerySet without = QueryLens.remove(qs, at);
        int size = QueryLens.pipelineOf(without, at).steps().size();
        NodePath to = at.sibling(Math.max(0, Math.min(newIndex, size)));
        return new Edit(QueryLens.insert(without, to, s), to, "Move " + s.method());
    }

    /**
     * select_related(paths) at {@code at} becomes prefetch_related(paths) and back: the same relations, loaded by
     * a query of their own each instead of a JOIN. Only what both can say switches: select_related() with no
     * paths (every non-null FK) names nothing to prefetch, and a Prefetch object (queryset=, to_attr=) has no
     * select_related form. A multi-valued path is left for the compiler to refuse, in Django's words.
     */
    public static Edit switchRelatedLoading(QuerySet qs, NodePath at) {
        requireStep(at);
        Step s = QueryLens.get(qs, at, Step.class);
        Step to;
        if (s instanceof Step.SelectRelated sr) {
            if (sr.paths().isEmpty()) {
                throw new QueryException("ValueError", "select_related() with no fields follows every non-null "
                        + "foreign key; prefetch_related() needs their names: tick the relations first.");
            }
            to = new Step.PrefetchRelated(sr.paths().stream().map(Prefetch::of).toList());
        } else if (s instanceof Step.PrefetchRelated pr) {
            if (pr.lookups().isEmpty()) {
                throw new QueryException("ValueError", "prefetch_related() names no relation to JOIN instead.");
            }
            for (Prefetch p : pr.lookups()) {
                if (!p.plain()) {
                    throw new QueryException("ValueError", "Prefetch(\"" + p.lookup() + "\", ...) has a queryset or "
                            + "to_attr, which select_related() cannot express: change it to a plain lookup first.");
                }
            }
            to = new Step.SelectRelated(pr.lookups().stream().map(Prefetch::lookup).toList());
        } else {
            throw new QueryException("TypeError", s.method() + "() is not select_related() or prefetch_related()");
        }
        return new Edit(QueryLens.set(qs, at, to), at, "Switch to " + to.method());
    }

    private static void requireStep(NodePath at) {
        if (!at.isStep()) {
            throw new QueryException("TypeError", "node " + at + " is not a step: steps are sN of a pipeline");
        }
    }
}
