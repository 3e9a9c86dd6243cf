package studio.queryset.app.canvas.editor;

import studio.queryset.design.DesignNode;
import studio.queryset.design.NodeKind;
import studio.queryset.design.Role;

/** What nested-pipeline nodes do in SQL, for hover text and the inspector. */
final class NestedHelp {
    private NestedHelp() {
    }

    /** Help for Subquery / Exists frames, prefetch lookups and a frame's source; null for other nodes. */
    static String help(DesignNode n) {
        if (n.kind() == NodeKind.SUBQUERY) {
            if (n.role() == Role.EXISTS) {
                return "Exists(qs): WHERE EXISTS (SELECT 1 ... LIMIT 1) — true when the nested query finds a row; "
                        + "OuterRef(\"pk\") in it ties it to the outer row.";
            }
            if (n.role() == Role.SUBQUERY) {
                return "Subquery(qs): a nested (SELECT ...) used as one value per outer row — it must return one "
                        + "column and at most one row: .values(\"x\")[:1].";
            }
            return "A queryset used as a value: becomes a nested SELECT (e.g. IN (SELECT ...)).";
        }
        if (n.kind() == NodeKind.PREFETCH) {
            return "Prefetch: one extra query for this relation (WHERE fk IN (...)), its queryset's filters and "
                    + "ordering applied there, matched to the objects in memory (under to_attr when given).";
        }
        if (n.kind() == NodeKind.SOURCE && n.parent() != null) {
            return "The nested pipeline's model: in SQL its table gets an alias (U0) inside the outer statement.";
        }
        return null;
    }
}
