package studio.queryset.sql;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import studio.queryset.sql.format.SqlScan;

/**
 * A piece of SQL and the parameters its {@code ?} placeholders take, kept together so they cannot drift; and,
 * the same way, the {@link SqlSpan}s saying which query part wrote which characters (offsets into {@code sql}).
 * Joining fragments links their spans instead of copying and shifting them at every level: they are laid out
 * once, when a statement's spans are asked for (the SQL panel), which most compiles never do.
 */
public final class Frag {
    /** The offsets of a marked fragment's one child: shared, as no Spans ever writes its offsets. */
    private static final int[] AT_START = {0};

    private final String sql;
    private final List<Object> params;
    private final Spans spans;

    /** {@code params} is copied (a bound NULL is a legitimate parameter, so not List.copyOf). */
    public Frag(String sql, List<Object> params) {
        this(sql, params.isEmpty() ? List.of() : Collections.unmodifiableList(new ArrayList<>(params)), Spans.NONE);
    }

    /** For lists this class made and holds alone: no copy. */
    private Frag(String sql, List<Object> ownedParams, Spans spans) {
        this.sql = sql;
        this.params = ownedParams;
        this.spans = spans;
    }

    public String sql() {
        return sql;
    }

    public List<Object> params() {
        return params;
    }

    /** The spans, in the order they were made (inner parts before the part that contains them). */
    public List<SqlSpan> spans() {
        if (spans == Spans.NONE) {
            return List.of();
        }
        List<SqlSpan> out = new ArrayList<>();
        spans.layOut(0, out);
        return Collections.unmodifiableList(out);
    }

    /** The same parameters under rewritten text, with its spans already laid out for it (relabelled aliases). */
    Frag rewritten(String newSql, List<SqlSpan> newSpans) {
        return new Frag(newSql, params, newSpans.isEmpty() ? Spans.NONE
                : new Spans(null, List.copyOf(newSpans), null, null));
    }

    boolean hasSpans() {
        return spans != Spans.NONE;
    }

    public static Frag of(String sql) {
        return new Frag(sql, List.of(), Spans.NONE);
    }

    /** A compiled statement used as a fragment (a subquery), its spans kept. */
    public static Frag of(CompiledQuery q) {
        Frag rendered = q.spans().source();
        if (rendered != null && rendered.sql.equals(q.sql())) {
            return new Frag(q.sql(), q.params(), rendered.spans);
        }
        List<SqlSpan> all = q.spans().all();
        return new Frag(q.sql(), q.params(), all.isEmpty() ? Spans.NONE : new Spans(null, all, null, null));
    }

    /**
     * Whether {@code sql} has an AND or OR outside parentheses and quotes, i.e. needs parentheses when it
     * becomes one operand of another AND/OR (a subquery's own WHERE does not).
     */
    static boolean hasTopLevelConnector(String sql) {
        return SqlScan.topLevel(sql, 0, " AND ") >= 0 || SqlScan.topLevel(sql, 0, " OR ") >= 0;
    }

    public static Frag param(Object value) {
        List<Object> p = new ArrayList<>(1);
        p.add(value);
        return new Frag("?", Collections.unmodifiableList(p), Spans.NONE);
    }

    /** This fragment with one more span: all of it was written by {@code part}. Empty fragments stay unmarked. */
    public Frag marked(Object part) {
        if (part == null || sql.isEmpty()) {
            return this;
        }
        return new Frag(sql, params, new Spans(new SqlSpan(part, 0, sql.length()), List.of(),
                spans == Spans.NONE ? null : new Spans[] {spans}, AT_START));
    }

    /** Joins fragments with a separator, concatenating their parameters and spans in order. */
    public static Frag join(String separator, List<Frag> parts) {
        int n = parts.size();
        if (n == 1) {
            return parts.get(0); // the separator never shows: the same text, parameters and spans
        }
        // String.join sizes and fills the result once; a StringBuilder would copy it again in toString
        String[] sqls = new String[n];
        List<Object> params = null;
        Linked linked = new Linked();
        int at = 0;
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                at += separator.length();
            }
            Frag p = parts.get(i);
            linked.add(p.spans, at, n);
            sqls[i] = p.sql;
            at += p.sql.length();
            params = addParams(params, p.params);
        }
        return new Frag(String.join(separator, sqls), owned(params), linked.spans());
    }

    /** Formats {@code template} where each {@code %s} takes the next fragment's SQL. */
    public static Frag format(String template, Frag... parts) {
        int length = template.length();
        for (Frag p : parts) {
            length += p.sql.length();
        }
        StringBuilder sb = new StringBuilder(length);
        List<Object> params = null;
        Linked linked = new Linked();
        int at = 0;
        int k = 0;
        while (true) {
            int next = template.indexOf("%s", at);
            if (next < 0) {
                sb.append(template, at, template.length());
                break;
            }
            sb.append(template, at, next);
            linked.add(parts[k].spans, sb.length(), parts.length);
            sb.append(parts[k].sql);
            params = addParams(params, parts[k].params);
            k++;
            at = next + 2;
        }
        return new Frag(sb.toString(), owned(params), linked.spans());
    }

    private static List<Object> addParams(List<Object> into, List<Object> more) {
        if (more.isEmpty()) {
            return into;
        }
        List<Object> out = into == null ? new ArrayList<>(more.size() + 2) : into;
        out.addAll(more);
        return out;
    }

    private static List<Object> owned(List<Object> params) {
        return params == null ? List.of() : Collections.unmodifiableList(params);
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

    @Override
    public String toString() {
        return "Frag[sql=" + sql + ", params=" + params + ", spans=" + spans() + "]";
    }

    /**
     * The spans of a fragment as a tree: spans given as a list ({@code listed}), then the children's at their
     * offsets, then the fragment's own span. Laid out, that is the order copying them level by level gave.
     */
    private static final class Spans {
        static final Spans NONE = new Spans(null, List.of(), null, null);

        private final SqlSpan own;
        private final List<SqlSpan> listed;
        private final Spans[] children;
        private final int[] offsets;

        Spans(SqlSpan own, List<SqlSpan> listed, Spans[] children, int[] offsets) {
            this.own = own;
            this.listed = listed;
            this.children = children;
            this.offsets = offsets;
        }

        void layOut(int shift, List<SqlSpan> out) {
            for (SqlSpan s : listed) {
                out.add(s.shifted(shift));
            }
            if (children != null) {
                for (int i = 0; i < children.length; i++) {
                    children[i].layOut(shift + offsets[i], out);
                }
            }
            if (own != null) {
                out.add(own.shifted(shift));
            }
        }
    }

    /** Collects the children with spans while a join or format runs. */
    private static final class Linked {
        private Spans[] children;
        private int[] offsets;
        private int size;

        void add(Spans s, int offset, int capacity) {
            if (s == Spans.NONE) {
                return;
            }
            if (children == null) {
                children = new Spans[capacity];
                offsets = new int[capacity];
            }
            children[size] = s;
            offsets[size] = offset;
            size++;
        }

        Spans spans() {
            if (size == 0) {
                return Spans.NONE;
            }
            if (size == 1 && offsets[0] == 0) {
                return children[0];
            }
            return new Spans(null, List.of(), java.util.Arrays.copyOf(children, size),
                    java.util.Arrays.copyOf(offsets, size));
        }
    }
}
