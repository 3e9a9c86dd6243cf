package studio.queryset.query;

import java.util.LinkedHashMap;
import java.util.Map;

/** The named {@link Expression.Param}s a query uses, found by walking the whole model (nested querysets too). */
public final class Params {
    private Params() {
    }

    /** Every Param by name, in order of first use; a name used as optional anywhere counts as optional. */
    public static Map<String, Expression.Param> of(QuerySet qs) {
        Map<String, Expression.Param> out = new LinkedHashMap<>();
        ExpressionWalk.everywhere(qs, e -> {
            if (e instanceof Expression.Param p) {
                Expression.Param seen = out.get(p.name());
                if (seen == null || p.optional() && !seen.optional()) {
                    out.put(p.name(), p);
                }
            }
        }, q -> { }, nested -> { });
        return out;
    }
}
