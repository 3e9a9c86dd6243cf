package studio.queryset.design;

import java.util.ArrayList;
import java.util.List;
import studio.queryset.query.QuerySet;
import studio.queryset.analysis.Gotcha;
import studio.queryset.analysis.Gotchas;
import studio.queryset.schema.Schema;

/** The warnings of a query, each on the node of its graph it is about; part of every {@link Revision}. */
public final class Findings {
    private Findings() {
    }

    /** Gotchas of the top-level steps, then lint flags; a node missing from the graph gets none. */
    public static List<Finding> find(Schema schema, QuerySet qs, DesignGraph g) {
        List<Finding> out = new ArrayList<>();
        if (schema != null) {
            List<Gotcha> gotchas;
            try {
                gotchas = Gotchas.analyze(schema, qs);
            } catch (RuntimeException e) {
                gotchas = List.of(); // a query that does not resolve has its error badge already
            }
            for (Gotcha gotcha : gotchas) {
                String id = onNode(g, studio.queryset.query.NodePath.step(gotcha.step()).toString(), gotcha);
                if (g.node(id) != null) {
                    out.add(new Finding(id, "Gotcha", gotcha.title(), "Why: " + gotcha.why() + "\nFix: "
                            + gotcha.fix()));
                }
            }
        }
        List<DesignLint.Lint> lints;
        try {
            lints = DesignLint.lint(qs, g);
        } catch (RuntimeException e) {
            lints = List.of(); // advice only: a lint that trips must not take the canvas with it
        }
        for (DesignLint.Lint l : lints) {
            if (g.node(l.nodeId()) != null) {
                out.add(new Finding(l.nodeId(), "Lint", l.message(), ""));
            }
        }
        return List.copyOf(out);
    }

    /**
     * The node a gotcha belongs on: its step, or for an exclude across a multi-valued relation the lookup under
     * that step the gotcha names (its title quotes the lookup path).
     */
    static String onNode(DesignGraph g, String stepId, Gotcha gotcha) {
        if (gotcha.code() != Gotcha.Code.EXCLUDE_MULTI_VALUED || g.node(stepId) == null) {
            return stepId;
        }
        List<String> todo = new ArrayList<>(g.node(stepId).children());
        while (!todo.isEmpty()) {
            var n = g.node(todo.remove(0));
            if (n.kind() == NodeKind.LOOKUP && gotcha.title().contains("(" + n.label() + ")")) {
                return n.id();
            }
            if (n.kind() == NodeKind.Q_GROUP || n.kind() == NodeKind.LOOKUP) {
                todo.addAll(n.children());
            }
        }
        return stepId;
    }
}
