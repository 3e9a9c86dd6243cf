package studio.queryset.sql;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import studio.queryset.query.Expression;
import studio.queryset.schema.Field;
import studio.queryset.schema.Model;

/**
 * GROUP BY, as Django's {@code SQLCompiler.get_group_by} and {@code collapse_group_by}: the values() fields an
 * aggregate was annotated after (else every selected non-aggregate), the columns inside annotations that mix
 * aggregates and columns, the ordering terms and the non-aggregate sides of HAVING, each once; then collapsed to
 * primary keys where the database allows it (MySQL: the pk; PostgreSQL: each grouped table's pk).
 */
final class GroupBy {
    private final SqlQuery q;
    /** The dialect's identifier quote: MySQL's backtick, else the standard double quote. */
    private final char mark;

    private GroupBy(SqlQuery q) {
        this.q = q;
        this.mark = q.dialect.quote("x").startsWith("`") ? '`' : '"';
    }

    /**
     * The GROUP BY list of a query that groups (it has an aggregate): {@code orderTerms} are the non-aggregate
     * ordering terms, Meta.ordering's included (Django 3.2 groups by them even where it drops them from ORDER BY).
     */
    static List<Frag> of(SqlQuery q, List<SelectItem> items, List<Frag> orderTerms) {
        return new GroupBy(q).derive(items, orderTerms);
    }

    private List<Frag> derive(List<SelectItem> items, List<Frag> groupExtras) {
        List<Frag> groupBy = new ArrayList<>();
        if (q.groupByFields != null) {
            for (String name : q.groupByFields) {
                Annotation a = q.annotations.get(name);
                if (a != null) {
                    if (a.compiled().groupable()) {
                        groupBy.add(a.compiled().frag());
                    }
                    continue;
                }
                ResolvedPath rp = q.scope.resolve(name, -1);
                groupBy.add(rp.rest().isEmpty() ? Frag.of(q.col(rp.alias(), rp.column()))
                        : q.exprs.applyTransforms(rp, rp.rest(), false).frag());
            }
        }
        if (q.groupByModel && q.valuesFields != null) {
            for (Field f : q.model.concreteFields()) {
                groupBy.add(Frag.of(q.col(q.scope.baseAlias, f.column())));
            }
        }
        if (q.groupByFields == null) {
            for (SelectItem it : items) {
                if (!it.aggregate()) {
                    groupBy.add(it.sql());
                }
            }
        }
        // an annotation mixing aggregates with columns groups by those columns (Django's get_group_by_cols)
        for (Annotation a : q.annotations.values()) {
            if (a.selected() && a.compiled().aggregate() && !(a.expression() instanceof Expression.Aggregate)) {
                groupBy.addAll(q.exprs.groupByCols(a.expression()));
            }
        }
        for (Frag f : q.extraSelect) {
            if (!q.isExtraAggregate(f)) {
                groupBy.add(f);
            }
        }
        for (Frag f : groupExtras) {
            if (groupBy.stream().noneMatch(g -> g.sql().equals(f.sql()))) {
                groupBy.add(f);
            }
        }
        groupBy.addAll(q.havingGroupBy);
        groupBy = dedupe(groupBy); // Django's get_group_by lists each expression once
        if (q.dialect.ops().groupByPk()) {
            groupBy = collapseToPk(groupBy);
        } else if (q.dialect.ops().groupBySelectedPks()) {
            groupBy = collapseToSelectedPks(groupBy);
        }
        return groupBy;
    }

    /**
     * Django's collapse_group_by with allows_group_by_pk (MySQL): when the base table's pk is grouped, GROUP BY
     * keeps it, what HAVING reads, and the columns of tables whose own pk is not grouped; every other
     * expression goes.
     */
    private List<Frag> collapseToPk(List<Frag> groupBy) {
        String pk = q.col(q.scope.baseAlias, q.model.pk().column());
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
            boolean inHaving = q.havingGroupBy.stream().anyMatch(h -> h.sql().equals(g.sql()));
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
        Set<String> out = new HashSet<>();
        for (Frag g : groupBy) {
            String alias = columnAlias(g);
            if (alias != null && isPkColumn(g, alias)) {
                out.add(alias);
            }
        }
        return out;
    }

    private boolean isPkColumn(Frag g, String alias) {
        Model m = alias.equals(q.scope.baseAlias) ? q.model : null;
        if (m == null) {
            Join j = q.scope.joinMap().values().stream().filter(x -> x.alias.equals(alias)).findFirst().orElse(null);
            if (j == null) {
                return false;
            }
            for (Model x : q.schema.models()) {
                if (x.table().equals(j.table) && g.sql().equals(q.col(alias, x.pk().column()))) {
                    return true;
                }
            }
            return false;
        }
        return g.sql().equals(q.col(alias, m.pk().column()));
    }

    /** The table alias of a plain column reference ({@code "alias"."column"}), else null. */
    private String columnAlias(Frag g) {
        return g.params().isEmpty() ? aliasOfColumn(g.sql(), mark) : null;
    }

    /**
     * The alias of {@code sql} when it is exactly {@code "alias"."column"} (names between {@code mark}s, a mark
     * inside one doubled), unescaped; else null. Scanned by hand: every grouped expression is asked, and a
     * regular expression's per-character recursion cost more than the rest of GROUP BY.
     */
    static String aliasOfColumn(String sql, char mark) {
        if (sql.isEmpty() || sql.charAt(0) != mark) {
            return null;
        }
        int aliasEnd = nameEnd(sql, 1, mark);
        if (aliasEnd < 0 || aliasEnd + 2 >= sql.length() || sql.charAt(aliasEnd + 1) != '.'
                || sql.charAt(aliasEnd + 2) != mark) {
            return null;
        }
        if (nameEnd(sql, aliasEnd + 3, mark) != sql.length() - 1) {
            return null;
        }
        String m = String.valueOf(mark);
        return sql.substring(1, aliasEnd).replace(m + m, m);
    }

    /** The closing mark of a non-empty quoted name starting at {@code from} (after its opening mark), or -1. */
    private static int nameEnd(String sql, int from, char mark) {
        int i = from;
        while (i < sql.length()) {
            if (sql.charAt(i) != mark) {
                i++;
            } else if (i + 1 < sql.length() && sql.charAt(i + 1) == mark) {
                i += 2; // a doubled mark is part of the name
            } else {
                return i > from ? i : -1;
            }
        }
        return -1;
    }

    private static List<Frag> dedupe(List<Frag> frags) {
        List<Frag> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Frag f : frags) {
            if (!f.params().isEmpty() || seen.add(f.sql())) {
                out.add(f);
            }
        }
        return out;
    }
}
