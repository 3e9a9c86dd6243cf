package studio.queryset.design;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The node a command has just added that the user names or fills next, as a drawing tool puts a new layer's
 * name into edit: a new annotation or aggregate entry (its alias was made up), a new Subquery frame, a new
 * Prefetch object (its {@code to_attr}), a new raw() (its SQL), a lookup, new or changed, that still compares with the placeholder a drop
 * put there: an empty string, or 0 for an exact on a number ({@code id=0}; a comparison like {@code gt=0} is meant).
 * Only when exactly one node is such a node.
 */
public final class NodeToName {
    private NodeToName() {
    }

    /** The id of that node in {@code after}, or null. */
    public static String of(DesignGraph before, DesignGraph after) {
        if (before == null || after == null) {
            return null;
        }
        // a node whose id changed because steps before it moved (a filter inserted ahead) is not new
        Set<String> seen = before.nodes().stream().map(NodeToName::shape).collect(Collectors.toSet());
        List<DesignNode> candidates = after.nodes().stream()
                .filter(n -> waitsForInput(n, before.node(n.id()) != null ? before.node(n.id())
                        : seen.contains(shape(n)) ? n : null))
                .toList();
        return candidates.size() == 1 ? candidates.get(0).id() : null;
    }

    private static boolean startsEmpty(String lookupText) {
        if (lookupText.endsWith("=\"\"")) {
            return true;
        }
        int eq = lookupText.indexOf('=');
        return eq == lookupText.length() - 2 && lookupText.endsWith("=0")
                && studio.queryset.sql.LookupCatalog.split(lookupText.substring(0, eq))[1].equals("exact");
    }

    private static String shape(DesignNode n) {
        return n.kind() + "\u0000" + n.label() + "\u0000" + n.text();
    }

    /** {@code was}: the node of the same id (or shape) before the command, or null when it is new. */
    static boolean waitsForInput(DesignNode n, DesignNode was) {
        return switch (n.kind()) {
            case EXPRESSION, SUBQUERY -> was == null && n.alias() != null;
            case PREFETCH -> was == null && n.text().startsWith("Prefetch(");
            // raw() in place of the pipeline: its SQL is what one writes next (the placeholder is an example)
            case TERMINAL -> was == null && n.label().equals("raw");
            case LOOKUP -> (was == null || !was.text().equals(n.text())) && startsEmpty(n.text());
            default -> false;
        };
    }
}
