package studio.queryset.sql;

import java.util.ArrayList;
import java.util.List;
import studio.queryset.query.Expression;
import studio.queryset.query.LookupPath;
import studio.queryset.query.Q;
import studio.queryset.schema.Field;
import studio.queryset.schema.Hop;
import studio.queryset.schema.Model;
import studio.queryset.schema.ReverseRelation;

/**
 * Django 3.2's {@code Query.split_exclude}: a lookup across a multi-valued relation under a negated branch
 * becomes {@code EXISTS(SELECT 1 ... WHERE (cond AND inner.fk = outer.col) LIMIT 1)}, negated by the
 * enclosing node. The inner query starts on the outer model with the whole lookup (so isnull=True keeps its
 * LEFT joins), then {@code trim_start} drops the leading single-valued hops and, when the first multi-valued
 * join is INNER, that join's parent too. The steps and their order follow Django, quirks included (the
 * {@code can_reuse} restriction compares alias names), because the SQL is the specification.
 */
final class SplitExclude {
    private final SqlQuery outer;
    private final ExprContext ctx;

    SplitExclude(SqlQuery outer, ExprContext ctx) {
        this.outer = outer;
        this.ctx = ctx;
    }

    ExprCompiler.Cond compile(Q.Lookup l) {
        String[] parts = LookupPath.split(l.path());
        // Django turns a bare F()/OuterRef() value into an OuterRef: it is resolved in the outer query first
        // (joins it needs are added there, and count as used by this filter call).
        SqlQuery inner = new SqlQuery(outer.schema, outer.dialect, outer.model, outer.scope);
        Expression value = l.value();
        if (value instanceof Expression.F || value instanceof Expression.OuterRef) {
            inner.exprs.preset(value, outer.exprs.compile(value, ctx));
        }
        ExprCompiler.Cond cond = inner.exprs.compileFilter(new Q.Lookup(l.path(), value), new ExprContext(1, false));

        List<String> prefix = singleValuedPrefix(parts);
        // joins before the first multi-valued one: the named single-valued hops and the <parent>_ptr hops of
        // multi-table inheritance (one join each)
        List<Hop> hops = outer.scope.resolver().resolve(outer.model, l.path()).hops();
        int trimmed = 0;
        while (!hops.get(trimmed).multiValued()) {
            trimmed++;
        }
        Model multiFrom = hops.get(trimmed).from();
        List<Join> joins = inner.scope.joins;
        Join m2m = joins.get(trimmed);
        boolean containsLouter = false;
        for (int k = 0; k < trimmed; k++) {
            containsLouter |= joins.get(k).outer;
        }
        // trim_start: an INNER first multi-valued join selects its FK and drops its parent; a LEFT one keeps
        // the parent (rows with nothing on the far side must still be seen) and selects the parent's key.
        String selAlias;
        String selColumn;
        String selTable;
        int selIndex; // 0 is the base alias, k is joins[k - 1]
        if (!m2m.outer) {
            selAlias = m2m.alias;
            selColumn = m2m.column;
            selTable = m2m.table;
            selIndex = trimmed + 1;
        } else {
            selAlias = m2m.parentAlias;
            selColumn = m2m.parentColumn;
            selIndex = trimmed;
            selTable = selIndex == 0 ? outer.model.table() : joins.get(selIndex - 1).table;
        }
        int start = Math.min(selIndex, firstReferenced(inner, cond.whereFrag().sql(), selIndex));
        inner.scope.startFromAt(start);

        Frag outerCol = outerColumn(prefix, m2m, multiFrom);
        List<Frag> innerWhere = new ArrayList<>();
        innerWhere.add(cond.whereFrag());
        // Django compares the inner select alias, by its name before the subquery's aliases are renamed, with
        // the aliases this filter() call already used; on a match it ties the subquery to that outer row.
        String preBump = djangoAlias(inner, selIndex, selTable);
        String corrAlias = selAlias;
        if (outer.scope.usedInCall(ctx.filterCall()).contains(preBump)) {
            String pk = pkColumn(selTable);
            innerWhere.add(Frag.of(outer.col(selAlias, pk) + " = " + outer.col(preBump, pk)));
            corrAlias = preBump;
        }
        innerWhere.add(Frag.format(outer.col(corrAlias, selColumn) + " = %s", outerCol));
        inner.where.add(Frag.format("(%s)", Frag.join(" AND ", innerWhere)));
        inner.ordering = List.of();
        inner.clearDefaultOrdering = true;
        inner.high = 1L;
        SelectPlan plan = inner.build(Frag.of("1 AS " + outer.dialect.quote("a")));
        Frag exists = Frag.format("EXISTS(%s)", Frag.of(plan.query()));
        if (containsLouter) {
            // (EXISTS(...) OR outer.col IS NULL): under NOT, a row whose path starts with NULL stays excluded
            exists = Frag.format("(%s OR %s IS NULL)", exists, outerCol);
        }
        return new ExprCompiler.Cond(exists, Frag.of(""), java.util.Set.of(), false);
    }

    /** The names of the single-valued hops before the first multi-valued one (Django's trimmed paths). */
    private List<String> singleValuedPrefix(String[] parts) {
        List<String> prefix = new ArrayList<>();
        Model current = outer.model;
        for (String p : parts) {
            Field f = p.equals("pk") ? current.pk() : current.field(p).orElse(null);
            if (f != null && f.isRelation() && !f.isManyToMany()) {
                prefix.add(p);
                current = outer.schema.model(f.relation().target());
                continue;
            }
            if (f == null) {
                ReverseRelation r = outer.schema.reverseRelation(current, p).orElse(null);
                if (r != null && !r.isMultiValued()) {
                    prefix.add(p);
                    current = r.source();
                    continue;
                }
            }
            break;
        }
        return prefix;
    }

    /** The outer column the subquery is correlated with: {@code prefix__<target field>} resolved outside. */
    private Frag outerColumn(List<String> prefix, Join m2m, Model at) {
        if (prefix.isEmpty() && at == outer.model) {
            return Frag.of(outer.col(outer.scope.baseAlias, m2m.parentColumn));
        }
        String target = at.pk().name();
        for (Field f : at.concreteFields()) {
            if (f.column().equals(m2m.parentColumn)) {
                target = f.name();
                break;
            }
        }
        String path = prefix.isEmpty() ? target : String.join("__", prefix) + "__" + target;
        ResolvedPath rp = outer.scope.resolve(path, ctx.filterCall());
        return Frag.of(outer.col(rp.alias(), rp.column()));
    }

    /**
     * A trimmed alias the condition still refers to (an expression resolved inside the subquery) keeps the
     * FROM clause starting there, as Django's refcounts do.
     */
    private static int firstReferenced(SqlQuery inner, String sql, int start) {
        for (int i = 0; i < start; i++) {
            String alias = i == 0 ? inner.scope.baseAlias : inner.scope.joins.get(i - 1).alias;
            if (sql.contains(inner.dialect.quote(alias) + ".")) {
                return i;
            }
        }
        return start;
    }

    /** Django's name for the inner query's i-th alias before bump_prefix: the table, or T{i+1} on reuse. */
    private static String djangoAlias(SqlQuery inner, int index, String table) {
        List<String> tables = new ArrayList<>();
        tables.add(inner.model.table());
        for (Join j : inner.scope.joins) {
            tables.add(j.table);
        }
        return tables.subList(0, index).contains(table) ? "T" + (index + 1) : table;
    }

    private String pkColumn(String table) {
        for (Model m : outer.schema.models()) {
            if (m.table().equals(table)) {
                return m.pk().column();
            }
        }
        return "id"; // an auto-created M2M table
    }
}
