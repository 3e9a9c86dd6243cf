package studio.queryset.design.text;

import java.util.ArrayList;
import java.util.List;
import studio.queryset.django.DjangoPrinter;
import studio.queryset.query.QuerySet;

/** A QuerySet as the Django editor and the pipeline list show it. */
public final class DjangoLayout {
    /** Printed QuerySets longer than this are laid out a step a line in the editor. */
    private static final int LINE = 60;
    /** A step longer than this gets a line per top-level argument or Q operand. */
    private static final int LONG_STEP = 200;

    private DjangoLayout() {
    }

    /**
     * The QuerySet as Django text for the editor: one line when short, else wrapped in parentheses a step a
     * line, as Django code is usually written: {@code (Author.objects\n    .annotate(...)\n    .filter(...))}.
     */
    public static String layout(QuerySet qs) {
        String printed = DjangoPrinter.print(qs);
        List<String> chain = steps(qs);
        if (printed.length() <= LINE || (chain.size() < 3 && printed.length() <= LONG_STEP)) {
            return printed;
        }
        StringBuilder out = new StringBuilder("(").append(chain.get(0));
        for (int i = 1; i < chain.size(); i++) {
            String step = chain.get(i);
            if (step.length() > LONG_STEP) {
                step = StepWrap.wrap(step, "        ");
            }
            out.append(step.startsWith("[") ? "" : "\n    ").append(step);
        }
        return out.append(')').toString();
    }

    /** The chain as the canvas node lists it: {@code Author.objects}, {@code .annotate(n=Count("posts"))}, ... */
    public static List<String> steps(QuerySet qs) {
        List<String> out = new ArrayList<>();
        String base = qs.model() + ".objects";
        out.add(base);
        String previous = base;
        for (int i = 1; i <= qs.steps().size(); i++) {
            String printed = DjangoPrinter.print(new QuerySet(qs.model(), qs.steps().subList(0, i)));
            if (!printed.startsWith(previous)) {
                return List.of(DjangoPrinter.print(qs));
            }
            out.add(printed.substring(previous.length()));
            previous = printed;
        }
        if (qs.steps().isEmpty()) {
            out.add(".all()");
        }
        return List.copyOf(out);
    }
}
