package studio.queryset.design;

import java.util.ArrayList;
import java.util.List;
import studio.queryset.query.QueryException;
import studio.queryset.query.Step;

/**
 * Which orders of stages Django accepts, with the messages it gives, so the canvas can put a new stage where it
 * is legal (or refuse a reorder) before the user meets the error. Mirrors the order checks of the compiler
 * ({@code sql/QuerySetSteps}, {@code SqlCompiler}) — keep them in step.
 */
public final class StageOrder {
    private StageOrder() {
    }

    /** Why Django refuses this order of steps, or null when it accepts it. */
    public static String refusal(List<Step> steps) {
        boolean sliced = false;
        String combined = null;
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            if (s.terminal() && i < steps.size() - 1) {
                return s.method() + "() evaluates the queryset: it must stay last.";
            }
            if (combined != null && !(s instanceof Step.OrderBy || s instanceof Step.Slice
                    || s instanceof Step.Values || s instanceof Step.ValuesList
                    || s instanceof Step.Simple all && all.method().equals("all") || s.terminal())) {
                return "Calling QuerySet." + (s instanceof Step.Combine op && op.isOperator() ? "__" + op.method()
                        + "__" : s.method()) + "() after " + combined + "() is not supported.";
            }
            if (sliced) {
                if (s instanceof Step.Filter) {
                    return "Cannot filter a query once a slice has been taken.";
                }
                if (s instanceof Step.OrderBy) {
                    return "Cannot reorder a query once a slice has been taken.";
                }
                if (s instanceof Step.Distinct) {
                    return "Cannot distinct a query once a slice has been taken.";
                }
                if (s instanceof Step.Simple r && r.method().equals("reverse")) {
                    return "Cannot reverse a query once a slice has been taken.";
                }
                if (s instanceof Step.Update) {
                    return "Cannot update a query once a slice has been taken.";
                }
            }
            if (s instanceof Step.Slice sl && (sl.start() != null || sl.stop() != null)) {
                sliced = true;
            }
            if (s instanceof Step.Combine c && !c.isOperator()) { // after | or & the query is an ordinary one
                combined = c.method();
            }
        }
        return null;
    }

    /** Where a new step goes and what the user should be told about it. */
    public record Placement(int index, boolean replacesTerminal, String note) { }

    /**
     * The place for {@code step} wanted at {@code wanted} (0..size): there when Django accepts it, else the
     * latest earlier place it accepts (a filter asked for after {@code [:1]} goes before it, with a note saying
     * why). A terminal goes last and replaces the one there. Throws Django's refusal when no place works.
     */
    public static Placement place(List<Step> steps, int wanted, Step step) {
        int size = steps.size();
        boolean endsTerminal = size > 0 && steps.get(size - 1).terminal();
        if (step.terminal()) {
            List<Step> out = new ArrayList<>(steps);
            if (endsTerminal) {
                out.set(size - 1, step);
            } else {
                out.add(step);
            }
            String why = refusal(out);
            if (why != null) {
                throw new QueryException("TypeError", why);
            }
            return new Placement(endsTerminal ? size - 1 : size, endsTerminal, null);
        }
        int start = Math.max(0, Math.min(wanted, size));
        String first = null;
        for (int i = start; i >= 0; i--) {
            List<Step> out = new ArrayList<>(steps);
            out.add(i, step);
            String why = refusal(out);
            if (why == null) {
                String note = first == null ? null : name(step) + " went before " + name(steps.get(i)) + ": "
                        + first;
                return new Placement(i, false, note);
            }
            if (first == null) {
                first = why;
            }
        }
        throw new QueryException("TypeError", first);
    }

    /** The steps with the one at {@code from} moved to index {@code to} (of the list without it); Django's refusal if illegal. */
    public static List<Step> move(List<Step> steps, int from, int to) {
        List<Step> out = new ArrayList<>(steps);
        Step s = out.remove(from);
        out.add(Math.max(0, Math.min(to, out.size())), s);
        String why = refusal(out);
        if (why != null) {
            throw new QueryException("TypeError", "Cannot move " + name(s) + " there: " + why);
        }
        return out;
    }

    /** How a step reads in a message: {@code filter()}, {@code [:1]}. */
    public static String name(Step s) {
        if (s instanceof Step.Slice sl) {
            return "[" + (sl.start() == null ? "" : sl.start()) + ":" + (sl.stop() == null ? "" : sl.stop()) + "]";
        }
        return s.method() + "()";
    }
}
