package studio.queryset.app.schema;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import studio.queryset.schema.Field;
import studio.queryset.schema.Model;
import studio.queryset.schema.ReverseRelation;
import studio.queryset.schema.Schema;

/** The inspector's state: the selected model described as titled sections of key/value rows. */
public final class InspectorViewModel {

    public record Row(String key, String value, List<String> marks) {
        public Row {
            marks = List.copyOf(marks);
        }
    }

    public record Section(String title, List<Row> rows) {
        public Section {
            rows = List.copyOf(rows);
        }
    }

    private final ObjectProperty<Schema> schema = new SimpleObjectProperty<>(this, "schema");
    private final ObjectProperty<Model> model = new SimpleObjectProperty<>(this, "model");
    private final ReadOnlyObjectWrapper<List<Section>> sections = new ReadOnlyObjectWrapper<>(this, "sections", List.of());

    public InspectorViewModel() {
        schema.addListener(o -> rebuild());
        model.addListener(o -> rebuild());
    }

    public ObjectProperty<Schema> schemaProperty() {
        return schema;
    }

    public ObjectProperty<Model> modelProperty() {
        return model;
    }

    public ReadOnlyObjectProperty<List<Section>> sectionsProperty() {
        return sections.getReadOnlyProperty();
    }

    public List<Section> sections() {
        return sections.get();
    }

    private void rebuild() {
        Model m = model.get();
        Schema s = schema.get();
        if (m == null || s == null) {
            sections.set(List.of());
            return;
        }
        List<Section> result = new ArrayList<>();
        Field pk = m.fields().stream().filter(Field::primaryKey).findFirst().orElse(null);
        result.add(new Section("Model", List.of(
                row("Name", m.name()),
                row("App label", m.appLabel()),
                row("Table", m.table()),
                row("Primary key", pk == null ? "(none)" : pk.name() + " · " + SchemaLabels.fieldType(pk)),
                row("Ordering", m.ordering().isEmpty() ? "(none)" : String.join(", ", m.ordering())),
                row("Manager", m.name() + ".objects"))));

        List<Row> fields = new ArrayList<>();
        List<Row> relations = new ArrayList<>();
        for (Field f : m.fields()) {
            if (f.isRelation()) {
                relations.add(new Row(f.name(), SchemaLabels.forward(f), SchemaLabels.marks(f)));
            } else {
                fields.add(new Row(f.name(), SchemaLabels.fieldType(f), SchemaLabels.marks(f)));
            }
        }
        result.add(new Section("Fields (" + fields.size() + ")", fields));
        if (!relations.isEmpty()) {
            result.add(new Section("Relations", relations));
        }
        List<Row> reverse = new ArrayList<>();
        for (ReverseRelation rr : s.reverseRelations(m)) {
            reverse.add(new Row(rr.queryName(), SchemaLabels.reverse(rr) + " · accessor "
                    + m.lowerName() + "." + rr.accessorName(), List.of()));
        }
        if (!reverse.isEmpty()) {
            result.add(new Section("Reverse relations", reverse));
        }
        sections.set(List.copyOf(result));
    }

    private static Row row(String key, String value) {
        return new Row(key, value, List.of());
    }
}
