package studio.queryset.design;

import java.util.ArrayList;
import java.util.List;
import studio.queryset.query.NodePath;

/**
 * Typed addressing of pipeline steps read from the nodes' paths, never from the spelling of ids: which step a
 * node belongs to, which pipeline (main or a frame) holds it and at what index.
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
        return n != null && n.isStep();
    }

    /** The step a node is (or hangs under), or null for a source node or an unknown id. */
    public static StepAt stepOf(DesignGraph g, String id) {
        DesignNode n = id == null ? null : g.node(id);
        if (n == null || n.path().isSource()) {
            return null;
        }
        NodePath step = n.path().stepPath();
        NodePath frame = step.frame();
        return new StepAt(step.toString(), step.sourcePath().toString(), frame == null ? null : frame.toString(),
                step.stepIndex());
    }

    /** The source node of the pipeline a node belongs to (itself for a source), or null. */
    public static String sourceOf(DesignGraph g, String id) {
        DesignNode n = id == null ? null : g.node(id);
        return n == null ? null : n.path().isSource() ? n.id() : n.path().sourcePath().toString();
    }

    /** The step ids of the pipeline starting at {@code sourceId}, in order. */
    public static List<String> steps(DesignGraph g, String sourceId) {
        List<String> out = new ArrayList<>();
        NodePath source = NodePath.parse(sourceId);
        for (int i = 0; g.node(source.sibling(i)) != null; i++) {
            out.add(source.sibling(i).toString());
        }
        return out;
    }

    /** The frame holding a source (null for the main pipeline's source). */
    public static String frameOfSource(DesignGraph g, String sourceId) {
        NodePath frame = NodePath.parse(sourceId).frame();
        return frame == null ? null : frame.toString();
    }
}
