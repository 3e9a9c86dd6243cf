package studio.queryset.design;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntUnaryOperator;
import studio.queryset.sql.SqlSpan;
import studio.queryset.sql.SqlSpans;

/**
 * The SQL source map in canvas terms: which characters of the shown SQL each design node wrote, and which
 * node wrote a given character. Made from a statement's {@link SqlSpans} and the {@link DesignGraph} of the
 * same QuerySet object (spans name their parts by identity); offsets can be moved into a displayed text (laid
 * out, values inlined) by the two maps given.
 */
public final class NodeSpans {
    public static final NodeSpans NONE = new NodeSpans(Map.of(), null);

    /** Characters {@code [start, end)} of the shown SQL written by node {@code nodeId}. */
    public record Range(String nodeId, int start, int end) {
        public int length() {
            return end - start;
        }
    }

    private final Map<String, List<Range>> byNode;
    private final DesignGraph graph;

    private NodeSpans(Map<String, List<Range>> byNode, DesignGraph graph) {
        this.byNode = byNode;
        this.graph = graph;
    }

    /** Spans already in the offsets of the shown text (several statements' spans together). */
    public static NodeSpans of(DesignGraph g, List<SqlSpan> spans) {
        return of(g, spans, IntUnaryOperator.identity(), IntUnaryOperator.identity());
    }

    private static NodeSpans of(DesignGraph g, List<SqlSpan> spans, IntUnaryOperator startMap,
                                IntUnaryOperator endMap) {
        if (g == null || spans == null || spans.isEmpty()) {
            return NONE;
        }
        Map<String, List<Range>> out = new LinkedHashMap<>();
        for (SqlSpan s : spans) {
            String id = g.idOfPart(s.part());
            if (id != null) {
                Range r = new Range(id, startMap.applyAsInt(s.start()), endMap.applyAsInt(s.end()));
                List<Range> list = out.computeIfAbsent(id, k -> new ArrayList<>());
                if (!list.contains(r)) {
                    list.add(r);
                }
            }
        }
        out.values().forEach(l -> l.sort(Comparator.comparingInt(Range::start)));
        return new NodeSpans(out, g);
    }

    /** Spans in the statement's own offsets. */
    public static NodeSpans of(DesignGraph g, SqlSpans spans) {
        return of(g, spans, IntUnaryOperator.identity(), IntUnaryOperator.identity());
    }

    /**
     * @param startMap where a span starting at a statement offset starts in the shown text
     * @param endMap   where a span ending (exclusive) at a statement offset ends in the shown text
     */
    public static NodeSpans of(DesignGraph g, SqlSpans spans, IntUnaryOperator startMap, IntUnaryOperator endMap) {
        return spans == null ? NONE : of(g, spans.all(), startMap, endMap);
    }

    public boolean isEmpty() {
        return byNode.isEmpty();
    }

    /**
     * What node {@code id} wrote, in text order. A node with no SQL of its own (an annotate stage, a NOT group
     * Django folds into its children) shows what the nodes under it wrote.
     */
    public List<Range> rangesOf(String id) {
        List<Range> own = byNode.get(id);
        if (own != null) {
            return own;
        }
        if (graph == null || id == null || graph.node(id) == null) {
            return List.of();
        }
        List<Range> out = new ArrayList<>();
        for (String child : graph.node(id).children()) {
            DesignNode c = graph.node(child);
            // the next stage of the pipeline is a child too, but not a part of this one
            if (!c.isStep()) {
                out.addAll(rangesOf(child)); // nested pipelines (frames) are part of the node holding them
            }
        }
        out.sort(Comparator.comparingInt(Range::start));
        return out;
    }

    /** The node that wrote the character at {@code offset}: the innermost range holding it, or null. */
    public String nodeAt(int offset) {
        Range best = null;
        for (List<Range> list : byNode.values()) {
            for (Range r : list) {
                if (r.start() <= offset && offset < r.end() && (best == null || r.length() < best.length()
                        || r.length() == best.length() && r.nodeId().length() > best.nodeId().length())) {
                    best = r;
                }
            }
        }
        return best == null ? null : best.nodeId();
    }

    /** Every node with SQL of its own, with its ranges. */
    public Map<String, List<Range>> all() {
        return java.util.Collections.unmodifiableMap(byNode);
    }
}
