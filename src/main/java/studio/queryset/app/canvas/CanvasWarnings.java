package studio.queryset.app.canvas;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import studio.queryset.design.DesignGraph;
import studio.queryset.design.DesignLint;
import studio.queryset.design.NodeKind;
import studio.queryset.query.QuerySet;
import studio.queryset.run.Gotcha;
import studio.queryset.run.Gotchas;
import studio.queryset.schema.Schema;

/**
 * The warnings of the canvas: run.Gotchas (works, but bites) and design.DesignLint flags (pointless or wrong),
 * each on the node it is about, recomputed whenever the graph changes. Shown as yellow badges on the cards
 * and as warning lines in Problems; the red error badge stays for what does not compile.
 */
public final class CanvasWarnings {

    /** One warning on one node: a headline and the explanation (why, and what to write instead). */
    public record Warning(String nodeId, String source, String title, String detail) {
        /** One line for Problems: where, what, why and the fix. */
        public String line(String nodeLabel) {
            return "Node " + nodeLabel + " (" + nodeId + "): " + title + (detail.isEmpty() ? "" : " — "
                    + detail.replace("\n", " "));
        }
    }

    private final CanvasViewModel canvas;
    private final ReadOnlyObjectWrapper<List<Warning>> all = new ReadOnlyObjectWrapper<>(this, "all", List.of());
    private final ReadOnlyObjectWrapper<Map<String, List<Warning>>> byNode = new ReadOnlyObjectWrapper<>(this,
            "byNode", Map.of());

    CanvasWarnings(CanvasViewModel canvas) {
        this.canvas = canvas;
        canvas.graphProperty().addListener((o, old, g) -> refresh());
        refresh();
    }

    private void refresh() {
        DesignGraph g = canvas.graphProperty().get();
        QuerySet qs = g == null ? null : canvas.design().query();
        Schema schema = canvas.query().schemaProperty().get();
        List<Warning> found = g == null || qs == null ? List.of() : find(schema, qs, g);
        Map<String, List<Warning>> map = new LinkedHashMap<>();
        for (Warning w : found) {
            map.computeIfAbsent(w.nodeId(), k -> new ArrayList<>()).add(w);
        }
        byNode.set(map);
        all.set(found);
    }

    /** Gotchas of the top-level steps, then lint flags; a node missing from the graph gets none. */
    static List<Warning> find(Schema schema, QuerySet qs, DesignGraph g) {
        List<Warning> out = new ArrayList<>();
        if (schema != null) {
            List<Gotcha> gotchas;
            try {
                gotchas = Gotchas.analyze(schema, qs);
            } catch (RuntimeException e) {
                gotchas = List.of(); // a query that does not resolve has its error badge already
            }
            for (Gotcha gotcha : gotchas) {
                String id = onNode(g, studio.queryset.design.edit.NodePath.step(gotcha.step()).toString(), gotcha);
                if (g.node(id) != null) {
                    out.add(new Warning(id, "Gotcha", gotcha.title(), "Why: " + gotcha.why() + "\nFix: "
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
                out.add(new Warning(l.nodeId(), "Lint", l.message(), ""));
            }
        }
        return out;
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

    /** The tooltip text of a node's warnings, or null when it has none. */
    public String textFor(String nodeId) {
        List<Warning> list = byNode.get().get(nodeId);
        if (list == null || list.isEmpty()) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        for (Warning w : list) {
            sb.append(sb.length() == 0 ? "" : "\n\n").append(w.source().equals("Gotcha") ? "Gotcha: " : "")
                    .append(w.title()).append(w.detail().isEmpty() ? "" : "\n" + w.detail());
        }
        return sb.toString();
    }

    public ReadOnlyObjectProperty<List<Warning>> allProperty() {
        return all.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Map<String, List<Warning>>> byNodeProperty() {
        return byNode.getReadOnlyProperty();
    }
}
