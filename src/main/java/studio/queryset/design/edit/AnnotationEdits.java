package studio.queryset.design.edit;

import studio.queryset.query.Segment;
import studio.queryset.query.NodePath;
import java.util.LinkedHashMap;
import java.util.Map;
import studio.queryset.query.Expression;
import studio.queryset.query.QueryException;
import studio.queryset.query.QuerySet;
import studio.queryset.query.Step;
import studio.queryset.schema.Schema;

/**
 * Edits of named expressions: annotate / alias / aggregate entries (and update's field values), all checked by
 * the one {@link AliasRule}. {@code schema} may be null: then a clash with a field is left to the compiler.
 */
public final class AnnotationEdits {
    private AnnotationEdits() {
    }

    /** Adds {@code alias=e} to the annotate / alias / aggregate step at {@code step}; the new entry is selected. */
    public static Edit add(QuerySet qs, NodePath step, String alias, Expression e, Schema schema) {
        Step s = QueryLens.get(qs, step, Step.class);
        if (!AliasRule.holdsNamed(s)) {
            throw new QueryException("TypeError", "node " + step + " is " + s.method() + "(): expressions go into "
                    + "annotate(), alias() or aggregate()");
        }
        AliasRule.check(alias, QueryLens.pipelineOf(qs, step), step.stepIndex(), schema);
        NodePath added = step.child(new Segment.Named(alias));
        return new Edit(QueryLens.insert(qs, added, e), added, "Add " + alias);
    }

    /** Adds {@code e} under a free name made from {@code base} (base, base2, ...). */
    public static Edit addFresh(QuerySet qs, NodePath step, String base, Expression e, Schema schema) {
        return add(qs, step, freshAlias(qs, step, base, schema), e, schema);
    }

    /** A free name for a new entry of the step at {@code step}. */
    public static String freshAlias(QuerySet qs, NodePath step, String base, Schema schema) {
        return AliasRule.fresh(base, QueryLens.pipelineOf(qs, step), step.stepIndex(), schema);
    }

    /** A free name for the entry of a new annotate() step on {@code model}. */
    public static String freshAlias(String model, String base, Schema schema) {
        QuerySet fresh = new QuerySet(model, java.util.List.of(new Step.Annotate(java.util.List.of(), Map.of(),
                false)));
        return AliasRule.fresh(base, fresh, 0, schema);
    }

    /** Renames the entry at {@code at} ({@code s1.n.score}) in place: its position among the others stays. */
    public static Edit rename(QuerySet qs, NodePath at, String newAlias, Schema schema) {
        if (!(at.last() instanceof Segment.Named old)) {
            throw new QueryException("TypeError", "node " + at + " is not a named annotation: renaming needs one "
                    + "such as s1.n.score");
        }
        NodePath stepPath = at.parent();
        Step s = QueryLens.get(qs, stepPath, Step.class);
        Map<String, Expression> named = AliasRule.names(s);
        if (!named.containsKey(old.alias())) {
            throw new QueryException("IndexError", s.method() + "() at " + stepPath + " has no '" + old.alias() + "'");
        }
        NodePath renamed = stepPath.child(new Segment.Named(newAlias));
        if (old.alias().equals(newAlias)) {
            return new Edit(qs, at, "Rename " + old.alias());
        }
        QuerySet pipeline = QueryLens.pipelineOf(qs, stepPath);
        // the rule applies to the step as it would be without the old name
        QuerySet without = QueryLens.remove(pipeline, NodePath.step(stepPath.stepIndex()).child(old));
        AliasRule.check(newAlias, without, stepPath.stepIndex(), schema);
        Map<String, Expression> next = new LinkedHashMap<>();
        named.forEach((k, v) -> next.put(k.equals(old.alias()) ? newAlias : k, v));
        Step changed = withNamed(s, next);
        return new Edit(QueryLens.set(qs, stepPath, changed), renamed, "Rename " + old.alias() + " to " + newAlias);
    }

    /** The expression of the entry at {@code at} replaced by {@code e}. */
    public static Edit replace(QuerySet qs, NodePath at, Expression e) {
        if (!(at.last() instanceof Segment.Named)) {
            throw new QueryException("TypeError", "node " + at + " is not a named annotation");
        }
        QueryLens.get(qs, at, Expression.class);
        return new Edit(QueryLens.set(qs, at, e), at, "Edit expression");
    }

    private static Step withNamed(Step s, Map<String, Expression> named) {
        if (s instanceof Step.Annotate a) {
            return new Step.Annotate(a.positional(), named, a.alias());
        }
        if (s instanceof Step.Aggregate a) {
            return new Step.Aggregate(a.positional(), named);
        }
        return new Step.Update(named);
    }
}
