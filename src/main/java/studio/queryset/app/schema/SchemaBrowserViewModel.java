package studio.queryset.app.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import studio.queryset.schema.Field;
import studio.queryset.schema.Model;
import studio.queryset.schema.RelationKind;
import studio.queryset.schema.ReverseRelation;
import studio.queryset.schema.Schema;

/**
 * The schema browser's state: the schema shown as a tree of {@link SchemaNode}s, narrowed by a filter, and
 * the name of the selected model.
 */
public final class SchemaBrowserViewModel {
    private final ObjectProperty<Schema> schema = new SimpleObjectProperty<>(this, "schema");
    private final StringProperty filter = new SimpleStringProperty(this, "filter", "");
    private final ReadOnlyObjectWrapper<List<SchemaNode>> roots = new ReadOnlyObjectWrapper<>(this, "roots", List.of());
    private final ObjectProperty<String> selectedModel = new SimpleObjectProperty<>(this, "selectedModel");
    /** Where the schema came from ("models.py (blog)", "introspected blog.sqlite3"), shown under the header. */
    private final StringProperty source = new SimpleStringProperty(this, "source", "");
    private Consumer<String> onModelPicked = name -> { };

    public SchemaBrowserViewModel() {
        schema.addListener(o -> rebuild());
        filter.addListener(o -> rebuild());
    }

    public ObjectProperty<Schema> schemaProperty() {
        return schema;
    }

    public StringProperty sourceProperty() {
        return source;
    }

    public StringProperty filterProperty() {
        return filter;
    }

    /** Models (all, or those matching the filter), each with its fields and relations. */
    public ReadOnlyObjectProperty<List<SchemaNode>> rootsProperty() {
        return roots.getReadOnlyProperty();
    }

    public List<SchemaNode> roots() {
        return roots.get();
    }

    /** The selected model's name, or null. */
    public ObjectProperty<String> selectedModelProperty() {
        return selectedModel;
    }

    /**
     * The user picked a model on purpose (double-click, "New query on"): selects it and tells the listener, which
     * starts a new query {@code Model.objects.all()} as an undoable step.
     */
    public void pickModel(String name) {
        selectedModel.set(name);
        onModelPicked.accept(name);
    }

    public void setOnModelPicked(Consumer<String> listener) {
        onModelPicked = listener == null ? name -> { } : listener;
    }

    public boolean isFiltering() {
        return !filter.get().isBlank();
    }

    private void rebuild() {
        Schema s = schema.get();
        if (s == null) {
            roots.set(List.of());
            return;
        }
        String needle = filter.get() == null ? "" : filter.get().trim().toLowerCase(Locale.ROOT);
        List<SchemaNode> result = new ArrayList<>();
        for (Model m : s.models()) {
            List<SchemaNode> children = children(s, m);
            if (!needle.isEmpty() && !matches(m.name(), needle)) {
                children = children.stream().filter(c -> matches(c.name(), needle)).toList();
                if (children.isEmpty()) {
                    continue;
                }
            }
            List<String> assumed = s.warnings().stream()
                    .filter(w -> (m.appLabel() + "." + m.name()).equals(w.model())).map(Object::toString).toList();
            // a model the importer made assumptions about says so: a mark with the count, the lines in its tooltip
            result.add(new SchemaNode(SchemaNode.Kind.MODEL, m.name(), m.table(),
                    assumed.isEmpty() ? List.of() : List.of(SchemaNode.WARNING_MARK + " " + assumed.size()),
                    m.name(), children, "model", assumed));
        }
        roots.set(List.copyOf(result));
    }

    /** {@code fk}, {@code o2o}, {@code m2m}; reverse ones prefixed {@code reverse-}. */
    static String relationIcon(RelationKind kind, boolean reverse) {
        String k = kind == RelationKind.FOREIGN_KEY ? "fk" : kind == RelationKind.ONE_TO_ONE ? "o2o" : "m2m";
        return reverse ? "reverse-" + k : k;
    }

    private static boolean matches(String name, String needle) {
        return name.toLowerCase(Locale.ROOT).contains(needle);
    }

    private static List<SchemaNode> children(Schema s, Model m) {
        List<SchemaNode> nodes = new ArrayList<>();
        for (Field f : m.fields()) {
            if (f.isRelation()) {
                nodes.add(new SchemaNode(SchemaNode.Kind.RELATION, f.name(), SchemaLabels.forwardShort(f),
                        SchemaLabels.marks(f), m.name(), List.of(), relationIcon(f.relation().kind(), false)));
            } else {
                nodes.add(new SchemaNode(SchemaNode.Kind.FIELD, f.name(), SchemaLabels.fieldTypeShort(f),
                        SchemaLabels.marks(f), m.name(), List.of(), f.valueType().name().toLowerCase(Locale.ROOT)));
            }
        }
        for (ReverseRelation rr : s.reverseRelations(m)) {
            // the lookup name is the row's name; prefetch_related and attribute access use the accessor
            String accessor = rr.accessorName().equals(rr.queryName()) ? "" : " · accessor " + rr.accessorName();
            nodes.add(new SchemaNode(SchemaNode.Kind.REVERSE_RELATION, rr.queryName(), SchemaLabels.reverse(rr)
                    + accessor, List.of(), m.name(), List.of(), relationIcon(rr.field().relation().kind(), true)));
        }
        return nodes;
    }
}
