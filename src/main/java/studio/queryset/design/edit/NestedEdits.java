package studio.queryset.design.edit;

import studio.queryset.query.Segment;
import studio.queryset.query.NodePath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import studio.queryset.query.Expression;
import studio.queryset.query.Prefetch;
import studio.queryset.query.QueryException;
import studio.queryset.query.QuerySet;
import studio.queryset.query.Step;

/**
 * Edits of nested pipelines — Subquery / Exists frames, queryset values, Prefetch querysets, union parts — and of
 * raw(). A frame is the node holding a nested QuerySet; its pipeline's nodes are {@code <frame>.src},
 * {@code <frame>.s0}, ...
 */
public final class NestedEdits {
    private NestedEdits() {
    }

    /** The nested pipeline of {@code frame} replaced by {@code inner}. */
    public static Edit replaceNested(QuerySet qs, NodePath frame, QuerySet inner, String undoName) {
        return new Edit(QueryLens.set(qs, frame.child(new Segment.Source()), inner), frame, undoName);
    }

    /** Points a frame at another model: its pipeline starts over as {@code Model.objects.all()}. */
    public static Edit setModel(QuerySet qs, NodePath frame, String model) {
        return replaceNested(qs, frame, QuerySet.of(model), "Nested model " + model);
    }

    /** Gives a Subquery frame the single-value shape Django needs for a value: {@code .values(field)[:1]}. */
    public static Edit singleValue(QuerySet qs, NodePath frame, String field) {
        return replaceNested(qs, frame, singleValue(QueryLens.pipeline(qs, frame), field),
                "Subquery .values(\"" + field + "\")[:1]");
    }

    /**
     * {@code inner} in the single-value shape {@code .values(field)[:1]}: an existing values(), values_list() or
     * slice is replaced, other steps stay.
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

    // ---------------------------------------------------------------- prefetch

    /** The Prefetch at a prefetch node ({@code s1.f0}). */
    public static Prefetch prefetchAt(QuerySet qs, NodePath at) {
        return QueryLens.get(qs, at, Prefetch.class);
    }

    /** The Prefetch at {@code at} replaced by {@code pf}. */
    public static Edit setPrefetch(QuerySet qs, NodePath at, Prefetch pf) {
        prefetchAt(qs, at);
        return new Edit(QueryLens.set(qs, at, pf), at, "Edit Prefetch");
    }

    /** Adds {@code pf} to the prefetch_related step at {@code step}; the new lookup is selected. */
    public static Edit addPrefetch(QuerySet qs, NodePath step, Prefetch pf) {
        Step s = QueryLens.get(qs, step, Step.class);
        if (!(s instanceof Step.PrefetchRelated p)) {
            throw new QueryException("TypeError", "node " + step + " is " + s.method() + "(): a Prefetch goes into "
                    + "prefetch_related()");
        }
        NodePath added = step.child(new Segment.PrefetchItem(p.lookups().size()));
        return new Edit(QueryLens.insert(qs, added, pf), added, "Add Prefetch");
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
    public static Edit raw(String model, String sql, List<Expression> params, String undoName) {
        if (sql == null || sql.isBlank()) {
            throw new QueryException("ValueError", "raw() needs SQL text, e.g. SELECT * FROM <table> WHERE id = %s");
        }
        int placeholders = countPlaceholders(sql);
        if (placeholders != params.size()) {
            throw new QueryException("ValueError", "the SQL has " + placeholders + " %s placeholder"
                    + (placeholders == 1 ? "" : "s") + " but " + params.size() + " parameter"
                    + (params.size() == 1 ? " is" : "s are") + " given: add or remove parameters so they match");
        }
        return new Edit(new QuerySet(model, List.of(new Step.Raw(sql, params))), NodePath.step(0), undoName);
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
