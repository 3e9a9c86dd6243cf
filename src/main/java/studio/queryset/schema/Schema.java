package studio.queryset.schema;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * All models of a project with their forward and reverse relations. Immutable once built.
 */
public final class Schema {
    private final Map<String, Model> models = new LinkedHashMap<>();
    private final Map<String, List<ReverseRelation>> reverse = new LinkedHashMap<>();
    private final List<ImportWarning> warnings;

    public Schema(Collection<Model> modelList) {
        this(modelList, List.of());
    }

    /** A schema with what its import did not fully understand (see {@link #warnings()}). */
    public Schema(Collection<Model> modelList, List<ImportWarning> importWarnings) {
        this.warnings = List.copyOf(importWarnings);
        for (Model m : modelList) {
            models.put(m.name(), m);
        }
        for (Model m : modelList) {
            for (Field f : m.fields()) {
                if (f.isRelation() && !f.relation().reverseHidden()) {
                    reverse.computeIfAbsent(f.relation().target(), k -> new ArrayList<>())
                            .add(new ReverseRelation(m, f));
                }
            }
        }
    }

    /** What the models.py import did not fully understand and what it assumed; empty when introspected. */
    public List<ImportWarning> warnings() {
        return warnings;
    }

    public Collection<Model> models() {
        return models.values();
    }

    public Optional<Model> findModel(String name) {
        Model m = models.get(name);
        if (m != null) {
            return Optional.of(m);
        }
        String simple = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1) : name;
        return models.values().stream().filter(x -> x.name().equalsIgnoreCase(simple)).findFirst();
    }

    public Model model(String name) {
        return findModel(name).orElseThrow(() -> new SchemaException("Unknown model '" + name
                + "'. Models are: " + String.join(", ", models.keySet()), 0));
    }

    public List<ReverseRelation> reverseRelations(Model target) {
        return reverse.getOrDefault(target.name(), List.of());
    }

    public Optional<ReverseRelation> reverseRelation(Model target, String queryName) {
        return reverseRelations(target).stream().filter(r -> r.queryName().equals(queryName)).findFirst();
    }

    public Optional<ReverseRelation> reverseByAccessor(Model target, String accessor) {
        return reverseRelations(target).stream().filter(r -> r.accessorName().equals(accessor)).findFirst();
    }

    /** The names a lookup may start with on this model, sorted as Django lists them in FieldError. */
    public List<String> choices(Model model) {
        List<String> names = new ArrayList<>();
        for (Field f : model.fields()) {
            names.add(f.name());
        }
        for (ReverseRelation r : reverseRelations(model)) {
            names.add(r.queryName());
        }
        names.add("pk");
        return names.stream().distinct().sorted().collect(Collectors.toList());
    }

    public static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
