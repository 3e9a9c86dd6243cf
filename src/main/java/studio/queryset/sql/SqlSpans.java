package studio.queryset.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * Where each part of the query model landed in one statement's SQL: the source map between the canvas and
 * the SQL panel. Spans nest (a lookup inside its Q group inside its filter); a part used twice (an annotation
 * in SELECT and in ORDER BY) has one span per use.
 */
public final class SqlSpans {
    public static final SqlSpans NONE = new SqlSpans(List.of());

    private final List<SqlSpan> spans;

    private SqlSpans(List<SqlSpan> spans) {
        this.spans = spans;
    }

    static SqlSpans of(List<SqlSpan> spans) {
        return spans.isEmpty() ? NONE : new SqlSpans(List.copyOf(spans));
    }

    public List<SqlSpan> all() {
        return spans;
    }

    public boolean isEmpty() {
        return spans.isEmpty();
    }
}
