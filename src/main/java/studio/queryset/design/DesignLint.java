package studio.queryset.design;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import studio.queryset.query.Expression;
import studio.queryset.query.LookupPath;
import studio.queryset.query.Prefetch;
import studio.queryset.query.Q;
import studio.queryset.query.QuerySet;
import studio.queryset.query.Step;

/**
 * Flags parts of a design that are legal to draw but wrong or pointless to run, each on the node it is about:
 * an annotation nobody reads, an OuterRef outside any subquery, contradictory conditions in one AND group, a
 * filter after a slice (a Django error) and an ordering a later count()/aggregate()/exists() throws away.
 * Pure: a QuerySet and the {@link DesignGraph} made from that same object in, flags out.
 */
public final class DesignLint {

    public enum Code { UNUSED_ANNOTATION, OUTER_REF_OUTSIDE_SUBQUERY, CONTRADICTION, FILTER_AFTER_SLICE, DISCARDED_ORDERING }

    /** One flag: the node it belongs on and a one-line message saying what is wrong and what to do. */
    public record Lint(Code code, String nodeId, String message) { }

    private static final Set<String> RANGE_LOOKUPS = Set.of("exact", "gt", "gte", "lt", "lte");
    /** Lookups two of which, with different values, can both hold (transforms such as year are not here). */
    private static final Set<String> OTHER_LOOKUPS = Set.of("iexact", "contains", "icontains", "in", "startswith",
            "istartswith", "endswith", "iendswith", "range", "isnull", "regex", "iregex", "search", "has_key",
            "has_keys", "has_any_keys");

    private final DesignGraph graph;
    private final List<Lint> out = new ArrayList<>();

    private DesignLint(DesignGraph graph) {
        this.graph = graph;
    }

    public static List<Lint> lint(QuerySet qs, DesignGraph graph) {
        if (qs == null || graph == null) {
            return List.of();
        }
        DesignLint l = new DesignLint(graph);
        l.outerRefsAtTop(qs);
        l.pipeline(qs);
        return List.copyOf(l.out);
    }

    private void flag(Code code, Object part, String message) {
        String id = graph.idOfPart(part);
        if (id != null) {
            out.add(new Lint(code, id, message));
        }
    }

    /** Every rule but OuterRef's, on one pipeline and then on each queryset nested in it. */
    private void pipeline(QuerySet qs) {
        List<Step> steps = qs.steps();
        unusedAnnotations(steps);
        Step slice = null;
        for (Step s : steps) {
            if (s instanceof Step.Filter f) {
                if (slice != null) {
                    flag(Code.FILTER_AFTER_SLICE, s, (f.exclude() ? "exclude" : "filter") + "() after a slice: Django "
                            + "raises \"Cannot filter a query once a slice has been taken.\" Filter before slicing.");
                }
                contradictions(f.condition(), s);
            }
            if (s instanceof Step.Slice) {
                slice = s;
            }
            nested(s, this::pipeline);
        }
        discardedOrdering(steps);
    }

    // ---------------------------------------------------------------- unused annotations

    private void unusedAnnotations(List<Step> steps) {
        for (int i = 0; i < steps.size(); i++) {
            if (!(steps.get(i) instanceof Step.Annotate a)) {
                continue;
            }
            Map<String, Expression> all = new LinkedHashMap<>();
            for (Expression e : a.positional()) {
                if (e instanceof Expression.Aggregate agg && agg.argument() instanceof Expression.F f) {
                    all.put(f.path() + "__" + agg.function().toLowerCase(java.util.Locale.ROOT), e);
                }
            }
            all.putAll(a.named());
            List<Step> later = steps.subList(i + 1, steps.size());
            for (var e : all.entrySet()) {
                String name = e.getKey();
                if (readLater(name, later)) {
                    continue;
                }
                if (a.alias()) {
                    flag(Code.UNUSED_ANNOTATION, e.getValue(), "alias '" + name + "' is never used: alias() is not "
                            + "returned, so use it in a later filter()/order_by() or drop it.");
                } else {
                    Step cut = valuesLeavingOut(name, later);
                    if (cut != null) {
                        flag(Code.UNUSED_ANNOTATION, e.getValue(), "annotation '" + name + "' is never read: no "
                                + "later step uses it and " + cut.method() + "() leaves it out of the rows; add it "
                                + "there or drop it.");
                    }
                }
            }
        }
    }

    /** The last values()/values_list() listing fields but not {@code name}, when no later one lists it. */
    private static Step valuesLeavingOut(String name, List<Step> later) {
        Step cut = null;
        for (Step s : later) {
            List<String> fields = s instanceof Step.Values v ? v.fields() : s instanceof Step.ValuesList vl
                    ? vl.fields() : null;
            if (fields == null) {
                continue;
            }
            boolean listed = fields.isEmpty() || fields.contains(name)
                    || s instanceof Step.Values v && v.expressions().containsKey(name);
            cut = listed ? null : s;
        }
        return cut;
    }

    private static boolean readLater(String name, List<Step> later) {
        boolean[] read = new boolean[1];
        for (Step s : later) {
            if (s instanceof Step.Filter f) {
                conditionReads(f.condition(), name, read);
            } else if (s instanceof Step.Terminal t && t.condition() != null) {
                conditionReads(t.condition().condition(), name, read);
            } else if (s instanceof Step.OrderBy o) {
                o.items().forEach(item -> expressionReads(item, name, read));
            } else if (s instanceof Step.Values v) {
                read[0] |= v.fields().stream().anyMatch(f -> LookupPath.head(f).equals(name));
                v.expressions().values().forEach(e -> expressionReads(e, name, read));
            } else if (s instanceof Step.ValuesList v) {
                read[0] |= v.fields().stream().anyMatch(f -> LookupPath.head(f).equals(name));
            } else if (s instanceof Step.Distinct d) {
                read[0] |= d.fields().contains(name);
            } else if (s instanceof Step.Annotate a) {
                a.positional().forEach(e -> expressionReads(e, name, read));
                a.named().values().forEach(e -> expressionReads(e, name, read));
            } else if (s instanceof Step.Aggregate a) {
                a.positional().forEach(e -> expressionReads(e, name, read));
                a.named().values().forEach(e -> expressionReads(e, name, read));
            } else if (s instanceof Step.Update u) {
                u.values().values().forEach(e -> expressionReads(e, name, read));
            } else if (s instanceof Step.Terminal t && !t.fields().isEmpty()) {
                read[0] |= t.fields().stream().anyMatch(f -> f.replaceFirst("^-", "").equals(name));
            }
        }
        return read[0];
    }

    private static void conditionReads(Q q, String name, boolean[] read) {
        walkQ(q, l -> {
            read[0] |= LookupPath.head(l.path()).equals(name);
            expressionReads(l.value(), name, read);
        }, e -> expressionReads(e, name, read));
    }

    private static void expressionReads(Expression e, String name, boolean[] read) {
        walk(e, x -> read[0] |= x instanceof Expression.F f && LookupPath.head(f.path()).equals(name));
    }

    // ---------------------------------------------------------------- OuterRef

    /** OuterRef in the main pipeline itself (not inside a Subquery/Exists/queryset value) refers to nothing. */
    private void outerRefsAtTop(QuerySet qs) {
        for (Step s : qs.steps()) {
            List<Object[]> roots = new ArrayList<>(); // {part to flag, expression}
            if (s instanceof Step.Filter f) {
                for (Q q : f.args()) {
                    collectConditionRoots(q, roots);
                }
                for (Q q : f.kwargs()) {
                    collectConditionRoots(q, roots);
                }
            } else if (s instanceof Step.Annotate a) {
                a.positional().forEach(e -> roots.add(new Object[] {e, e}));
                a.named().values().forEach(e -> roots.add(new Object[] {e, e}));
            } else if (s instanceof Step.Aggregate a) {
                a.positional().forEach(e -> roots.add(new Object[] {e, e}));
                a.named().values().forEach(e -> roots.add(new Object[] {e, e}));
            } else if (s instanceof Step.Update u) {
                u.values().values().forEach(e -> roots.add(new Object[] {e, e}));
            } else if (s instanceof Step.OrderBy o) {
                o.items().forEach(e -> roots.add(new Object[] {s, e}));
            }
            for (Object[] r : roots) {
                List<String> refs = new ArrayList<>();
                walk((Expression) r[1], x -> {
                    if (x instanceof Expression.OuterRef o) {
                        refs.add(o.path());
                    }
                });
                if (!refs.isEmpty()) {
                    Object part = graph.idOfPart(r[0]) != null ? r[0] : s;
                    flag(Code.OUTER_REF_OUTSIDE_SUBQUERY, part, "OuterRef(\"" + refs.get(0) + "\") is outside any "
                            + "subquery: it only means something inside Subquery(...) or Exists(...), whose queryset "
                            + "it reaches out of.");
                }
            }
        }
    }

    private void collectConditionRoots(Q q, List<Object[]> roots) {
        if (q instanceof Q.Lookup l) {
            roots.add(new Object[] {l, l.value()});
        } else if (q instanceof Q.ExpressionCondition ec) {
            roots.add(new Object[] {ec, ec.expression()});
        } else if (q instanceof Q.Node n) {
            n.children().forEach(c -> collectConditionRoots(c, roots));
        }
    }

    // ---------------------------------------------------------------- contradictions

    /** Conditions ANDed at one level: the filter's own lookups, then every un-negated AND group below. */
    private void contradictions(Q condition, Step filter) {
        if (condition instanceof Q.Node n) {
            boolean and = n.connector() == Q.Connector.AND && !n.negated();
            if (and) {
                contradictionsIn(n.children(), graph.idOfPart(n) != null ? n : filter);
            }
            for (Q c : n.children()) {
                if (c instanceof Q.Node child) {
                    contradictions(child, filter);
                }
            }
        }
    }

    private record Bound(Q.Lookup lookup, String op, Comparable<Object> value) { }

    private void contradictionsIn(List<Q> children, Object group) {
        Map<String, List<Bound>> byField = new LinkedHashMap<>();
        for (Q c : children) {
            if (!(c instanceof Q.Lookup l) || !(l.value() instanceof Expression.Value v) || v.value() == null) {
                continue;
            }
            String[] parts = LookupPath.split(l.path());
            String last = parts[parts.length - 1];
            if (parts.length > 1 && OTHER_LOOKUPS.contains(last)) {
                continue; // icontains, in, isnull...: two of them can both hold
            }
            String op = RANGE_LOOKUPS.contains(last) && parts.length > 1 ? last : "exact";
            String field = op.equals("exact") && !last.equals("exact") ? l.path()
                    : l.path().substring(0, l.path().length() - last.length() - 2);
            Comparable<Object> value = comparable(v.value());
            if (value != null) {
                byField.computeIfAbsent(field, k -> new ArrayList<>()).add(new Bound(l, op, value));
            }
        }
        for (var e : byField.entrySet()) {
            if (e.getValue().stream().map(b -> b.value().getClass()).distinct().count() > 1) {
                continue; // values of different kinds (text and a number): not comparable here
            }
            String why = emptyRange(e.getValue());
            if (why != null) {
                flag(Code.CONTRADICTION, group, "Contradictory conditions on '" + e.getKey() + "': " + why
                        + ", so this AND group matches no rows.");
            }
        }
    }

    /** Why the bounds leave no value, or null when some value satisfies them all. */
    private static String emptyRange(List<Bound> bounds) {
        Bound eq = null;
        Bound lo = null;
        Bound hi = null;
        for (Bound b : bounds) {
            switch (b.op()) {
                case "exact" -> {
                    if (eq != null && eq.value().compareTo(b.value()) != 0) {
                        return text(eq) + " and " + text(b) + " cannot both hold";
                    }
                    eq = b;
                }
                case "gt", "gte" -> lo = lo == null || b.value().compareTo(lo.value()) > 0
                        || b.value().compareTo(lo.value()) == 0 && b.op().equals("gt") ? b : lo;
                default -> hi = hi == null || b.value().compareTo(hi.value()) < 0
                        || b.value().compareTo(hi.value()) == 0 && b.op().equals("lt") ? b : hi;
            }
        }
        if (eq != null && lo != null && !above(eq.value(), lo)) {
            return text(eq) + " is not " + (lo.op().equals("gt") ? "above " : "at least ") + text(lo.value());
        }
        if (eq != null && hi != null && !below(eq.value(), hi)) {
            return text(eq) + " is not " + (hi.op().equals("lt") ? "below " : "at most ") + text(hi.value());
        }
        if (lo != null && hi != null) {
            int c = lo.value().compareTo(hi.value());
            if (c > 0 || c == 0 && (lo.op().equals("gt") || hi.op().equals("lt"))) {
                return text(lo) + " and " + text(hi) + " leave an empty range";
            }
        }
        return null;
    }

    private static boolean above(Comparable<Object> v, Bound lo) {
        int c = v.compareTo(lo.value());
        return lo.op().equals("gt") ? c > 0 : c >= 0;
    }

    private static boolean below(Comparable<Object> v, Bound hi) {
        int c = v.compareTo(hi.value());
        return hi.op().equals("lt") ? c < 0 : c <= 0;
    }

    private static String text(Bound b) {
        return b.lookup().path() + "=" + text(b.value());
    }

    private static String text(Object v) {
        return v instanceof String s ? "\"" + s + "\"" : v.toString();
    }

    /** A literal that orders against others of its kind: numbers (as decimals), text, dates, times. */
    @SuppressWarnings("unchecked")
    private static Comparable<Object> comparable(Object v) {
        if (v instanceof Number n && !(v instanceof BigDecimal)) {
            return (Comparable<Object>) (Object) new BigDecimal(n.toString());
        }
        if (v instanceof Comparable<?> c && !(v instanceof Boolean)) {
            return (Comparable<Object>) c;
        }
        return null;
    }

    // ---------------------------------------------------------------- discarded ordering

    private void discardedOrdering(List<Step> steps) {
        if (steps.isEmpty()) {
            return;
        }
        Step last = steps.get(steps.size() - 1);
        String terminal = last instanceof Step.Aggregate ? "aggregate" : last instanceof Step.Terminal t
                && (t.method().equals("count") || t.method().equals("exists")) ? t.method() : null;
        if (terminal == null) {
            return;
        }
        for (int i = steps.size() - 2; i >= 0; i--) {
            Step s = steps.get(i);
            if (s instanceof Step.Slice || s instanceof Step.Distinct) {
                return; // a slice or distinct keeps the ordering meaningful (it picks the rows)
            }
            if (s instanceof Step.OrderBy o && !o.items().isEmpty()) {
                flag(Code.DISCARDED_ORDERING, s, "order_by() is discarded: " + terminal + "() clears the ordering "
                        + "(it cannot change the answer), so drop it or slice before " + terminal + "().");
                return;
            }
        }
    }

    // ---------------------------------------------------------------- walking

    /** Querysets nested in a step: Subquery/Exists/queryset values, Prefetch querysets, combined parts. */
    private static void nested(Step s, Consumer<QuerySet> visit) {
        List<Expression> roots = new ArrayList<>();
        if (s instanceof Step.Filter f) {
            walkQ(f.condition(), l -> roots.add(l.value()), roots::add);
        } else if (s instanceof Step.Annotate a) {
            roots.addAll(a.positional());
            roots.addAll(a.named().values());
        } else if (s instanceof Step.Aggregate a) {
            roots.addAll(a.positional());
            roots.addAll(a.named().values());
        } else if (s instanceof Step.PrefetchRelated p) {
            for (Prefetch pf : p.lookups()) {
                if (pf.queryset() != null) {
                    visit.accept(pf.queryset());
                }
            }
        } else if (s instanceof Step.Combine c) {
            c.others().forEach(visit);
        }
        for (Expression e : roots) {
            walk(e, x -> {
                if (x instanceof Expression.Subquery sq) {
                    visit.accept(sq.query());
                } else if (x instanceof Expression.Exists ex) {
                    visit.accept(ex.query());
                } else if (x instanceof Expression.QueryValue qv) {
                    visit.accept(qv.query());
                }
            });
        }
    }

    private static void walkQ(Q q, Consumer<Q.Lookup> lookups, Consumer<Expression> expressions) {
        if (q instanceof Q.Lookup l) {
            lookups.accept(l);
        } else if (q instanceof Q.ExpressionCondition ec) {
            expressions.accept(ec.expression());
        } else if (q instanceof Q.Node n) {
            n.children().forEach(c -> walkQ(c, lookups, expressions));
        }
    }

    /** Visits an expression and its sub-expressions, not entering nested querysets. */
    private static void walk(Expression e, Consumer<Expression> visit) {
        studio.queryset.query.ExpressionWalk.each(e, visit);
    }
}
