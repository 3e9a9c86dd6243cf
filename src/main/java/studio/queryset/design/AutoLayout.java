package studio.queryset.design;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Places nodes the user has not placed: the pipeline left to right, each step's parts as a tidy tree below it
 * (children in order, a parent centred over its subtree), nested pipelines inside their frame's subtree.
 * Positions the user chose are kept and take precedence.
 */
public final class AutoLayout {
    public static final double STEP_GAP = 240;
    public static final double ROW_GAP = 90;
    public static final double LEAF_WIDTH = 220;

    private AutoLayout() {
    }

    public static Map<String, Point> layout(DesignGraph graph, Map<String, Point> placed) {
        Map<String, Point> out = new LinkedHashMap<>();
        double x = 40;
        for (DesignNode n : graph.nodes()) {
            if (n.parent() == null) {
                x = column(graph, n, x, 40, out) + STEP_GAP;
            }
        }
        out.putAll(placed);
        return out;
    }

    /** Lays out a pipeline starting at (x, y); returns the x after its last column. */
    private static double column(DesignGraph g, DesignNode source, double x, double y, Map<String, Point> out) {
        out.put(source.id(), new Point(x, y));
        double right = x;
        DesignNode step = next(g, source);
        double cx = x + STEP_GAP;
        while (step != null) {
            out.put(step.id(), new Point(cx, y));
            double width = subtree(g, step, cx, y + ROW_GAP, out);
            right = Math.max(right, cx + width);
            cx += Math.max(STEP_GAP, width + 40);
            step = next(g, step);
        }
        return Math.max(right, cx - STEP_GAP);
    }

    private static DesignNode next(DesignGraph g, DesignNode n) {
        for (String c : n.children()) {
            DesignNode child = g.node(c);
            if (child.kind() == NodeKind.STAGE || child.kind() == NodeKind.TERMINAL) {
                return child;
            }
        }
        return null;
    }

    /** Tidy tree of a step's parts; returns the width used. */
    private static double subtree(DesignGraph g, DesignNode parent, double x, double y, Map<String, Point> out) {
        List<String> kids = parent.children().stream().filter(c -> {
            NodeKind k = g.node(c).kind();
            return k != NodeKind.STAGE && k != NodeKind.TERMINAL;
        }).toList();
        if (kids.isEmpty()) {
            return LEAF_WIDTH;
        }
        double cx = x;
        for (String c : kids) {
            DesignNode child = g.node(c);
            double w;
            if (child.kind() == NodeKind.SOURCE) {
                w = column(g, child, cx, y, out) - cx + LEAF_WIDTH;
            } else {
                out.put(child.id(), new Point(cx, y));
                w = subtree(g, child, cx, y + ROW_GAP, out);
            }
            cx += w;
        }
        return cx - x;
    }
}
