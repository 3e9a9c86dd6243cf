package studio.queryset.sql;

import java.util.List;

/**
 * Everything needed to evaluate a QuerySet: the statement to run and how to turn its result into what
 * Django returns.
 *
 * @param kind   what the chain ends in: rows, count, exists, aggregate, get, first, last, index, update,
 *               delete, raw; SINGLE is earliest/latest (DoesNotExist when empty), INDEX is qs[n]
 * @param select the SELECT (for row-returning kinds, count, exists and aggregate)
 * @param write  the UPDATE or DELETE statement(s), empty for reads
 */
public record QueryPlan(Kind kind, SelectPlan select, List<WriteStatement> write, String model) {

    public enum Kind { ROWS, COUNT, EXISTS, AGGREGATE, GET, FIRST, LAST, SINGLE, INDEX, UPDATE, DELETE, CREATE, BULK_CREATE, RAW }

    public QueryPlan {
        write = List.copyOf(write);
    }

    public boolean isWrite() {
        return kind == Kind.UPDATE || kind == Kind.DELETE || kind == Kind.CREATE || kind == Kind.BULK_CREATE;
    }

    /** Every statement this plan compiles to, for display: main, then writes, then prefetch templates. */
    public List<CompiledQuery> statements() {
        List<CompiledQuery> out = new java.util.ArrayList<>();
        if (select != null && kind != Kind.CREATE && kind != Kind.BULK_CREATE) {
            out.add(select.query());
            addPrefetches(select.prefetches(), out);
        }
        write.forEach(w -> out.add(w.query()));
        return out;
    }

    private static void addPrefetches(List<PrefetchPlan> plans, List<CompiledQuery> out) {
        for (PrefetchPlan p : plans) {
            out.add(p.query().query());
            addPrefetches(p.nested(), out);
        }
    }
}
