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
    private final List<Model> defined;
    private final Map<String, List<ReverseRelation>> reverse = new LinkedHashMap<>();
    /** The same lists by model object: the compiler asks per join, and a model's key costs a lower-casing. */
    private final Map<Model, List<ReverseRelation>> reverseByModel = new java.util.IdentityHashMap<>();
    private final List<ImportWarning> warnings;
    /** Lower-case names that two apps both use: those models are keyed {@code app_label.Model}. */
    private final java.util.Set<String> shared;
    /** Proxy model key → the key of the concrete model whose table it uses (proxies of proxies resolved). */
    private final Map<String, String> concreteOf;

    public Schema(Collection<Model> modelList) {
        this(modelList, List.of());
    }

    /** A schema with what its import did not fully understand (see {@link #warnings()}). */
    public Schema(Collection<Model> modelList, List<ImportWarning> importWarnings) {
        this(modelList, importWarnings, Map.of());
    }

    /**
     * As {@link #Schema(Collection, List)}, with proxy models: {@code proxyOf} maps a proxy's key to its concrete
     * model's key. As in Django, reverse relations belong to the concrete model, and every proxy of it sees them
     * (a ForeignKey to a proxy too).
     */
    public Schema(Collection<Model> modelList, List<ImportWarning> importWarnings, Map<String, String> proxyOf) {
        this.warnings = List.copyOf(importWarnings);
        this.shared = sharedNames(modelList);
        this.concreteOf = Map.copyOf(proxyOf);
        for (Model m : modelList) {
            models.put(key(m), m);
        }
        this.defined = models.values().stream().filter(m -> !m.autoCreated()).toList();
        for (Model m : modelList) {
            for (Field f : m.fields()) {
                if (f.isRelation() && !f.relation().reverseHidden()) {
                    reverse.computeIfAbsent(concreteKey(f.relation().target()), k -> new ArrayList<>())
                            .add(new ReverseRelation(m, f));
                }
            }
        }
        for (Model m : models.values()) {
            reverseByModel.put(m, reverse.getOrDefault(concreteKey(key(m)), List.of()));
        }
    }

    private String concreteKey(String key) {
        return concreteOf.getOrDefault(key, key);
    }

    /** The model whose table a proxy model uses; the model itself when it is not a proxy. */
    public Model concreteModel(Model m) {
        return models.getOrDefault(concreteKey(key(m)), m);
    }

    /** Proxy model key → concrete model key, for code that rebuilds a schema from this one. */
    public Map<String, String> proxies() {
        return concreteOf;
    }

    /** What the models.py import did not fully understand and what it assumed; empty when introspected. */
    public List<ImportWarning> warnings() {
        return warnings;
    }

    /**
     * The models a project defines, as Django's {@code apps.get_models()} lists them: without the auto-created
     * M2M through models, which {@link #findModel} still finds ({@link #modelsWithAutoCreated}).
     */
    public Collection<Model> models() {
        return defined;
    }

    /** Every model, the auto-created M2M through models included ({@code get_models(include_auto_created=True)}). */
    public Collection<Model> modelsWithAutoCreated() {
        return models.values();
    }

    /** Names (lower-case) that more than one app uses. */
    static java.util.Set<String> sharedNames(Collection<Model> modelList) {
        // a loop, not a stream: it runs in the first import, where a stream's set-up costs more than the counting
        java.util.Set<String> seen = new java.util.HashSet<>();
        java.util.Set<String> twice = new java.util.HashSet<>();
        for (Model m : modelList) {
            String name = lower(m.name());
            if (!seen.add(name)) {
                twice.add(name);
            }
        }
        return java.util.Set.copyOf(twice);
    }

    static String key(Model m, java.util.Set<String> sharedNames) {
        return sharedNames.contains(lower(m.name())) ? m.appLabel() + "." + m.name() : m.name();
    }

    /**
     * How relation targets and queries name this model: its class name, or {@code app_label.Model} when another
     * app has a model of the same name (Django keys models by app label and name too).
     */
    public String key(Model m) {
        return key(m, shared);
    }

    /**
     * The model a name means: a key, {@code app_label.Model}, or a model name in any case when only one app has it.
     * A name two apps share is an error listing the qualified names to use instead.
     */
    public Optional<Model> findModel(String name) {
        Model m = models.get(name);
        if (m != null) {
            return Optional.of(m);
        }
        if (name.contains(".")) {
            String app = name.substring(0, name.lastIndexOf('.'));
            String simple = name.substring(name.lastIndexOf('.') + 1);
            Optional<Model> inApp = models.values().stream().filter(x -> x.appLabel().equals(app)
                    && x.name().equalsIgnoreCase(simple)).findFirst();
            if (inApp.isPresent()) {
                return inApp;
            }
            name = simple;
        }
        String simple = name;
        List<Model> named = models.values().stream().filter(x -> x.name().equalsIgnoreCase(simple)).toList();
        if (named.size() > 1) {
            throw new SchemaException("Model '" + simple + "' is ambiguous: it is defined in several apps ("
                    + named.stream().map(this::key).collect(Collectors.joining(", "))
                    + "); name it with its app label, e.g. " + key(named.get(0)) + ".objects.all()", 0);
        }
        return named.stream().findFirst();
    }

    /** The target field a ForeignKey's column holds: its {@code to_field}, else the target's primary key. */
    public Field targetKey(Field fk) {
        Model target = model(fk.relation().target());
        String toField = fk.relation().toField();
        return toField == null ? target.pk() : target.field(toField).orElse(target.pk());
    }

    public Model model(String name) {
        Model m = models.get(name); // the common case first, without an Optional and a lambda per call
        if (m != null) {
            return m;
        }
        return findModel(name).orElseThrow(() -> new SchemaException("Unknown model '" + name
                + "'. Models are: " + String.join(", ", models.keySet()), 0));
    }

    public List<ReverseRelation> reverseRelations(Model target) {
        List<ReverseRelation> known = reverseByModel.get(target);
        return known != null ? known : reverse.getOrDefault(concreteKey(key(target)), List.of());
    }

    public Optional<ReverseRelation> reverseRelation(Model target, String queryName) {
        for (ReverseRelation r : reverseRelations(target)) { // a loop: every path name that is no field asks
            if (r.queryName().equals(queryName)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
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
