package studio.queryset.sql;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import studio.queryset.query.QueryException;
import studio.queryset.schema.Field;
import studio.queryset.schema.FieldPathException;
import studio.queryset.schema.Hop;
import studio.queryset.schema.Model;
import studio.queryset.schema.PathResolution;
import studio.queryset.schema.PathResolver;
import studio.queryset.schema.Schema;

/**
 * The tables of one SELECT level: the base model, its joins and the rules for reusing them. Subqueries get a
 * child scope whose aliases use another prefix (U0, U1...), as Django's do, and can see the parent through
 * OuterRef.
 */
final class Scope {
    /** The lookup and transform names of {@link LookupSpecs}, for the compiler's membership tests. */
    static final Set<String> LOOKUPS = LookupSpecs.names(LookupSpec.Role.LOOKUP);
    static final Set<String> TRANSFORMS = LookupSpecs.names(LookupSpec.Role.TRANSFORM);

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
    private PathResolver resolver;
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
            for (Join j : rp.joins()) {
                used.add(j.alias);
            }
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

    /** Reads paths as Django does; the lookup registry says which names are lookups. */
    PathResolver resolver() {
        if (resolver == null) {
            resolver = LookupCatalog.resolver(schema);
        }
        return resolver;
    }

    /**
     * Joins the hops of the path as {@link PathResolver} reads it, then trims the last one as Django's trim_joins
     * does when the column it compares is already on the table before it ({@code author}, {@code author__id} read
     * {@code author_id}; {@code tags} reads the join table's {@code tag_id}; an inherited parent's id is the
     * child's ptr column).
     */
    private ResolvedPath resolvePath(String path, int filterCall) {
        PathResolution r;
        try {
            r = resolver().resolve(model, path);
        } catch (FieldPathException e) {
            throw QueryException.fieldError(e.getMessage()).about(e.name());
        }
        List<Hop> hops = r.hops();
        int keep = hops.size();
        Field field = r.field();
        boolean trimLast = !hops.isEmpty() && (r.endsOnRelation() || readsTargetPk(r));
        if (trimLast) {
            keep--;
            // an inherited pk: each parent's pk is its child's ptr, so trim_joins goes on down the parent chain
            while (hops.get(keep).kind() == Hop.Kind.PARENT && keep > 0
                    && hops.get(keep - 1).kind() == Hop.Kind.PARENT && !r.endsOnRelation()) {
                keep--;
            }
        }
        List<Join> used = new ArrayList<>();
        String alias = baseAlias;
        for (int i = 0; i < keep; i++) {
            alias = joinHop(hops.get(i), alias, filterCall, used);
        }
        if (!trimLast) {
            return new ResolvedPath(alias, field.column(), field, r.end(), used, r.rest(), false);
        }
        Hop last = hops.get(keep);
        Model from = last.from();
        var rel = last.field().relation();
        return switch (last.kind()) {
            case PARENT -> new ResolvedPath(alias, last.field().column(), field, from, used, r.rest(), false);
            case FORWARD -> new ResolvedPath(alias, last.field().column(), last.field(), from, used, r.rest(), true);
            case FORWARD_MANY -> {
                Join through = join(alias, from.pk().column(), rel.throughTable(), rel.throughSourceColumn(),
                        "m2m:" + from.name() + "." + last.field().name(), true, true, filterCall);
                used.add(through);
                yield new ResolvedPath(through.alias, rel.throughTargetColumn(), last.to().pk(), last.to(), used,
                        r.rest(), true);
            }
            case REVERSE_MANY -> {
                Join through = join(alias, from.pk().column(), rel.throughTable(), rel.throughTargetColumn(),
                        "rm2m:" + last.to().name() + "." + last.field().name(), true, true, filterCall);
                used.add(through);
                yield new ResolvedPath(through.alias, rel.throughSourceColumn(), last.to().pk(), last.to(), used,
                        r.rest(), true);
            }
            case REVERSE, REVERSE_ONE -> {
                String to = joinHop(last, alias, filterCall, used);
                yield new ResolvedPath(to, last.to().pk().column(), last.to().pk(), last.to(), used, r.rest(), true);
            }
        };
    }

    /**
     * The path names the related pk right after a hop whose column already holds it ({@code author__id},
     * {@code tags__pk}, an inherited {@code id}), with nothing but lookups after it. A reverse FK's pk is on the
     * joined table, so that hop stays.
     */
    private boolean readsTargetPk(PathResolution r) {
        Hop last = r.lastHop().orElseThrow();
        // a ForeignKey's column holds its to_field (Django's trim_joins compares foreign_related_fields)
        Field key = last.kind() == Hop.Kind.FORWARD ? schema.targetKey(last.field()) : last.to().pk();
        if (r.field() == null || !r.field().equals(key) || last.kind() == Hop.Kind.REVERSE
                || last.kind() == Hop.Kind.REVERSE_ONE) {
            return false;
        }
        if (last.kind() == Hop.Kind.PARENT) {
            return !r.field().isRelation();
        }
        return r.rest().isEmpty() || isLookupOrTransform(r.rest().get(0));
    }

    /** Joins one hop from {@code alias} (two joins for an m2m: its join table, then the far model). */
    private String joinHop(Hop h, String alias, int filterCall, List<Join> used) {
        Model from = h.from();
        Model to = h.to();
        Field f = h.field();
        var rel = f.relation();
        Join j = switch (h.kind()) {
            case FORWARD -> join(alias, f.column(), to.table(), schema.targetKey(f).column(), "fk:" + from.name()
                    + "." + f.name(), h.nullable(), false, filterCall);
            case PARENT -> join(alias, f.column(), to.table(), to.pk().column(), "fk:" + from.name() + "."
                    + f.name(), h.nullable(), false, filterCall);
            case REVERSE, REVERSE_ONE -> join(alias, schema.targetKey(f).column(), to.table(), f.column(), "rev:"
                    + to.name() + "." + f.name(), true, h.multiValued(), filterCall);
            case FORWARD_MANY -> {
                Join through = join(alias, from.pk().column(), rel.throughTable(), rel.throughSourceColumn(),
                        "m2m:" + from.name() + "." + f.name(), true, true, filterCall);
                used.add(through);
                yield join(through.alias, rel.throughTargetColumn(), to.table(), to.pk().column(),
                        "m2mtarget:" + from.name() + "." + f.name(), true, true, filterCall);
            }
            case REVERSE_MANY -> {
                Join through = join(alias, from.pk().column(), rel.throughTable(), rel.throughTargetColumn(),
                        "rm2m:" + to.name() + "." + f.name(), true, true, filterCall);
                used.add(through);
                yield join(through.alias, rel.throughSourceColumn(), to.table(), to.pk().column(),
                        "rm2msource:" + to.name() + "." + f.name(), true, true, filterCall);
            }
        };
        used.add(j);
        return j.alias;
    }

    static boolean isLookupOrTransform(String name) {
        return LookupSpecs.isLookupOrTransform(name);
    }

    /** Django's FieldError choices: field names, FK attnames and reverse query names, sorted. */
    List<String> choices(Model m) {
        return resolver().choices(m);
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
