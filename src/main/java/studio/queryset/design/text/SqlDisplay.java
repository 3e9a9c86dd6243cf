package studio.queryset.design.text;

import java.util.ArrayList;
import java.util.List;
import studio.queryset.design.DesignGraph;
import studio.queryset.design.NodeSpans;
import studio.queryset.query.QuerySet;
import studio.queryset.sql.CompiledQuery;
import studio.queryset.sql.Dialect;
import studio.queryset.sql.EvaluatedStatements;
import studio.queryset.sql.PrefetchPlan;
import studio.queryset.sql.QueryPlan;
import studio.queryset.sql.SqlSpan;
import studio.queryset.sql.WriteStatement;
import studio.queryset.sql.format.OffsetMap;
import studio.queryset.sql.format.SqlInline;
import studio.queryset.sql.format.SqlLayout;

/**
 * A query plan as the SQL tab shows it: the main statement laid out for reading, then each prefetch query
 * (its key list written as a comment: the keys are bound when it runs), or the write statements, each under a
 * comment saying what it is; and the parameters as table rows.
 */
public final class SqlDisplay {
    private static final String KEYS = "/* keys read by the query above */";

    private SqlDisplay() {
    }

    public static String text(QueryPlan plan, Dialect dialect, boolean inline) {
        return render(plan, List.of(), dialect, inline, null);
    }

    /**
     * The text; with {@code spans}, also where each query part's SQL landed in it (main and write statements).
     * {@code first}: the statements of terminals used as values, which run before the plan's, shown above it.
     */
    private static String render(QueryPlan plan, List<EvaluatedStatements.Planned> first, Dialect dialect,
                                 boolean inline, List<SqlSpan> spans) {
        StringBuilder out = new StringBuilder();
        for (EvaluatedStatements.Planned p : first) {
            out.append("-- ").append(p.text().replace("\n", " ")).append(": runs first, while the QuerySet is built;")
                    .append(" its value is :").append(p.placeholder()).append(" below\n");
            statement(p.query(), dialect, inline, out, null);
            out.append("\n\n");
        }
        if (plan.isWrite()) {
            out.append("-- ").append(plan.kind().name().toLowerCase()).append("() changes data: it runs only when ")
                    .append("writes are allowed (Database → Allow writes)\n");
            int n = 1;
            for (WriteStatement w : plan.write()) {
                if (plan.write().size() > 1) {
                    out.append(n == 1 ? "" : "\n").append("-- statement ").append(n).append(" of ")
                            .append(plan.write().size()).append(" (").append(w.effect().name().toLowerCase())
                            .append(")\n");
                }
                statement(w.query(), dialect, inline, out, spans);
                out.append(";\n");
                n++;
            }
            return out.toString();
        }
        statement(plan.select().query(), dialect, inline, out, spans);
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
            // no spans: the keys comment replacing the marker would shift them
            statement(new CompiledQuery(q.sql().replace(PrefetchPlan.KEYS_MARKER, KEYS), q.params()), dialect, inline,
                    out, null);
            appendPrefetches(p.nested(), path + "__", dialect, inline, out);
        }
    }

    /**
     * Which characters of {@link #text} each canvas node wrote: the spans of the main (or write) statements,
     * moved through the inlining and the layout. Prefetch queries map nothing.
     */
    public static NodeSpans nodeSpans(QueryPlan plan, QuerySet qs, Dialect dialect, boolean inline) {
        return shown(plan, qs, dialect, inline).spans();
    }

    /** The text and where each node's SQL is in it, from one rendering (the SQL tab needs both per edit). */
    public record Shown(String text, NodeSpans spans) {
    }

    public static Shown shown(QueryPlan plan, QuerySet qs, Dialect dialect, boolean inline) {
        return shown(plan, qs == null ? null : DesignGraph.of(qs), dialect, inline);
    }

    /** As above with the query's graph already built (a revision builds it once for every panel). */
    public static Shown shown(QueryPlan plan, DesignGraph graph, Dialect dialect, boolean inline) {
        return shown(plan, List.of(), graph, dialect, inline);
    }

    /** As above, with the statements of terminals used as values shown first (they run first). */
    public static Shown shown(QueryPlan plan, List<EvaluatedStatements.Planned> first, DesignGraph graph,
                              Dialect dialect, boolean inline) {
        if (graph == null) {
            return new Shown(render(plan, first, dialect, inline, null), NodeSpans.NONE);
        }
        List<SqlSpan> spans = new ArrayList<>();
        String text = render(plan, first, dialect, inline, spans);
        return new Shown(text, spans.isEmpty() ? NodeSpans.NONE : NodeSpans.of(graph, spans));
    }

    /** Appends a statement as shown; with {@code spans}, adds its spans in the offsets of {@code out}. */
    private static void statement(CompiledQuery q, Dialect dialect, boolean inline, StringBuilder out,
                                  List<SqlSpan> spans) {
        if (spans == null || q.spans().isEmpty()) {
            out.append(SqlLayout.format(inline ? SqlInline.inline(q.sql(), q.params(), dialect) : q.sql()));
            return;
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
        int base = out.length();
        for (SqlSpan span : q.spans().all()) {
            spans.add(new SqlSpan(span.part(), base + all.start(span.start()), base + all.end(span.end())));
        }
        out.append(shown);
    }

    public static List<ParamRow> params(QueryPlan plan, Dialect dialect) {
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

    public static int statementCount(QueryPlan plan) {
        return plan.statements().size();
    }
}
