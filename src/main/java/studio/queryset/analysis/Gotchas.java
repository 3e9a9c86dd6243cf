package studio.queryset.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import studio.queryset.query.Expression;
import studio.queryset.query.ExpressionWalk;
import studio.queryset.query.Prefetch;
import studio.queryset.query.Q;
import studio.queryset.query.QuerySet;
import studio.queryset.query.Step;
import studio.queryset.schema.Field;
import studio.queryset.schema.Hop;
import studio.queryset.schema.Model;
import studio.queryset.schema.PathResolution;
import studio.queryset.schema.PathResolver;
import studio.queryset.schema.Schema;

/**
 * Static analysis of a QuerySet for the ORM's classic traps, each reported as a {@link Gotcha} with a one-line
 * why and fix, attached to the step it comes from. No database is touched and nothing is compiled, so it runs
 * on every edit; names it cannot resolve (annotations, typos) are simply not relations and raise nothing.
 * Only the QuerySet's own chain is analysed, not the querysets inside Subquery, Exists or Prefetch.
 */
public final class Gotchas {
    private final Model model;
    private final PathResolver resolver;

    private Gotchas(Schema schema, Model model) {
        this.model = model;
        this.resolver = PathResolver.relationsOf(schema);
    }

    /** The gotchas of {@code qs}, in the order of the steps they attach to. */
    public static List<Gotcha> analyze(Schema schema, QuerySet qs) {
        Model model = schema.findModel(qs.model()).orElse(null);
        if (model == null) {
            return List.of();
        }
        List<Gotcha> out = new Gotchas(schema, model).run(qs);
        out.sort(java.util.Comparator.comparingInt(Gotcha::step));
        return out;
    }

    private List<Gotcha> run(QuerySet qs) {
        List<Gotcha> out = new ArrayList<>();
        List<Step> steps = qs.steps();
        joinMultiplication(steps, out);
        repeatedRows(steps, out);
        distinctWithRelatedOrdering(steps, out);
        unusedRelatedLoading(steps, out);
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            final int at = i;
            if (s instanceof Step.OrderBy o && o.items().stream().anyMatch(Expression.OrderBy::isRandom)) {
                out.add(new Gotcha(Gotcha.Code.RANDOM_ORDER, "order_by(\"?\") sorts the whole table",
                        "ORDER BY RANDOM() makes the database read and sort every matching row to return a few, "
                                + "so it gets slower as the table grows.",
                        "Count the rows once, pick random offsets (or primary keys) in code and fetch just those "
                                + "rows with slices.", i));
            } else if (s instanceof Step.Update) {
                out.add(new Gotcha(Gotcha.Code.UPDATE_SKIPS_SAVE, "update() bypasses save()",
                        "update() runs one SQL UPDATE, so Model.save() is never called: overridden save() logic, "
                                + "pre_save/post_save signals and auto_now fields (such as updated_at) are skipped.",
                        "Set auto_now fields yourself in the same update() (updated_at=Now()), or loop and save() "
                                + "each object when those side effects matter.", i));
            } else if (s instanceof Step.Values v) {
                for (String f : v.fields()) {
                    valuesJoin(f, i, out);
                }
                for (Expression e : v.expressions().values()) {
                    walk(e, x -> {
                        if (x instanceof Expression.F f) {
                            valuesJoin(f.path(), at, out);
                        }
                    });
                }
            } else if (s instanceof Step.ValuesList v) {
                for (String f : v.fields()) {
                    valuesJoin(f, i, out);
                }
            } else if (s instanceof Step.Only o && !o.fields().isEmpty()) {
                out.add(new Gotcha(Gotcha.Code.DEFERRED_FIELDS, o.method() + "(" + quoted(o.fields())
                        + ") defers fields",
                        "Reading a field the query did not load costs one extra query per object (Django's "
                                + "refresh_from_db), an N+1 that the query itself does not show.",
                        "List in only() every field the code reads (or leave it out of defer()), or use values() "
                                + "when you need just those columns.", i));
            } else if (s instanceof Step.Filter f) {
                excludeAcrossMultiValued(f, i, out);
            } else if (s instanceof Step.Iterator it && it.chunkSize() == null
                    && steps.stream().anyMatch(x -> x instanceof Step.PrefetchRelated)) {
                out.add(new Gotcha(Gotcha.Code.ITERATOR_PREFETCH, "iterator() with prefetch_related but no "
                        + "chunk_size",
                        "Without chunk_size the prefetch cannot run per chunk: Django 4.1 and 4.2 silently skip it "
                                + "(one lazy query per object instead) and Django 5.0 raises ValueError.",
                        "Pass a chunk size, for example iterator(chunk_size=2000): every chunk of rows then gets its "
                                + "prefetch queries.", i));
            }
            aggregateDefault(s, i, out);
            evaluatedTerminals(s, i, out);
        }
        return out;
    }

    /** A terminal used as a value in a step: Django runs it while the QuerySet is built (eager, not lazy). */
    private static void evaluatedTerminals(Step s, int at, List<Gotcha> out) {
        Set<String> calls = new java.util.LinkedHashSet<>();
        ExpressionWalk.StepParts parts = ExpressionWalk.parts(s);
        Consumer<Expression> visit = e -> {
            if (e instanceof Expression.Evaluated ev) {
                Step t = ev.query().terminal();
                calls.add(t == null ? "list()" : t instanceof Step.Index ? "[n]" : t.method() + "()");
            }
        };
        parts.expressions().forEach(e -> ExpressionWalk.each(e, visit));
        parts.conditions().forEach(q -> ExpressionWalk.each(q, visit, x -> { }));
        if (calls.isEmpty()) {
            return;
        }
        out.add(new Gotcha(Gotcha.Code.EVALUATED_TERMINAL, String.join(", ", calls) + " inside " + s.method()
                + "() runs at once",
                "A QuerySet is lazy, but a terminal such as count(), get(), first() or aggregate()[...] used as a value "
                        + "runs at once, while the QuerySet is built: a query of its own before this one, whose "
                        + "result is frozen into it as a parameter.",
                "Keep it when one value is what you want; for one lazy query write it as Subquery(...) (with "
                        + "OuterRef for a per-row value) or an annotation.", at));
    }

    /** Aggregates given {@code default=} in a step's expressions: Django 3.2 takes it as an unused extra. */
    private static void aggregateDefault(Step s, int at, List<Gotcha> out) {
        List<Expression> exprs = new ArrayList<>();
        if (s instanceof Step.Annotate a) {
            exprs.addAll(a.positional());
            exprs.addAll(a.named().values());
        } else if (s instanceof Step.Aggregate a) {
            exprs.addAll(a.positional());
            exprs.addAll(a.named().values());
        } else if (s instanceof Step.Values v) {
            exprs.addAll(v.expressions().values());
        }
        List<String> names = new ArrayList<>();
        for (Expression e : exprs) {
            walk(e, x -> {
                if (x instanceof Expression.Aggregate agg && agg.defaultValue() != null) {
                    names.add(agg.function());
                }
            });
        }
        if (!names.isEmpty()) {
            out.add(new Gotcha(Gotcha.Code.AGGREGATE_DEFAULT, String.join(", ", names) + "(..., default=...) "
                    + "needs Django 4.0",
                    "Django 3.2 accepts default= on an aggregate but ignores it (it becomes an unused template "
                            + "extra), so an empty set still gives None; the SQL here follows 3.2 and has no COALESCE.",
                    "Wrap the aggregate instead: Coalesce(Sum(\"x\"), 0) works on every Django version.", at));
        }
    }

    // ---------------------------------------------------------------- join multiplication

    /** An aggregate of the chain, with the multi-valued joins its argument goes through. */
    private record Agg(Expression.Aggregate aggregate, int step, List<String> joins) {
        /** The deepest multi-valued join it reads through ("" when it reads the model's own rows). */
        String deepest() {
            return joins.isEmpty() ? "" : joins.get(joins.size() - 1);
        }
    }

    /**
     * Aggregates of annotate() calls (and a final aggregate()) in one query share its joins. An aggregate is
     * multiplied when a multi-valued join it does not read through is in the query: each of its rows repeats
     * once per row of that join. Max and Min do not care, and distinct=True counts each value once.
     */
    private void joinMultiplication(List<Step> steps, List<Gotcha> out) {
        List<Agg> aggs = new ArrayList<>();
        Map<String, Integer> joinedAt = new LinkedHashMap<>();
        for (int i = 0; i < steps.size(); i++) {
            List<Expression> exprs = new ArrayList<>();
            Step s = steps.get(i);
            if (s instanceof Step.Annotate a) {
                exprs.addAll(a.positional());
                exprs.addAll(a.named().values());
            } else if (s instanceof Step.Aggregate a) {
                exprs.addAll(a.positional());
                exprs.addAll(a.named().values());
            }
            for (Expression e : exprs) {
                List<Expression.Aggregate> found = new ArrayList<>();
                walk(e, x -> {
                    if (x instanceof Expression.Aggregate agg) {
                        found.add(agg);
                    }
                });
                for (Expression.Aggregate agg : found) {
                    List<String> joins = new ArrayList<>();
                    walk(agg.argument(), x -> {
                        if (x instanceof Expression.F f) {
                            for (String j : multiValuedJoins(f.path())) {
                                if (!joins.contains(j)) {
                                    joins.add(j);
                                }
                            }
                        }
                    });
                    for (String j : joins) {
                        joinedAt.putIfAbsent(j, i);
                    }
                    aggs.add(new Agg(agg, i, joins));
                }
            }
        }
        int attachTo = -1;
        for (Agg a : aggs) {
            String fn = a.aggregate().function();
            if (a.aggregate().distinct() || fn.equals("Max") || fn.equals("Min")) {
                continue;
            }
            for (var j : joinedAt.entrySet()) {
                if (!onPath(j.getKey(), a.deepest())) {
                    attachTo = Math.max(attachTo, Math.max(a.step(), j.getValue()));
                }
            }
        }
        if (attachTo < 0) {
            return;
        }
        List<String> leaves = new ArrayList<>();
        for (String j : joinedAt.keySet()) {
            if (joinedAt.keySet().stream().noneMatch(o -> !o.equals(j) && onPath(j, o))) {
                leaves.add(j);
            }
        }
        String names = leaves.size() == 1 ? leaves.get(0) : String.join(", ", leaves.subList(0, leaves.size() - 1))
                + " and " + leaves.get(leaves.size() - 1);
        out.add(new Gotcha(Gotcha.Code.JOIN_MULTIPLICATION, leaves.size() > 1 ? "Aggregates over " + names
                + " multiply each other" : "Aggregates multiplied by the join to " + names,
                "Each multi-valued relation adds a JOIN, so rows repeat once per combination of related " + names
                        + " rows, and a Count, Sum or Avg over anything else counts every copy.",
                "Use Count(..., distinct=True) for counts, or compute each aggregate in its own Subquery (Sum and "
                        + "Avg cannot be repaired with distinct).", attachTo));
    }

    /**
     * filter() across a multi-valued relation joins it: each row comes back once per matching related row, so
     * objects repeat, count() counts the copies and get() can fail with MultipleObjectsReturned. distinct() or a
     * grouping aggregate folds them; a negated condition is a subquery and repeats nothing.
     */
    private void repeatedRows(List<Step> steps, List<Gotcha> out) {
        for (Step s : steps) {
            if (s instanceof Step.Distinct || s instanceof Step.Aggregate || s instanceof Step.Annotate a
                    && containsAggregate(a) || s instanceof Step.Terminal t && t.method().equals("exists")) {
                return;
            }
        }
        for (int i = 0; i < steps.size(); i++) {
            if (!(steps.get(i) instanceof Step.Filter f) || f.exclude()) {
                continue;
            }
            List<String> paths = new ArrayList<>();
            f.args().forEach(q -> positiveLookups(q, false, paths));
            f.kwargs().forEach(q -> positiveLookups(q, false, paths));
            for (String path : paths) {
                String relation = multiValuedPrefix(path);
                if (relation != null && !matchesOneRelatedRow(path)) {
                    out.add(new Gotcha(Gotcha.Code.REPEATED_ROWS, "filter(" + path + "=...) can return each "
                            + model.name() + " more than once",
                            "The filter joins the multi-valued " + relation + ": a " + model.name() + " comes back "
                                    + "once per matching related row, count() counts every copy and get() can raise "
                                    + "MultipleObjectsReturned.",
                            "Add .distinct(), or filter with Exists(<related model>.objects.filter(<link>="
                                    + "OuterRef(\"pk\"), ...)) so the join never happens.", i));
                    return;
                }
            }
        }
    }

    /**
     * True when the path ends in its one multi-valued relation and picks a unique field of it with exact
     * ({@code tags=3}, {@code tags__name="x"} for a unique name): at most one related row matches.
     */
    private boolean matchesOneRelatedRow(String path) {
        PathResolution p = resolve(path);
        List<Hop> hops = p.hops();
        if (hops.isEmpty() || !hops.get(hops.size() - 1).multiValued()
                || hops.stream().filter(Hop::multiValued).count() > 1) {
            return false;
        }
        List<String> rest = new ArrayList<>(p.rest());
        Field f = p.field();
        if (f == null && !rest.isEmpty()) { // the walk stops at the last relation: the field is the next name
            String name = rest.remove(0);
            f = name.equals("pk") ? p.end().pk() : p.end().field(name).orElse(null);
            if (f == null) {
                return false;
            }
        }
        if (!(rest.isEmpty() || rest.size() == 1 && rest.get(0).equals("exact"))) {
            return false;
        }
        // on the relation itself it compares the related pk
        return f == null || f.primaryKey() || f.unique();
    }

    private static boolean containsAggregate(Step.Annotate a) {
        return a.positional().stream().anyMatch(studio.queryset.query.ExpressionWalk::containsAggregate)
                || a.named().values().stream().anyMatch(studio.queryset.query.ExpressionWalk::containsAggregate);
    }

    /**
     * Lookup paths not under a negation (a negated one is a subquery, not a join) that keep rows with related rows:
     * {@code rel__isnull=True} / {@code rel=None} keep the rows without any, which a LEFT JOIN gives once each.
     */
    private static void positiveLookups(Q q, boolean negated, List<String> out) {
        List<Q.Lookup> found = new ArrayList<>();
        lookups(q, negated, false, found);
        for (Q.Lookup l : found) {
            Object v = l.value() instanceof Expression.Value value ? value.value() : "";
            if (v != null && !(Boolean.TRUE.equals(v) && l.path().endsWith("__isnull"))) {
                out.add(l.path());
            }
        }
    }

    /** The lookups of {@code q} under a negation ({@code underNegation}) or not, {@code negated} saying where q is. */
    private static void lookups(Q q, boolean negated, boolean underNegation, List<Q.Lookup> out) {
        if (q instanceof Q.Lookup l) {
            if (negated == underNegation) {
                out.add(l);
            }
        } else if (q instanceof Q.Node n) {
            for (Q c : n.children()) {
                lookups(c, negated ^ n.negated(), underNegation, out);
            }
        }
    }

    /** True when {@code join} is {@code path} or one of the joins leading to it. */
    private static boolean onPath(String join, String path) {
        return path.equals(join) || path.startsWith(join + "__");
    }

    // ---------------------------------------------------------------- distinct + related ordering

    private void distinctWithRelatedOrdering(List<Step> steps, List<Gotcha> out) {
        int distinctAt = -1;
        List<Expression.OrderBy> ordering = null;
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            if (s instanceof Step.Distinct d && d.fields().isEmpty()) {
                distinctAt = i;
            } else if (s instanceof Step.OrderBy o) {
                ordering = o.items();
            }
        }
        if (distinctAt < 0) {
            return;
        }
        List<String> paths = new ArrayList<>();
        if (ordering == null) {
            for (String o : model.ordering()) {
                paths.add(o.startsWith("-") || o.startsWith("+") ? o.substring(1) : o);
            }
        } else {
            for (Expression.OrderBy o : ordering) {
                if (!o.isRandom()) {
                    walk(o.expression(), x -> {
                        if (x instanceof Expression.F f) {
                            paths.add(f.path());
                        }
                    });
                }
            }
        }
        for (String p : paths) {
            if (orderingJoins(p)) {
                out.add(new Gotcha(Gotcha.Code.DISTINCT_RELATED_ORDER, "distinct() ordered by " + p,
                        "Django adds the ordering column " + p + " to SELECT DISTINCT, so rows that differ only "
                                + "in it (one per related row) are no longer duplicates.",
                        "Order by fields of " + model.name() + " itself, or clear the ordering with order_by() "
                                + "before distinct().", distinctAt));
                return;
            }
        }
    }

    // ---------------------------------------------------------------- unused select_related / prefetch_related

    private void unusedRelatedLoading(List<Step> steps, List<Gotcha> out) {
        String returns = null;
        for (Step s : steps) {
            if (s instanceof Step.Values || s instanceof Step.ValuesList) {
                returns = s.method() + "() returns " + (s instanceof Step.Values ? "dicts" : "tuples");
            }
        }
        Step last = steps.isEmpty() ? null : steps.get(steps.size() - 1);
        if (last instanceof Step.Aggregate) {
            returns = "aggregate() returns a dict of numbers";
        } else if (last instanceof Step.Terminal t && (t.method().equals("count") || t.method().equals("exists"))) {
            returns = t.method() + "() returns " + (t.method().equals("count") ? "a number" : "a boolean");
        }
        if (returns == null) {
            return;
        }
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            String what;
            if (s instanceof Step.SelectRelated r) {
                what = "select_related(" + quoted(r.paths()) + ")";
            } else if (s instanceof Step.PrefetchRelated p) {
                List<String> names = new ArrayList<>();
                for (Prefetch x : p.lookups()) {
                    names.add(x.lookup());
                }
                what = "prefetch_related(" + quoted(names) + ")";
            } else {
                continue;
            }
            out.add(new Gotcha(Gotcha.Code.UNUSED_RELATED, what + " is never used",
                    returns + ", not model instances, so the related objects " + s.method()
                            + "() would load have nothing to attach to.",
                    "Remove " + s.method() + "(), or keep it only on a queryset whose objects you iterate.", i));
        }
    }

    // ---------------------------------------------------------------- values() joins, exclude()

    private void valuesJoin(String field, int step, List<Gotcha> out) {
        PathResolution p = resolve(field);
        if (!joins(p)) {
            return;
        }
        boolean multi = p.multiValued();
        String table = p.end().table();
        out.add(new Gotcha(Gotcha.Code.VALUES_JOIN, "values field " + field + " joins " + table,
                "Reading " + field + " forces a JOIN to " + table + (multi ? ", and as the relation is multi-valued "
                        + "the result has one row per related row." : " on every row of the result."),
                multi ? "Aggregate it (annotate with Count/ArrayAgg) or fetch it separately with prefetch_related "
                        + "if you want one row per " + model.name() + "."
                        : "Keep it if you need the column; if you only need the key, ask for the local field ("
                        + p.hops().get(0).name() + "_id), which needs no join.", step));
    }

    private void excludeAcrossMultiValued(Step.Filter f, int step, List<Gotcha> out) {
        List<String> hits = new ArrayList<>();
        for (Q q : f.args()) {
            negatedLookups(q, f.exclude(), hits);
        }
        for (Q q : f.kwargs()) {
            negatedLookups(q, f.exclude(), hits);
        }
        for (String path : hits) {
            String relation = multiValuedPrefix(path);
            if (relation == null) {
                continue;
            }
            out.add(new Gotcha(Gotcha.Code.EXCLUDE_MULTI_VALUED, (f.exclude() ? "exclude(" : "filter(~Q(") + path
                    + (f.exclude() ? ")" : "))") + " runs as a subquery",
                    "Across the multi-valued " + relation + " this becomes NOT EXISTS (a correlated subquery), not "
                            + "a join: it drops every " + model.name() + " with any matching related row, and several "
                            + "conditions in separate exclude() calls need not hold for the same related row.",
                    "Say which related rows you mean in one place: exclude(Exists(<related model>.objects.filter("
                            + "<link>=OuterRef(\"pk\"), ...))) with all conditions inside.", step));
            return;
        }
    }

    /** Lookup paths under a negation (the whole exclude(), or a ~Q inside a filter()). */
    private static void negatedLookups(Q q, boolean negated, List<String> out) {
        List<Q.Lookup> found = new ArrayList<>();
        lookups(q, negated, true, found);
        found.forEach(l -> out.add(l.path()));
    }

    // ---------------------------------------------------------------- path resolution

    /**
     * The relations a path crosses and what follows the last of them: {@code author__name} is one forward hop
     * with rest "name"; {@code tags} one multi-valued hop with an empty rest. Names that are no relation
     * (annotations, typos) end the walk without an error.
     */
    private PathResolution resolve(String path) {
        return resolver.relations(model, path, PathResolver.Names.QUERY);
    }

    /** True when the compiled SQL needs a JOIN (Django trims {@code author__id} and {@code author} itself). */
    private static boolean joins(PathResolution p) {
        List<Hop> hops = p.hops();
        if (hops.isEmpty()) {
            return false;
        }
        if (hops.size() > 1 || p.multiValued() || !hops.get(0).forward()) {
            return true;
        }
        List<String> rest = p.rest();
        return !rest.isEmpty() && !rest.get(0).equals("pk") && !rest.get(0).equals(p.end().pk().name());
    }

    /** Every prefix of the path that ends in a multi-valued relation: {@code posts__comments} gives both. */
    private List<String> multiValuedJoins(String path) {
        List<String> out = new ArrayList<>();
        PathResolution p = resolve(path);
        for (int i = 0; i < p.hops().size(); i++) {
            if (p.hops().get(i).multiValued()) {
                out.add(p.prefix(i));
            }
        }
        return out;
    }

    /** The path up to and including its first multi-valued relation ({@code author__posts}), or null. */
    private String multiValuedPrefix(String path) {
        PathResolution p = resolve(path);
        for (int i = 0; i < p.hops().size(); i++) {
            if (p.hops().get(i).multiValued()) {
                return p.prefix(i);
            }
        }
        return null;
    }

    /** Ordering by {@code path} joins another table (a relation with its own Meta.ordering counts). */
    private boolean orderingJoins(String path) {
        PathResolution p = resolve(path);
        if (joins(p)) {
            return true;
        }
        return p.hops().size() == 1 && p.rest().isEmpty() && !p.end().ordering().isEmpty();
    }

    // ---------------------------------------------------------------- expression walking

    /** Visits an expression and its operands; querysets inside Subquery/Exists are separate queries, not visited. */
    static void walk(Expression e, Consumer<Expression> visit) {
        studio.queryset.query.ExpressionWalk.each(e, visit);
    }

    private static String quoted(List<String> names) {
        List<String> q = new ArrayList<>();
        for (String n : names) {
            q.add('"' + n + '"');
        }
        return String.join(", ", q);
    }
}
