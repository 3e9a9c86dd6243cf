package studio.queryset.sql;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import studio.queryset.query.Expression;
import studio.queryset.query.QueryException;
import studio.queryset.schema.Field;
import studio.queryset.schema.Model;

/**
 * ORDER BY, as Django's {@code SQLCompiler.get_order_by} / {@code find_ordering_name}: the order_by() terms or
 * Meta.ordering, a relation by its model's Meta.ordering, an annotation by its alias when selected; every term
 * that is not an aggregate is also handed back for GROUP BY and for SELECT DISTINCT's extra columns.
 */
final class OrderByCompiler {
    private final SqlQuery q;

    OrderByCompiler(SqlQuery q) {
        this.q = q;
    }

    /** Marks an ordering target whose direction is reversed (a related model's "-field" Meta.ordering). */
    private static final String FLIP = "\u0000flip:";

    /** The order_by() terms, else Meta.ordering unless it was cleared. */
    List<Expression.OrderBy> effectiveOrdering() {
        if (q.ordering != null) {
            return q.ordering;
        }
        if (q.clearDefaultOrdering) {
            return List.of();
        }
        return metaOrdering(q.model);
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

    List<Frag> orderFrags(List<SelectItem> items, List<Frag> groupExtras) {
        List<Frag> out = new ArrayList<>();
        for (Expression.OrderBy ob : effectiveOrdering()) {
            boolean desc = ob.descending() != q.reversed;
            if (ob.isRandom()) {
                out.add(Frag.of(q.dialect.ops().random()));
                continue;
            }
            for (Frag target : orderTargets(ob.expression(), items, groupExtras, new LinkedHashSet<>())) {
                boolean flip = target.sql().startsWith(FLIP);
                Frag f = flip ? new Frag(target.sql().substring(FLIP.length()), target.params()) : target;
                String dir = desc != flip ? " DESC" : " ASC";
                Boolean nf = q.reversed ? ob.nullsLast() : ob.nullsFirst();
                Boolean nl = q.reversed ? ob.nullsFirst() : ob.nullsLast();
                out.addAll(q.dialect.ops().orderTerm(f, dir, nf, nl));
            }
        }
        return out;
    }

    /**
     * What to order by for one q.ordering term: an annotation by its alias when selected, a relation by the
     * related model's Meta.ordering (as Django does), a field by its column.
     */
    private List<Frag> orderTargets(Expression e, List<SelectItem> items, List<Frag> groupExtras,
                                    Set<String> seen) {
        if (e instanceof Expression.F f) {
            Annotation a = q.annotations.get(f.path());
            if (a != null) {
                boolean inSelect = items.stream().anyMatch(i -> f.path().equals(i.alias()));
                if (inSelect) {
                    return List.of(Frag.of(q.dialect.quote(f.path())));
                }
                return List.of(a.compiled().frag());
            }
            ResolvedPath rp = q.scope.resolve(f.path(), -1);
            int cut = f.path().lastIndexOf("__");
            String lastPart = cut < 0 ? f.path() : f.path().substring(cut + 2);
            boolean forwardEnd = rp.relationEnd() && rp.rest().isEmpty() && rp.field() != null
                    && rp.field().isRelation() && lastPart.equals(rp.field().name());
            // a reverse relation (its pk on the joined table): Django's find_ordering_name applies its model's
            // ordering as well, since the relation has no attname equal to the name
            boolean reverseEnd = rp.relationEnd() && rp.rest().isEmpty() && rp.field() != null && !forwardEnd
                    && rp.field().equals(rp.model().pk()) && !lastPart.equals(rp.field().name())
                    && !lastPart.equals("pk");
            if (forwardEnd || reverseEnd) {
                Model target = forwardEnd ? q.schema.model(rp.field().relation().target()) : rp.model();
                if (!target.ordering().isEmpty() && seen.add(target.name())) {
                    List<Frag> out = new ArrayList<>();
                    for (String o : target.ordering()) {
                        String sub = o.startsWith("-") ? o.substring(1) : o;
                        Frag c;
                        if (forwardEnd && (sub.equals("pk") || sub.equals(target.pk().name()))
                                && !rp.field().relation().kind().forwardIsMultiValued()) {
                            // Django's find_ordering_name joins the related table and orders by its column
                            // (no trim to the FK column, so DISTINCT ON on the FK does not match it)
                            Join j = q.scope.join(rp.alias(), rp.field().column(), target.table(),
                                    q.schema.targetKey(rp.field()).column(), "fk:" + rp.model().name() + "." + rp.field().name(),
                                    rp.field().nullable(), false, -1);
                            c = Frag.of(q.col(j.alias, target.pk().column()));
                        } else {
                            ResolvedPath inner = q.scope.resolve(f.path() + "__" + sub, -1);
                            c = Frag.of(q.col(inner.alias(), inner.column()));
                        }
                        groupExtras.add(c);
                        out.add(o.startsWith("-") ? Frag.of(FLIP + c.sql()) : c);
                    }
                    return out;
                }
            }
            Typed t = rp.rest().isEmpty() ? Typed.of(Frag.of(q.col(rp.alias(), rp.column())), rp.valueType())
                    : q.exprs.applyTransforms(rp, rp.rest(), false);
            groupExtras.add(t.frag());
            return List.of(t.frag());
        }
        Typed t = q.exprs.compile(e, ExprContext.SELECT);
        if (!t.aggregate()) {
            groupExtras.add(t.frag());
        }
        return List.of(t.frag());
    }

    /** ORDER BY of a compound statement: by select position, as Django renders it. */
    List<Frag> combinedOrder(List<SelectItem> items) {
        List<Frag> out = new ArrayList<>();
        for (Expression.OrderBy ob : effectiveOrdering()) {
            if (!(ob.expression() instanceof Expression.F f)) {
                throw new QueryException("DatabaseError", "ORDER BY term does not match any column in the result "
                        + "set.").in(ob);
            }
            int pos = -1;
            for (int i = 0; i < items.size(); i++) {
                String key = items.get(i).column().key();
                Field fld = q.model.field(f.path()).orElse(null);
                if (key.equals(f.path()) || fld != null && key.equals(fld.attname())
                        || f.path().equals("pk") && key.equals(q.model.pk().attname())) {
                    pos = i + 1;
                    break;
                }
            }
            if (pos < 0) {
                throw new QueryException("DatabaseError", "ORDER BY term does not match any column in the result "
                        + "set.").in(ob);
            }
            out.add(Frag.of(pos + (ob.descending() != q.reversed ? " DESC" : " ASC")));
        }
        return out;
    }
}
