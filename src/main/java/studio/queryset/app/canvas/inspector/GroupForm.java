package studio.queryset.app.canvas.inspector;

import java.util.List;
import studio.queryset.app.canvas.palette.PaletteItems;
import studio.queryset.app.canvas.inspector.FormField.Choice;
import studio.queryset.app.canvas.inspector.FormField.Kind;
import studio.queryset.app.canvas.inspector.FormField.Place;
import studio.queryset.design.edit.ConditionEdits;
import studio.queryset.query.NodePath;
import studio.queryset.query.Q;

/**
 * The form of a Q group: NOT, AND / OR, and the actions that toggle it or add a lookup.
 */
final class GroupForm {
    private GroupForm() {
    }

    static Form group(FormHost host, NodePath at, String model) {
        Form form = new Form(host, "group", at);
        form.add("negateGroup", "NOT (negate)", Kind.CHECK, Place.ROW, List::of,
                q -> String.valueOf(ConditionEdits.condition(q, form.path()) instanceof Q.Node n && n.negated()),
                (q, t) -> ConditionEdits.update(q, form.path(), c -> c instanceof Q.Node n
                        ? new Q.Node(n.connector(), Boolean.parseBoolean(t), n.children()) : c, "Negate"));
        form.add("groupConnector", "connector", Kind.CHOICE, Place.ROW, () -> Choice.plain(List.of("AND", "OR")),
                q -> ConditionEdits.condition(q, form.path()) instanceof Q.Node n ? n.connector().name() : "AND",
                (q, t) -> ConditionEdits.update(q, form.path(), c -> c instanceof Q.Node n
                        ? new Q.Node(Q.Connector.valueOf(t), n.negated(), n.children()) : c, "AND / OR"));
        form.action("connectorToggle", "AND ↔ OR", q -> ConditionEdits.toggleConnector(q, form.path()));
        form.action("groupAddLookup", "+ lookup", q -> ConditionEdits.add(q, form.path(),
                PaletteItems.defaultLookup(host.schema(), model)));
        form.shape(() -> "children " + ((Q.Node) ConditionEdits.condition(host.query(), form.path())).children().size());
        return form;
    }
}
