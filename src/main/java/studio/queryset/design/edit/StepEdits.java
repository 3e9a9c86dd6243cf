package studio.queryset.design.edit;

import studio.queryset.query.NodePath;
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

    private static void requireStep(NodePath at) {
        if (!at.isStep()) {
            throw new QueryException("TypeError", "node " + at + " is not a step: steps are sN of a pipeline");
        }
    }
}
