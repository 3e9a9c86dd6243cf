package studio.queryset.design;

import java.util.ArrayList;
import java.util.List;

/**
 * Typed addressing of pipeline steps read from the graph's structure (parent links and node kinds), never from
 * the spelling of ids: which step a node belongs to, which pipeline (main or a frame) holds it and at what index.
 */
public final class Pipelines {
    private Pipelines() {
    }

    /**
     * A step of a pipeline.
     *
     * @param stepId   the step's node id
     * @param sourceId the id of the pipeline's source node ({@code src}, {@code s0.n.latest.src})
     * @param frame    the id of the frame node holding the pipeline, null for the main one
     * @param index    the step's index in its pipeline
     */
    public record StepAt(String stepId, String sourceId, String frame, int index) {
        public boolean sameQuerysetAs(StepAt other) {
            return other != null && sourceId.equals(other.sourceId);
        }
    }

    /** True when the node is a stage or terminal of a pipeline (not a part hanging under one). */
    public static boolean isStep(DesignGraph g, String id) {
        DesignNode n = id == null ? null : g.node(id);
        if (n == null || (n.kind() != NodeKind.STAGE && n.kind() != NodeKind.TERMINAL) || n.parent() == null) {
            return false;
        }
        NodeKind p = g.node(n.parent()).kind();
        return p == NodeKind.SOURCE || ((p == NodeKind.STAGE || p == NodeKind.TERMINAL) && isStep(g, n.parent()));
    }

    /** The step a node is (or hangs under), or null for a source node or an unknown id. */
    public static StepAt stepOf(DesignGraph g, String id) {
        DesignNode n = id == null ? null : g.node(id);
        while (n != null && !isStep(g, n.id())) {
            if (n.kind() == NodeKind.SOURCE) {
                return null;
            }
            n = n.parent() == null ? null : g.node(n.parent());
        }
        if (n == null) {
            return null;
        }
        int index = 0;
        DesignNode p = g.node(n.parent());
        while (p.kind() != NodeKind.SOURCE) {
            index++;
            p = g.node(p.parent());
        }
        return new StepAt(n.id(), p.id(), p.parent(), index);
    }

    /** The source node of the pipeline a node belongs to (itself for a source), or null. */
    public static String sourceOf(DesignGraph g, String id) {
        DesignNode n = id == null ? null : g.node(id);
        if (n != null && n.kind() == NodeKind.SOURCE) {
            return n.id();
        }
        StepAt s = stepOf(g, id);
        return s == null ? null : s.sourceId();
    }

    /** The step ids of the pipeline starting at {@code sourceId}, in order. */
    public static List<String> steps(DesignGraph g, String sourceId) {
        List<String> out = new ArrayList<>();
        String at = sourceId;
        while (true) {
            String next = null;
            for (String c : g.node(at).children()) {
                if (isStep(g, c)) {
                    next = c;
                }
            }
            if (next == null) {
                return out;
            }
            out.add(next);
            at = next;
        }
    }

    /** The frame holding a source (null for the main pipeline's source). */
    public static String frameOfSource(DesignGraph g, String sourceId) {
        return g.node(sourceId).parent();
    }
}
