package studio.queryset.sql;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import studio.queryset.query.LookupPath;
import studio.queryset.query.Expression;
import studio.queryset.query.Prefetch;
import studio.queryset.query.Q;
import studio.queryset.query.QueryException;
import studio.queryset.query.QuerySet;
import studio.queryset.query.Step;
import studio.queryset.schema.Field;
import studio.queryset.schema.Model;
import studio.queryset.schema.RelationKind;
import studio.queryset.schema.ReverseRelation;
import studio.queryset.schema.Schema;
import studio.queryset.schema.ValueType;

/**
 * Folds a QuerySet's chain into one SELECT the way Django's {@code Query} does: filters into WHERE (or HAVING
 * when they touch an aggregate), annotations into the select list with a derived GROUP BY, joins reused or
 * added by Django's multi-valued rules, then renders SQL text and parameters in one pass.
 */
final class SelectCompiler {
    final Schema schema;
    final Dialect dialect;
    final Scope scope;
    final Model model;
    final ExprCompiler exprs;

    final Map<String, Annotation> annotations = new LinkedHashMap<>();
    final List<Frag> where = new ArrayList<>();
    final List<Frag> having = new ArrayList<>();
    /** The sides of HAVING lookups without an aggregate: Django groups by them too (get_group_by). */
    final List<Frag> havingGroupBy = new ArrayList<>();
    /** The same for WHERE's lookups: they join GROUP BY if an OR of qs | qs takes them to HAVING (QueryCombiner). */
    final List<Frag> whereGroupBy = new ArrayList<>();
    List<Expression.OrderBy> ordering;
    boolean clearDefaultOrdering;
    /** exists() of a union: every part selects {@code 1 AS "a"} (Django's Query.exists), not its columns. */
    boolean existsParts;
    boolean reversed;
    boolean distinct;
    List<String> distinctFields = List.of();
    Long low;
    Long high;
    boolean empty;
    /** values()/values_list() field names, or null for model instances. */
    List<String> valuesFields;
    /** The values() fields an aggregate annotation grouped by (Django fixes GROUP BY at annotate time). */
    List<String> groupByFields;
    /** An aggregate annotated on model instances groups by all of the model's columns, even after values(). */
    boolean groupByModel;
    Map<String, Expression> valuesExpressions = new LinkedHashMap<>();
    RowShape shape = RowShape.MODEL;
    Set<String> onlyFields;
    Set<String> deferFields = new LinkedHashSet<>();
    List<String> selectRelated = new ArrayList<>();
    boolean selectRelatedAll;
    List<Prefetch> prefetches = new ArrayList<>();
    final List<Step.Combine> combinators = new ArrayList<>();
    /** Whether the query before union()/intersection()/difference() had an ordering of its own. */
    boolean firstPartOrdered;
    /**
     * The first part's own ordering and slice, kept when the combinator clears them from the whole (Django's
     * _combinator_query clones the query, then clears the clone's ordering and limits, not the part's).
     */
    private FirstPart firstPart;

    private record FirstPart(List<Expression.OrderBy> ordering, boolean clearDefaultOrdering, boolean reversed,
                             Long low, Long high) {
        boolean sliced() {
            return low != null || high != null;
        }
    }
    int filterCalls;
    /** A select entry before the regular columns (exists() of a distinct query: {@code 1 AS "a"}, then them). */
    Frag leadingSelect;
    /** Extra SQL-only select entries (prefetch join keys) after the regular columns. */
    final List<Frag> extraSelect = new ArrayList<>();
    /** Extra select entries that are aggregates (an aggregate()'s __colN of an aggregate annotation): not grouped. */
    final Set<Frag> extraAggregates = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    final List<OutColumn> extraColumns = new ArrayList<>();
    /** Optional Params given no value: lookups holding them are left out. */
    Set<String> absentParams = Set.of();
    /** A condition placed first in WHERE (prefetch keys), so its parameters' position is known. */
    Frag leadingWhere;
    /** The steps whose SQL is a whole clause, for {@link SqlSpans}: the ordering, values() and slice steps. */
    /** The QuerySet compiled (its source node owns the FROM clause), for {@link SqlSpans}. */
    QuerySet source;
    Step orderStep;
    Step valuesStep;
    Step sliceStep;

    SelectCompiler(Schema schema, Dialect dialect, Model model, Scope parent) {
        this.schema = schema;
        this.dialect = dialect;
        this.model = model;
        this.scope = new Scope(schema, model, parent);
        this.exprs = new ExprCompiler(this);
    }

    static SelectCompiler forQuerySet(Schema schema, Dialect dialect, QuerySet qs, Scope parent) {
        return forQuerySet(schema, dialect, qs, parent, Set.of());
    }

    static SelectCompiler forQuerySet(Schema schema, Dialect dialect, QuerySet qs, Scope parent,
                                      Set<String> absentParams) {
        SelectCompiler c = new SelectCompiler(schema, dialect, schema.model(qs.model()), parent);
        c.absentParams = absentParams;
        c.source = qs;
        for (Step s : QueryCombiner.resolve(qs.chain()).steps()) {
            try {
                c.apply(s);
            } catch (QueryException e) {
                throw e.in(s);
            }
        }
        return c;
    }

    void apply(Step step) {
        if (!combinators.isEmpty() && !(step instanceof Step.OrderBy || step instanceof Step.Slice
                || step instanceof Step.Values || step instanceof Step.ValuesList
                || step instanceof Step.Simple s0 && s0.method().equals("all"))) {
            throw new QueryException("NotSupportedError", "Calling QuerySet." + (step instanceof Step.Combine op
                    && op.isOperator() ? "__" + op.method() + "__" : step.method()) + "() after "
                    + combinators.get(combinators.size() - 1).method() + "() is not supported.");
        }
        if (isSliced() && step instanceof Step.Simple rev && rev.method().equals("reverse")) {
            throw new QueryException("TypeError", "Cannot reverse a query once a slice has been taken.");
        }
        if (isSliced() && (step instanceof Step.Filter || step instanceof Step.OrderBy
                || step instanceof Step.Distinct)) {
            throw new QueryException("AssertionError", "Cannot " + (step instanceof Step.Filter ? "filter"
                    : step instanceof Step.OrderBy ? "reorder" : step.method()) + " a query once a slice has been "
                    + "taken.");
        }
        if (step instanceof Step.Filter f) {
            filter(f.condition(), f.exclude(), f);
        } else if (step instanceof Step.Annotate a) {
            annotate(a);
        } else if (step instanceof Step.OrderBy o) {
            ordering = o.items();
            orderStep = o;
            clearDefaultOrdering = o.items().isEmpty();
            reversed = false;
        } else if (step instanceof Step.Values v) {
            valuesFields = new ArrayList<>(v.fields());
            valuesExpressions = new LinkedHashMap<>();
            for (var e : v.expressions().entrySet()) {
                checkAnnotationName(e.getKey());
                valuesExpressions.put(e.getKey(), e.getValue());
                annotations.put(e.getKey(), new Annotation(e.getKey(), e.getValue(),
                        marked(exprs.compile(e.getValue(), ExprContext.SELECT), e.getValue()), false, true));
                valuesFields.add(e.getKey());
            }
            shape = RowShape.VALUES;
            valuesStep = v;
            markAnnotationsBeforeValues();
            joinValuesFields();
        } else if (step instanceof Step.ValuesList v) {
            if (v.flat() && v.fields().size() > 1) {
                throw new QueryException("TypeError", "'flat' is not valid when values_list is called with more "
                        + "than one field.");
            }
            if (v.flat() && v.named()) {
                throw new QueryException("TypeError", "'flat' and 'named' can't be used together.");
            }
            valuesFields = new ArrayList<>(v.fields());
            shape = v.flat() ? RowShape.FLAT : v.named() ? RowShape.NAMED : RowShape.VALUES_LIST;
            valuesStep = v;
            markAnnotationsBeforeValues();
            joinValuesFields();
        } else if (step instanceof Step.Distinct d) {
            distinct = true;
            distinctFields = d.fields();
        } else if (step instanceof Step.Only o) {
            if (o.defer()) {
                if (o.fields().isEmpty()) {
                    deferFields.clear();
                } else {
                    deferFields.addAll(o.fields());
                }
            } else {
                // Django's add_immediate_loading: names deferred before stay deferred
                onlyFields = new LinkedHashSet<>(o.fields());
                onlyFields.removeAll(deferFields);
                deferFields.clear();
            }
            for (String f : o.fields()) {
                if (!f.contains("__") && inheritedFields(model).stream().noneMatch(x -> x.name().equals(f))) {
                    fieldOrError(model, f); // a multi-table child's parent fields are its fields too
                }
            }
        } else if (step instanceof Step.SelectRelated s) {
            if (s.paths().isEmpty()) {
                selectRelatedAll = true;
            }
            for (String p : s.paths()) {
                if (!selectRelated.contains(p)) {
                    selectRelated.add(p);
                }
            }
        } else if (step instanceof Step.PrefetchRelated p) {
            prefetches.addAll(p.lookups());
        } else if (step instanceof Step.Slice s) {
            slice(s.start(), s.stop());
            sliceStep = s;
        } else if (step instanceof Step.Simple s) {
            switch (s.method()) {
                case "reverse" -> reversed = !reversed;
                case "none" -> empty = true;
                case "all" -> { }
                default -> throw new QueryException("AttributeError", "Unknown QuerySet method '" + s.method() + "'");
            }
        } else if (step instanceof Step.Combine c && c.isOperator()) {
            QueryCombiner.merge(this, c);
        } else if (step instanceof Step.Combine c) {
            if (combinators.isEmpty()) {
                firstPartOrdered = ordering != null ? !ordering.isEmpty()
                        : !clearDefaultOrdering && !model.ordering().isEmpty();
                firstPart = new FirstPart(ordering, clearDefaultOrdering, reversed, low, high);
                ordering = null;
                clearDefaultOrdering = true;
                reversed = false;
                low = null;
                high = null;
            }
            combinators.add(c);
        } else {
            throw new QueryException("TypeError", step.method() + "() cannot be used here");
        }
    }

    /**
     * values() joins its relation paths when called, as Django does, so a later filter() on the same
     * multi-valued relation gets a join of its own instead of narrowing what values() shows.
     */
    private void joinValuesFields() {
        for (String n : valuesFields) {
            if (n.contains("__") && !annotations.containsKey(n) && !annotations.containsKey(LookupPath.head(n))) {
                scope.resolve(n, -1);
            }
        }
    }

    private void markAnnotationsBeforeValues() {
        // values() with fields hides annotations it does not name; annotations added later are shown.
        for (var e : new ArrayList<>(annotations.entrySet())) {
            Annotation a = e.getValue();
            if (!a.afterValues()) {
                boolean named = valuesFields.isEmpty() || valuesFields.contains(a.alias());
                annotations.put(e.getKey(), new Annotation(a.alias(), a.expression(), a.compiled(),
                        named && a.selected(), false));
            }
        }
    }

    void slice(Long start, Long stop) {
        if ((start != null && start < 0) || (stop != null && stop < 0)) {
            throw new QueryException("AssertionError", "Negative indexing is not supported.");
        }
        long base = low == null ? 0 : low;
        long newLow = base + (start == null ? 0 : start);
        Long newHigh = stop == null ? high : Long.valueOf(base + stop);
        if (high != null && newHigh != null) {
            newHigh = Math.min(newHigh, high);
        }
        if (newHigh != null && newHigh < newLow) {
            newHigh = newLow;
        }
        low = newLow == 0 ? null : newLow;
        high = newHigh;
    }

    boolean isSliced() {
        return low != null || high != null;
    }

    /** Django's annotate(): names of get_fields() (reverse relations included) and attnames are taken. */
    private void checkAnnotationName(String alias) {
        boolean taken = model.field(alias).isPresent()
                || model.fields().stream().anyMatch(f -> f.isRelation() && f.isConcrete() && f.attname().equals(alias))
                || schema.reverseRelations(model).stream().anyMatch(r -> r.queryName().equals(alias));
        if (taken && valuesFields == null) {
            throw new QueryException("ValueError", "The annotation '" + alias + "' conflicts with a field on the "
                    + "model.").about(alias);
        }
    }

    private void annotate(Step.Annotate a) {
        Map<String, Expression> all = new LinkedHashMap<>();
        for (Expression e : a.positional()) {
            all.put(defaultAlias(e), e);
        }
        all.putAll(a.named());
        for (var e : all.entrySet()) {
            checkAnnotationName(e.getKey());
            exprs.requireResolvedType(e.getValue());
            Typed t;
            scope.resolvingAnnotation = true;
            try {
                t = marked(exprs.compile(e.getValue(), ExprContext.SELECT), e.getValue());
            } finally {
                scope.resolvingAnnotation = false;
            }
            if (t.aggregate() && valuesFields != null && groupByFields == null && !valuesFields.isEmpty()) {
                groupByFields = List.copyOf(valuesFields);
            } else if (t.aggregate() && valuesFields == null && groupByFields == null) {
                groupByModel = true;
            }
            annotations.put(e.getKey(), new Annotation(e.getKey(), e.getValue(), t, !a.alias(),
                    valuesFields != null));
            if (valuesFields != null && !a.alias() && !valuesFields.isEmpty()) {
                valuesFields.add(e.getKey());
            }
        }
    }

    /** Django's default alias for a positional aggregate: {@code posts__count}. */
    static String defaultAlias(Expression e) {
        if (e instanceof Expression.Aggregate agg && agg.argument() instanceof Expression.F f) {
            return f.path() + "__" + agg.function().toLowerCase(Locale.ROOT);
        }
        throw new QueryException("TypeError", "Complex annotations require an alias").in(e);
    }

    private void filter(Q condition, boolean exclude, Step step) {
        int call = ++filterCalls;
        Q q = exclude ? condition.negate() : condition;
        ExprCompiler.Cond c = exprs.compileFilter(q, new ExprContext(call, false));
        if (c.alwaysFalse()) {
            empty = !exclude || empty;
        }
        if (!c.whereFrag().sql().isEmpty()) {
            where.add(c.whereFrag().marked(step));
            whereGroupBy.addAll(c.whereCols());
        }
        if (!c.havingFrag().sql().isEmpty()) {
            having.add(c.havingFrag().marked(step));
            havingGroupBy.addAll(c.havingCols()); // Django's get_group_by adds having.get_group_by_cols()
        }
    }

    /** An annotation's SQL marked as written by its expression, wherever it is used (SELECT, ORDER BY...). */
    private static Typed marked(Typed t, Expression e) {
        return t.withFrag(t.frag().marked(e));
    }

    static Field fieldOrError(Model m, String name) {
        if (name.equals("pk")) {
            return m.pk();
        }
        return m.field(name).orElseThrow(() -> QueryException.fieldError(m.name() + " has no field named '"
                + name + "'. Fields are: " + String.join(", ", m.fields().stream().map(Field::name).toList())).about(name));
    }

    boolean hasAggregate() {
        return annotations.values().stream().anyMatch(a -> a.compiled().aggregate()) || !having.isEmpty();
    }

    // ---------------------------------------------------------------- select list

    private record SelectItem(Frag sql, OutColumn column, boolean aggregate, String alias) { }

    private List<SelectItem> selectItems() {
        List<SelectItem> items = new ArrayList<>();
        if (valuesFields != null) {
            List<String> names = valuesFields;
            if (names.isEmpty()) {
                names = new ArrayList<>();
                for (Field f : inheritedFields(model)) {
                    names.add(f.attname()); // values() on a multi-table child lists its parents' fields first
                }
                for (Field f : model.concreteFields()) {
                    names.add(f.attname());
                }
                for (Annotation a : annotations.values()) {
                    if (a.selected() || a.afterValues()) {
                        names.add(a.alias());
                    }
                }
            }
            for (String n : names) {
                Annotation a = annotations.get(n);
                if (a != null) {
                    items.add(new SelectItem(a.compiled().frag(), new OutColumn(List.of(), n, a.compiled().type(),
                            false), !a.compiled().groupable(), n));
                    continue;
                }
                ResolvedPath rp = scope.resolve(n, -1);
                if (!rp.rest().isEmpty()) {
                    Typed t = exprs.applyTransforms(rp, rp.rest(), false);
                    items.add(new SelectItem(t.frag(), new OutColumn(List.of(), n, t.type(), false), false, null));
                    continue;
                }
                items.add(new SelectItem(Frag.of(col(rp.alias(), rp.column())), new OutColumn(List.of(), n,
                        rp.valueType(), false), false, null));
            }
            return items;
        }
        Set<String> only = onlyFields;
        if (only != null) {
            only = new LinkedHashSet<>(only);
            for (String p : selectRelated) {
                String fk = LookupPath.head(p);
                Field f = model.field(fk).orElse(null);
                boolean traversedInOnly = only.stream().anyMatch(o -> o.startsWith(fk + "__"));
                if (traversedInOnly) {
                    only.add(fk); // only("customer__name") loads the FK it walks through
                } else if (f != null && f.isConcrete() && !only.contains(fk)) {
                    throw QueryException.fieldError("Field " + model.name() + "." + fk + " cannot be both deferred "
                            + "and traversed using select_related at the same time.");
                }
            }
            for (Prefetch p : prefetches) {
                only.add(LookupPath.head(p.lookup())); // and the FK a prefetch matches its rows by
            }
        }
        addParentColumns(items, model, scope.baseAlias, only);
        for (Field f : loadedFields(model, only, deferFields, "")) {
            items.add(new SelectItem(Frag.of(col(scope.baseAlias, f.column())), new OutColumn(List.of(),
                    f.attname(), f.valueType(), false), false, null));
        }
        for (Annotation a : annotations.values()) {
            if (a.selected()) {
                items.add(new SelectItem(a.compiled().frag(), new OutColumn(List.of(), a.alias(),
                        a.compiled().type(), false), !a.compiled().groupable(), a.alias()));
            }
        }
        addSelectRelated(items);
        return items;
    }

    /** count()/exists()/subquery builds replace the select list: no parent columns (nor their join) then. */
    private boolean selectOverridden;

    /** The parents' concrete fields a multi-table child exposes (nearest parent last), those it overrides aside. */
    private List<Field> inheritedFields(Model child) {
        List<Field> out = new ArrayList<>();
        Field ptr = child.parentLink();
        if (ptr != null) {
            Model parent = schema.model(ptr.relation().target());
            for (Field f : inheritedFields(parent)) {
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
        Model parent = schema.model(ptr.relation().target());
        List<Field> loaded = new ArrayList<>();
        for (Field f : loadedFields(parent, only, deferFields, "")) {
            // the child's pk is its ptr: under only() the parent's own pk is loaded only when named
            if (child.field(f.name()).isEmpty() && !(only != null && f.primaryKey() && !only.contains(f.name()))) {
                loaded.add(f);
            }
        }
        if (loaded.isEmpty() && parent.parentLink() == null) {
            return; // nothing of the parent is loaded: Django does not join it
        }
        Join up = scope.join(childAlias, ptr.column(), parent.table(), parent.pk().column(), "fk:" + child.name()
                + "." + ptr.name(), false, false, -1);
        addParentColumns(items, parent, up.alias, only);
        for (Field f : loaded) {
            items.add(new SelectItem(Frag.of(col(up.alias, f.column())), new OutColumn(List.of(),
                    f.attname(), f.valueType(), false), false, null));
        }
    }

    /** Concrete fields left after only()/defer() at a relation prefix ("" for the base model); pk always. */
    static List<Field> loadedFields(Model m, Set<String> only, Set<String> defer, String prefix) {
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
        List<String> paths = new ArrayList<>(selectRelated);
        if (selectRelatedAll) {
            addNonNullForeignKeys(model, "", paths, 0);
        }
        Set<String> done = new LinkedHashSet<>();
        // only() keeps the FK each nested hop walks through, as Django loads it for select_related
        Set<String> only = onlyFields == null ? null : new LinkedHashSet<>(onlyFields);
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
            Model current = model;
            String alias = scope.baseAlias;
            List<String> rel = new ArrayList<>();
            for (String part : parts) {
                RelationStep step = relationStep(current, part, "select_related");
                Join j = scope.join(alias, step.parentColumn, step.target.table(), step.childColumn,
                        step.key, step.nullable, false, -1);
                Field ptr = step.target.parentLink();
                // a multi-table child reached from its parent: Django fills its inherited fields from the
                // parent's own row (RelatedPopulator from_parent)
                boolean fromParent = ptr != null && ptr.column().equals(step.childColumn)
                        && schema.model(ptr.relation().target()) == current && current.parentLink() == null;
                String parentAlias = alias;
                Model parentModel = current;
                alias = j.alias;
                current = step.target;
                rel.add(part);
                String key = String.join("__", rel);
                if (done.add(key)) {
                    for (Field f : loadedFields(current, only, deferFields, key + "__")) {
                        items.add(new SelectItem(Frag.of(col(alias, f.column())), new OutColumn(List.copyOf(rel),
                                f.attname(), f.valueType(), false), false, null));
                    }
                    if (fromParent) { // after the child's own columns: its pk first tells a missing row
                        for (Field f : loadedFields(parentModel, only, deferFields, key + "__")) {
                            if (current.field(f.name()).isEmpty()) {
                                items.add(new SelectItem(Frag.of(col(parentAlias, f.column())),
                                        new OutColumn(List.copyOf(rel), f.attname(), f.valueType(), false), false,
                                        null));
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
                addNonNullForeignKeys(schema.model(f.relation().target()), path + "__", paths, depth + 1);
            }
        }
    }

    /** A single-valued relation step for select_related: forward FK / one-to-one or reverse one-to-one. */
    record RelationStep(Model target, String parentColumn, String childColumn, String key, boolean nullable) { }

    RelationStep relationStep(Model current, String name, String method) {
        Field f = current.field(name).orElse(null);
        if (f != null && f.isRelation() && !f.isManyToMany()) {
            Model target = schema.model(f.relation().target());
            return new RelationStep(target, f.column(), target.pk().column(), "fk:" + current.name() + "."
                    + f.name(), f.nullable());
        }
        ReverseRelation rev = schema.reverseRelations(current).stream()
                .filter(r -> r.accessorName().equals(name) || r.queryName().equals(name)).findFirst().orElse(null);
        if (rev != null && rev.field().relation().kind() == RelationKind.ONE_TO_ONE) {
            return new RelationStep(rev.source(), current.pk().column(), rev.field().column(), "rev:"
                    + rev.source().name() + "." + rev.field().name(), true);
        }
        List<String> valid = new ArrayList<>();
        for (Field x : current.fields()) {
            if (x.isRelation() && !x.isManyToMany()) {
                valid.add(x.name());
            }
        }
        for (ReverseRelation r : schema.reverseRelations(current)) {
            if (r.field().relation().kind() == RelationKind.ONE_TO_ONE) {
                valid.add(r.accessorName());
            }
        }
        throw QueryException.fieldError("Invalid field name(s) given in " + method + ": '" + name
                + "'. Choices are: " + (valid.isEmpty() ? "(none)" : String.join(", ", valid))).about(name);
    }

    String col(String alias, String column) {
        return dialect.quote(alias) + "." + dialect.quote(column);
    }

    // ---------------------------------------------------------------- ordering

    /** Marks an ordering target whose direction is reversed (a related model's "-field" Meta.ordering). */
    private static final String FLIP = "\u0000flip:";

    /** The effective ordering and whether it came from Meta.ordering. */
    private List<Expression.OrderBy> effectiveOrdering() {
        if (ordering != null) {
            return ordering;
        }
        if (clearDefaultOrdering) {
            return List.of();
        }
        return metaOrdering(model);
    }

    static List<Expression.OrderBy> metaOrdering(Model m) {
        List<Expression.OrderBy> out = new ArrayList<>();
        for (String o : m.ordering()) {
            out.add(parseOrder(o));
        }
        return out;
    }

    static Expression.OrderBy parseOrder(String text) {
        if (text.equals("?")) {
            return Expression.OrderBy.random();
        }
        boolean desc = text.startsWith("-");
        String name = desc || text.startsWith("+") ? text.substring(1) : text;
        return new Expression.OrderBy(new Expression.F(name), desc, null, null, true);
    }

    boolean isOrdered() {
        if (!combinators.isEmpty()) {
            return ordering != null && !ordering.isEmpty();
        }
        if (ordering != null) {
            return !ordering.isEmpty();
        }
        return !clearDefaultOrdering && !model.ordering().isEmpty() && !hasAggregate();
    }

    private List<Frag> orderFrags(List<SelectItem> items, List<Frag> groupExtras) {
        List<Frag> out = new ArrayList<>();
        for (Expression.OrderBy ob : effectiveOrdering()) {
            boolean desc = ob.descending() != reversed;
            if (ob.isRandom()) {
                out.add(Frag.of(dialect.ops().random()));
                continue;
            }
            for (Frag target : orderTargets(ob.expression(), items, groupExtras, new LinkedHashSet<>())) {
                boolean flip = target.sql().startsWith(FLIP);
                Frag f = flip ? new Frag(target.sql().substring(FLIP.length()), target.params()) : target;
                String dir = desc != flip ? " DESC" : " ASC";
                Boolean nf = reversed ? ob.nullsLast() : ob.nullsFirst();
                Boolean nl = reversed ? ob.nullsFirst() : ob.nullsLast();
                out.addAll(dialect.ops().orderTerm(f, dir, nf, nl));
            }
        }
        return out;
    }

    /**
     * What to order by for one ordering term: an annotation by its alias when selected, a relation by the
     * related model's Meta.ordering (as Django does), a field by its column.
     */
    private List<Frag> orderTargets(Expression e, List<SelectItem> items, List<Frag> groupExtras,
                                    Set<String> seen) {
        if (e instanceof Expression.F f) {
            Annotation a = annotations.get(f.path());
            if (a != null) {
                boolean inSelect = items.stream().anyMatch(i -> f.path().equals(i.alias()));
                if (inSelect) {
                    return List.of(Frag.of(dialect.quote(f.path())));
                }
                return List.of(a.compiled().frag());
            }
            ResolvedPath rp = scope.resolve(f.path(), -1);
            int cut = f.path().lastIndexOf("__");
            String lastPart = cut < 0 ? f.path() : f.path().substring(cut + 2);
            if (rp.relationEnd() && rp.rest().isEmpty() && rp.field() != null && rp.field().isRelation()
                    && lastPart.equals(rp.field().name())) {
                Model target = schema.model(rp.field().relation().target());
                if (!target.ordering().isEmpty() && seen.add(target.name())) {
                    List<Frag> out = new ArrayList<>();
                    for (String o : target.ordering()) {
                        String sub = o.startsWith("-") ? o.substring(1) : o;
                        Frag c;
                        if ((sub.equals("pk") || sub.equals(target.pk().name())) && !rp.field().relation().kind()
                                .forwardIsMultiValued()) {
                            // Django's find_ordering_name joins the related table and orders by its column
                            // (no trim to the FK column, so DISTINCT ON on the FK does not match it)
                            Join j = scope.join(rp.alias(), rp.field().column(), target.table(),
                                    target.pk().column(), "fk:" + rp.model().name() + "." + rp.field().name(),
                                    rp.field().nullable(), false, -1);
                            c = Frag.of(col(j.alias, target.pk().column()));
                        } else {
                            ResolvedPath inner = scope.resolve(f.path() + "__" + sub, -1);
                            c = Frag.of(col(inner.alias(), inner.column()));
                        }
                        groupExtras.add(c);
                        out.add(o.startsWith("-") ? Frag.of(FLIP + c.sql()) : c);
                    }
                    return out;
                }
            }
            Typed t = rp.rest().isEmpty() ? Typed.of(Frag.of(col(rp.alias(), rp.column())), rp.valueType())
                    : exprs.applyTransforms(rp, rp.rest(), false);
            groupExtras.add(t.frag());
            return List.of(t.frag());
        }
        Typed t = exprs.compile(e, ExprContext.SELECT);
        if (!t.aggregate()) {
            groupExtras.add(t.frag());
        }
        return List.of(t.frag());
    }

    // ---------------------------------------------------------------- render

    SelectPlan build() {
        return build(null);
    }

    /** Renders the SELECT. {@code selectOverride} replaces the select list (count/exists/subqueries). */
    SelectPlan build(Frag selectOverride) {
        if (empty) {
            where.add(Frag.of("1 = 0"));
        }
        selectOverridden = selectOverride != null;
        List<SelectItem> items = selectItems();
        List<Frag> groupExtras = new ArrayList<>();
        boolean useMetaOrdering = ordering == null && !clearDefaultOrdering;
        boolean grouping = hasAggregate();
        List<Frag> order;
        if (grouping && useMetaOrdering) {
            // Django 3.2 drops Meta.ordering from ORDER BY in GROUP BY queries, yet its columns stay in
            // GROUP BY (so values("city").annotate(...) on an ordered model groups per row). Reproduced.
            orderFrags(items, groupExtras);
            order = List.of();
        } else {
            order = orderFrags(items, groupExtras);
        }
        if (reversed && order.isEmpty() && isSliced()) {
            throw new QueryException("TypeError", "Cannot reverse a query once a slice has been taken.");
        }
        String firstTail = combinators.isEmpty() || existsParts ? "" : firstPartTail(items);
        List<Frag> parts = new ArrayList<>();
        StringBuilder head = new StringBuilder("SELECT ");
        if (distinct) {
            if (!distinctFields.isEmpty()) {
                if (!dialect.ops().distinctOnFields()) {
                    throw new QueryException("NotSupportedError", "DISTINCT ON fields is not supported by this "
                            + "database backend (distinct(\"field\") needs PostgreSQL; use distinct() on "
                            + dialect.displayName() + ")").about(distinctFields.get(0));
                }
                List<Frag> on = new ArrayList<>();
                for (String fname : distinctFields) {
                    ResolvedPath rp = scope.resolve(fname, -1);
                    on.add(Frag.of(col(rp.alias(), rp.column())));
                }
                head.append("DISTINCT ON (").append(Frag.join(", ", on).sql()).append(") ");
            } else {
                head.append("DISTINCT ");
            }
        }
        parts.add(Frag.of(head.toString()));
        List<OutColumn> columns = new ArrayList<>();
        if (selectOverride != null) {
            parts.add(selectOverride);
        } else {
            List<Frag> sel = new ArrayList<>();
            for (SelectItem it : items) {
                sel.add(it.alias() != null ? Frag.format("%s AS " + dialect.quote(it.alias()), it.sql()) : it.sql());
                columns.add(it.column());
            }
            for (int i = 0; i < extraSelect.size(); i++) {
                sel.add(Frag.format("%s AS " + dialect.quote(extraColumns.get(i).key()), extraSelect.get(i)));
            }
            if (leadingSelect != null) {
                sel.add(0, leadingSelect);
            }
            if (distinct && distinctFields.isEmpty() && !order.isEmpty() && combinators.isEmpty()) {
                // Django's get_extra_select: SELECT DISTINCT also lists the ORDER BY terms it does not select
                // (so they take part in what is distinct); they are SQL-only, not result columns.
                for (Frag f : groupExtras) {
                    if (sel.stream().noneMatch(x -> x.sql().equals(f.sql()) || x.sql().startsWith(f.sql() + " AS "))) {
                        sel.add(f);
                    }
                }
            }
            columns.addAll(extraColumns);
            parts.add(Frag.join(", ", sel).marked(valuesStep));
        }
        int paramsBeforeKeys = parts.stream().mapToInt(p -> p.params().size()).sum();
        // Joins are rendered after everything that may add or promote them has run.
        List<Frag> whereAll = new ArrayList<>();
        if (leadingWhere != null) {
            whereAll.add(leadingWhere);
        }
        whereAll.addAll(where);
        List<Frag> groupBy = new ArrayList<>();
        if (grouping) {
            if (groupByFields != null) {
                for (String name : groupByFields) {
                    Annotation a = annotations.get(name);
                    if (a != null) {
                        if (a.compiled().groupable()) {
                            groupBy.add(a.compiled().frag());
                        }
                        continue;
                    }
                    ResolvedPath rp = scope.resolve(name, -1);
                    groupBy.add(rp.rest().isEmpty() ? Frag.of(col(rp.alias(), rp.column()))
                            : exprs.applyTransforms(rp, rp.rest(), false).frag());
                }
            }
            if (groupByModel && valuesFields != null) {
                for (Field f : model.concreteFields()) {
                    groupBy.add(Frag.of(col(scope.baseAlias, f.column())));
                }
            }
            if (groupByFields == null) {
                for (SelectItem it : items) {
                    if (!it.aggregate()) {
                        groupBy.add(it.sql());
                    }
                }
            }
            // an annotation mixing aggregates with columns groups by those columns (Django's get_group_by_cols)
            for (Annotation a : annotations.values()) {
                if (a.selected() && a.compiled().aggregate() && !(a.expression() instanceof Expression.Aggregate)) {
                    groupBy.addAll(exprs.groupByCols(a.expression()));
                }
            }
            for (Frag f : extraSelect) {
                if (!extraAggregates.contains(f)) {
                    groupBy.add(f);
                }
            }
            for (Frag f : groupExtras) {
                if (groupBy.stream().noneMatch(g -> g.sql().equals(f.sql()))) {
                    groupBy.add(f);
                }
            }
            groupBy.addAll(havingGroupBy);
        }
        groupBy = dedupe(groupBy); // Django's get_group_by lists each expression once
        if (grouping && dialect.ops().groupByPk()) {
            groupBy = collapseToPk(groupBy);
        } else if (grouping && dialect.ops().groupBySelectedPks()) {
            groupBy = collapseToSelectedPks(groupBy);
        }
        parts.add(Frag.format(" %s", Frag.of("FROM " + scope.from(dialect)).marked(source)));
        if (!whereAll.isEmpty()) {
            parts.add(Frag.format(" WHERE %s", ExprCompiler.clause(whereAll)));
        }
        if (!groupBy.isEmpty()) {
            if (!distinctFields.isEmpty()) {
                throw new QueryException("NotImplementedError", "annotate() + distinct(fields) is not implemented.");
            }
            parts.add(Frag.format(" GROUP BY %s", Frag.join(", ", groupBy)));
        }
        if (!having.isEmpty()) {
            parts.add(Frag.format(" HAVING %s", ExprCompiler.clause(having)));
        }
        Frag body = Frag.join("", parts);
        if (!combinators.isEmpty()) {
            body = combine(firstTail.isEmpty() ? body : Frag.format("%s" + firstTail, body), columns.size());
            if (!order.isEmpty()) {
                body = Frag.format("%s ORDER BY %s", body, Frag.join(", ", combinedOrder(items)));
            }
        } else if (!order.isEmpty()) {
            body = Frag.format("%s ORDER BY %s", body, Frag.join(", ", order).marked(orderStep));
        } else if (!groupBy.isEmpty() && dialect.ops().orderByNullWhenGrouped()
                && !(useMetaOrdering && !model.ordering().isEmpty())) {
            // Django's force_no_ordering: MySQL would otherwise sort by the grouped columns (not with Meta.ordering,
            // whose ORDER BY Django 3.2 drops in grouped queries: it sets order_by to None then)
            body = Frag.format("%s ORDER BY NULL", body);
        }
        String limit = limitSql();
        if (!limit.isEmpty()) {
            body = Frag.join(" ", List.of(body, Frag.of(limit.substring(1)).marked(sliceStep)));
        }
        return new SelectPlan(CompiledQuery.of(body), model.name(), columns, shape,
                List.of(), isOrdered(), paramsBeforeKeys);
    }

    private static final java.util.regex.Pattern COLUMN = java.util.regex.Pattern.compile("`((?:[^`]|``)+)`\\.`(?:[^`]|``)+`");

    /**
     * Django's collapse_group_by with allows_group_by_pk (MySQL): when the base table's pk is grouped, GROUP BY
     * keeps it, what HAVING reads, and the columns of tables whose own pk is not grouped; every other
     * expression goes.
     */
    private List<Frag> collapseToPk(List<Frag> groupBy) {
        String pk = col(scope.baseAlias, model.pk().column());
        if (groupBy.stream().noneMatch(g -> g.sql().equals(pk))) {
            return groupBy;
        }
        Set<String> pkAliases = groupedPkAliases(groupBy);
        List<Frag> out = new ArrayList<>();
        out.add(Frag.of(pk));
        for (Frag g : groupBy) {
            if (g.sql().equals(pk)) {
                continue;
            }
            // Django keeps `expr in having` (a side of a HAVING lookup), and columns of tables whose pk is not grouped
            boolean inHaving = havingGroupBy.stream().anyMatch(h -> h.sql().equals(g.sql()));
            String alias = columnAlias(g);
            if (inHaving || alias != null && !pkAliases.contains(alias)) {
                out.add(g);
            }
        }
        return out;
    }

    /**
     * Django's collapse_group_by with allows_group_by_selected_pks (PostgreSQL): a table whose pk is grouped
     * keeps only that pk; its other columns go (they depend on it); expressions that are not columns stay.
     */
    private List<Frag> collapseToSelectedPks(List<Frag> groupBy) {
        Set<String> pkAliases = groupedPkAliases(groupBy);
        List<Frag> out = new ArrayList<>();
        for (Frag g : groupBy) {
            String alias = columnAlias(g);
            if (alias == null || !pkAliases.contains(alias) || isPkColumn(g, alias)) {
                out.add(g);
            }
        }
        return out;
    }

    /** The table aliases whose primary-key column is one of the grouped expressions. */
    private Set<String> groupedPkAliases(List<Frag> groupBy) {
        Set<String> out = new java.util.HashSet<>();
        for (Frag g : groupBy) {
            String alias = columnAlias(g);
            if (alias != null && isPkColumn(g, alias)) {
                out.add(alias);
            }
        }
        return out;
    }

    private boolean isPkColumn(Frag g, String alias) {
        Model m = alias.equals(scope.baseAlias) ? model : null;
        if (m == null) {
            Join j = scope.joinMap().values().stream().filter(x -> x.alias.equals(alias)).findFirst().orElse(null);
            if (j == null) {
                return false;
            }
            for (Model x : schema.models()) {
                if (x.table().equals(j.table) && g.sql().equals(col(alias, x.pk().column()))) {
                    return true;
                }
            }
            return false;
        }
        return g.sql().equals(col(alias, m.pk().column()));
    }

    /** The table alias of a plain column reference ({@code "alias"."column"}), else null. */
    private String columnAlias(Frag g) {
        if (!g.params().isEmpty()) {
            return null;
        }
        java.util.regex.Matcher m = dialect.quote("x").startsWith("`") ? COLUMN.matcher(g.sql())
                : QUOTED_COLUMN.matcher(g.sql());
        if (!m.matches()) {
            return null;
        }
        return dialect.quote("x").startsWith("`") ? m.group(1).replace("``", "`") : m.group(1).replace("\"\"", "\"");
    }

    private static final java.util.regex.Pattern QUOTED_COLUMN =
            java.util.regex.Pattern.compile("\"((?:[^\"]|\"\")+)\"\\.\"(?:[^\"]|\"\")+\"");

    private static List<Frag> dedupe(List<Frag> frags) {
        List<Frag> out = new ArrayList<>();
        Set<String> seen = new java.util.HashSet<>();
        for (Frag f : frags) {
            if (!f.params().isEmpty() || seen.add(f.sql())) {
                out.add(f);
            }
        }
        return out;
    }

    String limitSql() {
        if (high != null) {
            return " LIMIT " + (high - (low == null ? 0 : low)) + (low != null ? " OFFSET " + low : "");
        }
        if (low != null) {
            return dialect.ops().offsetOnly(low);
        }
        return "";
    }

    /**
     * The first part's ORDER BY and LIMIT, rendered inside its parentheses where the database allows them in a
     * compound statement (PostgreSQL, MariaDB); where it does not (SQLite), Django refuses either.
     */
    private String firstPartTail(List<SelectItem> items) {
        if (!dialect.ops().slicingOrderingInCompound()) {
            if (firstPart.sliced()) {
                throw new QueryException("DatabaseError", "LIMIT/OFFSET not allowed in subqueries of compound "
                        + "statements.").in(combinators.get(0));
            }
            if (firstPartOrdered) {
                throw new QueryException("DatabaseError", "ORDER BY not allowed in subqueries of compound "
                        + "statements.").in(combinators.get(0));
            }
            return "";
        }
        List<Expression.OrderBy> o = ordering;
        boolean c = clearDefaultOrdering;
        boolean r = reversed;
        Long l = low;
        Long h = high;
        ordering = firstPart.ordering();
        clearDefaultOrdering = firstPart.clearDefaultOrdering();
        reversed = firstPart.reversed();
        low = firstPart.low();
        high = firstPart.high();
        try {
            List<Frag> partOrder = orderFrags(items, new ArrayList<>());
            return (partOrder.isEmpty() ? "" : " ORDER BY " + Frag.join(", ", partOrder).sql()) + limitSql();
        } finally {
            ordering = o;
            clearDefaultOrdering = c;
            reversed = r;
            low = l;
            high = h;
        }
    }

    private Frag combine(Frag first, int width) {
        boolean partsOrdered = dialect.ops().slicingOrderingInCompound();
        List<Frag> parts = new ArrayList<>();
        boolean existsOfUnion = existsParts && combinators.stream().anyMatch(c -> c.method().equals("union"));
        parts.add(!partsOrdered ? first
                : Frag.format(existsOfUnion ? "(%s LIMIT 1)" : "(%s)", first));
        for (Step.Combine c : combinators) {
            if (!c.method().equals("union") && !dialect.ops().selectIntersectionAndDifference()) {
                // Django 3.2's features.supports_select_intersection / _difference, checked before any SQL
                throw new QueryException("NotSupportedError", c.method() + " is not supported on this database "
                        + "backend.").in(c);
            }
            String op = switch (c.method()) {
                case "union" -> "UNION";
                case "intersection" -> "INTERSECT";
                default -> "EXCEPT";
            } + (c.all() ? " ALL" : "");
            for (QuerySet other : c.others()) {
                SelectCompiler oc = forQuerySet(schema, dialect, other, null);
                if (existsParts && c.method().equals("union")) {
                    Frag part = Aggregation.existsPart(oc);
                    parts.add(Frag.of(" " + op + " "));
                    parts.add(!partsOrdered ? part : Frag.format("(%s)", part));
                    continue;
                }
                if (oc.valuesFields == null && valuesFields != null) {
                    // values()/values_list() on a combined query applies to every part, as in Django
                    oc.valuesFields = new ArrayList<>(valuesFields);
                    oc.shape = shape;
                }
                if (oc.ordering != null && !oc.ordering.isEmpty() || oc.isSliced()) {
                    if (!partsOrdered) {
                        throw new QueryException("DatabaseError", "ORDER BY not allowed in subqueries of compound "
                                + "statements.").in(other);
                    }
                }
                if (!partsOrdered && oc.ordering == null && !oc.clearDefaultOrdering
                        && !oc.model.ordering().isEmpty()) {
                    throw new QueryException("DatabaseError", "ORDER BY not allowed in subqueries of compound "
                            + "statements.").in(other);
                }
                SelectPlan op2 = oc.build();
                if (op2.columns().size() != width) {
                    throw new QueryException("DatabaseError", "the queries combined with " + c.method()
                            + "() must select the same number of columns (" + width + " and "
                            + op2.columns().size() + ")").in(other);
                }
                Frag o = Frag.of(op2.query());
                parts.add(Frag.of(" " + op + " "));
                parts.add(!partsOrdered ? o : Frag.format("(%s)", o));
            }
        }
        return Frag.join("", parts);
    }

    /** ORDER BY of a compound statement: by select position, as Django renders it. */
    private List<Frag> combinedOrder(List<SelectItem> items) {
        List<Frag> out = new ArrayList<>();
        for (Expression.OrderBy ob : effectiveOrdering()) {
            if (!(ob.expression() instanceof Expression.F f)) {
                throw new QueryException("DatabaseError", "ORDER BY term does not match any column in the result "
                        + "set.").in(ob);
            }
            int pos = -1;
            for (int i = 0; i < items.size(); i++) {
                String key = items.get(i).column().key();
                Field fld = model.field(f.path()).orElse(null);
                if (key.equals(f.path()) || fld != null && key.equals(fld.attname())
                        || f.path().equals("pk") && key.equals(model.pk().attname())) {
                    pos = i + 1;
                    break;
                }
            }
            if (pos < 0) {
                throw new QueryException("DatabaseError", "ORDER BY term does not match any column in the result "
                        + "set.").in(ob);
            }
            out.add(Frag.of(pos + (ob.descending() != reversed ? " DESC" : " ASC")));
        }
        return out;
    }

    /** The prefetch lookups, for {@link PrefetchPlanner}. */
    List<Prefetch> prefetchLookups() {
        return prefetches;
    }
}
