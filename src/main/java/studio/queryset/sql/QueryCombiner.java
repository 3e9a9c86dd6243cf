package studio.queryset.sql;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import studio.queryset.query.Expression;
import studio.queryset.query.Q;
import studio.queryset.query.QueryException;
import studio.queryset.query.QuerySet;
import studio.queryset.query.Step;

/**
 * {@code qs | other} and {@code qs & other}, as Django 3.2 does them: {@code QuerySet.__or__/__and__} decide what
 * is combined ({@link #resolve}: the values check, an empty side, a sliced side as {@code pk__in}), then
 * {@code Query.combine} merges the other query into this one ({@link #merge}): its joins are added, reusing this
 * query's equal joins under OR (each at most once) and none under AND, the joins voted by one side only are
 * promoted to LEFT OUTER under OR, its WHERE is relabelled to the merged aliases and joined with the connector,
 * and its ordering wins when it has one. The rest of the other query (annotations, select_related, prefetches) is
 * not merged, as in Django.
 */
final class QueryCombiner {
    private QueryCombiner() {
    }

    /**
     * The chain with each {@code |}/{@code &} step resolved the way {@code QuerySet.__or__}/{@code __and__} do before
     * {@code Query.combine}: an empty side ({@code none()}) gives the other (or, under {@code &}, itself), and under
     * {@code |} a sliced side becomes {@code Model.objects.filter(pk__in=side.values("pk"))}. Returns {@code qs}
     * itself when there is nothing to resolve.
     */
    static QuerySet resolve(QuerySet qs) {
        boolean anyCombine = false; // loops: every compile asks, and nearly every chain has none
        for (Step s : qs.steps()) {
            anyCombine |= s instanceof Step.Combine;
        }
        if (!anyCombine) {
            return qs;
        }
        qs = emptySetOperations(qs);
        boolean anyOperator = false;
        for (Step s : qs.steps()) {
            anyOperator |= s instanceof Step.Combine c && c.isOperator();
        }
        if (!anyOperator) {
            return qs;
        }
        String model = qs.model();
        List<Step> acc = new ArrayList<>();
        for (Step s : qs.steps()) {
            if (!(s instanceof Step.Combine c && c.isOperator())) {
                acc.add(s);
                continue;
            }
            QuerySet lhs = new QuerySet(model, acc);
            QuerySet rhs = resolve(c.others().get(0));
            try {
                sanityCheck(lhs, rhs);
            } catch (QueryException e) {
                throw e.in(c);
            }
            boolean or = c.method().equals(Step.Combine.OR);
            QuerySet result = null;
            if (or) {
                result = isEmpty(lhs) ? rhs : isEmpty(rhs) ? lhs : null;
            } else {
                result = isEmpty(rhs) ? rhs : isEmpty(lhs) ? lhs : null;
            }
            if (result == null) {
                if (or && isSliced(lhs)) {
                    lhs = pkIn(lhs);
                }
                if (or && isSliced(rhs)) {
                    rhs = pkIn(rhs);
                }
                try {
                    assertCombinable(lhs, rhs);
                } catch (QueryException e) {
                    throw e.in(c);
                }
                List<Step> steps = new ArrayList<>(lhs.steps());
                steps.add(rhs == c.others().get(0) ? c : Step.Combine.operator(c.method(), rhs));
                result = new QuerySet(lhs.model(), steps);
            }
            model = result.model();
            acc = new ArrayList<>(result.steps());
        }
        return new QuerySet(model, acc);
    }

    /** Django's {@code _merge_sanity_check}: a values() queryset combines only with one of the same names. */
    private static void sanityCheck(QuerySet lhs, QuerySet rhs) {
        Names l = Names.of(lhs);
        if (l.values() != null && !l.equals(Names.of(rhs))) {
            throw new QueryException("TypeError", "Merging 'QuerySet' classes must involve the same values in each "
                    + "case.");
        }
    }

    /** The checks of Django's {@code Query.combine}, in its order. */
    private static void assertCombinable(QuerySet lhs, QuerySet rhs) {
        if (!lhs.model().equals(rhs.model())) {
            throw new QueryException("AssertionError", "Cannot combine queries on two different base models.");
        }
        if (isSliced(lhs)) {
            throw new QueryException("AssertionError", "Cannot combine queries once a slice has been taken.");
        }
        List<String> ld = distinctFields(lhs);
        List<String> rd = distinctFields(rhs);
        if ((ld == null) != (rd == null)) {
            throw new QueryException("AssertionError", "Cannot combine a unique query with a non-unique query.");
        }
        if (ld != null && !ld.equals(rd)) {
            throw new QueryException("AssertionError", "Cannot combine queries with different distinct fields.");
        }
    }

    /**
     * union() / intersection() / difference() where Django's QuerySet method answers without combining: on an
     * EmptyQuerySet, union() is the other non-empty querysets (just the one when one is left, itself when none
     * is), intersection() and difference() are itself; intersection() with an empty other is that other.
     */
    private static QuerySet emptySetOperations(QuerySet qs) {
        if (qs.steps().stream().noneMatch(s -> s instanceof Step.Combine c && !c.isOperator())) {
            return qs;
        }
        String model = qs.model();
        List<Step> acc = new ArrayList<>();
        for (Step s : qs.steps()) {
            QuerySet answer = s instanceof Step.Combine c && !c.isOperator()
                    ? emptyAnswer(new QuerySet(model, acc), c) : null;
            if (answer == null) {
                acc.add(s);
            } else {
                model = answer.model();
                acc = new ArrayList<>(answer.steps());
            }
        }
        return new QuerySet(model, acc);
    }

    /** What {@code self.<c>(...)} returns when Django does not combine, else null. */
    private static QuerySet emptyAnswer(QuerySet self, Step.Combine c) {
        boolean selfEmpty = isEmpty(self);
        switch (c.method()) {
            case "union" -> {
                if (!selfEmpty) {
                    return null;
                }
                List<QuerySet> rest = c.others().stream().filter(o -> !isEmpty(o)).toList();
                return rest.isEmpty() ? self : rest.size() == 1 ? rest.get(0)
                        : rest.get(0).then(new Step.Combine("union", rest.subList(1, rest.size()), c.all()));
            }
            case "intersection" -> {
                return selfEmpty ? self : c.others().stream().filter(QueryCombiner::isEmpty).findFirst().orElse(null);
            }
            default -> {
                return selfEmpty ? self : null;
            }
        }
    }

    /** Django's EmptyQuerySet test: {@code none()} was called (a merged side does not count, resolve drops it). */
    private static boolean isEmpty(QuerySet qs) {
        return qs.steps().stream().anyMatch(s -> s instanceof Step.Simple n && n.method().equals("none"));
    }

    private static boolean isSliced(QuerySet qs) {
        return qs.steps().stream().anyMatch(s -> s instanceof Step.Slice sl
                && (sl.start() != null && sl.start() != 0 || sl.stop() != null));
    }

    /** {@code Model._base_manager.filter(pk__in=qs.values("pk"))}: a sliced side of {@code |}. */
    private static QuerySet pkIn(QuerySet qs) {
        QuerySet pks = qs.then(new Step.Values(List.of("pk"), Map.of()));
        return QuerySet.of(qs.model()).then(new Step.Filter(List.of(),
                List.of(new Q.Lookup("pk__in", new Expression.QueryValue(pks))), false));
    }

    /** The distinct() fields (empty for a plain distinct()), or null when the query is not distinct. */
    private static List<String> distinctFields(QuerySet qs) {
        List<String> out = null;
        for (Step s : qs.steps()) {
            if (s instanceof Step.Distinct d) {
                out = d.fields();
            }
        }
        return out;
    }

    /**
     * What {@code _merge_sanity_check} compares: the values() field names ({@code *} for all of them), and the
     * selected annotation names; {@code values} is null for a queryset of model instances.
     */
    private record Names(Set<String> values, Set<String> annotations) {
        static Names of(QuerySet qs) {
            Set<String> values = null;
            Set<String> annotations = new LinkedHashSet<>();
            for (Step s : qs.steps()) {
                if (s instanceof Step.Annotate a && !a.alias()) {
                    annotations.addAll(a.named().keySet());
                    for (Expression e : a.positional()) {
                        annotations.add(defaultAlias(e));
                    }
                } else if (s instanceof Step.Values v || s instanceof Step.ValuesList) {
                    List<String> fields = s instanceof Step.Values v2 ? v2.fields() : ((Step.ValuesList) s).fields();
                    values = new LinkedHashSet<>();
                    if (fields.isEmpty()) {
                        values.add("*");
                    } else {
                        Set<String> named = new LinkedHashSet<>();
                        for (String f : fields) {
                            (annotations.contains(f) ? named : values).add(f);
                        }
                        annotations = named;
                    }
                }
            }
            return new Names(values, annotations);
        }

        private static String defaultAlias(Expression e) {
            try {
                return Aggregation.defaultAlias(e);
            } catch (QueryException unnamed) {
                return String.valueOf(e); // annotate() refuses it when compiled; the check only compares
            }
        }
    }

    // ---------------------------------------------------------------- Query.combine

    /** Merges the other query of {@code step} ({@code |} or {@code &}) into {@code lhs}, as Query.combine does. */
    static void merge(SqlQuery lhs, Step.Combine step) {
        SqlQuery rhs = SqlQuery.forQuerySet(lhs.schema, lhs.dialect, step.others().get(0),
                lhs.scope.parent, lhs.absentParams);
        if (!rhs.combinators.isEmpty()) {
            // Django would merge only the first part's WHERE and drop the set operation
            throw new QueryException("NotSupportedError", "Combining with " + step.symbol() + " a queryset built by "
                    + rhs.combinators.get(0).method() + "() is not supported.").in(step);
        }
        if (lhs.valuesFields == null && rhs.valuesFields != null) {
            // Django would build model instances from the values() columns of the other side
            throw new QueryException("NotSupportedError", "Combining a queryset of model instances with a values() "
                    + "queryset (" + step.symbol() + ") is not supported; call values() on both sides.").in(step);
        }
        boolean or = step.method().equals(Step.Combine.OR);
        Map<String, String> relabel = mergeJoins(lhs, rhs, or);
        List<Frag> where = relabel(rhs.where, relabel, lhs.dialect);
        List<Frag> having = relabel(rhs.having, relabel, lhs.dialect);
        lhs.havingGroupBy.addAll(relabel(rhs.havingGroupBy, relabel, lhs.dialect));
        List<Frag> whereCols = relabel(rhs.whereGroupBy, relabel, lhs.dialect);
        lhs.whereGroupBy.addAll(whereCols);
        if (!or) {
            lhs.where.addAll(where);
            lhs.having.addAll(having);
            lhs.empty |= rhs.empty;
        } else if (lhs.empty && !rhs.empty) {
            // the left side matches nothing (pk__in=[]): what the right side matches is the answer
            lhs.where.clear();
            lhs.having.clear();
            lhs.where.addAll(where);
            lhs.having.addAll(having);
            lhs.empty = false;
        } else if (!rhs.empty) {
            disjoin(lhs, where, having, step);
        }
        // Ordering uses the other's order_by() when it has one (not its reverse(), nor a cleared default ordering)
        if (rhs.ordering != null && !rhs.ordering.isEmpty()) {
            lhs.ordering = rhs.ordering;
            lhs.orderStep = rhs.orderStep;
        }
    }

    /**
     * {@code (this) OR (other)}. A side without conditions matches every row, so then nothing is left to test; a
     * side with an aggregate condition takes the whole OR to HAVING (Django's WhereNode.split_having).
     */
    private static void disjoin(SqlQuery lhs, List<Frag> where, List<Frag> having, Step.Combine step) {
        List<Frag> left = new ArrayList<>(lhs.where);
        left.addAll(lhs.having);
        List<Frag> right = new ArrayList<>(where);
        right.addAll(having);
        boolean toHaving = !lhs.having.isEmpty() || !having.isEmpty();
        lhs.where.clear();
        lhs.having.clear();
        if (left.isEmpty() || right.isEmpty()) {
            return;
        }
        Frag r = operand(ExprCompiler.clause(right)).marked(step);
        Frag or = Frag.format("%s OR %s", operand(ExprCompiler.clause(left)), r);
        (toHaving ? lhs.having : lhs.where).add(or);
        if (toHaving) {
            lhs.havingGroupBy.addAll(lhs.whereGroupBy); // HAVING's column sides are grouped (get_group_by)
        }
    }

    private static Frag operand(Frag f) {
        return Frag.hasTopLevelConnector(f.sql()) ? Frag.format("(%s)", f) : f;
    }

    /**
     * Adds the other query's joins to {@code lhs} and returns how its aliases are renamed. Under OR an equal join
     * of {@code lhs} is reused (the most recent, each once: two joins of the other stay two); under AND none is,
     * a multi-valued relation gets a join of its own. Then Django's JoinPromoter with two votes: a join one side
     * needs INNER and the other does not turns LEFT OUTER under OR; under AND the joins either side needs stay INNER.
     * One difference from Django: under AND a single-valued relation (a forward FK) reuses the equal join where
     * Django adds a duplicate ("T3"); the rows are the same, the SQL has one join fewer.
     */
    private static Map<String, String> mergeJoins(SqlQuery lhs, SqlQuery rhs, boolean or) {
        Scope scope = lhs.scope;
        Map<Join, Integer> votes = new IdentityHashMap<>();
        for (Join j : scope.joins) {
            if (!j.outer) {
                votes.merge(j, 1, Integer::sum);
            }
        }
        Set<Join> reusable = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        if (or) {
            reusable.addAll(scope.joins);
        }
        Map<String, String> renamed = new HashMap<>();
        List<Join> rhsInner = new ArrayList<>();
        int call = lhs.newFilterCall(); // a call of its own: no multi-valued join of lhs is reused by Scope.join
        for (Join rj : rhs.scope.joins) {
            String parent = renamed.getOrDefault(rj.parentAlias, rj.parentAlias);
            Join target = null;
            for (Join lj : scope.joins) {
                if (reusable.contains(lj) && lj.parentAlias.equals(parent) && lj.table.equals(rj.table)
                        && lj.parentColumn.equals(rj.parentColumn) && lj.column.equals(rj.column)
                        && (target == null || !target.alias.equals(rj.alias))) {
                    target = lj;
                }
            }
            boolean created = false;
            if (target == null) {
                int before = scope.joins.size();
                target = scope.join(parent, rj.parentColumn, rj.table, rj.column, rj.key, rj.nullable,
                        rj.multiValued, call);
                created = scope.joins.size() > before;
                call = lhs.newFilterCall(); // two joins of the other query stay two
            }
            reusable.remove(target);
            // Query.join gives a new join its own type (LEFT OUTER when nullable or under one) before combine reads
            // it for the vote, so a new nullable join is never voted INNER and stays LEFT OUTER
            if (created ? !target.outer : !rj.outer) {
                rhsInner.add(target);
            }
            if (!rj.alias.equals(target.alias)) {
                renamed.put(rj.alias, target.alias);
            }
        }
        for (Join j : rhsInner) {
            votes.merge(j, 1, Integer::sum);
        }
        if (or) {
            votes.forEach((j, n) -> {
                if (n < 2) {
                    scope.promote(j);
                }
            });
        }
        votes.forEach((j, n) -> {
            if (!or || n == 2) {
                scope.demote(j);
            }
        });
        return renamed;
    }

    private static List<Frag> relabel(List<Frag> frags, Map<String, String> renamed, Dialect dialect) {
        List<Frag> out = new ArrayList<>(frags.size());
        for (Frag f : frags) {
            out.add(relabel(f, renamed, dialect));
        }
        return out;
    }

    /**
     * {@code f} with its qualified column references {@code "alias".} renamed (Django's relabel_aliases), in one
     * pass so that renames cannot chain; spans are moved with the text. Subqueries' own aliases (U0...) are never
     * among the renamed, their references to this level are.
     */
    static Frag relabel(Frag f, Map<String, String> renamed, Dialect dialect) {
        if (renamed.isEmpty()) {
            return f;
        }
        String qc = dialect.quote("x").substring(0, 1);
        Matcher m = Pattern.compile(Pattern.quote(qc) + "((?:[^" + qc + "]|" + Pattern.quote(qc + qc) + ")+)"
                + Pattern.quote(qc) + "\\.").matcher(f.sql());
        StringBuilder sb = new StringBuilder();
        List<int[]> moves = new ArrayList<>(); // {end of the old name in the old text, shift from there on}
        int at = 0;
        int shift = 0;
        while (m.find()) {
            String name = m.group(1).replace(qc + qc, qc);
            String to = renamed.get(name);
            if (to == null) {
                continue;
            }
            String replacement = dialect.quote(to) + ".";
            sb.append(f.sql(), at, m.start()).append(replacement);
            shift += replacement.length() - (m.end() - m.start());
            moves.add(new int[] {m.end(), shift});
            at = m.end();
        }
        if (moves.isEmpty()) {
            return f;
        }
        sb.append(f.sql(), at, f.sql().length());
        List<SqlSpan> spans = new ArrayList<>(f.spans().size());
        for (SqlSpan s : f.spans()) {
            spans.add(new SqlSpan(s.part(), moved(s.start(), moves), moved(s.end(), moves)));
        }
        return f.rewritten(sb.toString(), spans);
    }

    private static int moved(int pos, List<int[]> moves) {
        int shift = 0;
        for (int[] mv : moves) {
            if (mv[0] <= pos) {
                shift = mv[1];
            }
        }
        return pos + shift;
    }
}
