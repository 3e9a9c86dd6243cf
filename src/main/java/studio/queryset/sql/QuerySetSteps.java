package studio.queryset.sql;

import studio.queryset.query.QueryException;
import studio.queryset.query.Step;

/**
 * Each QuerySet method of a chain as Django's QuerySet does it: the checks Django makes before it touches the
 * query (nothing after union() but ordering, slicing and values(); no filter, reorder or distinct once sliced),
 * then the {@link SqlQuery} verb the method calls.
 */
final class QuerySetSteps {
    private QuerySetSteps() {
    }

    static void apply(SqlQuery q, Step step) {
        refuseAfterCombinator(q, step);
        refuseAfterSlice(q, step);
        if (step instanceof Step.Filter f) {
            q.addQ(f.condition(), f.exclude(), f);
        } else if (step instanceof Step.Annotate a) {
            q.addAnnotation(a);
        } else if (step instanceof Step.OrderBy o) {
            q.addOrdering(o);
        } else if (step instanceof Step.Values v) {
            q.setValues(v);
        } else if (step instanceof Step.ValuesList v) {
            q.setValuesList(v);
        } else if (step instanceof Step.Distinct d) {
            q.setDistinct(d.fields());
        } else if (step instanceof Step.Only o) {
            if (o.defer()) {
                q.addDeferredLoading(o.fields());
            } else {
                q.addImmediateLoading(o.fields());
            }
        } else if (step instanceof Step.SelectRelated s) {
            q.addSelectRelated(s.paths());
        } else if (step instanceof Step.PrefetchRelated p) {
            q.addPrefetch(p.lookups());
        } else if (step instanceof Step.Slice s) {
            q.setLimits(s.start(), s.stop());
            q.sliceStep = s;
        } else if (step instanceof Step.Simple s) {
            switch (s.method()) {
                case "reverse" -> q.reverseOrdering();
                case "none" -> q.setEmpty();
                case "all" -> { }
                default -> throw new QueryException("AttributeError", "Unknown QuerySet method '" + s.method() + "'");
            }
        } else if (step instanceof Step.Combine c && c.isOperator()) {
            q.combineOperator(c);
        } else if (step instanceof Step.Combine c) {
            q.combine(c);
        } else {
            throw new QueryException("TypeError", step.method() + "() cannot be used here");
        }
    }

    /** Django's _not_support_combined_queries: after union() only ordering, slicing and values() are allowed. */
    private static void refuseAfterCombinator(SqlQuery q, Step step) {
        if (!q.combinators.isEmpty() && !(step instanceof Step.OrderBy || step instanceof Step.Slice
                || step instanceof Step.Values || step instanceof Step.ValuesList
                || step instanceof Step.Simple s0 && s0.method().equals("all"))) {
            throw new QueryException("NotSupportedError", "Calling QuerySet." + (step instanceof Step.Combine op
                    && op.isOperator() ? "__" + op.method() + "__" : step.method()) + "() after "
                    + q.combinators.get(q.combinators.size() - 1).method() + "() is not supported.");
        }
    }

    /** Django's "Cannot ... a query once a slice has been taken." */
    private static void refuseAfterSlice(SqlQuery q, Step step) {
        if (!q.isSliced()) {
            return;
        }
        if (step instanceof Step.Simple rev && rev.method().equals("reverse")) {
            throw new QueryException("TypeError", "Cannot reverse a query once a slice has been taken.");
        }
        if (step instanceof Step.Filter || step instanceof Step.OrderBy || step instanceof Step.Distinct) {
            throw new QueryException("AssertionError", "Cannot " + (step instanceof Step.Filter ? "filter"
                    : step instanceof Step.OrderBy ? "reorder" : step.method()) + " a query once a slice has been "
                    + "taken.");
        }
    }
}
