package studio.queryset.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * A piece of SQL and the parameters its {@code ?} placeholders take, kept together so they cannot drift; and,
 * the same way, the {@link SqlSpan}s saying which query part wrote which characters (offsets into {@code sql}).
 * Most fragments carry no spans, and joining those costs nothing extra.
 */
public record Frag(String sql, List<Object> params, List<SqlSpan> spans) {
    public Frag {
        // not List.copyOf: a bound NULL is a legitimate parameter; most fragments bind nothing
        params = params.isEmpty() ? List.of() : java.util.Collections.unmodifiableList(new ArrayList<>(params));
        spans = List.copyOf(spans); // one copy; a span is never null
    }

    public Frag(String sql, List<Object> params) {
        this(sql, params, List.of());
    }

    public static Frag of(String sql) {
        return new Frag(sql, List.of());
    }

    /** A compiled statement used as a fragment (a subquery), its spans kept. */
    public static Frag of(CompiledQuery q) {
        return new Frag(q.sql(), q.params(), q.spans().all());
    }

    /**
     * Whether {@code sql} has an AND or OR outside parentheses and quotes, i.e. needs parentheses when it
     * becomes one operand of another AND/OR (a subquery's own WHERE does not).
     */
    static boolean hasTopLevelConnector(String sql) {
        return SqlScan.topLevel(sql, 0, " AND ") >= 0 || SqlScan.topLevel(sql, 0, " OR ") >= 0;
    }

    public static Frag param(Object value) {
        List<Object> p = new ArrayList<>();
        p.add(value);
        return new Frag("?", p);
    }

    /** This fragment with one more span: all of it was written by {@code part}. Empty fragments stay unmarked. */
    public Frag marked(Object part) {
        if (part == null || sql.isEmpty()) {
            return this;
        }
        List<SqlSpan> s = new ArrayList<>(spans.size() + 1);
        s.addAll(spans);
        s.add(new SqlSpan(part, 0, sql.length()));
        return new Frag(sql, params, s);
    }

    /** Joins fragments with a separator, concatenating their parameters and spans in order. */
    public static Frag join(String separator, List<Frag> parts) {
        StringBuilder sb = new StringBuilder();
        List<Object> params = new ArrayList<>(0);
        List<SqlSpan> spans = null;
        for (int i = 0; i < parts.size(); i++) {
            if (i > 0) {
                sb.append(separator);
            }
            Frag p = parts.get(i);
            spans = addSpans(spans, p.spans(), sb.length());
            sb.append(p.sql());
            params.addAll(p.params());
        }
        return new Frag(sb.toString(), params, spans == null ? List.of() : spans);
    }

    /** Formats {@code template} where each {@code %s} takes the next fragment's SQL. */
    public static Frag format(String template, Frag... parts) {
        StringBuilder sb = new StringBuilder();
        List<Object> params = new ArrayList<>();
        List<SqlSpan> spans = null;
        int at = 0;
        int k = 0;
        while (true) {
            int next = template.indexOf("%s", at);
            if (next < 0) {
                sb.append(template, at, template.length());
                break;
            }
            sb.append(template, at, next);
            spans = addSpans(spans, parts[k].spans(), sb.length());
            sb.append(parts[k].sql());
            params.addAll(parts[k].params());
            k++;
            at = next + 2;
        }
        return new Frag(sb.toString(), params, spans == null ? List.of() : spans);
    }

    /** Same text and parameters (the spans are bookkeeping, not meaning). */
    @Override
    public boolean equals(Object o) {
        return o instanceof Frag f && f.sql.equals(sql) && f.params.equals(params);
    }

    @Override
    public int hashCode() {
        return sql.hashCode() * 31 + params.hashCode();
    }

    private static List<SqlSpan> addSpans(List<SqlSpan> into, List<SqlSpan> more, int shift) {
        if (more.isEmpty()) {
            return into;
        }
        List<SqlSpan> out = into == null ? new ArrayList<>() : into;
        for (SqlSpan s : more) {
            out.add(s.shifted(shift));
        }
        return out;
    }
}
