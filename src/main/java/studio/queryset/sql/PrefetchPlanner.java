package studio.queryset.sql;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import studio.queryset.query.Prefetch;
import studio.queryset.query.QueryException;
import studio.queryset.query.QuerySet;
import studio.queryset.schema.Field;
import studio.queryset.schema.Model;
import studio.queryset.schema.RelationKind;
import studio.queryset.schema.ReverseRelation;
import studio.queryset.schema.Schema;
import studio.queryset.schema.ValueType;

/**
 * Plans prefetch_related: one child query per relation level, filtered by the parents' keys
 * ({@code WHERE fk IN (...)}), with the matching key selected as a hidden column so rows can be stitched
 * onto parents in memory. Nested lookups ({@code posts__comments}) plan a level under the first.
 */
final class PrefetchPlanner {
    private PrefetchPlanner() {
    }

    static List<PrefetchPlan> plan(Schema schema, Dialect d, Model parent, List<Prefetch> lookups) {
        Map<String, Prefetch> levels = new LinkedHashMap<>();
        Map<String, List<Prefetch>> nested = new LinkedHashMap<>();
        for (Prefetch p : lookups) {
            int cut = p.lookup().indexOf("__"); // not split("__", 2): a two-character separator compiles a regex
            String[] parts = cut < 0 ? new String[] {p.lookup()}
                    : new String[] {p.lookup().substring(0, cut), p.lookup().substring(cut + 2)};
            if (parts.length == 1) {
                String key = p.toAttr() != null ? p.toAttr() : parts[0];
                if (levels.containsKey(key) && !levels.get(key).plain() && !p.plain()) {
                    throw new QueryException("ValueError", "'" + key + "' lookup was already seen with a different "
                            + "queryset. You may need to adjust the ordering of your lookups.");
                }
                if (!levels.containsKey(key) || levels.get(key).plain()) {
                    levels.put(key, p);
                }
                nested.computeIfAbsent(key, k -> new ArrayList<>());
            } else {
                levels.putIfAbsent(parts[0], Prefetch.of(parts[0]));
                nested.computeIfAbsent(parts[0], k -> new ArrayList<>())
                        .add(new Prefetch(parts[1], p.queryset(), p.toAttr(), p.plain()));
            }
        }
        List<PrefetchPlan> out = new ArrayList<>();
        for (var e : levels.entrySet()) {
            try {
                out.add(level(schema, d, parent, e.getValue(), nested.getOrDefault(e.getKey(), List.of())));
            } catch (QueryException x) {
                throw x.in(e.getValue());
            }
        }
        return out;
    }

    private static PrefetchPlan level(Schema schema, Dialect d, Model parent, Prefetch p, List<Prefetch> below) {
        String name = p.lookup();
        Field f = null;
        ReverseRelation rev = null;
        // a multi-table child has its parents' relations too; its pk is theirs, its row holds their FKs
        for (Model at = parent; at != null && f == null && rev == null; at = at.parentLink() == null ? null
                : schema.model(at.parentLink().relation().target())) {
            f = at.field(name).filter(Field::isRelation).orElse(null);
            rev = schema.reverseRelations(at).stream()
                    .filter(r -> r.accessorName().equals(name)).findFirst().orElse(null);
        }
        Model child;
        if (f != null && f.isRelation()) {
            child = schema.model(f.relation().target());
        } else if (rev != null) {
            child = rev.source();
        } else {
            throw new QueryException("AttributeError", "Cannot find '" + name + "' on " + parent.name()
                    + " object, '" + name + "' is an invalid parameter to prefetch_related(). Relations are: "
                    + String.join(", ", relationNames(schema, parent))).about(name);
        }
        QuerySet qs = p.queryset() != null ? p.queryset() : QuerySet.of(child.name());
        if (!schema.model(qs.model()).name().equals(child.name())) {
            throw new QueryException("ValueError", "Prefetch querysets cannot use raw(), values(), and "
                    + "values_list(); and must be of the related model " + child.name());
        }
        SqlQuery c = SqlQuery.forQuerySet(schema, d, qs, null);
        if (c.valuesFields != null) {
            throw new QueryException("ValueError", "Prefetch querysets cannot use raw(), values(), and "
                    + "values_list().");
        }
        String keyCol;
        String parentKey;
        ValueType keyType = parent.pk().valueType();
        boolean many;
        String marker = PrefetchPlan.KEYS_MARKER;
        if (f != null && f.isManyToMany()) {
            var r = f.relation();
            Join through = c.scope.join(c.scope.baseAlias, child.pk().column(), r.throughTable(),
                    r.throughTargetColumn(), "prefetch-through", false, true, -1);
            keyCol = c.col(through.alias, r.throughSourceColumn());
            parentKey = parent.pk().attname();
            many = true;
        } else if (f != null) {
            Field key = schema.targetKey(f);
            keyCol = c.col(c.scope.baseAlias, key.column());
            parentKey = f.attname();
            keyType = key.valueType();
            many = false;
        } else if (rev.field().relation().kind() == RelationKind.MANY_TO_MANY) {
            var r = rev.field().relation();
            Join through = c.scope.join(c.scope.baseAlias, child.pk().column(), r.throughTable(),
                    r.throughSourceColumn(), "prefetch-through", false, true, -1);
            keyCol = c.col(through.alias, r.throughTargetColumn());
            parentKey = parent.pk().attname();
            many = true;
        } else {
            Field fk = rev.field();
            keyCol = c.col(c.scope.baseAlias, fk.column());
            parentKey = schema.targetKey(fk).attname();
            keyType = fk.valueType();
            many = rev.isMultiValued();
            // Django stitches by reading each object's FK: a deferred one is loaded (refresh_from_db)
            if (c.loading.onlyFields != null) {
                c.loading.onlyFields.add(fk.name());
            }
            c.loading.deferFields.remove(fk.name());
        }
        c.leadingWhere = Frag.of(keyCol + " IN (" + marker + ")");
        c.extraSelect.add(Frag.of(keyCol));
        c.extraColumns.add(new OutColumn(List.of(), "_prefetch_key", keyType, true));
        SelectPlan sp = c.build();
        List<Prefetch> childLookups = new ArrayList<>(c.prefetchLookups());
        childLookups.addAll(below);
        List<PrefetchPlan> nestedPlans = childLookups.isEmpty() ? List.of() : plan(schema, d, child, childLookups);
        return new PrefetchPlan(p.attribute(), parentKey, sp.columns().size() - 1, many, sp, nestedPlans);
    }

    private static List<String> relationNames(Schema schema, Model m) {
        List<String> out = new ArrayList<>();
        for (Field f : m.fields()) {
            if (f.isRelation()) {
                out.add(f.name());
            }
        }
        for (ReverseRelation r : schema.reverseRelations(m)) {
            out.add(r.accessorName());
        }
        return out;
    }
}
