package studio.queryset.app.canvas.inspector;

import java.util.List;
import studio.queryset.app.canvas.inspector.FormField.Kind;
import studio.queryset.app.canvas.inspector.FormField.Place;
import studio.queryset.design.DesignNode;
import studio.queryset.design.edit.AnnotationEdits;
import studio.queryset.design.edit.QueryLens;
import studio.queryset.query.Segment;
import studio.queryset.query.Expression;
import studio.queryset.query.Prefetch;
import studio.queryset.query.Q;
import studio.queryset.query.QuerySet;
import studio.queryset.query.Step;
import studio.queryset.schema.Schema;

/**
 * Picks the form of a node: one factory per inspector ({@link LookupForm}, {@link GroupForm}, {@link StageForm},
 * {@link ExpressionForm}, {@link FrameForm}, {@link PrefetchForm}, {@link RawForm}), each saying which fields it
 * has, how each reads from the query and how each writes back through the design/edit operations.
 */
public final class Forms {
    /** How many relations a field picker walks ({@code posts__author__name} from Tag is two). */
    static final int PATH_DEPTH = 2;

    /**
     * Where a node sits: the model its paths start from, the outer model when it is inside a Subquery / Exists
     * frame (its lookups may take OuterRef), whether a frame is a condition that NOT can wrap.
     */
    public record NodeContext(String model, String outerModel, boolean negatable) { }

    private Forms() {
    }

    /** The form of {@code node}, or null when the node has nothing to edit (a source, a terminal without args). */
    public static Form of(FormHost host, DesignNode node, NodeContext ctx) {
        QuerySet q = host.query();
        if (q == null || host.schema() == null) {
            return null;
        }
        Object part;
        try {
            part = QueryLens.shown(q, node.path());
        } catch (RuntimeException e) {
            return null;
        }
        switch (node.kind()) {
            case LOOKUP:
                return part instanceof Q.Lookup ? LookupForm.lookup(host, node.path(), ctx) : null;
            case Q_GROUP:
                return part instanceof Q.Node ? GroupForm.group(host, node.path(), ctx.model()) : null;
            case STAGE:
            case TERMINAL:
                if (part instanceof Step.Raw) {
                    return RawForm.raw(host, node.path(), ctx.model());
                }
                return part instanceof Step s ? StageForm.stage(host, node.path(), s, ctx.model()) : null;
            case EXPRESSION:
                return part instanceof Expression e ? ExpressionForm.expression(host, node, e, ctx.model()) : null;
            case SUBQUERY:
                return node.role().frame() ? FrameForm.frame(host, node, ctx) : null;
            case PREFETCH:
                return part instanceof Prefetch ? PrefetchForm.prefetch(host, node.path(), ctx.model()) : null;
            default:
                return null;
        }
    }

    /** The name of an annotate / alias / aggregate entry: renaming follows Django's alias rule. */
    static void aliasField(Form form, String id, Schema schema) {
        form.add(id, "name", Kind.TEXT, Place.ROW, List::of,
                q -> ((Segment.Named) form.path().last()).alias(),
                (q, t) -> AnnotationEdits.rename(q, form.path(), t.strip(), schema));
    }
}
