package studio.queryset.sql;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import studio.queryset.query.LookupPath;
import studio.queryset.query.QueryException;
import studio.queryset.schema.Field;
import studio.queryset.schema.Model;
import studio.queryset.schema.RelationKind;
import studio.queryset.schema.ReverseRelation;
import studio.queryset.schema.Schema;

/**
 * The tables of one SELECT level: the base model, its joins and the rules for reusing them. Subqueries get a
 * child scope whose aliases use another prefix (U0, U1...), as Django's do, and can see the parent through
 * OuterRef.
 */
final class Scope {
    static final Set<String> LOOKUPS = Set.of("exact", "iexact", "contains", "icontains", "in", "gt", "gte", "lt",
            "lte", "startswith", "istartswith", "endswith", "iendswith", "range", "isnull", "regex", "iregex",
            "search", "has_key", "has_keys", "has_any_keys");
    static final Set<String> TRANSFORMS = Set.of("year", "month", "day", "week_day", "iso_week_day", "quarter",
            "hour", "minute", "second", "date", "time", "week", "iso_year");

    final Schema schema;
    final Model model;
    final String baseAlias;
    final Scope parent;
    final List<Join> joins = new ArrayList<>();
    private final String prefix;
    private int aliasCount;
    private final Set<String> usedTables = new java.util.HashSet<>();
    /** Aliases each filter() call resolved a path through (Django's used_aliases / can_reuse). */
    private final Map<Integer, Set<String>> usedByCall = new java.util.HashMap<>();
    /**
     * While an annotate() expression resolves: of several equal joins Django's Query.join reuses the most recent,
     * so an annotation after two filter() calls on a multi-valued relation counts over the second one's join.
     * (Other paths here resolve when the query is rendered, not at their step, and keep the first.)
     */
    boolean resolvingAnnotation;
    /** Index of the alias the FROM clause starts at (0: the base; k: joins[k - 1]), for trimmed subqueries. */
    private int fromStart;

    Scope(Schema schema, Model model, Scope parent) {
        this.schema = schema;
        this.model = model;
        this.parent = parent;
        int depth = 0;
        for (Scope s = parent; s != null; s = s.parent) {
            depth++;
        }
        this.prefix = depth == 0 ? null : String.valueOf((char) ('T' + depth));
        this.baseAlias = newAlias(model.table());
    }

    /** Django's aliasing: a table's first use is named after it, later ones T2, T3...; subqueries U0, U1... */
    private String newAlias(String table) {
        int n = aliasCount++;
        if (prefix != null) {
            return prefix + n;
        }
        if (usedTables.add(table)) {
            return table;
        }
        return "T" + (n + 1);
    }

    /**
     * Joins {@code parentAlias.parentColumn = table.column}, reusing an equal join when allowed: any join when
     * {@code filterCall} is negative (annotate, order_by, values), else single-valued joins and the joins the
     * same filter() call made.
     */
    Join join(String parentAlias, String parentColumn, String table, String column, String key, boolean nullable,
              boolean multiValued, int filterCall) {
        Join parentJoin = joinFor(parentAlias);
        Join reuse = null;
        for (Join j : joins) {
            // Django's Join identity is (table, parent alias, join field): a reverse FK and the first hop of an
            // M2M through= that model are the same join, so the same table on the same columns is one join
            if (j.parentAlias.equals(parentAlias) && j.table.equals(table) && j.parentColumn.equals(parentColumn)
                    && j.column.equals(column)
                    && (filterCall < 0 || !j.multiValued || j.filterCall == filterCall)) {
                reuse = j;
                if (!resolvingAnnotation) {
                    break;
                }
            }
        }
        if (reuse != null) {
            return reuse;
        }
        boolean outer = nullable || (parentJoin != null && parentJoin.outer);
        Join j = new Join(newAlias(table), table, parentAlias, parentColumn, column, key, nullable, multiValued,
                filterCall, outer);
        joins.add(j);
        return j;
    }

    Join joinFor(String alias) {
        for (Join j : joins) {
            if (j.alias.equals(alias)) {
                return j;
            }
        }
        return null;
    }

    /** Joins whose parent is {@code alias} (for promoting a chain to LEFT OUTER). */
    List<Join> childrenOf(String alias) {
        List<Join> out = new ArrayList<>();
        for (Join j : joins) {
            if (j.parentAlias.equals(alias)) {
                out.add(j);
            }
        }
        return out;
    }

    /** Django's promote_joins: a join turns LEFT OUTER only if it can be null or hangs off an outer join. */
    void promote(Join j) {
        Join parentJoin = joinFor(j.parentAlias);
        boolean parentOuter = parentJoin != null && parentJoin.outer;
        if (!j.outer && (j.nullable || parentOuter)) {
            j.outer = true;
        }
        if (j.outer) {
            for (Join child : childrenOf(j.alias)) {
                promote(child);
            }
        }
    }

    void demote(Join j) {
        Join parentJoin = joinFor(j.parentAlias);
        if (parentJoin == null || !parentJoin.outer) {
            j.outer = false;
        }
    }

    /**
     * Walks {@code a__b__c} from the base model, joining as it goes. Stops at the first concrete field; the
     * rest are transforms and the lookup. A path ending on a relation compares the related key, with the
     * last join trimmed as Django trims it.
     */
    ResolvedPath resolve(String path, int filterCall) {
        ResolvedPath rp = resolvePath(path, filterCall);
        if (filterCall >= 0) {
            Set<String> used = usedByCall.computeIfAbsent(filterCall, k -> new java.util.HashSet<>());
            used.add(baseAlias);
            rp.joins().forEach(j -> used.add(j.alias));
        }
        return rp;
    }

    Set<String> usedInCall(int filterCall) {
        return usedByCall.getOrDefault(filterCall, Set.of());
    }

    /** Starts the FROM clause at alias {@code index} (Django's trim_start): earlier aliases are left out. */
    void startFromAt(int index) {
        fromStart = index;
    }

    private ResolvedPath resolvePath(String path, int filterCall) {
        String[] parts = LookupPath.split(path);
        Model current = model;
        String alias = baseAlias;
        List<Join> used = new ArrayList<>();
        for (int i = 0; i < parts.length; i++) {
            String name = parts[i];
            List<String> rest = List.of(parts).subList(i + 1, parts.length);
            String next = i + 1 < parts.length ? parts[i + 1] : null;
            Field f = name.equals("pk") ? current.pk() : current.field(name).orElse(null);
            // multi-table inheritance: a parent's field is reached through <parent>_ptr, an INNER join as Django's
            for (Field ptr = current.parentLink(); f == null && ptr != null; ptr = current.parentLink()) {
                Model parent = schema.model(ptr.relation().target());
                if (parent.field(name).isEmpty() && schema.reverseRelation(parent, name).isEmpty()) {
                    break;
                }
                if (name.equals(parent.pk().name()) && !parent.pk().isRelation()) {
                    // the parent's id is the child's ptr column: Django reads it without the join
                    return new ResolvedPath(alias, ptr.column(), parent.pk(), current, used, rest, false);
                }
                Join up = join(alias, ptr.column(), parent.table(), parent.pk().column(), "fk:" + current.name() + "."
                        + ptr.name(), false, false, filterCall);
                used.add(up);
                alias = up.alias;
                current = parent;
                f = current.field(name).orElse(null);
            }
            if (f != null && (!f.isRelation() || (f.isConcrete() && name.equals(f.attname())
                    && !name.equals(f.name())))) {
                return new ResolvedPath(alias, f.column(), f, current, used, rest, false);
            }
            if (f != null && f.relation().kind() != RelationKind.MANY_TO_MANY) {
                Model target = schema.model(f.relation().target());
                if (next == null || isTargetPk(target, next) && (i + 2 == parts.length
                        || isLookupOrTransform(parts[i + 2])) || isLookupOrTransform(next)
                        && target.field(next).isEmpty()) {
                    int skip = next != null && isTargetPk(target, next) ? 1 : 0;
                    return new ResolvedPath(alias, f.column(), f, current, used,
                            List.of(parts).subList(i + 1 + skip, parts.length), true);
                }
                Join j = join(alias, f.column(), target.table(), target.pk().column(), "fk:" + current.name() + "."
                        + f.name(), f.nullable(), false, filterCall);
                used.add(j);
                alias = j.alias;
                current = target;
                continue;
            }
            if (f != null) { // forward many-to-many: through table, then the target
                Model target = schema.model(f.relation().target());
                var r = f.relation();
                Join through = join(alias, current.pk().column(), r.throughTable(), r.throughSourceColumn(),
                        "m2m:" + current.name() + "." + f.name(), true, true, filterCall);
                used.add(through);
                if (next == null || isTargetPk(target, next) && (i + 2 == parts.length
                        || isLookupOrTransform(parts[i + 2])) || isLookupOrTransform(next)
                        && target.field(next).isEmpty()) {
                    int skip = next != null && isTargetPk(target, next) ? 1 : 0;
                    return new ResolvedPath(through.alias, r.throughTargetColumn(), target.pk(), target, used,
                            List.of(parts).subList(i + 1 + skip, parts.length), true);
                }
                Join tj = join(through.alias, r.throughTargetColumn(), target.table(), target.pk().column(),
                        "m2mtarget:" + current.name() + "." + f.name(), true, true, filterCall);
                used.add(tj);
                alias = tj.alias;
                current = target;
                continue;
            }
            ReverseRelation rev = schema.reverseRelation(current, name).orElse(null);
            if (rev == null) {
                throw QueryException.fieldError("Cannot resolve keyword '" + name + "' into field. Choices are: "
                        + String.join(", ", choices(current)) + ".").about(name);
            }
            Model source = rev.source();
            Field rf = rev.field();
            if (rf.relation().kind() == RelationKind.MANY_TO_MANY) {
                var r = rf.relation();
                Join through = join(alias, current.pk().column(), r.throughTable(), r.throughTargetColumn(),
                        "rm2m:" + source.name() + "." + rf.name(), true, true, filterCall);
                used.add(through);
                if (next == null || isTargetPk(source, next) && (i + 2 == parts.length
                        || isLookupOrTransform(parts[i + 2])) || isLookupOrTransform(next)
                        && source.field(next).isEmpty()) {
                    int skip = next != null && isTargetPk(source, next) ? 1 : 0;
                    return new ResolvedPath(through.alias, r.throughSourceColumn(), source.pk(), source, used,
                            List.of(parts).subList(i + 1 + skip, parts.length), true);
                }
                Join sj = join(through.alias, r.throughSourceColumn(), source.table(), source.pk().column(),
                        "rm2msource:" + source.name() + "." + rf.name(), true, true, filterCall);
                used.add(sj);
                alias = sj.alias;
                current = source;
                continue;
            }
            Join j = join(alias, current.pk().column(), source.table(), rf.column(), "rev:" + source.name() + "."
                    + rf.name(), true, rev.isMultiValued(), filterCall);
            used.add(j);
            alias = j.alias;
            current = source;
            if (next == null || isLookupOrTransform(next) && source.field(next).isEmpty()) {
                return new ResolvedPath(alias, source.pk().column(), source.pk(), source, used, rest, true);
            }
        }
        throw QueryException.fieldError("Field path '" + path + "' is incomplete");
    }

    private static boolean isTargetPk(Model target, String name) {
        return name.equals("pk") || name.equals(target.pk().name());
    }

    static boolean isLookupOrTransform(String name) {
        return LOOKUPS.contains(name) || TRANSFORMS.contains(name);
    }

    /** Django's FieldError choices: field names, FK attnames and reverse query names, sorted. */
    List<String> choices(Model m) {
        List<String> names = new ArrayList<>();
        for (Field f : m.fields()) {
            names.add(f.name());
            if (f.isRelation() && f.isConcrete()) {
                names.add(f.attname());
            }
        }
        for (ReverseRelation r : schema.reverseRelations(m)) {
            names.add(r.queryName());
        }
        return names.stream().distinct().sorted().toList();
    }

    /** FROM clause with every join. */
    String from(Dialect d) {
        StringBuilder sb = new StringBuilder();
        String table = fromStart == 0 ? model.table() : joins.get(fromStart - 1).table;
        String alias = fromStart == 0 ? baseAlias : joins.get(fromStart - 1).alias;
        sb.append(alias.equals(table) ? d.quote(table) : d.quote(table) + " " + d.quote(alias));
        for (Join j : joins.subList(Math.max(0, fromStart), joins.size())) {
            sb.append(j.render(d));
        }
        return sb.toString();
    }

    Map<String, Join> joinMap() {
        Map<String, Join> m = new LinkedHashMap<>();
        for (Join j : joins) {
            m.put(j.alias, j);
        }
        return m;
    }
}
