package studio.queryset.app.vm;

import java.util.stream.Collectors;
import studio.queryset.query.QuerySet;
import studio.queryset.query.Step;

/**
 * Django text for the QuerySets the shell builds ({@code Post.objects.all()}). Chained steps are named
 * only; the full printer belongs to the {@code django} package.
 */
final class DjangoText {
    private DjangoText() {
    }

    static String expression(QuerySet qs) {
        if (qs.steps().isEmpty()) {
            return qs.model() + ".objects.all()";
        }
        return qs.model() + ".objects." + qs.steps().stream().map(Step::method).map(m -> m + "(…)")
                .collect(Collectors.joining("."));
    }

    static String of(QuerySet qs) {
        return "from blog.models import " + qs.model() + "\n\n" + expression(qs) + "\n";
    }
}
