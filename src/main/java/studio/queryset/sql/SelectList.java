package studio.queryset.sql;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import studio.queryset.query.LookupPath;
import studio.queryset.query.Prefetch;
import studio.queryset.query.QueryException;
import studio.queryset.schema.Field;
import studio.queryset.schema.Model;
import studio.queryset.schema.RelationKind;
import studio.queryset.schema.ReverseRelation;
import studio.queryset.schema.Schema;

/**
 * The columns a SELECT lists, as Django's {@code SQLCompiler.get_select} / {@code get_default_columns} /
 * {@code get_related_selections}: values() names, or the loaded concrete fields (only()/defer(), multi-table
 * parents first), the selected annotations, then the select_related relations' columns.
 */
final class SelectList {
    private final SqlQuery q;
    /** count()/exists()/subquery builds replace the select list: no parent columns (nor their join) then. */
    private final boolean selectOverridden;

    SelectList(SqlQuery q, boolean selectOverridden) {
        this.q = q;
        this.selectOverridden = selectOverridden;
    }

    /** The select list, in Django's order: parents' columns, the model's, annotations, then select_related's. */
    List<SelectItem> items() {
        List<SelectItem> items = new ArrayList<>();
        if (q.valuesFields != null) {
            List<String> names = q.valuesFields;
            if (names.isEmpty()) {
                names = new ArrayList<>();
                for (Field f : inheritedFields(q.schema, q.model)) {
                    names.add(f.attname()); // values() on a multi-table child lists its parents' fields first
                }
                for (Field f : q.model.concreteFields()) {
                    names.add(f.attname());
                }
                for (Annotation a : q.annotations.values()) {
                    if (a.selected() || a.afterValues()) {
                        names.add(a.alias());
                    }
                }
            }
            for (String n : names) {
                Annotation a = q.annotations.get(n);
                if (a != null) {
                    items.add(new SelectItem(a.compiled().frag(), new OutColumn(List.of(), n, a.compiled().type(),
                            false), !a.compiled().groupable(), n));
                    continue;
                }
                ResolvedPath rp = q.scope.resolve(n, -1);
                if (!rp.rest().isEmpty()) {
                    Typed t = q.exprs.applyTransforms(rp, rp.rest(), false);
                    items.add(new SelectItem(t.frag(), new OutColumn(List.of(), n, t.type(), false), false, null));
                    continue;
                }
                items.add(new SelectItem(Frag.of(q.col(rp.alias(), rp.column())), new OutColumn(List.of(), n,
                        rp.valueType(), false), false, null));
            }
            return items;
        }
        Set<String> only = q.loading.onlyFields;
        if (only != null) {
            only = new LinkedHashSet<>(only);
            for (String p : q.loading.selectRelated) {
                String fk = LookupPath.head(p);
                Field f = q.model.field(fk).orElse(null);
                boolean traversedInOnly = only.stream().anyMatch(o -> o.startsWith(fk + "__"));
                if (traversedInOnly) {
                    only.add(fk); // only("customer__name") loads the FK it walks through
                } else if (f != null && f.isConcrete() && !only.contains(fk)) {
                    throw QueryException.fieldError("Field " + q.model.name() + "." + fk + " cannot be both deferred "
                            + "and traversed using select_related at the same time.");
                }
            }
            for (Prefetch p : q.loading.prefetches) {
                only.add(LookupPath.head(p.lookup())); // and the FK a prefetch matches its rows by
            }
        }
        addParentColumns(items, q.model, q.scope.baseAlias, only);
        for (Field f : loadedFields(q.model, only, q.loading.deferFields, "")) {
            items.add(new SelectItem(Frag.of(q.col(q.scope.baseAlias, f.column())), new OutColumn(List.of(),
                    f.attname(), f.valueType(), false), false, null));
        }
        for (Annotation a : q.annotations.values()) {
            if (a.selected()) {
                items.add(new SelectItem(a.compiled().frag(), new OutColumn(List.of(), a.alias(),
                        a.compiled().type(), false), !a.compiled().groupable(), a.alias()));
            }
        }
        addSelectRelated(items);
        return items;
    }

    /** only()/defer() names: fields of the model (a multi-table child's parent fields too) or paths. */
    static void checkLoadable(Schema schema, Model model, List<String> fields) {
        for (String f : fields) {
            if (!f.contains("__") && inheritedFields(schema, model).stream()
                    .noneMatch(x -> x.name().equals(f))) {
                fieldOrError(model, f);
            }
        }
    }

    static Field fieldOrError(Model m, String name) {
        if (name.equals("pk")) {
            return m.pk();
        }
        return m.field(name).orElseThrow(() -> QueryException.fieldError(m.name() + " has no field named '"
                + name + "'. Fields are: " + String.join(", ", m.fields().stream().map(Field::name).toList())).about(name));
    }

    /** The parents' concrete fields a multi-table child exposes (nearest parent last), those it overrides aside. */
    static List<Field> inheritedFields(Schema schema, Model child) {
        List<Field> out = new ArrayList<>();
        Field ptr = child.parentLink();
        if (ptr != null) {
            Model parent = schema.model(ptr.relation().target());
            for (Field f : inheritedFields(schema, parent)) {
                if (child.field(f.name()).isEmpty()) {
                    out.add(f);
                }
            }
            for (Field f : parent.concreteFields()) {
                if (child.field(f.name()).isEmpty()) {
                    out.add(f);
                }
            }
        }
        return out;
    }

    /**
     * Multi-table inheritance: Django selects the parents' columns first (joined through each {@code <parent>_ptr},
     * the same join a filter on a parent field uses), then the child's own.
     */
    private void addParentColumns(List<SelectItem> items, Model child, String childAlias, Set<String> only) {
        Field ptr = child.parentLink();
        if (ptr == null || selectOverridden) {
            return; // count()/exists() select no columns, so Django joins no parent for them
        }
        Model parent = q.schema.model(ptr.relation().target());
        List<Field> loaded = new ArrayList<>();
        for (Field f : loadedFields(parent, only, q.loading.deferFields, "")) {
            // the child's pk is its ptr: under only() the parent's own pk is loaded only when named
            if (child.field(f.name()).isEmpty() && !(only != null && f.primaryKey() && !only.contains(f.name()))) {
                loaded.add(f);
            }
        }
        if (loaded.isEmpty() && parent.parentLink() == null) {
            return; // nothing of the parent is loaded: Django does not join it
        }
        Join up = q.scope.join(childAlias, ptr.column(), parent.table(), parent.pk().column(), "fk:" + child.name()
                + "." + ptr.name(), false, false, -1);
        addParentColumns(items, parent, up.alias, only);
        for (Field f : loaded) {
            items.add(new SelectItem(Frag.of(q.col(up.alias, f.column())), new OutColumn(List.of(),
                    f.attname(), f.valueType(), false), false, null));
        }
    }

    /** Concrete fields left after only()/defer() at a relation prefix ("" for the base model); pk always. */
    static List<Field> loadedFields(Model m, Set<String> only, Set<String> defer, String prefix) {
        if (only == null && defer.isEmpty()) {
            return m.concreteFields(); // neither only() nor defer(): every column
        }
        List<Field> out = new ArrayList<>();
        for (Field f : m.concreteFields()) {
            String name = prefix + f.name();
            boolean keep;
            if (only != null && only.stream().anyMatch(o -> o.startsWith(prefix) || prefix.isEmpty())) {
                keep = f.primaryKey() || only.contains(name) || (!prefix.isEmpty()
                        && only.stream().noneMatch(o -> o.startsWith(prefix)));
            } else {
                keep = true;
            }
            if (defer.contains(name) && !f.primaryKey()) {
                keep = false;
            }
            if (keep) {
                out.add(f);
            }
        }
        return out;
    }

    private void addSelectRelated(List<SelectItem> items) {
        List<String> paths = new ArrayList<>(q.loading.selectRelated);
        if (q.loading.selectRelatedAll) {
            addNonNullForeignKeys(q.model, "", paths, 0);
        }
        Set<String> done = new LinkedHashSet<>();
        // only() keeps the FK each nested hop walks through, as Django loads it for select_related
        Set<String> only = q.loading.onlyFields == null ? null : new LinkedHashSet<>(q.loading.onlyFields);
        if (only != null) {
            for (String path : paths) {
                String[] parts = LookupPath.split(path);
                for (int i = 2; i <= parts.length; i++) {
                    only.add(String.join("__", java.util.Arrays.copyOf(parts, i)));
                }
            }
        }
        for (String path : paths) {
            String[] parts = LookupPath.split(path);
            Model current = q.model;
            String alias = q.scope.baseAlias;
            // where the current object's row was read: itself, then the ancestors it was reached from as a
            // multi-table child (null when an ancestor's columns are not in that row)
            List<Map.Entry<Model, String>> rowOf = current.parentLink() == null
                    ? List.of(Map.entry(current, alias)) : null;
            List<String> rel = new ArrayList<>();
            for (String part : parts) {
                // a relation a multi-table parent declares: reached through the <parent>_ptr joins
                for (Field up = current.parentLink(); up != null && !declaresSingleRelation(current, part)
                        && declaredAbove(current, part); up = current.parentLink()) {
                    Model parent = q.schema.model(up.relation().target());
                    alias = q.scope.join(alias, up.column(), parent.table(), parent.pk().column(), "fk:"
                            + current.name() + "." + up.name(), false, false, -1).alias;
                    current = parent;
                    rowOf = null;
                }
                RelationStep step = relationStep(current, part, "select_related");
                Join j = q.scope.join(alias, step.parentColumn, step.target.table(), step.childColumn,
                        step.key, step.nullable, false, -1);
                Field ptr = step.target.parentLink();
                // a multi-table child reached from its parent: Django fills its inherited fields from the
                // parent's own row (RelatedPopulator from_parent), grandparents' included
                boolean fromParent = ptr != null && ptr.column().equals(step.childColumn)
                        && q.schema.model(ptr.relation().target()) == current && rowOf != null;
                List<Map.Entry<Model, String>> parentRow = rowOf;
                if (fromParent) {
                    List<Map.Entry<Model, String>> row = new ArrayList<>(List.of(Map.entry(step.target, j.alias)));
                    row.addAll(parentRow);
                    rowOf = row;
                } else {
                    rowOf = step.target.parentLink() == null ? List.of(Map.entry(step.target, j.alias)) : null;
                }
                alias = j.alias;
                current = step.target;
                rel.add(part);
                String key = String.join("__", rel);
                if (done.add(key)) {
                    for (Field f : loadedFields(current, only, q.loading.deferFields, key + "__")) {
                        items.add(new SelectItem(Frag.of(q.col(alias, f.column())), new OutColumn(List.copyOf(rel),
                                f.attname(), f.valueType(), false), false, null));
                    }
                    if (fromParent) { // after the child's own columns: its pk first tells a missing row
                        Set<String> filled = new HashSet<>();
                        current.fields().forEach(f -> filled.add(f.name()));
                        for (Map.Entry<Model, String> source : parentRow) {
                            for (Field f : loadedFields(source.getKey(), only, q.loading.deferFields, key + "__")) {
                                if (filled.add(f.name())) {
                                    items.add(new SelectItem(Frag.of(q.col(source.getValue(), f.column())),
                                            new OutColumn(List.copyOf(rel), f.attname(), f.valueType(), false),
                                            false, null));
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /** select_related() without arguments: every non-null FK, recursively (Django's depth limit is 5). */
    private void addNonNullForeignKeys(Model m, String prefix, List<String> paths, int depth) {
        if (depth >= 5) {
            return;
        }
        for (Field f : m.fields()) {
            if (f.isRelation() && !f.isManyToMany() && !f.nullable()) {
                String path = prefix + f.name();
                if (!paths.contains(path)) {
                    paths.add(path);
                }
                addNonNullForeignKeys(q.schema.model(f.relation().target()), path + "__", paths, depth + 1);
            }
        }
    }

    private boolean declaredAbove(Model m, String name) {
        for (Field up = m.parentLink(); up != null; up = m.parentLink()) {
            m = q.schema.model(up.relation().target());
            if (declaresSingleRelation(m, name)) {
                return true;
            }
        }
        return false;
    }

    private boolean declaresSingleRelation(Model m, String name) {
        return m.field(name).filter(f -> f.isRelation() && !f.isManyToMany()).isPresent()
                || q.schema.reverseRelations(m).stream().anyMatch(r -> r.field().relation().kind()
                == RelationKind.ONE_TO_ONE && (r.accessorName().equals(name) || r.queryName().equals(name)));
    }

    /** A single-valued relation step for select_related: forward FK / one-to-one or reverse one-to-one. */
    private record RelationStep(Model target, String parentColumn, String childColumn, String key, boolean nullable) { }

    private RelationStep relationStep(Model current, String name, String method) {
        Field f = current.field(name).orElse(null);
        if (f != null && f.isRelation() && !f.isManyToMany()) {
            Model target = q.schema.model(f.relation().target());
            return new RelationStep(target, f.column(), q.schema.targetKey(f).column(), "fk:" + current.name() + "."
                    + f.name(), f.nullable());
        }
        ReverseRelation rev = q.schema.reverseRelations(current).stream()
                .filter(r -> r.accessorName().equals(name) || r.queryName().equals(name)).findFirst().orElse(null);
        if (rev != null && rev.field().relation().kind() == RelationKind.ONE_TO_ONE) {
            return new RelationStep(rev.source(), q.schema.targetKey(rev.field()).column(), rev.field().column(), "rev:"
                    + rev.source().name() + "." + rev.field().name(), true);
        }
        List<String> valid = new ArrayList<>();
        for (Field x : current.fields()) {
            if (x.isRelation() && !x.isManyToMany()) {
                valid.add(x.name());
            }
        }
        for (ReverseRelation r : q.schema.reverseRelations(current)) {
            if (r.field().relation().kind() == RelationKind.ONE_TO_ONE) {
                valid.add(r.accessorName());
            }
        }
        throw QueryException.fieldError("Invalid field name(s) given in " + method + ": '" + name
                + "'. Choices are: " + (valid.isEmpty() ? "(none)" : String.join(", ", valid))).about(name);
    }
}
