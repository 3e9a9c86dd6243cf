package studio.queryset.sql;

import java.util.List;

/**
 * Where each part of the query model landed in one statement's SQL: the source map between the canvas and
 * the SQL panel. Spans nest (a lookup inside its Q group inside its filter); a part used twice (an annotation
 * in SELECT and in ORDER BY) has one span per use.
 */
public final class SqlSpans {
    public static final SqlSpans NONE = new SqlSpans(List.of(), null);

    /** Laid out from {@link #source} when first read: most compiles never read their spans. */
    private volatile List<SqlSpan> spans;
    private final Frag source;

    private SqlSpans(List<SqlSpan> spans, Frag source) {
        this.spans = spans;
        this.source = source;
    }

    static SqlSpans of(List<SqlSpan> spans) {
        return spans.isEmpty() ? NONE : new SqlSpans(List.copyOf(spans), null);
    }

    /** The spans of a rendered statement, laid out when asked for. */
    static SqlSpans of(Frag statement) {
        return statement.hasSpans() ? new SqlSpans(null, statement) : NONE;
    }

    /** The fragment these spans are laid out from, or null (for {@link Frag#of(CompiledQuery)}: no layout). */
    Frag source() {
        return source;
    }

    public List<SqlSpan> all() {
        List<SqlSpan> s = spans;
        if (s == null) {
            s = List.copyOf(source.spans());
            spans = s;
        }
        return s;
    }

    public boolean isEmpty() {
        return this == NONE || spans != null && spans.isEmpty();
    }
}
