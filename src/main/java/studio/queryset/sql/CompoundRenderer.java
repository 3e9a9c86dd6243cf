package studio.queryset.sql;

import java.util.ArrayList;
import java.util.List;
import studio.queryset.query.Expression;
import studio.queryset.query.QueryException;
import studio.queryset.query.QuerySet;
import studio.queryset.query.Step;

/**
 * A compound statement, as Django's {@code SQLCompiler.get_combinator_sql}: the first part (this query, with its
 * own ordering and slice where the database allows them in a part), then each union() / intersection() /
 * difference() argument compiled as a query of its own, joined by the operator; the ORDER BY of the whole is
 * by select position ({@link OrderByCompiler#combinedOrder}). What a combined query may still do is checked
 * where the step is applied ({@link QuerySetSteps}); {@link SqlQuery#combine} keeps what the first part owns.
 */
final class CompoundRenderer {
    private final SqlQuery q;

    /** The first part's own ordering and slice, kept by {@link SqlQuery#combine}. */
    record FirstPart(List<Expression.OrderBy> ordering, boolean clearDefaultOrdering, boolean reversed,
                     Long low, Long high) {
        boolean sliced() {
            return low != null || high != null;
        }
    }

    CompoundRenderer(SqlQuery q) {
        this.q = q;
    }

    /**
     * The first part's ORDER BY and LIMIT, rendered inside its parentheses where the database allows them in a
     * compound statement (PostgreSQL, MariaDB); where it does not (SQLite), Django refuses either.
     */
    String firstPartTail(List<SelectItem> items) {
        if (!q.dialect.ops().slicingOrderingInCompound()) {
            if (q.firstPart.sliced()) {
                throw new QueryException("DatabaseError", "LIMIT/OFFSET not allowed in subqueries of compound "
                        + "statements.").in(q.combinators.get(0));
            }
            if (q.firstPartOrdered) {
                throw new QueryException("DatabaseError", "ORDER BY not allowed in subqueries of compound "
                        + "statements.").in(q.combinators.get(0));
            }
            return "";
        }
        List<Expression.OrderBy> o = q.ordering;
        boolean c = q.clearDefaultOrdering;
        boolean r = q.reversed;
        Long l = q.low;
        Long h = q.high;
        q.ordering = q.firstPart.ordering();
        q.clearDefaultOrdering = q.firstPart.clearDefaultOrdering();
        q.reversed = q.firstPart.reversed();
        q.low = q.firstPart.low();
        q.high = q.firstPart.high();
        try {
            List<Frag> partOrder = new OrderByCompiler(q).orderFrags(items, new ArrayList<>());
            return (partOrder.isEmpty() ? "" : " ORDER BY " + Frag.join(", ", partOrder).sql()) + SelectRenderer.limitSql(q);
        } finally {
            q.ordering = o;
            q.clearDefaultOrdering = c;
            q.reversed = r;
            q.low = l;
            q.high = h;
        }
    }

    Frag combine(Frag first, int width) {
        boolean partsOrdered = q.dialect.ops().slicingOrderingInCompound();
        List<Frag> parts = new ArrayList<>();
        boolean existsOfUnion = q.existsParts && q.combinators.stream().anyMatch(c -> c.method().equals("union"));
        parts.add(!partsOrdered ? first
                : Frag.format(existsOfUnion ? "(%s LIMIT 1)" : "(%s)", first));
        for (Step.Combine c : q.combinators) {
            if (!c.method().equals("union") && !q.dialect.ops().selectIntersectionAndDifference()) {
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
                SqlQuery oc = SqlQuery.forQuerySet(q.schema, q.dialect, other, null);
                if (oc.empty && !c.method().equals("intersection")) {
                    // Django's get_combinator_sql leaves out a part that matches nothing (EmptyResultSet)
                    continue;
                }
                if (q.existsParts && c.method().equals("union")) {
                    Frag part = existsPart(oc);
                    parts.add(Frag.of(" " + op + " "));
                    parts.add(!partsOrdered ? part : Frag.format("(%s)", part));
                    continue;
                }
                if (oc.valuesFields == null && q.valuesFields != null) {
                    // values()/values_list() on a combined query applies to every part, as in Django
                    oc.valuesFields = new ArrayList<>(q.valuesFields);
                    oc.shape = q.shape;
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

    /**
     * One other part of a union under exists(): {@code 1 AS "a"}, no ordering, and on PostgreSQL (which allows a
     * slice in a compound part) LIMIT 1 of its own, as Django 3.2's Query.exists does per combined query.
     */
    private static Frag existsPart(SqlQuery part) {
        part.dropPresentation();
        part.clearOrdering(true);
        if (part.dialect.ops().slicingOrderingInCompound()) {
            part.setLimits(0L, 1L);
        }
        return Frag.of(part.build(Frag.of("1 AS " + part.dialect.quote("a"))).query());
    }
}
