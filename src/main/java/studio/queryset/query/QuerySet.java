package studio.queryset.query;

import java.util.List;

/**
 * An immutable, lazy QuerySet: a model and the chain of method calls on {@code Model.objects}. Every
 * builder method returns a new QuerySet; nothing touches a database here.
 */
public record QuerySet(String model, List<Step> steps) {

    public QuerySet {
        steps = List.copyOf(steps);
    }

    public static QuerySet of(String model) {
        return new QuerySet(model, List.of());
    }

    public QuerySet then(Step step) {
        if (!steps.isEmpty() && steps.get(steps.size() - 1).terminal()) {
            throw new IllegalStateException(steps.get(steps.size() - 1).method()
                    + "() evaluates the queryset; nothing can follow it");
        }
        Step[] next = steps.toArray(new Step[steps.size() + 1]); // one copy: List.copyOf keeps an immutable list
        next[steps.size()] = step;
        return new QuerySet(model, List.of(next));
    }

    public QuerySet filter(Q... conditions) {
        return then(new Step.Filter(List.of(conditions), List.of(), false));
    }

    public QuerySet exclude(Q... conditions) {
        return then(new Step.Filter(List.of(conditions), List.of(), true));
    }

    /** The final step when it evaluates the queryset, else null. */
    public Step terminal() {
        if (steps.isEmpty()) {
            return null;
        }
        Step last = steps.get(steps.size() - 1);
        return last.terminal() ? last : null;
    }

    /** This queryset without its terminal step. */
    public QuerySet chain() {
        return terminal() == null ? this : new QuerySet(model, steps.subList(0, steps.size() - 1));
    }
}
