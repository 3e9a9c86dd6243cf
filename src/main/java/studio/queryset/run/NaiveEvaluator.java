package studio.queryset.run;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import studio.queryset.query.Expression;
import studio.queryset.query.Prefetch;
import studio.queryset.query.Q;
import studio.queryset.query.QueryException;
import studio.queryset.query.QuerySet;
import studio.queryset.query.Step;
import studio.queryset.schema.Field;
import studio.queryset.schema.Model;
import studio.queryset.schema.RelationKind;
import studio.queryset.schema.ReverseRelation;
import studio.queryset.schema.Schema;
import studio.queryset.sql.Dialect;
import studio.queryset.sql.OutColumn;
import studio.queryset.sql.QueryPlan;
import studio.queryset.sql.RowShape;
import studio.queryset.sql.SelectPlan;
import studio.queryset.sql.SqlCompiler;

/**
 * The N+1 lesson: evaluates a QuerySet "as naive code would". The main query runs without its select_related
 * and prefetch_related; then, for every row and every relation the optimized query would have loaded (each
 * select_related path, each prefetch lookup, nested ones included), the lazy query Django issues on first
 * attribute access runs, one per access:
 * <ul>
 *   <li>{@code post.author} (forward FK / one-to-one): {@code Author.objects.get(pk=post.author_id)}, so
 *       {@code SELECT ... FROM author WHERE id = ? LIMIT 21}; no query when the FK is null. Cached on the
 *       instance, so {@code post.author.profile} costs one more query, not two.</li>
 *   <li>{@code author.profile} (reverse one-to-one): {@code Profile.objects.get(author__id=author.id)};
 *       absent is null (Django raises RelatedObjectDoesNotExist after the same query).</li>
 *   <li>{@code post.tags.all()} (M2M either way, reverse FK): one query per instance through the related
 *       manager ({@code Tag.objects.filter(posts__id=post.id)}, joined through the M2M table), with the
 *       related model's Meta.ordering; a {@code Prefetch(queryset=...)} adds its own filters and ordering.</li>
 *   <li>A foreign key deferred by only()/defer() is first loaded by itself ({@code refresh_from_db}), one more
 *       query per instance.</li>
 * </ul>
 * Every statement is logged with its cause: {@code main}, {@code lazy load of post.author},
 * {@code post.tags.all()}. {@link #compare} runs the QuerySet both ways.
 */
public final class NaiveEvaluator {
    /** The named parameter the lazy query templates take the parent's key through. */
    static final String KEY = "__naive_key";

    private final Schema schema;
    private final Connection conn;
    private final Dialect dialect;
    private Map<String, Object> params = Map.of();

    public NaiveEvaluator(Schema schema, Connection conn, Dialect dialect) {
        this.schema = schema;
        this.conn = conn;
        this.dialect = dialect;
    }

    /** Values for the named {@code Param}s of the QuerySets this evaluator runs. */
    public NaiveEvaluator withParams(Map<String, Object> values) {
        this.params = new HashMap<>(values);
        return this;
    }

    /**
     * Runs the QuerySet as written, then naively, each with a log of its own. The optimized run goes first, so
     * the naive one meets caches at least as warm: its extra cost is not a cold-cache artefact.
     */
    public NPlusOneComparison compare(QuerySet qs) {
        NPlusOneComparison.Run optimized = optimized(qs, new QueryLog());
        NPlusOneComparison.Run naive = naive(qs, new QueryLog());
        return new NPlusOneComparison(qs, naive, optimized);
    }

    /** The QuerySet as written, through the normal {@link Executor}. Writes are refused. */
    public NPlusOneComparison.Run optimized(QuerySet qs, QueryLog log) {
        long start = System.nanoTime();
        int before = log.entries().size();
        QueryPlan plan = readPlan(qs);
        Object result = new Executor(conn, dialect, log).withParams(params).execute(plan, Executor.WriteMode.DENY);
        return run(result, log, before, start);
    }

    /** The rows first, then one lazy query per related object or related manager accessed. */
    public NPlusOneComparison.Run naive(QuerySet qs, QueryLog log) {
        long start = System.nanoTime();
        int before = log.entries().size();
        QueryPlan full = readPlan(qs); // validates the select_related paths and prefetch lookups as written
        Model model = schema.model(qs.model());
        QueryPlan bare = SqlCompiler.plan(schema, strip(qs), dialect);
        Object result = new Executor(conn, dialect, log).withParams(params).execute(bare, Executor.WriteMode.DENY);
        List<Map<String, Object>> objects = objects(bare, result);
        if (!objects.isEmpty()) {
            List<Rel> rels = tree(model, selectRelatedPaths(full.select()), prefetchLookups(qs));
            for (Map<String, Object> o : objects) {
                load(o, model.lowerName(), rels, log);
            }
        }
        return run(result, log, before, start);
    }

    private QueryPlan readPlan(QuerySet qs) {
        QueryPlan plan = SqlCompiler.plan(schema, qs, dialect);
        if (plan.isWrite()) {
            throw new QueryException("TypeError", plan.kind().name().toLowerCase() + "() loads no related objects; "
                    + "the N+1 lesson compares reads");
        }
        return plan;
    }

    private static NPlusOneComparison.Run run(Object result, QueryLog log, int before, long start) {
        double wall = Math.round((System.nanoTime() - start) / 10_000.0) / 100.0;
        List<LoggedStatement> mine = log.entries();
        mine = new ArrayList<>(mine.subList(Math.min(before, mine.size()), mine.size()));
        double ms = 0;
        for (LoggedStatement s : mine) {
            ms += s.ms();
        }
        return new NPlusOneComparison.Run(result, mine, Math.round(ms * 100) / 100.0, wall);
    }

    // ---------------------------------------------------------------- what the optimized query loads

    /** A relation accessed on each instance: where it lands, how it is read, what is accessed below it. */
    private static final class Rel {
        final String attribute;
        final String accessor;
        final Model target;
        final boolean many;
        /** A forward relation's FK on the owner (its attname holds the key); null when the owner's pk is the key. */
        final Field foreignKey;
        final Model owner;
        final QueryPlan lazy;
        final String call;
        final List<Rel> children = new ArrayList<>();

        Rel(String attribute, String accessor, Model owner, Model target, boolean many, Field foreignKey,
            QueryPlan lazy, String call) {
            this.attribute = attribute;
            this.accessor = accessor;
            this.owner = owner;
            this.target = target;
            this.many = many;
            this.foreignKey = foreignKey;
            this.lazy = lazy;
            this.call = call;
        }
    }

    /** The relations accessed on instances of {@code model}: select_related paths, then prefetch lookups. */
    private List<Rel> tree(Model model, List<List<String>> selectPaths, List<Prefetch> lookups) {
        List<Rel> rels = new ArrayList<>();
        for (List<String> path : selectPaths) {
            List<Rel> level = rels;
            Model current = model;
            for (String part : path) {
                Rel found = find(level, part);
                if (found == null) {
                    found = relation(current, part, part, null);
                    if (found.many) {
                        throw new QueryException("FieldError", "select_related() cannot follow the multi-valued "
                                + "relation '" + part + "'");
                    }
                    level.add(found);
                }
                level = found.children;
                current = found.target;
            }
        }
        addPrefetches(model, rels, lookups);
        return rels;
    }

    /** Groups lookups by their first level as the prefetch planner does; nested parts go one level down. */
    private void addPrefetches(Model model, List<Rel> rels, List<Prefetch> lookups) {
        Map<String, Prefetch> levels = new LinkedHashMap<>();
        Map<String, List<Prefetch>> nested = new LinkedHashMap<>();
        for (Prefetch p : lookups) {
            String[] parts = p.lookup().split("__", 2);
            if (parts.length == 1) {
                String key = p.toAttr() != null ? p.toAttr() : parts[0];
                if (!levels.containsKey(key) || levels.get(key).plain()) {
                    levels.put(key, p);
                }
                nested.computeIfAbsent(key, k -> new ArrayList<>());
            } else {
                levels.putIfAbsent(parts[0], Prefetch.of(parts[0]));
                nested.computeIfAbsent(parts[0], k -> new ArrayList<>())
                        .add(new Prefetch(parts[1], p.queryset(), p.toAttr(), p.plain()));
            }
        }
        for (var e : levels.entrySet()) {
            Prefetch p = e.getValue();
            List<Prefetch> below = nested.getOrDefault(e.getKey(), List.of());
            Rel cached = p.queryset() == null && p.toAttr() == null ? find(rels, p.lookup()) : null;
            if (cached != null) {
                // already loaded (select_related, or the same lookup given twice): cached on the instance
                addPrefetches(cached.target, cached.children, below);
                continue;
            }
            Rel rel = relation(model, p.lookup(), p.attribute(), p.queryset());
            List<Prefetch> childLookups = new ArrayList<>();
            List<List<String>> childSelect = List.of();
            if (p.queryset() != null) {
                childSelect = selectRelatedPaths(SqlCompiler.plan(schema, p.queryset(), dialect).select());
                childLookups.addAll(prefetchLookups(p.queryset()));
            }
            childLookups.addAll(below);
            rel.children.addAll(tree(rel.target, childSelect, childLookups));
            rels.add(rel);
        }
    }

    private static Rel find(List<Rel> rels, String attribute) {
        for (Rel r : rels) {
            if (r.attribute.equals(attribute)) {
                return r;
            }
        }
        return null;
    }

    /**
     * The relation {@code name} of {@code owner} and the query Django's descriptor or related manager runs for
     * one instance, its key bound as {@link #KEY}; {@code queryset} (a Prefetch's) adds its filters and ordering.
     */
    private Rel relation(Model owner, String name, String attribute, QuerySet queryset) {
        List<Step> extra = queryset == null ? List.of() : strip(queryset).steps();
        String pk = owner.pk().name();
        Field f = owner.field(name).filter(Field::isRelation).orElse(null);
        if (f != null && f.relation().kind() != RelationKind.MANY_TO_MANY) {
            Model target = schema.model(f.relation().target());
            return new Rel(attribute, name, owner, target, false, f, get(target, extra, target.pk().name()), "");
        }
        if (f != null) {
            Model target = schema.model(f.relation().target());
            ReverseRelation back = new ReverseRelation(owner, f);
            if (f.relation().reverseHidden()) {
                throw new QueryException("NotSupported", "The naive evaluation reads " + owner.lowerName() + "."
                        + name + " through the reverse relation of " + target.name() + ", which related_name='"
                        + f.relation().relatedName() + "' hides");
            }
            return new Rel(attribute, name, owner, target, true, null,
                    filter(target, extra, back.queryName() + "__" + pk), call(extra));
        }
        ReverseRelation rev = schema.reverseRelations(owner).stream()
                .filter(r -> r.accessorName().equals(name) || r.queryName().equals(name)).findFirst().orElse(null);
        if (rev == null) {
            throw new QueryException("AttributeError", "Cannot find '" + name + "' on " + owner.name() + " object");
        }
        Model source = rev.source();
        RelationKind kind = rev.field().relation().kind();
        String accessor = rev.accessorName();
        if (kind == RelationKind.ONE_TO_ONE) {
            return new Rel(attribute, accessor, owner, source, false, null,
                    get(source, extra, rev.field().name() + "__" + pk), "");
        }
        String path = kind == RelationKind.MANY_TO_MANY ? rev.field().name() + "__" + pk : rev.field().name();
        return new Rel(attribute, accessor, owner, source, true, null, filter(source, extra, path), call(extra));
    }

    /** {@code Model.objects...get(path=KEY)}: one object, LIMIT 21, no default ordering. */
    private QueryPlan get(Model model, List<Step> extra, String path) {
        List<Step> steps = new ArrayList<>(extra);
        steps.add(new Step.Terminal("get", keyFilter(path), List.of()));
        return SqlCompiler.plan(schema, new QuerySet(model.name(), steps), dialect);
    }

    /** {@code Model.objects.filter(path=KEY)...}: the related manager's queryset, with Meta.ordering. */
    private QueryPlan filter(Model model, List<Step> extra, String path) {
        List<Step> steps = new ArrayList<>();
        steps.add(keyFilter(path));
        steps.addAll(extra);
        return SqlCompiler.plan(schema, new QuerySet(model.name(), steps), dialect);
    }

    private static Step.Filter keyFilter(String path) {
        return new Step.Filter(List.of(), List.of(new Q.Lookup(path, Expression.Param.of(KEY))), false);
    }

    /** How naive code spells a related manager call: {@code .all()}, or the Prefetch queryset's methods. */
    private static String call(List<Step> extra) {
        if (extra.isEmpty()) {
            return ".all()";
        }
        StringBuilder sb = new StringBuilder();
        for (Step s : extra) {
            sb.append(s instanceof Step.Slice ? "[…]" : "." + s.method() + "(…)");
        }
        return sb.toString();
    }

    // ---------------------------------------------------------------- the lazy loads

    /** Touches every relation of {@code rels} on one instance, depth first, as a loop over the rows would. */
    private void load(Map<String, Object> instance, String var, List<Rel> rels, QueryLog log) {
        for (Rel rel : rels) {
            Object key = key(instance, var, rel, log);
            if (rel.many) {
                List<Map<String, Object>> children = new ArrayList<>();
                if (key != null) {
                    Object r = lazy(rel.lazy, key, var + "." + rel.accessor + rel.call, log);
                    if (r instanceof List<?> l) {
                        for (Object o : l) {
                            children.add(asMap(o));
                        }
                    }
                }
                instance.put(rel.attribute, children);
                for (Map<String, Object> child : children) {
                    load(child, rel.target.lowerName(), rel.children, log);
                }
            } else {
                String expr = var + "." + rel.accessor;
                Map<String, Object> child = key == null ? null : asMap(lazy(rel.lazy, key, "lazy load of " + expr,
                        log));
                instance.put(rel.attribute, child);
                if (child != null) {
                    load(child, expr, rel.children, log);
                }
            }
        }
    }

    /**
     * The value the lazy query is keyed on: the FK's attname for a forward relation (loaded by itself first when
     * only()/defer() left it out, as Django's deferred attribute does), the instance's pk otherwise.
     */
    private Object key(Map<String, Object> instance, String var, Rel rel, QueryLog log) {
        if (rel.foreignKey == null) {
            return instance.get(rel.owner.pk().attname());
        }
        String attname = rel.foreignKey.attname();
        if (!instance.containsKey(attname)) {
            List<Step> steps = List.of(new Step.Only(List.of(rel.foreignKey.name()), false),
                    new Step.Terminal("get", keyFilter(rel.owner.pk().name()), List.of()));
            QueryPlan refresh = SqlCompiler.plan(schema, new QuerySet(rel.owner.name(), steps), dialect);
            Map<String, Object> loaded = asMap(lazy(refresh, instance.get(rel.owner.pk().attname()),
                    "lazy load of deferred " + var + "." + attname, log));
            instance.put(attname, loaded == null ? null : loaded.get(attname));
        }
        return instance.get(attname);
    }

    /** Runs one lazy query for one key and logs it under {@code cause}; a missing single object is null. */
    private Object lazy(QueryPlan plan, Object key, String cause, QueryLog log) {
        QueryLog scratch = new QueryLog();
        Map<String, Object> values = new HashMap<>(params);
        values.put(KEY, key);
        try {
            return new Executor(conn, dialect, scratch).withParams(values).execute(plan, Executor.WriteMode.DENY);
        } catch (QueryException e) {
            if ("DoesNotExist".equals(e.kind())) {
                return null;
            }
            throw e;
        } finally {
            for (LoggedStatement s : scratch.entries()) {
                log.add(new LoggedStatement(s.sql(), shown(s.params(), values), s.ms(), s.rows(), cause));
            }
        }
    }

    /** The parameters as bound, so the log shows the key each lazy query ran with. */
    private List<Object> shown(List<Object> params, Map<String, Object> values) {
        try {
            return SqlCompiler.bindParams(params, dialect, values);
        } catch (QueryException e) {
            return params;
        }
    }

    // ---------------------------------------------------------------- helpers

    /** The QuerySet without select_related and prefetch_related: what naive code evaluates first. */
    static QuerySet strip(QuerySet qs) {
        List<Step> steps = new ArrayList<>();
        for (Step s : qs.steps()) {
            if (!(s instanceof Step.SelectRelated) && !(s instanceof Step.PrefetchRelated)) {
                steps.add(s);
            }
        }
        return new QuerySet(qs.model(), steps);
    }

    private static List<Prefetch> prefetchLookups(QuerySet qs) {
        List<Prefetch> out = new ArrayList<>();
        for (Step s : qs.steps()) {
            if (s instanceof Step.PrefetchRelated p) {
                out.addAll(p.lookups());
            }
        }
        return out;
    }

    /** The select_related paths as the compiler resolved them (select_related() with no arguments included). */
    private static List<List<String>> selectRelatedPaths(SelectPlan plan) {
        if (plan == null || plan.shape() != RowShape.MODEL) {
            return List.of();
        }
        Set<List<String>> paths = new LinkedHashSet<>();
        for (OutColumn c : plan.columns()) {
            if (!c.relationPath().isEmpty()) {
                paths.add(c.relationPath());
            }
        }
        return new ArrayList<>(paths);
    }

    /** The model instances a result holds: none for dicts, tuples, counts and aggregates. */
    private static List<Map<String, Object>> objects(QueryPlan plan, Object result) {
        if (plan.select() == null || plan.select().shape() != RowShape.MODEL) {
            return List.of();
        }
        switch (plan.kind()) {
            case ROWS:
            case GET:
            case FIRST:
            case LAST:
            case SINGLE:
            case INDEX:
                break;
            default:
                return List.of();
        }
        List<Map<String, Object>> out = new ArrayList<>();
        if (result instanceof List<?> l) {
            for (Object o : l) {
                if (o instanceof Map) {
                    out.add(asMap(o));
                }
            }
        } else if (result instanceof Map) {
            out.add(asMap(result));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object o) {
        return (Map<String, Object>) o;
    }
}
