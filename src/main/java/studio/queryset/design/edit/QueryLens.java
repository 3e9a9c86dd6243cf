package studio.queryset.design.edit;

import studio.queryset.query.Segment;
import studio.queryset.query.NodePath;
import java.util.function.UnaryOperator;
import studio.queryset.query.Expression;
import studio.queryset.query.Prefetch;
import studio.queryset.query.Q;
import studio.queryset.query.QueryException;
import studio.queryset.query.QuerySet;
import studio.queryset.query.Step;

/**
 * Gets, sets, removes and inserts the part of a QuerySet at a {@link NodePath}: with its helpers
 * {@link PartReader} and {@link PartWriter}, the only code that walks into steps, Q trees, expressions and nested
 * querysets. Parts are the query model's own objects: a {@link QuerySet}
 * (a source), {@link Step}, {@link Q}, {@link Expression} or {@link Prefetch}. Everything is immutable, so each
 * change rebuilds the path from the root and leaves every other part as it was (the same objects).
 *
 * <p>A boolean expression used as a condition ({@code filter(Exists(...))}) is a {@link Q.ExpressionCondition};
 * its node shows the expression, so expression segments and pipeline segments walk through it.
 */
public final class QueryLens {
    private QueryLens() {
    }

    /** The part at {@code path}. */
    public static Object get(QuerySet qs, NodePath path) {
        Object at = qs;
        for (int i = 0; i < path.size(); i++) {
            at = PartReader.child(at, path.segments().get(i), path, i);
        }
        return at;
    }

    /** The part at {@code path} as a {@code type}; the error says what is there instead. */
    public static <T> T get(QuerySet qs, NodePath path, Class<T> type) {
        Object part = get(qs, path);
        if (!type.isInstance(part)) {
            throw new QueryException("TypeError", "node " + path + " is " + PartReader.describe(part) + ", not "
                    + PartReader.article(type.getSimpleName()));
        }
        return type.cast(part);
    }

    /** The part at {@code path}, or null when the path names nothing in {@code qs}. */
    public static Object find(QuerySet qs, NodePath path) {
        try {
            return get(qs, path);
        } catch (QueryException e) {
            return null;
        }
    }

    /** The part a node shows: the expression of a boolean-expression condition, else the part itself. */
    public static Object shown(QuerySet qs, NodePath path) {
        Object p = find(qs, path);
        return p instanceof Q.ExpressionCondition ec ? ec.expression() : p;
    }

    /** {@code qs} with the part at {@code path} replaced by {@code part}. */
    public static QuerySet set(QuerySet qs, NodePath path, Object part) {
        return rewrite(qs, path, (parent, seg, i) -> PartWriter.with(parent, seg, part, path));
    }

    /** {@code qs} with the part at {@code path} replaced by {@code edit} of it. */
    public static QuerySet update(QuerySet qs, NodePath path, UnaryOperator<Object> edit) {
        return rewrite(qs, path, (parent, seg, i) -> PartWriter.with(parent, seg,
                edit.apply(PartReader.child(parent, seg, path, i)), path));
    }

    /** {@code qs} without the part at {@code path}, where its parent stays valid without it. */
    public static QuerySet remove(QuerySet qs, NodePath path) {
        return rewrite(qs, path, (parent, seg, i) -> PartWriter.without(parent, seg, path, i));
    }

    /**
     * {@code qs} with {@code part} inserted at {@code path}: before the part now at that position of a list
     * (the list's size appends), or as a new named entry.
     */
    public static QuerySet insert(QuerySet qs, NodePath path, Object part) {
        return rewrite(qs, path, (parent, seg, i) -> PartWriter.inserting(parent, seg, part, path));
    }

    /** The nested QuerySet a frame node holds (a Subquery / Exists, a queryset value, a Prefetch, a union part). */
    public static QuerySet pipeline(QuerySet qs, NodePath frame) {
        return frame == null ? qs : PartReader.queryOf(get(qs, frame), frame);
    }

    /** The pipeline (main or nested) the node at {@code path} is in. */
    public static QuerySet pipelineOf(QuerySet qs, NodePath path) {
        return pipeline(qs, path.frame());
    }

    /** True when the part holds a nested QuerySet whose pipeline the canvas shows. */
    public static boolean holdsQuery(Object part) {
        if (part instanceof Q.ExpressionCondition ec) {
            return holdsQuery(ec.expression());
        }
        return part instanceof QuerySet || part instanceof Expression.Subquery || part instanceof Expression.Exists
                || part instanceof Expression.QueryValue || part instanceof Expression.Evaluated
                || part instanceof Prefetch p && p.queryset() != null;
    }

    private interface LastStep {
        Object apply(Object parent, Segment last, int index);
    }

    private static QuerySet rewrite(QuerySet qs, NodePath path, LastStep last) {
        Object out = rewrite(qs, path, 0, last);
        if (!(out instanceof QuerySet q)) {
            throw new QueryException("TypeError", "node " + path + ": the query must stay a QuerySet");
        }
        return q;
    }

    private static Object rewrite(Object at, NodePath path, int i, LastStep last) {
        Segment seg = path.segments().get(i);
        if (i == path.size() - 1) {
            return last.apply(at, seg, i);
        }
        Object edited = rewrite(PartReader.child(at, seg, path, i), path, i + 1, last);
        return PartWriter.with(at, seg, edited, path);
    }
}
