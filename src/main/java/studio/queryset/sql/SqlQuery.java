package studio.queryset.sql;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import studio.queryset.query.Expression;
import studio.queryset.query.LookupPath;
import studio.queryset.query.Prefetch;
import studio.queryset.query.Q;
import studio.queryset.query.QueryException;
import studio.queryset.query.QuerySet;
import studio.queryset.query.Step;
import studio.queryset.schema.Model;
import studio.queryset.schema.Schema;

/**
 * One SELECT being built, as Django's {@code sql.Query}: the state a QuerySet's chain folds into and the verbs
 * that change it, named as Django names them ({@link #addQ}, {@link #addAnnotation}, {@link #setValues},
 * {@link #addOrdering}, {@link #clearOrdering}, {@link #setLimits}, {@link #reverseOrdering},
 * {@link #addDeferredLoading}, {@link #addImmediateLoading}, {@link #asExists}, {@link #combineOperator}...).
 * {@link QuerySetSteps} maps each QuerySet method to these verbs; {@link SelectRenderer} (Django's
 * {@code SQLCompiler.as_sql}) turns the state into SQL, with {@link SelectList}, {@link GroupBy},
 * {@link OrderByCompiler} and {@link CompoundRenderer}.
 */
final class SqlQuery {
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
    /** order_by()'s terms; null while none was given (Meta.ordering applies unless cleared). */
    List<Expression.OrderBy> ordering;
    /** Django's {@code default_ordering = False}: Meta.ordering no longer applies. */
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
    /** only()/defer(), select_related() and prefetch_related(). */
    final Loading loading = new Loading();
    /** union()/intersection()/difference() steps, in order (Django's combined_queries). */
    final List<Step.Combine> combinators = new ArrayList<>();
    /** Whether the query before union()/intersection()/difference() had an ordering of its own. */
    boolean firstPartOrdered;
    /**
     * The first part's own ordering and slice, kept when the combinator clears them from the whole (Django's
     * _combinator_query clones the query, then clears the clone's ordering and limits, not the part's).
     */
    CompoundRenderer.FirstPart firstPart;

    int filterCalls;
    /** A select entry before the regular columns (exists() of a distinct query: {@code 1 AS "a"}, then them). */
    Frag leadingSelect;
    /** Extra SQL-only select entries (prefetch join keys) after the regular columns. */
    final List<Frag> extraSelect = new ArrayList<>();
    /**
     * Extra select entries that are aggregates (an aggregate()'s __colN of an aggregate annotation): not grouped.
     * Matched by identity ({@link #isExtraAggregate}); a list, as there are seldom any.
     */
    final List<Frag> extraAggregates = new ArrayList<>(0);
    final List<OutColumn> extraColumns = new ArrayList<>();
    /** Optional Params given no value: lookups holding them are left out. */
    Set<String> absentParams = Set.of();
    /** A condition placed first in WHERE (prefetch keys), so its parameters' position is known. */
    Frag leadingWhere;
    /** The QuerySet compiled (its source node owns the FROM clause), for {@link SqlSpans}. */
    QuerySet source;
    /** The steps whose SQL is a whole clause, for {@link SqlSpans}: the ordering, values() and slice steps. */
    Step orderStep;
    Step valuesStep;
    Step sliceStep;

    SqlQuery(Schema schema, Dialect dialect, Model model, Scope parent) {
        this.schema = schema;
        this.dialect = dialect;
        this.model = model;
        this.scope = new Scope(schema, model, parent);
        this.exprs = new ExprCompiler(this);
    }

    static SqlQuery forQuerySet(Schema schema, Dialect dialect, QuerySet qs, Scope parent) {
        return forQuerySet(schema, dialect, qs, parent, Set.of());
    }

    /** The query a QuerySet's chain builds (its terminal aside), inside {@code parent}'s scope when nested. */
    static SqlQuery forQuerySet(Schema schema, Dialect dialect, QuerySet qs, Scope parent, Set<String> absentParams) {
        QuerySet resolved = QueryCombiner.resolve(qs.chain());
        SqlQuery c = new SqlQuery(schema, dialect, schema.model(resolved.model()), parent);
        c.absentParams = absentParams;
        c.source = qs;
        for (Step s : resolved.steps()) {
            try {
                c.apply(s);
            } catch (QueryException e) {
                throw e.in(s);
            }
        }
        return c;
    }

    /** One QuerySet method call, as Django's QuerySet method does it (see {@link QuerySetSteps}). */
    void apply(Step step) {
        QuerySetSteps.apply(this, step);
    }

    // ---------------------------------------------------------------- filters

    /** Django's add_q: a filter() / exclude() condition into WHERE, or HAVING where it reads an aggregate. */
    void addQ(Q condition, boolean exclude, Step step) {
        int call = newFilterCall();
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

    /** A filter() call of its own: joins of a multi-valued relation are reused only within one call. */
    int newFilterCall() {
        return ++filterCalls;
    }

    /** Django's set_empty (none(), or a condition that can match nothing). */
    void setEmpty() {
        empty = true;
    }

    // ---------------------------------------------------------------- annotations and values()

    /** Django's add_annotation for each entry of one annotate() / alias() call. */
    void addAnnotation(Step.Annotate a) {
        Map<String, Expression> all = new LinkedHashMap<>();
        for (Expression e : a.positional()) {
            all.put(Aggregation.defaultAlias(e), e);
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
                groupByModel = false; // Django's set_group_by replaces the model's columns by the values() ones
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

    /** Django's annotate(): names of get_fields() (reverse relations included) and attnames are taken. */
    private void checkAnnotationName(String alias) {
        boolean taken = model.field(alias).isPresent() // a name, or a concrete field's attname (author_id)
                || schema.reverseRelation(model, alias).isPresent();
        if (taken && valuesFields == null) {
            throw new QueryException("ValueError", "The annotation '" + alias + "' conflicts with a field on the "
                    + "model.").about(alias);
        }
    }

    /** An annotation's SQL marked as written by its expression, wherever it is used (SELECT, ORDER BY...). */
    private static Typed marked(Typed t, Expression e) {
        return t.withFrag(t.frag().marked(e));
    }

    /** Django's set_values for values(): its expressions become annotations, its fields the select list. */
    void setValues(Step.Values v) {
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
    }

    /** values_list(): set_values with the row shape its flat / named flags ask for. */
    void setValuesList(Step.ValuesList v) {
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

    boolean hasAggregate() {
        if (!having.isEmpty()) {
            return true;
        }
        for (Annotation a : annotations.values()) {
            if (a.compiled().aggregate()) {
                return true;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- ordering

    /** Django's add_ordering for order_by(): replaces the ordering; order_by() with nothing clears it. */
    void addOrdering(Step.OrderBy o) {
        ordering = o.items();
        orderStep = o;
        clearDefaultOrdering = o.items().isEmpty();
        reversed = false;
    }

    /** Django's clear_ordering: no order_by() terms; {@code force} also drops Meta.ordering (default_ordering). */
    void clearOrdering(boolean force) {
        ordering = List.of();
        if (force) {
            clearDefaultOrdering = true;
        }
    }

    /** reverse(): Django's standard_ordering flipped. */
    void reverseOrdering() {
        reversed = !reversed;
    }

    /** QuerySet.ordered: an explicit ordering, or Meta.ordering where it applies (not when grouping). */
    boolean isOrdered() {
        if (!combinators.isEmpty()) {
            return ordering != null && !ordering.isEmpty();
        }
        if (ordering != null) {
            return !ordering.isEmpty();
        }
        return !clearDefaultOrdering && !model.ordering().isEmpty() && !hasAggregate();
    }

    // ---------------------------------------------------------------- limits

    /** Django's set_limits: a slice of the current slice ({@code qs[5:][:2]} is rows 5 and 6). */
    void setLimits(Long start, Long stop) {
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

    // ---------------------------------------------------------------- what is loaded

    /** distinct() / distinct(*fields). */
    void setDistinct(List<String> fields) {
        distinct = true;
        distinctFields = fields;
    }

    /** defer(): Django's add_deferred_loading; defer(None) clears it. */
    void addDeferredLoading(List<String> fields) {
        loading.addDeferred(fields);
        SelectList.checkLoadable(schema, model, fields);
    }

    /** only(): Django's add_immediate_loading; names deferred before stay deferred. */
    void addImmediateLoading(List<String> fields) {
        loading.addImmediate(fields);
        SelectList.checkLoadable(schema, model, fields);
    }

    /** select_related(*paths); with no paths, every non-null FK (Django's select_related = True). */
    void addSelectRelated(List<String> paths) {
        loading.addSelectRelated(paths);
    }

    void addPrefetch(List<Prefetch> lookups) {
        loading.prefetches.addAll(lookups);
    }

    /** The prefetch lookups, for {@link PrefetchPlanner}. */
    List<Prefetch> prefetchLookups() {
        return loading.prefetches;
    }

    /** select_related, prefetch_related and (unless sliced) the ordering go: a count or an aggregate has no rows. */
    void dropPresentation() {
        loading.dropRelated();
        if (!isSliced()) {
            clearOrdering(true);
        }
    }

    // ---------------------------------------------------------------- combinators

    /**
     * union() / intersection() / difference(), as Django's _combinator_query: the first call keeps this query's
     * own ordering and slice for its part and clears them from the whole. The parts are rendered by
     * {@link CompoundRenderer}.
     */
    void combine(Step.Combine c) {
        if (combinators.isEmpty()) {
            firstPartOrdered = ordering != null ? !ordering.isEmpty()
                    : !clearDefaultOrdering && !model.ordering().isEmpty();
            firstPart = new CompoundRenderer.FirstPart(ordering, clearDefaultOrdering, reversed, low, high);
            ordering = null;
            clearDefaultOrdering = true;
            reversed = false;
            low = null;
            high = null;
        }
        combinators.add(c);
    }

    /** {@code qs | other} / {@code qs & other}: Django's Query.combine (see {@link QueryCombiner}). */
    void combineOperator(Step.Combine c) {
        QueryCombiner.merge(this, c);
    }

    // ---------------------------------------------------------------- render

    SelectPlan build() {
        return build(null);
    }

    /** Renders the SELECT. {@code selectOverride} replaces the select list (count/exists/subqueries). */
    SelectPlan build(Frag selectOverride) {
        return new SelectRenderer(this).render(selectOverride);
    }

    /**
     * Django 3.2's Query.exists(): no ordering, at most one row, {@code 1 AS "a"} for the columns — except that a
     * distinct query keeps its select list (it decides what is distinct) with {@code 1 AS "a"} first.
     */
    CompiledQuery asExists() {
        dropPresentation();
        clearOrdering(true);
        existsParts = true;
        setLimits(0L, 1L);
        Frag one = Frag.of("1 AS " + dialect.quote("a"));
        if (distinct && combinators.isEmpty()) {
            leadingSelect = one;
            return build().query();
        }
        return build(one).query();
    }

    boolean isExtraAggregate(Frag f) {
        for (Frag a : extraAggregates) {
            if (a == f) {
                return true;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- names

    String col(String alias, String column) {
        return dialect.ops().qualified(alias, column);
    }
}
