package studio.queryset.query;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Params that stand for a whole list: the right-hand side of an {@code __in} lookup ({@code id__in=Param("ids")}).
 * Such a Param is given a collection when the query runs; {@link #expand} puts the collection in its place as a
 * list of values, so the compiler writes one bound placeholder per element from its fixed IN fragment, exactly
 * as for a literal list. Everywhere in the model is walked: conditions, expressions, nested querysets.
 */
public final class ListParams extends QueryRewrite {
    /** An {@code __in} lookup with a Param for its list: the model it filters, its path, the Param. */
    public record InLookup(String model, String path, Expression.Param param) {
    }

    private final Function<InLookup, Expression> replacement;
    private ListParams(Function<InLookup, Expression> replacement) {
        this.replacement = replacement;
    }

    /** The names of the Params that are the value of an {@code __in} lookup. */
    public static Set<String> names(QuerySet qs) {
        Set<String> names = new LinkedHashSet<>();
        lookups(qs).forEach(l -> names.add(l.param().name()));
        return names;
    }

    /** Every {@code __in} lookup whose value is a Param, in the order met. */
    public static List<InLookup> lookups(QuerySet qs) {
        List<InLookup> out = new ArrayList<>();
        new ListParams(l -> {
            out.add(l);
            return null;
        }).queryset(qs);
        return out;
    }

    /**
     * {@code qs} with each {@code __in} lookup whose value is a Param replaced by {@code replacement.apply(param)};
     * a null replacement leaves that lookup as it is.
     */
    public static QuerySet expand(QuerySet qs, Function<Expression.Param, Expression> replacement) {
        return new ListParams(l -> replacement.apply(l.param())).queryset(qs);
    }

    /** {@code qs} with the collections in {@code values} in place of their IN-list Params. */
    public static QuerySet withValues(QuerySet qs, Map<String, Object> values) {
        return expand(qs, p -> values.get(p.name()) instanceof java.util.Collection<?> c
                ? Expression.Value.of(new ArrayList<>(c)) : null);
    }

    @Override
    protected Q lookup(Q.Lookup l) {
        if (l.value() instanceof Expression.Param p && (l.path().equals("in") || l.path().endsWith("__in"))) {
            Expression r = replacement.apply(new InLookup(model(), l.path(), p));
            return r == null ? l : new Q.Lookup(l.path(), r);
        }
        return super.lookup(l);
    }
}
