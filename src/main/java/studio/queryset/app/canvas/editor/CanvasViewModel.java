package studio.queryset.app.canvas.editor;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableSet;
import studio.queryset.app.canvas.palette.ExpressionPalette;
import studio.queryset.app.document.QueryViewModel;
import studio.queryset.design.AutoLayout;
import studio.queryset.design.Design;
import studio.queryset.design.DesignGraph;
import studio.queryset.design.NodeToName;
import studio.queryset.design.DesignNode;
import studio.queryset.design.NodeKind;
import studio.queryset.design.Pipelines;
import studio.queryset.design.StageOrder;
import studio.queryset.design.Point;
import studio.queryset.design.QueryDocument;
import studio.queryset.design.Revision;
import studio.queryset.design.edit.ConditionEdits;
import studio.queryset.design.edit.Edit;
import studio.queryset.design.edit.ExpressionEdits;
import studio.queryset.design.edit.NestedEdits;
import studio.queryset.design.edit.NodeEdits;
import studio.queryset.query.NodePath;
import studio.queryset.design.edit.QueryLens;
import studio.queryset.design.edit.StepEdits;
import studio.queryset.query.Expression;
import studio.queryset.query.Q;
import studio.queryset.query.QueryException;
import studio.queryset.query.QuerySet;
import studio.queryset.query.Step;
import studio.queryset.schema.Schema;

/**
 * The canvas's state: a projection of the {@link QueryDocument}'s current {@link Revision} (its graph, the
 * layout of it, the compile error badges), the selection, and every canvas action as a command applied to the
 * document. The document owns the design and its history; nothing here holds a query of its own. No Nodes.
 */
public final class CanvasViewModel {
    private final QueryViewModel query;
    private final QueryDocument document;
    /** The revision on the canvas now: a new one with the same query only moves cards. */
    private Revision shown;
    private final ReadOnlyObjectWrapper<DesignGraph> graph = new ReadOnlyObjectWrapper<>(this, "graph");
    private final ReadOnlyIntegerWrapper positionsVersion = new ReadOnlyIntegerWrapper(this, "positionsVersion");
    /** The graph before the last command, while a gesture may still ask what it added (see takeNodeToName). */
    private DesignGraph beforeCommand;
    private final ReadOnlyIntegerWrapper editRequests = new ReadOnlyIntegerWrapper(this, "editRequests");
    private final ReadOnlyIntegerWrapper canvasRequests = new ReadOnlyIntegerWrapper(this, "canvasRequests");
    private final ReadOnlyIntegerWrapper historyVersion = new ReadOnlyIntegerWrapper(this, "historyVersion");
    private final ReadOnlyObjectWrapper<Map<String, String>> errors = new ReadOnlyObjectWrapper<>(this, "errors",
            Map.of());
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ObservableSet<String> selection = FXCollections.observableSet(new LinkedHashSet<>());
    private final ReadOnlyObjectWrapper<String> focused = new ReadOnlyObjectWrapper<>(this, "focused");
    private Map<String, Point> layout = Map.of();
    private Object clipboard;
    /** Time of the last graph refresh (ns): edit → graph, layout and errors. */
    private long lastRefreshNanos;
    private final NestedCommands nested = new NestedCommands(this);
    /** Gotcha and lint warnings per node (yellow badges). */
    private final CanvasWarnings warnings;
    private String timings = "";

    public CanvasViewModel(QueryViewModel query) {
        this.query = query;
        this.document = query.document();
        this.warnings = new CanvasWarnings(this);
        query.revisionProperty().addListener((o, old, r) -> show(r));
        selection.addListener((javafx.collections.SetChangeListener<String>) c -> {
            String last = null;
            for (String id : selection) {
                last = id;
            }
            focused.set(last);
        });
        show(query.revisionProperty().get());
    }

    // ---------------------------------------------------------------- projection of the document

    /**
     * Starts over on a design (File > New, Open, a sample, the recovery file): its positions are the layout, no
     * position or undo step of the design shown before carries over.
     */
    public void load(Design d) {
        selection.clear();
        document.load(d);
        document.settle();
    }

    /**
     * Applies a command to the document and waits for its revision: the commands that select what they added
     * read the new graph right after. (With typed node paths, {@code Edit.selectAfter}, the wait can go.)
     */
    private void apply(String name, Design next, String mergeKey) {
        DesignGraph before = graph.get();
        if (document.apply(name, next, mergeKey)) {
            document.settle();
            beforeCommand = mergeKey == null ? before : null;
        }
    }

    /**
     * The node the last command added for the user to name or fill (see {@link NodeToName}), handed out once: the
     * view that gives the keyboard back after a drop, a palette click or a search choice opens it for typing.
     * A gesture forgets it before it starts, so a refused drop never opens what an earlier command added.
     */
    public void forgetNodeToName() {
        beforeCommand = null;
    }

    /** See {@link #forgetNodeToName()}: a gesture forgets first, then takes what its own command added. */
    public String takeNodeToName() {
        DesignGraph before = beforeCommand;
        beforeCommand = null;
        return before == null ? null : NodeToName.of(before, graph.get()); // only gestures pay for the comparison
    }

    /** A new revision: cards move when only positions changed, else graph, layout and error badges follow it. */
    private void show(Revision r) {
        long t0 = System.nanoTime();
        Revision before = shown;
        shown = r;
        DesignGraph g = r.graph();
        layout = g == null ? Map.of() : AutoLayout.layout(g, r.design().positions());
        if (before != null && before.graph() == g && r.cause() != Revision.Cause.LOAD) {
            // positions only: the views move; the inspector (which follows historyVersion) has nothing new to show
            positionsVersion.set(positionsVersion.get() + 1);
            return;
        }
        long t1 = System.nanoTime();
        errors.set(r.nodeErrors());
        problem.set(r.nodeProblem());
        selection.removeIf(id -> g == null || g.node(id) == null);
        graph.set(g);
        historyVersion.set(historyVersion.get() + 1);
        if (r.cause() == Revision.Cause.LOAD) {
            positionsVersion.set(positionsVersion.get() + 1);
        }
        long t2 = System.nanoTime();
        timings = String.format("layout %.2f ms, views %.2f ms", (t1 - t0) / 1e6, (t2 - t1) / 1e6);
        lastRefreshNanos = t2 - t0;
    }

    /** The revision the canvas shows (its findings are the warning badges). */
    Revision revision() {
        return shown;
    }

    // ---------------------------------------------------------------- commands

    private QuerySet qs() {
        return document.design().query();
    }

    /** Starts a new pipeline on a model ({@code Model.objects.all()}), as dropping a model on the canvas does. */
    public boolean startPipeline(String model) {
        Schema s = query.schemaProperty().get();
        if (s == null || s.findModel(model).isEmpty()) {
            message.set("No model " + model + " in the schema.");
            return false;
        }
        document.startOver(QuerySet.of(s.findModel(model).get().name()));
        document.settle();
        message.set("Started " + model + ".objects — add stages from the palette");
        return true;
    }

    /** Runs an edit of the query as a command; a QueryException is shown as the message, nothing changes. */
    boolean edit(String name, UnaryOperator<QuerySet> change) {
        return edit(name, change, Set.of());
    }

    /** An edit that also forgets the saved positions of {@code unplace} (cards that go back to automatic places). */
    boolean edit(String name, UnaryOperator<QuerySet> change, Set<String> unplace) {
        if (qs() == null) {
            message.set("Select a model in the schema browser first: there is no QuerySet to edit.");
            return false;
        }
        try {
            QuerySet next = change.apply(qs());
            message.set(name);
            apply(name, document.design().withoutPositions(unplace).withQuery(next), null);
            return true;
        } catch (QueryException e) {
            message.set(e.kind() + ": " + e.getMessage());
            return false;
        } catch (RuntimeException e) {
            message.set("Cannot " + name.toLowerCase() + ": " + e.getMessage());
            return false;
        }
    }

    /** Runs a named edit as one command: its undo name, and the node it selects afterwards. */
    public boolean run(java.util.function.Function<QuerySet, Edit> change) {
        if (qs() == null) {
            message.set("Select a model in the schema browser first: there is no QuerySet to edit.");
            return false;
        }
        Edit done;
        try {
            done = change.apply(qs());
        } catch (QueryException e) {
            message.set(e.kind() + ": " + e.getMessage());
            return false;
        } catch (RuntimeException e) {
            message.set("Cannot edit: " + e.getMessage());
            return false;
        }
        boolean ok = edit(done.undoName(), q -> done.query());
        if (ok && done.selectAfter() != null && graph.get() != null && graph.get().node(done.selectAfter()) != null) {
            select(done.selectAfter().toString());
        }
        return ok;
    }

    /** The path of a node id, or null for null (the main pipeline where a frame is asked for). */
    static NodePath path(String id) {
        return id == null ? null : NodePath.parse(id);
    }

    /** Adds a stage after the selected card (see {@link #addStageAfter}). */
    public boolean addStage(Step step) {
        return addStageAfter(focused.get(), step);
    }

    /**
     * Adds a stage right after the step {@code anchor} is or hangs under (first when it is a pipeline's source,
     * at the end of a frame's pipeline when it is the frame), else at the end of the main pipeline. Where Django
     * would refuse that place (a filter after {@code [:1]}) it goes to the latest place before it that Django
     * accepts, and the message says why; a terminal goes last, replacing the one there. The new stage is selected.
     */
    public boolean addStageAfter(String anchor, Step step) {
        if (qs() == null) {
            message.set("Select a model in the schema browser first: there is no QuerySet to edit.");
            return false;
        }
        DesignGraph g = graph.get();
        String source = "src";
        int wanted = qs().steps().size();
        DesignNode an = anchor == null ? null : g.node(anchor);
        String frameSource = an == null ? null : sourceUnder(g, an);
        Pipelines.StepAt at = Pipelines.stepOf(g, anchor);
        if (frameSource != null) {
            source = frameSource;
            wanted = Integer.MAX_VALUE;
        } else if (an != null && an.kind() == NodeKind.SOURCE) {
            source = anchor;
            wanted = 0;
        } else if (at != null) {
            source = at.sourceId();
            wanted = at.index() + 1;
        }
        String frame = Pipelines.frameOfSource(g, source);
        List<Step> steps = QueryLens.pipeline(qs(), path(frame)).steps();
        StageOrder.Placement p;
        try {
            p = StageOrder.place(steps, Math.min(wanted, steps.size()), step);
        } catch (QueryException e) {
            message.set("Cannot add " + StageOrder.name(step) + " here: " + e.getMessage());
            return false;
        }
        String name = "Add " + step.method() + (frame == null ? "" : " in " + g.node(frame).label());
        NodePath place = NodePath.parse(source).sibling(p.index());
        boolean ok = edit(name, q -> p.replacesTerminal() ? StepEdits.replace(q, place, step).query()
                : StepEdits.insert(q, place, step).query());
        if (ok) {
            List<String> now = Pipelines.steps(graph.get(), source);
            select(now.get(Math.min(p.index(), now.size() - 1)));
            if (p.note() != null) {
                message.set(name + " — " + p.note());
            }
        }
        return ok;
    }

    /** The source of the pipeline a frame node (Subquery, Exists, Prefetch with a queryset...) holds, or null. */
    private static String sourceUnder(DesignGraph g, DesignNode n) {
        if (n.kind() == NodeKind.STAGE || n.kind() == NodeKind.TERMINAL || n.kind() == NodeKind.SOURCE) {
            return null;
        }
        for (String c : n.children()) {
            if (g.node(c).kind() == NodeKind.SOURCE) {
                return c;
            }
        }
        return null;
    }

    /**
     * Moves a stage along its pipeline to just after {@code anchor} (a step of the same pipeline, or its source
     * for the first place), as one command; Django's refusal when the new order is one it forbids. The moved
     * stage is selected; the pipeline's cards go back to their automatic places, in the new order.
     */
    public boolean moveStage(String stepId, String anchor) {
        DesignGraph g = graph.get();
        Pipelines.StepAt from = g == null ? null : Pipelines.stepOf(g, stepId);
        if (from == null || !from.stepId().equals(stepId)) {
            message.set("Only a stage moves along a pipeline.");
            return false;
        }
        DesignNode an = g.node(anchor);
        Pipelines.StepAt to = Pipelines.stepOf(g, anchor);
        int anchorIndex;
        if (an != null && an.kind() == NodeKind.SOURCE && anchor.equals(from.sourceId())) {
            anchorIndex = -1;
        } else if (to != null && to.sameQuerysetAs(from)) {
            anchorIndex = to.index();
        } else {
            message.set("A stage moves within its own pipeline: drop it on a stage or a wire of the same queryset.");
            return false;
        }
        int target = anchorIndex < from.index() ? anchorIndex + 1 : anchorIndex;
        if (target == from.index()) {
            message.set("The stage is already there.");
            return false;
        }
        String frame = from.frame();
        QuerySet pipeline = QueryLens.pipeline(qs(), path(frame));
        String label = g.node(stepId).label();
        Set<String> stale = new LinkedHashSet<>();
        for (DesignNode n : g.nodes()) {
            Pipelines.StepAt s = Pipelines.stepOf(g, n.id());
            if (s != null && s.sameQuerysetAs(from)) {
                stale.add(n.id());
            }
        }
        boolean ok = edit("Move " + label, q -> {
            QuerySet moved = new QuerySet(pipeline.model(), StageOrder.move(pipeline.steps(), from.index(), target));
            return frame == null ? moved : NestedEdits.replaceNested(q, path(frame), moved, "Move").query();
        }, stale);
        if (ok) {
            select(Pipelines.steps(graph.get(), from.sourceId()).get(target));
        }
        return ok;
    }

    /**
     * Moves (or with {@code copy} copies) a lookup or Q group into another filter, exclude or Q group, as one
     * command; refused with a reason when it would go into itself or into a queryset of another model.
     */
    public boolean moveCondition(String fromId, String targetId, boolean copy) {
        DesignGraph g = graph.get();
        DesignNode n = g == null || fromId == null ? null : g.node(fromId);
        if (n == null || (n.kind() != NodeKind.LOOKUP && n.kind() != NodeKind.Q_GROUP)) {
            message.set("Only a lookup or a Q group moves between conditions.");
            return false;
        }
        String target = conditionTarget(targetId);
        if (target == null) {
            message.set("Drop a condition on a filter, an exclude or a Q group.");
            return false;
        }
        for (String up = target; up != null; up = g.node(up).parent()) {
            if (up.equals(fromId)) {
                message.set("A Q group cannot go inside itself.");
                return false;
            }
        }
        if (!copy && target.equals(n.parent())) {
            message.set("It is already in that group (Ctrl-drag copies it there).");
            return false;
        }
        String fromModel = CanvasModels.modelOf(g, fromId);
        String toModel = CanvasModels.modelOf(g, target);
        if (fromModel != null && !fromModel.equals(toModel)) {
            message.set(n.label() + " is a condition on " + fromModel + "; that group filters " + toModel
                    + ", where its path would mean something else.");
            return false;
        }
        Object part = part(fromId);
        if (!(part instanceof Q q)) {
            message.set("Cannot move " + n.label() + ": it is not a plain condition.");
            return false;
        }
        boolean ok = edit((copy ? "Copy " : "Move ") + n.label(), qs -> {
            QuerySet added = withCondition(qs, target, q);
            return copy ? added : NodeEdits.delete(added, path(fromId)).query();
        });
        if (ok) {
            String id = graph.get().idOfPart(q);
            select(id);
        }
        return ok;
    }

    /** Adds a condition to the selected filter / Q group (a lookup's group when a lookup is selected). */
    public boolean addCondition(Q condition) {
        String target = conditionTarget(focused.get());
        if (target == null) {
            message.set("Select a filter, exclude or Q group to add a condition to (or add a filter first).");
            return false;
        }
        return addConditionTo(target, condition);
    }

    /** Adds a condition to a filter step or Q group by id and selects it. */
    public boolean addConditionTo(String target, Q condition) {
        DesignNode before = graph.get() == null ? null : graph.get().node(target);
        int count = before == null ? 0 : before.children().size();
        boolean ok = edit("Add condition", q -> withCondition(q, target, condition));
        if (ok) {
            DesignNode after = graph.get().node(target);
            if (after != null && after.children().size() > count) {
                select(after.children().get(count));
            }
        }
        return ok;
    }

    /** {@code qs} with a condition added to a filter step or Q group; a lookup straight in filter() is a keyword. */
    private QuerySet withCondition(QuerySet q, String target, Q condition) {
        return ConditionEdits.add(q, path(target), condition).query();
    }

    /** The filter or Q group a new condition for {@code id} goes into, or null. */
    public String conditionTarget(String id) {
        DesignGraph g = graph.get();
        if (g == null || id == null || g.node(id) == null) {
            return null;
        }
        DesignNode n = g.node(id);
        if (n.kind() == NodeKind.Q_GROUP) {
            return id;
        }
        if (n.role() == studio.queryset.design.Role.STEP && part(id) instanceof Step.Filter) {
            return id;
        }
        if (n.kind() == NodeKind.LOOKUP && n.parent() != null) {
            return conditionTarget(n.parent());
        }
        return null;
    }

    /**
     * An inspector's change as one command, merged into the previous one when both carry the same non-null
     * {@code mergeKey} (one run of typing in one field); the selection follows a renamed node but is not reset
     * when it stays, so the inspector is not rebuilt under the user's hands. Null when applied, else why not.
     */
    public String commit(Edit done, String mergeKey) {
        if (qs() == null) {
            return "Select a model in the schema browser first: there is no QuerySet to edit.";
        }
        message.set(done.undoName());
        apply(done.undoName(), document.design().withQuery(done.query()), mergeKey);
        NodePath after = done.selectAfter();
        if (after != null && !after.toString().equals(focused.get()) && graph.get() != null
                && graph.get().node(after) != null) {
            select(after.toString());
        }
        return null;
    }

    /** Asks the canvas to take the keyboard (Enter in the inspector: arrows move between cards again). */
    public void requestCanvas() {
        canvasRequests.set(canvasRequests.get() + 1);
    }

    /** Bumped by {@link #requestCanvas()}. */
    public ReadOnlyIntegerProperty canvasRequestsProperty() {
        return canvasRequests.getReadOnlyProperty();
    }

    /** Runs any edit of the query as one undoable command (expression edits use it); false with a message if refused. */
    public boolean command(String name, UnaryOperator<QuerySet> change) {
        return edit(name, change);
    }

    public boolean replaceStep(String id, Step step) {
        return edit("Edit " + step.method(), q -> StepEdits.replace(q, path(id), step).query());
    }

    public boolean replaceCondition(String id, Q condition) {
        return run(q -> ConditionEdits.replace(q, path(id), condition));
    }

    public boolean toggleConnector(String id) {
        return run(q -> ConditionEdits.toggleConnector(q, path(id)));
    }

    public boolean negate(String id) {
        return run(q -> ConditionEdits.negate(q, path(id)));
    }

    public boolean replaceExpression(String id, Expression e) {
        return run(q -> ExpressionEdits.replace(q, path(id), e));
    }

    /** Deletes the selected nodes (sources stay); a node inside another selected one goes with it. */
    public boolean deleteSelection() {
        List<NodePath> paths = new ArrayList<>();
        for (String id : selection) {
            NodePath p = path(id);
            if (!p.isSource()) {
                paths.add(p);
            }
        }
        if (paths.isEmpty()) {
            return false;
        }
        boolean ok = run(q -> NodeEdits.deleteAll(q, paths));
        if (ok) {
            selection.clear();
        }
        return ok;
    }

    /** Copies the focused step, condition or expression. */
    public boolean copy() {
        Object part = part(focused.get());
        if (part == null) {
            message.set("Select a stage, condition or expression to copy.");
            return false;
        }
        clipboard = part;
        message.set("Copied " + graph.get().node(focused.get()).label());
        return true;
    }

    /**
     * Pastes: a step after the focused stage (or at the end), a condition into the focused filter / group, an
     * expression where an expression palette item would go.
     */
    public boolean paste() {
        if (clipboard instanceof Step s) {
            return addStage(s);
        }
        if (clipboard instanceof Q q) {
            return addCondition(q);
        }
        if (clipboard instanceof Expression e) {
            return ExpressionPalette.place(this, "pasted expression", e, "copy");
        }
        message.set("Nothing to paste: copy a stage, condition or expression first (Ctrl+C).");
        return false;
    }

    /** Copies the focused node and pastes it next to itself. */
    public boolean duplicate() {
        String id = focused.get();
        Object part = part(id);
        if (part == null) {
            message.set("Select a stage or condition to duplicate.");
            return false;
        }
        clipboard = part;
        DesignNode node = graph.get().node(id);
        if (part instanceof Expression e && node.alias() != null) {
            // an annotation: a copy next to it in the same stage, named after it (score → score2)
            String alias = node.alias();
            select(node.path().parent().toString());
            return ExpressionPalette.place(this, "copy of " + alias, e, alias);
        }
        if (part instanceof Expression) {
            message.set("Duplicate copies whole annotations; for a part, copy it (Ctrl+C) and paste it (Ctrl+V) "
                    + "on a stage, an expression or a lookup.");
            return false;
        }
        if (part instanceof Q q) {
            String target = conditionTarget(graph.get().node(id).parent());
            return target != null ? addConditionTo(target, q) : addCondition(q);
        }
        return paste();
    }

    /** The model part a node shows: a Step, a Q (lookup or group), an Expression; else null. */
    public Object part(String id) {
        DesignGraph g = graph.get();
        if (id == null || g == null || g.node(id) == null || qs() == null) {
            return null;
        }
        DesignNode n = g.node(id);
        Object part = QueryLens.shown(qs(), n.path());
        if (n.isStep()) {
            return part instanceof Step ? part : null;
        }
        if (n.kind() == NodeKind.EXPRESSION) {
            return part instanceof Expression ? part : null;
        }
        if (n.kind() == NodeKind.LOOKUP || n.kind() == NodeKind.Q_GROUP) {
            return part instanceof Q ? part : null;
        }
        return null;
    }

    /** Moves nodes to absolute positions; every call with the same {@code dragKey} is one undo step. */
    public void moveNodes(Map<String, Point> to, String dragKey) {
        Design d = document.design();
        for (Map.Entry<String, Point> e : to.entrySet()) {
            d = d.withPosition(e.getKey(), e.getValue());
        }
        apply("Move", d, dragKey);
    }

    /**
     * Takes back the card move of the drag {@code dragKey} (when the drag turned out to be a drop that edits the
     * query, or one Django refuses): the cards return, and the move leaves no undo step of its own.
     */
    public void revertMove(String dragKey) {
        if (document.revertMove(dragKey)) {
            document.settle();
        }
    }

    /** Asks the inspector to put the keyboard in its first field (Enter on a card). */
    public void requestEdit() {
        editRequests.set(editRequests.get() + 1);
    }

    /** Bumped by {@link #requestEdit()}. */
    public ReadOnlyIntegerProperty editRequestsProperty() {
        return editRequests.getReadOnlyProperty();
    }

    /** Nudges the selected nodes by (dx, dy). */
    public void nudge(double dx, double dy) {
        Map<String, Point> to = new LinkedHashMap<>();
        for (String id : selection) {
            Point p = layout.get(id);
            if (p != null) {
                to.put(id, new Point(p.x() + dx, p.y() + dy));
            }
        }
        if (!to.isEmpty()) {
            moveNodes(to, "nudge:" + String.join(",", to.keySet()));
        }
    }

    /** Undo across canvas and text (see {@link QueryViewModel#undo()}). */
    public boolean undo() {
        if (!query.canUndo()) {
            return false;
        }
        message.set("Undo " + query.undoName());
        return query.undo();
    }

    public boolean redo() {
        if (!query.canRedo()) {
            return false;
        }
        message.set("Redo " + query.redoName());
        return query.redo();
    }

    // ---------------------------------------------------------------- selection

    public void select(String id) {
        selection.clear();
        if (id != null) {
            selection.add(id);
        }
    }

    public void toggleSelected(String id) {
        if (!selection.remove(id)) {
            selection.add(id);
        }
    }

    public void selectAll() {
        if (graph.get() != null) {
            selection.clear();
            graph.get().nodes().forEach(n -> selection.add(n.id()));
        }
    }

    public void selectOnly(Collection<String> ids, boolean add) {
        if (!add) {
            selection.clear();
        }
        selection.addAll(ids);
    }

    // ---------------------------------------------------------------- state

    public ReadOnlyObjectProperty<DesignGraph> graphProperty() {
        return graph.getReadOnlyProperty();
    }

    /** Bumped when only positions changed (a drag, a nudge, undo of a move). */
    public ReadOnlyIntegerProperty positionsVersionProperty() {
        return positionsVersion.getReadOnlyProperty();
    }

    /** Bumped after every command, undo and redo that changed the query (moves bump positionsVersion). */
    public ReadOnlyIntegerProperty historyVersionProperty() {
        return historyVersion.getReadOnlyProperty();
    }

    public CanvasWarnings warnings() {
        return warnings;
    }

    /** Node id → compile error shown on it. */
    public ReadOnlyObjectProperty<Map<String, String>> errorsProperty() {
        return errors.getReadOnlyProperty();
    }

    /** The compile error with the node it was put on, for Problems; null when the design compiles. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** What the last command did, or why it could not. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ObservableSet<String> selection() {
        return selection;
    }

    /** The node the inspector shows: the last one selected. */
    public ReadOnlyObjectProperty<String> focusedProperty() {
        return focused.getReadOnlyProperty();
    }

    public Map<String, Point> layout() {
        return layout;
    }

    public Design design() {
        return document.design();
    }

    public boolean canUndo() {
        return query.canUndo();
    }

    public boolean canRedo() {
        return query.canRedo();
    }

    /** What Ctrl+Z would undo ("Add filter", "New query on Author", "typing"), or "". */
    public String undoName() {
        return query.undoName();
    }

    public String redoName() {
        return query.redoName();
    }

    public Schema schema() {
        return query.schemaProperty().get();
    }

    /** Commands for nested pipelines: Subquery / Exists frames, Prefetch, raw(), picked paths. */
    public NestedCommands nested() {
        return nested;
    }

    public void setMessage(String text) {
        message.set(text);
    }

    public QueryViewModel query() {
        return query;
    }

    /** How the last refresh's time was spent (for benchmarks). */
    public String timings() {
        return timings;
    }

    public long lastRefreshNanos() {
        return lastRefreshNanos;
    }

    Set<String> selectedIds() {
        return Set.copyOf(selection);
    }
}
