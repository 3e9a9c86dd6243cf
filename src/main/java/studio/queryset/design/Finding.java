package studio.queryset.design;

/**
 * One warning on one node of the canvas: an analysis.Gotchas finding (works, but bites) or a DesignLint flag
 * (pointless or wrong), with its headline and explanation (why, and what to write instead).
 */
public record Finding(String nodeId, String source, String title, String detail) {

    /** One line for Problems: where, what, why and the fix. */
    public String line(String nodeLabel) {
        return "Node " + nodeLabel + " (" + nodeId + "): " + title + (detail.isEmpty() ? "" : " — "
                + detail.replace("\n", " "));
    }
}
