package studio.queryset.schema;

import java.util.List;
import java.util.Optional;

/**
 * A Django model: its table, its fields in declaration order and its {@code Meta.ordering}; {@code autoCreated}
 * for the model Django creates for a ManyToManyField without {@code through=} ({@link AutoThroughModels}), which
 * queries can name ({@code Book.genres.through.objects}) but Django's {@code get_models()} does not list;
 * {@code latestBy} is {@code Meta.get_latest_by} (the fields earliest()/latest() order by without arguments).
 */
public record Model(String name, String appLabel, String table, List<Field> fields, List<String> ordering,
                    int line, boolean autoCreated, List<String> latestBy) {

    public Model {
        fields = List.copyOf(fields);
        ordering = List.copyOf(ordering);
        latestBy = List.copyOf(latestBy);
    }

    public Model(String name, String appLabel, String table, List<Field> fields, List<String> ordering, int line,
                 boolean autoCreated) {
        this(name, appLabel, table, fields, ordering, line, autoCreated, List.of());
    }

    public Model(String name, String appLabel, String table, List<Field> fields, List<String> ordering, int line) {
        this(name, appLabel, table, fields, ordering, line, false);
    }

    public Field pk() {
        for (int i = 0, n = fields.size(); i < n; i++) { // indexed: the compiler asks for it per column
            if (fields.get(i).primaryKey()) {
                return fields.get(i);
            }
        }
        throw new IllegalStateException("model " + name + " has no primary key");
    }

    public Optional<Field> field(String fieldName) {
        int n = fields.size(); // indexed loops: each path name asks, and an iterator is an allocation
        for (int i = 0; i < n; i++) {
            if (fields.get(i).name().equals(fieldName)) {
                return Optional.of(fields.get(i));
            }
        }
        for (int i = 0; i < n; i++) {
            Field f = fields.get(i);
            if (f.isConcrete() && f.hasAttname(fieldName)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /**
     * The {@code <parent>_ptr} one-to-one of a multi-table child (its primary key), or null: the parent's fields
     * are the child's too, reached through this link.
     */
    public Field parentLink() {
        for (Field f : fields) {
            if (f.primaryKey() && f.isRelation() && f.relation().kind() == RelationKind.ONE_TO_ONE
                    && f.name().endsWith("_ptr")) {
                return f;
            }
        }
        return null;
    }

    /** Fields that have a column in this model's table, in declaration order. */
    public List<Field> concreteFields() {
        int concrete = 0;
        for (Field f : fields) {
            if (f.isConcrete()) {
                concrete++;
            }
        }
        if (concrete == fields.size()) {
            return fields; // most models: no many-to-many field, nothing to leave out (and no copy)
        }
        java.util.ArrayList<Field> out = new java.util.ArrayList<>(concrete);
        for (Field f : fields) {
            if (f.isConcrete()) {
                out.add(f);
            }
        }
        return java.util.Collections.unmodifiableList(out);
    }

    /** Lower-case model name, Django's default for reverse query names. */
    public String lowerName() {
        return name.toLowerCase(java.util.Locale.ROOT);
    }

    public Model withFields(List<Field> newFields) {
        return new Model(name, appLabel, table, newFields, ordering, line, autoCreated, latestBy);
    }
}
