package studio.queryset.app.canvas.editor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import studio.queryset.design.DesignGraph;
import studio.queryset.design.Finding;
import studio.queryset.design.Findings;
import studio.queryset.design.Revision;
import studio.queryset.query.QuerySet;
import studio.queryset.schema.Schema;

/**
 * The warnings of the canvas: the findings of the current {@link Revision} (run.Gotchas: works, but bites;
 * design.DesignLint: pointless or wrong), each on the node it is about. Shown as yellow badges on the cards
 * and as warning lines in Problems; the red error badge stays for what does not compile.
 */
public final class CanvasWarnings {

    /** One warning on one node: a headline and the explanation (why, and what to write instead). */
    public record Warning(String nodeId, String source, String title, String detail) {
        static Warning of(Finding f) {
            return new Warning(f.nodeId(), f.source(), f.title(), f.detail());
        }

        /** One line for Problems: where, what, why and the fix. */
        public String line(String nodeLabel) {
            return new Finding(nodeId, source, title, detail).line(nodeLabel);
        }
    }

    private final ReadOnlyObjectWrapper<List<Warning>> all = new ReadOnlyObjectWrapper<>(this, "all", List.of());
    private final ReadOnlyObjectWrapper<Map<String, List<Warning>>> byNode = new ReadOnlyObjectWrapper<>(this,
            "byNode", Map.of());

    CanvasWarnings(CanvasViewModel canvas) {
        canvas.graphProperty().addListener((o, old, g) -> show(canvas.revision()));
    }

    private void show(Revision r) {
        List<Warning> found = r == null || r.graph() == null ? List.of()
                : r.findings().stream().map(Warning::of).toList();
        Map<String, List<Warning>> map = new LinkedHashMap<>();
        for (Warning w : found) {
            map.computeIfAbsent(w.nodeId(), k -> new ArrayList<>()).add(w);
        }
        byNode.set(map);
        all.set(found);
    }

    /** What the revision builder finds for a query (see {@link Findings#find}), as warnings. */
    static List<Warning> find(Schema schema, QuerySet qs, DesignGraph g) {
        return Findings.find(schema, qs, g).stream().map(Warning::of).toList();
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
