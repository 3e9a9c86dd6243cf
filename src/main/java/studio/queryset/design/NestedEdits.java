package studio.queryset.design;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import studio.queryset.query.Expression;
import studio.queryset.query.Prefetch;
import studio.queryset.query.Q;
import studio.queryset.query.QueryException;
import studio.queryset.query.QuerySet;
import studio.queryset.query.Step;

/**
 * Edits of nested pipelines — Subquery / Exists frames, Prefetch querysets, raw() — addressed by canvas node
 * ids like {@link QueryEdits}. A frame id names the node holding a nested QuerySet ({@code s0.n.latest},
 * {@code s0.a1}, {@code s2.f0}, {@code s0.k0.v}); the nested pipeline's nodes are {@code <frame>.src},
 * {@code <frame>.s0}, ...
 */
public final class NestedEdits {
    private NestedEdits() {
    }

    /** The frame holding {@code nodeId}'s pipeline, or null when the node is in the main pipeline. */
    public static String frameOf(String nodeId) {
        if (nodeId == null) {
            return null;
        }
        String[] seg = QueryEdits.segments(nodeId);
        for (int i = seg.length - 1; i > 0; i--) {
            if (seg[i].equals("src") || seg[i].matches("s\\d+")) {
                // the pipeline segment that holds the node: the first "sN"/"src" after the frame's own parts
                int start = i;
                while (start > 0 && !isFrameEnd(seg, start)) {
                    start--;
                }
                if (start > 0) {
                    return String.join(".", java.util.Arrays.copyOf(seg, start));
                }
            }
        }
        return null;
    }

    /** True when segment {@code i} starts a nested pipeline: it is "src"/"sN" and the one before is not a step. */
    private static boolean isFrameEnd(String[] seg, int i) {
        boolean pipelineSeg = seg[i].equals("src") || seg[i].matches("s\\d+");
        return pipelineSeg && !seg[i - 1].matches("s\\d+") && !seg[i - 1].equals("src");
    }

    /** The index of step {@code stepId} in its own pipeline ({@code s0.n.x.s2} → 2). */
    public static int stepIndex(String stepId) {
        String[] seg = QueryEdits.segments(stepId);
        return Integer.parseInt(seg[seg.length - 1].substring(1));
    }

    /** The nested QuerySet of a frame. */
    public static QuerySet nestedQuery(QuerySet qs, String frameId) {
        QuerySet[] found = new QuerySet[1];
        QueryEdits.editNested(qs, frameId, inner -> {
            found[0] = inner;
            return inner;
        });
        return found[0];
    }

    /** The pipeline (main or nested) holding {@code nodeId}. */
    public static QuerySet pipelineOf(QuerySet qs, String nodeId) {
        String frame = frameOf(nodeId);
        return frame == null ? qs : nestedQuery(qs, frame);
    }

    /** The step a (possibly nested) step id names. */
    public static Step stepAt(QuerySet qs, String stepId) {
        QuerySet pipeline = pipelineOf(qs, stepId);
        int index = stepIndex(stepId);
        if (index < 0 || index >= pipeline.steps().size()) {
            throw new QueryException("IndexError", "no step " + index + " in " + pipeline.model() + "'s pipeline");
        }
        return pipeline.steps().get(index);
    }

    public static QuerySet replaceNested(QuerySet qs, String frameId, QuerySet inner) {
        return QueryEdits.editNested(qs, frameId, old -> inner);
    }

    /** Inserts a chain step into a frame's pipeline at {@code index} (a terminal cannot go inside a frame). */
    public static QuerySet insertStepIn(QuerySet qs, String frameId, int index, Step step) {
        if (step.terminal()) {
            throw new QueryException("TypeError", step.method() + "() evaluates the queryset: a nested queryset "
                    + "must stay a QuerySet (use values(), order_by(), [:1] ...)");
        }
        return QueryEdits.editNested(qs, frameId, inner -> {
            List<Step> steps = new ArrayList<>(inner.steps());
            steps.add(Math.max(0, Math.min(index, steps.size())), step);
            return new QuerySet(inner.model(), steps);
        });
    }

    /**
     * The Subquery shape Django needs for a value: {@code .values(field)[:1]}; an existing values(),
     * values_list() or slice is replaced, other steps stay.
     */
    public static QuerySet singleValue(QuerySet inner, String field) {
        List<Step> steps = new ArrayList<>();
        for (Step s : inner.steps()) {
            if (!(s instanceof Step.Values) && !(s instanceof Step.ValuesList) && !(s instanceof Step.Slice)) {
                steps.add(s);
            }
        }
        steps.add(new Step.Values(List.of(field), Map.of()));
        steps.add(new Step.Slice(null, 1L));
        return new QuerySet(inner.model(), steps);
    }

    /** Called by {@link QueryEdits} for a frame that is a filter condition ({@code filter(Exists(...))}). */
    static Q editConditionQuery(Q q, UnaryOperator<QuerySet> edit) {
        if (q instanceof Q.ExpressionCondition ec) {
            Expression e = ec.expression();
            if (e instanceof Expression.Exists x) {
                return new Q.ExpressionCondition(new Expression.Exists(edit.apply(x.query())));
            }
            if (e instanceof Expression.Subquery s) {
                return new Q.ExpressionCondition(new Expression.Subquery(edit.apply(s.query())));
            }
        }
        throw new QueryException("TypeError", "this condition holds no nested queryset");
    }

    /** A query after an edit that named something, and the name it got. */
    public record Named(QuerySet query, String name) { }

    /** Adds {@code alias=e} to the annotate step {@code stepId}, the alias made unique among its names. */
    public static Named addAnnotation(QuerySet qs, String stepId, String alias, Expression e) {
        Step s = stepAt(qs, stepId);
        if (!(s instanceof Step.Annotate a)) {
            throw new QueryException("TypeError", "annotations go into annotate(), not " + s.method() + "()");
        }
        String name = uniqueAlias(a.named(), alias);
        Map<String, Expression> named = new LinkedHashMap<>(a.named());
        named.put(name, e);
        return new Named(QueryEdits.replaceStep(qs, stepId, new Step.Annotate(a.positional(), named, a.alias())), name);
    }

    static String uniqueAlias(Map<String, ?> taken, String alias) {
        String name = alias;
        for (int i = 2; taken.containsKey(name); i++) {
            name = alias + i;
        }
        return name;
    }

    // ---------------------------------------------------------------- prefetch

    /** The Prefetch at a PREFETCH node id ({@code s1.f0}). */
    public static Prefetch prefetchAt(QuerySet qs, String prefetchId) {
        String[] seg = QueryEdits.segments(prefetchId);
        String stepId = String.join(".", java.util.Arrays.copyOf(seg, seg.length - 1));
        Step s = stepAt(qs, stepId);
        if (!(s instanceof Step.PrefetchRelated p)) {
            throw new QueryException("TypeError", prefetchId + " is not a prefetch lookup");
        }
        return p.lookups().get(Integer.parseInt(seg[seg.length - 1].substring(1)));
    }

    /** Replaces the Prefetch at {@code prefetchId}. */
    public static QuerySet setPrefetch(QuerySet qs, String prefetchId, Prefetch pf) {
        String[] seg = QueryEdits.segments(prefetchId);
        String stepId = String.join(".", java.util.Arrays.copyOf(seg, seg.length - 1));
        Step s = stepAt(qs, stepId);
        if (!(s instanceof Step.PrefetchRelated p)) {
            throw new QueryException("TypeError", prefetchId + " is not a prefetch lookup");
        }
        List<Prefetch> items = new ArrayList<>(p.lookups());
        items.set(Integer.parseInt(seg[seg.length - 1].substring(1)), pf);
        return QueryEdits.replaceStep(qs, stepId, new Step.PrefetchRelated(items));
    }

    /** Adds a Prefetch to the prefetch_related step {@code stepId}. */
    public static QuerySet addPrefetch(QuerySet qs, String stepId, Prefetch pf) {
        Step s = stepAt(qs, stepId);
        if (!(s instanceof Step.PrefetchRelated p)) {
            throw new QueryException("TypeError", "a Prefetch goes into prefetch_related(), not " + s.method() + "()");
        }
        List<Prefetch> items = new ArrayList<>(p.lookups());
        items.add(pf);
        return QueryEdits.replaceStep(qs, stepId, new Step.PrefetchRelated(items));
    }

    /**
     * A Prefetch as the inspector describes it: a plain string when there is neither queryset nor to_attr;
     * a queryset kept only when it is on the lookup's target model (else a fresh {@code Target.objects.all()}).
     */
    public static Prefetch prefetch(String lookup, String targetModel, QuerySet queryset, boolean withQueryset,
                                    String toAttr) {
        String attr = toAttr == null || toAttr.isBlank() ? null : toAttr.strip();
        if (attr != null && !attr.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new QueryException("ValueError", "to_attr must be a Python name (letters, digits, _), not '"
                    + attr + "'");
        }
        QuerySet q = null;
        if (withQueryset) {
            q = queryset != null && queryset.model().equals(targetModel) ? queryset : QuerySet.of(targetModel);
        }
        return new Prefetch(lookup, q, attr, q == null && attr == null);
    }

    // ---------------------------------------------------------------- raw

    /** {@code Model.objects.raw(sql, params)}: the whole query; the %s placeholders must match the params. */
    public static QuerySet raw(String model, String sql, List<Expression> params) {
        if (sql == null || sql.isBlank()) {
            throw new QueryException("ValueError", "raw() needs SQL text, e.g. SELECT * FROM <table> WHERE id = %s");
        }
        int placeholders = countPlaceholders(sql);
        if (placeholders != params.size()) {
            throw new QueryException("ValueError", "the SQL has " + placeholders + " %s placeholder"
                    + (placeholders == 1 ? "" : "s") + " but " + params.size() + " parameter"
                    + (params.size() == 1 ? " is" : "s are") + " given: add or remove parameters so they match");
        }
        return new QuerySet(model, List.of(new Step.Raw(sql, params)));
    }

    /** %s placeholders outside quoted strings ({@code %%} is a literal percent). */
    static int countPlaceholders(String sql) {
        int n = 0;
        char quote = 0;
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '%' && i + 1 < sql.length()) {
                if (sql.charAt(i + 1) == 's') {
                    n++;
                }
                i++;
            }
        }
        return n;
    }
}
