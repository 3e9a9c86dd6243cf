package studio.queryset.app.vm;

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
    private Consumer<String> onModelPicked = name -> { };

    public SchemaBrowserViewModel() {
        schema.addListener(o -> rebuild());
        filter.addListener(o -> rebuild());
    }

    public ObjectProperty<Schema> schemaProperty() {
        return schema;
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
     * The user picked a model on purpose (double-click): selects it and tells the listener, even when it was
     * already selected (the window then starts over with {@code Model.objects.all()}).
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
            result.add(new SchemaNode(SchemaNode.Kind.MODEL, m.name(), m.table(), List.of(), m.name(), children));
        }
        roots.set(List.copyOf(result));
    }

    private static boolean matches(String name, String needle) {
        return name.toLowerCase(Locale.ROOT).contains(needle);
    }

    private static List<SchemaNode> children(Schema s, Model m) {
        List<SchemaNode> nodes = new ArrayList<>();
        for (Field f : m.fields()) {
            if (f.isRelation()) {
                nodes.add(new SchemaNode(SchemaNode.Kind.RELATION, f.name(), SchemaLabels.forwardShort(f),
                        SchemaLabels.marks(f), m.name(), List.of()));
            } else {
                nodes.add(new SchemaNode(SchemaNode.Kind.FIELD, f.name(), SchemaLabels.fieldTypeShort(f),
                        SchemaLabels.marks(f), m.name(), List.of()));
            }
        }
        for (ReverseRelation rr : s.reverseRelations(m)) {
            nodes.add(new SchemaNode(SchemaNode.Kind.REVERSE_RELATION, rr.queryName(), SchemaLabels.reverse(rr),
                    List.of(), m.name(), List.of()));
        }
        return nodes;
    }
}
