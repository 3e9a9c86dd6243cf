package studio.queryset.app.vm;

import java.util.ArrayList;
import java.util.List;
import studio.queryset.design.DesignGraph;
import studio.queryset.design.NodeSpans;
import studio.queryset.query.QuerySet;
import studio.queryset.sql.CompiledQuery;
import studio.queryset.sql.Dialect;
import studio.queryset.sql.PrefetchPlan;
import studio.queryset.sql.QueryPlan;
import studio.queryset.sql.WriteStatement;

/**
 * A query plan as the SQL tab shows it: the main statement laid out for reading, then each prefetch query
 * (its key list written as a comment: the keys are bound when it runs), or the write statements, each under a
 * comment saying what it is; and the parameters as table rows.
 */
final class SqlDisplay {
    private static final String KEYS = "/* keys read by the query above */";

    private SqlDisplay() {
    }

    static String text(QueryPlan plan, Dialect dialect, boolean inline) {
        StringBuilder out = new StringBuilder();
        if (plan.isWrite()) {
            out.append("-- ").append(plan.kind().name().toLowerCase()).append("() changes data: shown here, never run")
                    .append(" (writes are off)\n");
            int n = 1;
            for (WriteStatement w : plan.write()) {
                if (plan.write().size() > 1) {
                    out.append(n == 1 ? "" : "\n").append("-- statement ").append(n).append(" of ")
                            .append(plan.write().size()).append(" (").append(w.effect().name().toLowerCase())
                            .append(")\n");
                }
                out.append(statement(w.query(), dialect, inline)).append(";\n");
                n++;
            }
            return out.toString();
        }
        out.append(statement(plan.select().query(), dialect, inline));
        appendPrefetches(plan.select().prefetches(), "", dialect, inline, out);
        return out.toString();
    }

    private static void appendPrefetches(List<PrefetchPlan> plans, String prefix, Dialect dialect, boolean inline,
                                          StringBuilder out) {
        for (PrefetchPlan p : plans) {
            String path = prefix + p.attribute();
            out.append("\n\n-- prefetch_related(\"").append(path).append("\"): a second query, run after the one")
                    .append(" above with the keys it read\n");
            CompiledQuery q = p.query().query();
            out.append(statement(new CompiledQuery(q.sql().replace(PrefetchPlan.KEYS_MARKER, KEYS), q.params()),
                    dialect, inline));
            appendPrefetches(p.nested(), path + "__", dialect, inline, out);
        }
    }

    /**
     * Which characters of {@link #text} each canvas node wrote: the main statement's spans (it comes first in
     * the text of a read), moved through the inlining and the layout. Writes and prefetch queries map nothing.
     */
    static NodeSpans nodeSpans(QueryPlan plan, QuerySet qs, Dialect dialect, boolean inline) {
        if (plan.isWrite() || plan.select() == null || qs == null) {
            return NodeSpans.NONE;
        }
        CompiledQuery q = plan.select().query();
        if (q.spans().isEmpty()) {
            return NodeSpans.NONE;
        }
        String sql = q.sql();
        OffsetMap map = null;
        if (inline) {
            OffsetMap.Builder b = new OffsetMap.Builder(sql.length());
            sql = SqlInline.inline(sql, q.params(), dialect, b);
            map = b.build(sql.length());
        }
        OffsetMap.Builder b = new OffsetMap.Builder(sql.length());
        String shown = SqlLayout.format(sql, b);
        OffsetMap layout = b.build(shown.length());
        OffsetMap all = map == null ? layout : map.then(layout);
        return NodeSpans.of(DesignGraph.of(qs), q.spans(), all::start, all::end);
    }

    private static String statement(CompiledQuery q, Dialect dialect, boolean inline) {
        return SqlLayout.format(inline ? SqlInline.inline(q.sql(), q.params(), dialect) : q.sql());
    }

    static List<ParamRow> params(QueryPlan plan, Dialect dialect) {
        List<ParamRow> rows = new ArrayList<>();
        if (plan.isWrite()) {
            int n = 1;
            for (WriteStatement w : plan.write()) {
                add(rows, plan.write().size() == 1 ? plan.kind().name().toLowerCase() : "statement " + n, w.query()
                        .params(), dialect);
                n++;
            }
            return rows;
        }
        add(rows, "main", plan.select().query().params(), dialect);
        addPrefetches(plan.select().prefetches(), "", dialect, rows);
        return rows;
    }

    private static void addPrefetches(List<PrefetchPlan> plans, String prefix, Dialect dialect, List<ParamRow> rows) {
        for (PrefetchPlan p : plans) {
            String name = "prefetch " + prefix + p.attribute();
            List<Object> params = p.query().query().params();
            int before = p.query().paramsBeforeKeys();
            add(rows, name, params.subList(0, before), dialect);
            rows.add(new ParamRow(name, "…", "(" + p.parentKey() + " of each row read)", "keys"));
            List<ParamRow> after = new ArrayList<>();
            add(after, name, params.subList(before, params.size()), dialect);
            for (ParamRow r : after) {
                rows.add(new ParamRow(r.statement(), "+" + r.index(), r.value(), r.type()));
            }
            addPrefetches(p.nested(), prefix + p.attribute() + "__", dialect, rows);
        }
    }

    private static void add(List<ParamRow> rows, String statement, List<Object> params, Dialect dialect) {
        for (int i = 0; i < params.size(); i++) {
            Object v = params.get(i);
            rows.add(new ParamRow(statement, Integer.toString(i + 1), SqlInline.literal(v, dialect),
                    SqlInline.typeName(v)));
        }
    }

    static int statementCount(QueryPlan plan) {
        return plan.statements().size();
    }
}
