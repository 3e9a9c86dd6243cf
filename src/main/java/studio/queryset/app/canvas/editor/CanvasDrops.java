package studio.queryset.app.canvas.editor;

import java.util.List;
import studio.queryset.app.canvas.palette.ExpressionPalette;
import studio.queryset.app.canvas.palette.PaletteItems;
import studio.queryset.design.DesignGraph;
import studio.queryset.design.DesignNode;
import studio.queryset.design.FieldDrops;
import studio.queryset.design.NodeKind;
import studio.queryset.design.Pipelines;
import studio.queryset.design.StageOrder;
import studio.queryset.design.edit.AliasRule;
import studio.queryset.design.edit.AnnotationEdits;
import studio.queryset.design.edit.Edit;
import studio.queryset.design.edit.ExpressionEdits;
import studio.queryset.design.edit.NestedEdits;
import studio.queryset.query.NodePath;
import studio.queryset.design.edit.QueryLens;
import studio.queryset.query.Segment;
import studio.queryset.design.edit.StepEdits;
import studio.queryset.query.Expression;
import studio.queryset.query.Q;
import studio.queryset.query.Step;

/**
 * What dropping something on a card or a wire does, for every kind of thing the canvas lets people drag: a
 * palette stage or terminal, a condition chip, an expression chip, a schema field, and a card itself (a stage
 * reordered along its pipeline, a lookup or Q group moved or copied between groups). Each drop is one command
 * of {@link CanvasViewModel} (one undo step) or a refusal with the reason in its message. No Nodes.
 */
public final class CanvasDrops {
    /** What is being dragged. */
    public enum Kind { STAGE, CONDITION, EXPRESSION, FIELD, MODEL }

    /** A dragged item: its kind and value ({@code STAGE order_by}, {@code CONDITION OR}, {@code FIELD Post.title}). */
    public record Payload(Kind kind, String value) {
        private static final String PREFIX = "qss-";

        /** The text a Dragboard carries: {@code qss-stage:order_by} (the schema browser writes qss-field / qss-model). */
        public String encode() {
            return PREFIX + kind.name().toLowerCase() + ":" + value;
        }

        /** The payload a Dragboard's text names, or null for text from elsewhere. */
        public static Payload decode(String text) {
            if (text == null || !text.startsWith(PREFIX) || text.indexOf(':') < 0) {
                return null;
            }
            String kind = text.substring(PREFIX.length(), text.indexOf(':'));
            String value = text.substring(text.indexOf(':') + 1);
            if (kind.equals("expr")) {
                return new Payload(Kind.EXPRESSION, value);
            }
            for (Kind k : Kind.values()) {
                if (k.name().equalsIgnoreCase(kind)) {
                    return new Payload(k, value);
                }
            }
            return null;
        }
    }

    private final CanvasViewModel vm;

    public CanvasDrops(CanvasViewModel vm) {
        this.vm = vm;
    }

    private DesignGraph graph() {
        return vm.graphProperty().get();
    }

    private DesignNode node(String id) {
        DesignGraph g = graph();
        return g == null || id == null ? null : g.node(id);
    }

    /** True when the node is a place in a pipeline: its source or a step (or a part of one). */
    private boolean inPipeline(String id) {
        DesignNode n = node(id);
        return n != null && (n.kind() == NodeKind.SOURCE || Pipelines.stepOf(graph(), id) != null);
    }

    // ---------------------------------------------------------------- items from the palette and schema

    /** Whether dropping {@code p} on node {@code target} would do something (the drop-target highlight). */
    public boolean accepts(Payload p, String target) {
        DesignNode n = node(target);
        if (p == null || n == null) {
            return false;
        }
        switch (p.kind()) {
            case STAGE:
                return inPipeline(target) || frameSource(n) != null;
            case CONDITION:
                // on another stage or the source a condition becomes a new filter() there, Exists too
                return vm.conditionTarget(target) != null || inPipeline(target) && Pipelines.isStep(graph(), target)
                        || n.kind() == NodeKind.SOURCE;
            case EXPRESSION:
                return n.kind() == NodeKind.EXPRESSION || n.kind() == NodeKind.LOOKUP || n.kind() == NodeKind.SOURCE
                        || Pipelines.isStep(graph(), target);
            case FIELD:
                // anywhere else in a pipeline (the source, a slice, a distinct()...) it becomes a filter() there
                return n.kind() == NodeKind.LOOKUP || vm.conditionTarget(target) != null || takesField(target)
                        || frameSource(n) != null || takesArgument(target) || inPipeline(target);
            default:
                return false;
        }
    }

    /** Drops {@code p} on node {@code target}; false with the reason in the view-model's message. */
    public boolean drop(Payload p, String target) {
        if (!accepts(p, target)) {
            vm.setMessage(refusal(p, target));
            return false;
        }
        switch (p.kind()) {
            case STAGE:
                return dropStage(p.value(), target);
            case CONDITION:
                return dropCondition(p.value(), target);
            case EXPRESSION:
                if (node(target).kind() == NodeKind.SOURCE || Pipelines.isStep(graph(), target) && !holdsNamed(target)) {
                    return annotateWith(p.value(), target);
                }
                vm.select(target);
                return ExpressionPalette.put(vm, p.value());
            case FIELD:
                return dropField(p.value(), target);
            default:
                return false;
        }
    }

    /**
     * Drops {@code p} on the pipeline wire leaving {@code from}: a stage goes in between; a condition becomes a
     * filter there, an expression an annotate().
     */
    public boolean dropOnWire(Payload p, String from) {
        if (!acceptsOnWire(p)) {
            vm.setMessage("A wire takes a stage, a terminal, a condition (which becomes a filter there) or an "
                    + "expression (which becomes an annotate()).");
            return false;
        }
        switch (p.kind()) {
            case STAGE:
                return dropStage(p.value(), from);
            case EXPRESSION:
                return annotateWith(p.value(), from);
            default:
                return vm.addStageAfter(from, filterWith(condition(p.value(), modelOf(from))));
        }
    }

    public boolean acceptsOnWire(Payload p) {
        return p != null && (p.kind() == Kind.STAGE || p.kind() == Kind.EXPRESSION
                || p.kind() == Kind.CONDITION && !p.value().equals("Exists"));
    }

    /** A new annotate() after {@code anchor} holding a new palette expression (named after it). */
    public boolean annotateWith(String item, String anchor) {
        Expression e = ExpressionPalette.create(item, vm.schema(), placeModel(anchor));
        String alias = AnnotationEdits.freshAlias(placeModel(anchor),
                item.equals("F+") ? "score" : item.toLowerCase(java.util.Locale.ROOT), vm.schema());
        boolean ok = vm.addStageAfter(anchor, new Step.Annotate(List.of(), java.util.Map.of(alias, e), false));
        if (ok) {
            vm.select(NodePath.parse(vm.focusedProperty().get()).child(new Segment.Named(alias)).toString());
        }
        return ok;
    }

    /** Why {@code p} cannot go on {@code target}, and where it can. */
    public String refusal(Payload p, String target) {
        return p == null ? "Nothing to drop." : "Cannot drop " + p.value() + " on "
                + (node(target) == null ? "that" : node(target).label()) + ": " + where(p);
    }

    private static String where(Payload p) {
        switch (p.kind()) {
            case STAGE:
                return "a stage goes on a stage, a source or a wire of a pipeline.";
            case CONDITION:
                return "a condition goes on a filter, an exclude, a Q group, a wire, the source or a stage (as a new "
                        + "filter() there).";
            case EXPRESSION:
                return "an expression goes on a stage or wire (as an annotate()), an annotate, alias or aggregate "
                        + "stage, an expression or a lookup.";
            case FIELD:
                return "a field goes on a filter, a Q group, a lookup, annotate, aggregate, order_by, values, "
                        + "only, defer, distinct, select_related or prefetch_related; on the source or another stage "
                        + "of a pipeline it becomes a filter() there.";
            default:
                return "drop a model on empty canvas to start a new query on it.";
        }
    }

    private String modelOf(String id) {
        return CanvasModels.modelOf(graph(), id);
    }

    /** The model of the pipeline a stage added at {@code anchor} goes into (a frame's nested model for a frame). */
    public String placeModel(String anchor) {
        DesignNode n = node(anchor);
        String inner = n == null ? null : frameSource(n);
        return modelOf(inner != null ? inner : anchor);
    }

    private String frameSource(DesignNode n) {
        if (n.kind() == NodeKind.STAGE || n.kind() == NodeKind.TERMINAL || n.kind() == NodeKind.SOURCE) {
            return null;
        }
        for (String c : n.children()) {
            if (graph().node(c).kind() == NodeKind.SOURCE) {
                return c;
            }
        }
        return null;
    }

    private boolean dropStage(String name, String target) {
        DesignNode n = node(target);
        String inner = frameSource(n);
        String model = modelOf(inner != null ? inner : target);
        Step step;
        try {
            step = PaletteItems.stage(name, vm.schema(), model);
        } catch (RuntimeException e) {
            vm.setMessage("Cannot add " + name + ": " + e.getMessage());
            return false;
        }
        return vm.addStageAfter(target, step);
    }

    private Q condition(String kind, String model) {
        return kind.equals("lookup") ? PaletteItems.defaultLookup(vm.schema(), model)
                : PaletteItems.group(kind, vm.schema(), model);
    }

    private static Step filterWith(Q q) {
        return q instanceof Q.Lookup l ? new Step.Filter(List.of(), List.of(l), false)
                : new Step.Filter(List.of(q), List.of(), false);
    }

    private boolean dropCondition(String kind, String target) {
        String into = vm.conditionTarget(target);
        if (kind.equals("Exists")) {
            return into != null ? vm.nested().addExists(target) : vm.nested().addExistsFilterAfter(target);
        }
        if (into == null) {
            // on another stage or the source: a new filter() with it, right there
            return vm.addStageAfter(target, filterWith(condition(kind, modelOf(target))));
        }
        return vm.addConditionTo(into, condition(kind, modelOf(into)));
    }

    private Step stepOfNode(String id) {
        if (!Pipelines.isStep(graph(), id)) {
            return null;
        }
        try {
            return QueryLens.get(vm.design().query(), NodePath.parse(id), Step.class);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private boolean holdsNamed(String id) {
        Step s = stepOfNode(id);
        return s != null && AliasRule.holdsNamed(s);
    }

    private boolean takesField(String id) {
        Step s = stepOfNode(id);
        return s instanceof Step.OrderBy || s instanceof Step.Values || s instanceof Step.ValuesList
                || s instanceof Step.Only || s instanceof Step.Distinct || s instanceof Step.SelectRelated
                || s instanceof Step.PrefetchRelated || s instanceof Step.Annotate || s instanceof Step.Aggregate;
    }

    /** True for an aggregate or function node: a field dropped on it becomes its (first) argument. */
    private boolean takesArgument(String id) {
        DesignNode n = node(id);
        if (n == null || n.kind() != NodeKind.EXPRESSION) {
            return false;
        }
        Object part = QueryLens.shown(vm.design().query(), n.path());
        return part instanceof Expression.Aggregate || part instanceof Expression.Func f && !f.args().isEmpty();
    }

    private boolean dropField(String modelDotField, String target) {
        DesignNode n = node(target);
        if (takesArgument(target)) {
            return fieldAsArgument(modelDotField, target);
        }
        String inner = frameSource(n);
        if (inner != null) {
            return dropFieldOnFrame(modelDotField, target, inner);
        }
        String model = modelOf(target);
        if (n.kind() == NodeKind.LOOKUP) {
            // onto a lookup: it becomes a lookup on that field (the usual one for its type)
            Q.Lookup leaf = CanvasModels.lookupForField(vm.schema(), model, modelDotField);
            if (leaf == null) {
                return noPath(model, modelDotField);
            }
            boolean ok = vm.replaceCondition(target, leaf);
            if (ok) {
                vm.select(target);
            }
            return ok;
        }
        String into = vm.conditionTarget(target);
        if (into != null) {
            Q.Lookup leaf = CanvasModels.lookupForField(vm.schema(), model, modelDotField);
            return leaf == null ? noPath(model, modelDotField) : vm.addConditionTo(into, leaf);
        }
        if (!takesField(target)) {
            // the source or a stage with no use for a field: filter by it right there
            Q.Lookup leaf = CanvasModels.lookupForField(vm.schema(), model, modelDotField);
            return leaf == null ? noPath(model, modelDotField) : vm.addStageAfter(target, filterWith(leaf));
        }
        Step s = stepOfNode(target);
        boolean prefetch = s instanceof Step.PrefetchRelated;
        String path = FieldDrops.path(vm.schema(), model, modelDotField, prefetch);
        if (path == null) {
            return noPath(model, modelDotField);
        }
        if (s instanceof Step.Annotate || s instanceof Step.Aggregate) {
            return addAggregate(target, path, FieldDrops.isRelation(vm.schema(), model, path) ? "Count" : "Max");
        }
        Step base = isPlaceholder(s, model) ? FieldDrops.withoutFields(s) : s;
        return vm.command("Add " + path + " to " + s.method(), q -> StepEdits.replace(q, NodePath.parse(target),
                FieldDrops.withField(base, vm.schema(), model, path)).query());
    }

    /** True when the stage still holds exactly what its palette chip put there (its placeholder fields). */
    private boolean isPlaceholder(Step s, String model) {
        try {
            return s.equals(PaletteItems.stage(s.method(), vm.schema(), model));
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** {@code Count("pk")} with {@code posts} dropped on it: {@code Count("posts")}; a function's first argument. */
    private boolean fieldAsArgument(String modelDotField, String target) {
        String model = modelOf(target);
        String path = FieldDrops.path(vm.schema(), model, modelDotField, false);
        if (path == null) {
            return noPath(model, modelDotField);
        }
        Expression f = new Expression.F(path);
        Object part = QueryLens.shown(vm.design().query(), NodePath.parse(target));
        Expression next;
        if (part instanceof Expression.Aggregate a) {
            next = new Expression.Aggregate(a.function(), f, a.distinct(), a.filter(), a.defaultValue(), a.options());
        } else {
            Expression.Func fn = (Expression.Func) part;
            List<Expression> args = new java.util.ArrayList<>(fn.args());
            args.set(0, f);
            next = new Expression.Func(fn.name(), args, fn.options());
        }
        boolean ok = vm.command("Set argument to " + path, q -> ExpressionEdits.replace(q, NodePath.parse(target),
                next).query());
        if (ok) {
            vm.select(target);
        }
        return ok;
    }

    /**
     * A field dropped on a nested queryset's frame: a relation back to the outer model links the two
     * ({@code author=OuterRef("pk")}, in a Subquery or Exists); any other field is what a Subquery returns
     * ({@code .values("title")[:1]}), or in other frames (Exists, a Prefetch queryset, {@code __in}) a lookup
     * of a filter at the start of the nested pipeline.
     */
    private boolean dropFieldOnFrame(String modelDotField, String frame, String innerSource) {
        String innerModel = modelOf(innerSource);
        String outerModel = modelOf(frame);
        String path = FieldDrops.path(vm.schema(), innerModel, modelDotField, false);
        if (path == null) {
            return noPath(innerModel, modelDotField);
        }
        Object part = QueryLens.shown(vm.design().query(), NodePath.parse(frame));
        boolean correlated = part instanceof Expression.Subquery || part instanceof Expression.Exists;
        boolean linksOuter = correlated && FieldDrops.isRelation(vm.schema(), innerModel, path)
                && studio.queryset.design.RelationPaths.target(vm.schema(), innerModel, path).orElse("")
                .equals(outerModel);
        Q.Lookup leaf = linksOuter ? new Q.Lookup(path, new Expression.OuterRef("pk", 1))
                : CanvasModels.lookupForField(vm.schema(), innerModel, modelDotField);
        if (part instanceof Expression.Subquery && !linksOuter) {
            boolean ok = vm.command("Subquery returns " + path, q -> NestedEdits.singleValue(q, NodePath.parse(frame),
                    path).query());
            if (ok) {
                vm.select(frame);
            }
            return ok;
        }
        List<String> steps = Pipelines.steps(graph(), innerSource);
        for (String s : steps) {
            if (stepOfNode(s) instanceof Step.Filter f && !f.exclude()) {
                return vm.addConditionTo(s, leaf);
            }
        }
        return vm.addStageAfter(innerSource, filterWith(leaf));
    }

    /** Adds {@code function(path)} to an annotate / aggregate stage under a fresh alias and selects it. */
    public boolean addAggregate(String stepId, String path, String function) {
        Step s = stepOfNode(stepId);
        if (s == null || !AliasRule.holdsNamed(s)) {
            vm.setMessage("An aggregate goes into an annotate, alias or aggregate stage.");
            return false;
        }
        Expression e = new Expression.Aggregate(function, new Expression.F(path), false, null, null,
                java.util.Map.of());
        NodePath step = NodePath.parse(stepId);
        String base = FieldDrops.aliasFor(path, function);
        return vm.run(q -> {
            Edit added = AnnotationEdits.addFresh(q, step, base, e, vm.schema());
            return new Edit(added.query(), added.selectAfter(), "Add " + function + "(\"" + path + "\")");
        });
    }

    private boolean noPath(String model, String modelDotField) {
        vm.setMessage("No path from " + model + " to " + modelDotField + ": drop a field of " + model
                + " or of a model one relation away.");
        return false;
    }

    // ---------------------------------------------------------------- cards dragged onto cards and wires

    /** Whether dropping the card {@code dragged} on node {@code target} changes the query (highlight). */
    public boolean acceptsNode(String dragged, String target) {
        DesignNode d = node(dragged);
        DesignNode t = node(target);
        if (d == null || t == null || dragged.equals(target)) {
            return false;
        }
        if (Pipelines.isStep(graph(), dragged)) {
            Pipelines.StepAt from = Pipelines.stepOf(graph(), dragged);
            if (t.kind() == NodeKind.SOURCE) {
                return target.equals(from.sourceId()) && from.index() > 0;
            }
            Pipelines.StepAt to = Pipelines.stepOf(graph(), target);
            return Pipelines.isStep(graph(), target) && to.sameQuerysetAs(from) && to.index() != from.index() - 1;
        }
        if (d.kind() == NodeKind.LOOKUP || d.kind() == NodeKind.Q_GROUP) {
            String into = vm.conditionTarget(target);
            if (into == null) {
                return false;
            }
            for (String up = into; up != null; up = graph().node(up).parent()) {
                if (up.equals(dragged)) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    /**
     * Django's refusal of the order a stage dragged after {@code target} would make (shown while hovering, in
     * red), or null when Django accepts it or the drag is not a stage move.
     */
    public String stageMoveRefusal(String dragged, String target) {
        if (!acceptsNode(dragged, target) || !Pipelines.isStep(graph(), dragged)) {
            return null;
        }
        Pipelines.StepAt from = Pipelines.stepOf(graph(), dragged);
        int anchor = node(target).kind() == NodeKind.SOURCE ? -1 : Pipelines.stepOf(graph(), target).index();
        int to = anchor < from.index() ? anchor + 1 : anchor;
        List<Step> steps = QueryLens.pipeline(vm.design().query(), CanvasViewModel.path(from.frame())).steps();
        try {
            StageOrder.move(steps, from.index(), to);
            return null;
        } catch (studio.queryset.query.QueryException e) {
            return e.getMessage();
        }
    }

    /** Whether dropping the card on the wire leaving {@code from} moves its stage there. */
    public boolean acceptsNodeOnWire(String dragged, String from) {
        return Pipelines.isStep(graph(), dragged) && acceptsNode(dragged, from);
    }

    /** Drops a card on a node: a stage moves after it, a condition moves (or with {@code copy} copies) into it. */
    public boolean dropNode(String dragged, String target, boolean copy) {
        if (Pipelines.isStep(graph(), dragged)) {
            return vm.moveStage(dragged, target);
        }
        return vm.moveCondition(dragged, target, copy);
    }
}
