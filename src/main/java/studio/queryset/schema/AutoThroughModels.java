package studio.queryset.schema;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The models Django creates for a ManyToManyField without {@code through=}
 * ({@code create_many_to_many_intermediary_model}): {@code Book_genres} on the M2M's table, with an {@code id}, a
 * ForeignKey to the declaring model and one to the target, named after the models ({@code book}, {@code genre};
 * {@code from_book} and {@code to_book} when the M2M points at its own model), with no reverse accessors
 * (related_name {@code Book_genres+}) and no ordering. Flagged {@link Model#autoCreated()}.
 */
public final class AutoThroughModels {
    private AutoThroughModels() {
    }

    /** Django's name of the auto-created model of {@code owner.field}: {@code Book_genres}. */
    public static String name(Model owner, Field m2m) {
        return owner.name() + "_" + m2m.name();
    }

    /**
     * {@code models} (relation targets already keyed, as the Schema keys them) with, after each model, the
     * auto-created models of its many-to-many fields. A name a model already has is left to that model.
     */
    static List<Model> with(List<Model> models) {
        Set<String> shared = Schema.sharedNames(models);
        List<String> keys = models.stream().map(m -> Schema.key(m, shared)).toList();
        Set<String> taken = new HashSet<>();
        for (Model m : models) {
            taken.add(m.appLabel() + "." + m.name().toLowerCase(Locale.ROOT));
        }
        List<Model> out = new ArrayList<>();
        for (int i = 0; i < models.size(); i++) {
            Model owner = models.get(i);
            out.add(owner);
            for (Field f : owner.fields()) {
                if (!f.isManyToMany() || f.relation().through() != null || f.relation().throughTable() == null) {
                    continue;
                }
                String name = name(owner, f);
                if (taken.add(owner.appLabel() + "." + name.toLowerCase(Locale.ROOT))) {
                    out.add(model(owner, keys.get(i), f, models, keys));
                }
            }
        }
        return out;
    }

    private static Model model(Model owner, String ownerKey, Field m2m, List<Model> models, List<String> keys) {
        Relation r = m2m.relation();
        Model target = owner;
        for (int i = 0; i < models.size(); i++) {
            if (keys.get(i).equals(r.target())) {
                target = models.get(i);
            }
        }
        String from = owner.lowerName();
        String to = target.lowerName();
        if (from.equals(to)) {
            from = "from_" + from;
            to = "to_" + to;
        }
        String hidden = name(owner, m2m) + "+";
        Field pk = owner.pk();
        String pkType = pk.djangoType().endsWith("AutoField") ? pk.djangoType() : "AutoField";
        List<Field> fields = List.of(
                new Field("id", "id", pkType, ValueType.INTEGER, false, true, true, 0, null, null, m2m.line()),
                foreignKey(from, r.throughSourceColumn(), ownerKey, owner, hidden, m2m.line()),
                foreignKey(to, r.throughTargetColumn(), r.target(), target, hidden, m2m.line()));
        return new Model(name(owner, m2m), owner.appLabel(), r.throughTable(), fields, List.of(), m2m.line(), true);
    }

    private static Field foreignKey(String name, String column, String targetKey, Model target, String hidden,
                                    int line) {
        Relation rel = new Relation(RelationKind.FOREIGN_KEY, targetKey, hidden, null, null, null, null, null,
                "CASCADE");
        return new Field(name, column, "ForeignKey", target.pk().valueType(), false, false, false, 0, null, rel,
                line);
    }
}
