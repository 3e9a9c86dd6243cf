package studio.queryset.app.canvas.editor;

import java.util.Map;
import studio.queryset.design.DesignGraph;
import studio.queryset.design.DesignNode;
import studio.queryset.design.Point;

/** Arrow keys between cards: the nearest card in that direction, straight ahead preferred over diagonal. */
final class KeyboardNavigation {
    private KeyboardNavigation() {
    }

    /** The node to select from {@code current} going (dx, dy) (each -1, 0 or 1); the source when none is. */
    static String next(DesignGraph g, Map<String, Point> layout, String current, int dx, int dy) {
        if (g == null) {
            return null;
        }
        Point at = current == null ? null : layout.get(current);
        if (at == null) {
            return g.node("src") != null ? "src" : null;
        }
        double cx = at.x() + NodeCard.WIDTH / 2;
        double cy = at.y() + NodeCard.HEIGHT / 2;
        String best = null;
        double bestScore = Double.MAX_VALUE;
        for (DesignNode n : g.nodes()) {
            Point p = layout.get(n.id());
            if (p == null || n.id().equals(current)) {
                continue;
            }
            double ox = p.x() + NodeCard.WIDTH / 2 - cx;
            double oy = p.y() + NodeCard.HEIGHT / 2 - cy;
            double ahead = dx != 0 ? ox * dx : oy * dy;
            double side = dx != 0 ? Math.abs(oy) : Math.abs(ox);
            if (ahead <= 1) {
                continue;
            }
            // a card off to the side counts as farther: going right from a stage picks the next stage, not the
            // lookup hanging under it
            double score = ahead + 2.5 * side;
            if (score < bestScore) {
                bestScore = score;
                best = n.id();
            }
        }
        return best == null ? current : best;
    }
}
