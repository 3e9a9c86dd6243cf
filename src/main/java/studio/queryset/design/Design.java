package studio.queryset.design;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import studio.queryset.codegen.ExportOptions;
import studio.queryset.query.QuerySet;

/**
 * The document the canvas edits: a query, where its nodes sit (only those the user placed; the rest are laid
 * out automatically), the values of its named parameters, free notes, and the export choices made for it
 * (generator and names). Immutable; every edit makes a new Design, which is what makes undo exact.
 */
public record Design(String name, QuerySet query, Map<String, Point> positions, Map<String, Object> params,
                     String notes, ExportOptions exportOptions) {

    public Design {
        positions = Collections.unmodifiableMap(new LinkedHashMap<>(positions));
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        notes = notes == null ? "" : notes;
        exportOptions = exportOptions == null ? ExportOptions.DERIVED : exportOptions;
    }

    /** A design with no export choices made yet. */
    public Design(String name, QuerySet query, Map<String, Point> positions, Map<String, Object> params,
                  String notes) {
        this(name, query, positions, params, notes, ExportOptions.DERIVED);
    }

    public static Design of(String name, QuerySet query) {
        return new Design(name, query, Map.of(), Map.of(), "");
    }

    public Design withQuery(QuerySet newQuery) {
        return new Design(name, newQuery, keptPositions(query, newQuery, positions), params, notes, exportOptions);
    }

    public Design withPosition(String nodeId, Point p) {
        Map<String, Point> m = new LinkedHashMap<>(positions);
        m.put(nodeId, p);
        return new Design(name, query, m, params, notes, exportOptions);
    }

    /** The design with these nodes back at their automatic places. */
    public Design withoutPositions(java.util.Collection<String> nodeIds) {
        if (nodeIds.isEmpty() || java.util.Collections.disjoint(positions.keySet(), nodeIds)) {
            return this;
        }
        Map<String, Point> m = new LinkedHashMap<>(positions);
        m.keySet().removeAll(nodeIds);
        return new Design(name, query, m, params, notes);
    }

    public Design withParams(Map<String, Object> values) {
        return new Design(name, query, positions, values, notes, exportOptions);
    }

    public Design withName(String newName) {
        return new Design(newName, query, positions, params, notes, exportOptions);
    }

    public Design withNotes(String newNotes) {
        return new Design(name, query, positions, params, newNotes, exportOptions);
    }

    public Design withExportOptions(ExportOptions options) {
        return new Design(name, query, positions, params, notes, options);
    }

    /**
     * Positions survive a new query for nodes whose id still shows the same text: an edit elsewhere, or a
     * re-parse of the Django text, does not move what did not change.
     */
    static Map<String, Point> keptPositions(QuerySet before, QuerySet after, Map<String, Point> positions) {
        if (positions.isEmpty()) {
            return positions;
        }
        DesignGraph old = DesignGraph.of(before);
        DesignGraph now = DesignGraph.of(after);
        Map<String, Point> kept = new LinkedHashMap<>();
        positions.forEach((id, p) -> {
            DesignNode a = old.node(id);
            DesignNode b = now.node(id);
            if (a != null && b != null && a.kind() == b.kind() && a.label().equals(b.label())) {
                kept.put(id, p);
            }
        });
        return kept;
    }
}
