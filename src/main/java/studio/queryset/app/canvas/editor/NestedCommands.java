package studio.queryset.app.canvas.editor;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import studio.queryset.design.DesignGraph;
import studio.queryset.design.DesignNode;
import studio.queryset.design.NodeKind;
import studio.queryset.design.RelationPaths;
import studio.queryset.design.edit.AnnotationEdits;
import studio.queryset.design.edit.ConditionEdits;
import studio.queryset.design.edit.NestedEdits;
import studio.queryset.query.NodePath;
import studio.queryset.design.edit.QueryLens;
import studio.queryset.query.Segment;
import studio.queryset.query.Expression;
import studio.queryset.query.Prefetch;
import studio.queryset.query.Q;
import studio.queryset.query.QueryException;
import studio.queryset.query.QuerySet;
import studio.queryset.query.Step;
import studio.queryset.schema.Model;
import studio.queryset.schema.Schema;

/**
 * Canvas commands for nested pipelines: Subquery and Exists frames, stages inside a frame, Prefetch lookups
 * with their queryset, raw(), and the picked paths of select_related / only / defer. Each is one undoable
 * command of {@link CanvasViewModel}.
 */
public final class NestedCommands {
    private final CanvasViewModel vm;

    NestedCommands(CanvasViewModel vm) {
        this.vm = vm;
    }

    private DesignGraph graph() {
        return vm.graphProperty().get();
    }

    private QuerySet qs() {
        return vm.design().query();
    }

    /** True when {@code id} is a node holding a nested pipeline ({@code id.src} exists). */
    public boolean isFrame(String id) {
        DesignGraph g = graph();
        return g != null && id != null && g.node(id) != null && g.node(path(id).child(new Segment.Source())) != null;
    }

    /**
     * The frame a new stage goes into when {@code focused} is selected: the frame itself when it is selected,
     * the frame holding the focused node otherwise; null for the main pipeline.
     */
    public String targetFrame(String focused) {
        if (focused == null || graph() == null || graph().node(focused) == null) {
            return null;
        }
        if (isFrame(focused)) {
            return focused;
        }
        NodePath frame = path(focused).frame();
        return frame == null ? null : frame.toString();
    }

    private static NodePath path(String id) {
        return CanvasViewModel.path(id);
    }

    /** The model a new stage is written for: the frame's nested model, else the main one. */
    public String stageModel(String focused) {
        String frame = targetFrame(focused);
        if (frame == null) {
            return qs() == null ? null : qs().model();
        }
        return QueryLens.pipeline(qs(), path(frame)).model();
    }

    /** The model the pipeline around {@code frame} queries: what OuterRef inside the frame refers to. */
    public String outerModel(String frame) {
        return CanvasModels.modelOf(graph(), frame);
    }

    /**
     * Drops a Subquery: on a lookup it becomes the lookup's value, on an annotate() stage a new annotation,
     * anywhere else a new annotate() stage. The new frame is selected.
     */
    public boolean addSubquery(String focused) {
        return addNested(focused, false);
    }

    /**
     * Drops an Exists: on a filter, exclude or Q group (or a lookup in one) a new condition, otherwise an
     * annotation like a Subquery. The new frame is selected.
     */
    public boolean addExists(String focused) {
        return addNested(focused, true);
    }

    /** A new {@code filter(Exists(<related model>.objects.all()))} right after {@code anchor} (the source or a stage). */
    public boolean addExistsFilterAfter(String anchor) {
        if (qs() == null || vm.schema() == null) {
            return nothingToEdit();
        }
        String inner = RelationPaths.relatedModel(vm.schema(), CanvasModels.modelOf(graph(), anchor));
        Set<String> before = ids();
        Q cond = new Q.ExpressionCondition(new Expression.Exists(QuerySet.of(inner)));
        boolean ok = vm.addStageAfter(anchor, new Step.Filter(List.of(cond), List.of(), false));
        if (ok) {
            selectNewFrame(before);
            vm.setMessage("Exists frame added: pick its model in the inspector, drop the field that links it here "
                    + "(it becomes =OuterRef(\"pk\")), then add stages from the palette");
        }
        return ok;
    }

    private boolean addNested(String focused, boolean exists) {
        if (qs() == null || vm.schema() == null) {
            return nothingToEdit();
        }
        DesignNode n = focused == null ? null : graph().node(focused);
        String model = CanvasModels.modelOf(graph(), focused);
        String inner = RelationPaths.relatedModel(vm.schema(), model);
        Set<String> before = ids();
        boolean ok;
        if (exists && n != null && vm.conditionTarget(focused) != null) {
            String target = vm.conditionTarget(focused);
            Q cond = new Q.ExpressionCondition(new Expression.Exists(QuerySet.of(inner)));
            ok = vm.edit("Add Exists", q -> ConditionEdits.add(q, path(target), cond).query());
        } else if (!exists && n != null && n.kind() == NodeKind.LOOKUP && vm.part(focused) instanceof Q.Lookup l) {
            String path = studio.queryset.sql.LookupCatalog.split(l.path())[0];
            String valueModel = RelationPaths.target(vm.schema(), model, path).orElse(model);
            Expression sub = new Expression.Subquery(QuerySet.of(valueModel));
            ok = vm.edit("Subquery as value", q -> ConditionEdits.replace(q, path(focused),
                    new Q.Lookup(l.path(), sub)).query());
        } else {
            Expression e = exists ? new Expression.Exists(QuerySet.of(inner))
                    : new Expression.Subquery(QuerySet.of(inner));
            String alias = exists ? "has_" + Schema.lower(inner) : Schema.lower(inner) + "_value";
            String step = n != null && n.isStep() && vm.part(focused) instanceof Step.Annotate ? focused : null;
            if (step != null) {
                ok = vm.edit("Add " + (exists ? "Exists" : "Subquery"),
                        q -> AnnotationEdits.addFresh(q, path(step), alias, e, vm.schema()).query());
            } else {
                ok = vm.addStage(new Step.Annotate(List.of(), Map.of(alias, e), false));
            }
        }
        if (ok) {
            selectNewFrame(before);
            vm.setMessage((exists ? "Exists" : "Subquery") + " frame added: pick its model in the inspector, then "
                    + "select the frame and add stages from the palette");
        }
        return ok;
    }

    private Set<String> ids() {
        Set<String> out = new HashSet<>();
        if (graph() != null) {
            graph().nodes().forEach(x -> out.add(x.id()));
        }
        return out;
    }

    /** Selects the frame node that the last command created. */
    private void selectNewFrame(Set<String> before) {
        for (DesignNode x : graph().nodes()) {
            if (!before.contains(x.id()) && (x.kind() == NodeKind.SUBQUERY || x.kind() == NodeKind.PREFETCH)) {
                vm.select(x.id());
                return;
            }
        }
    }

    /** Points a Subquery / Exists frame at another model: its pipeline starts over as {@code Model.objects.all()}. */
    public boolean setFrameModel(String frame, String model) {
        Model m = vm.schema() == null ? null : vm.schema().findModel(model).orElse(null);
        if (m == null) {
            vm.setMessage("No model '" + model + "' in the schema; pick one of the list.");
            return false;
        }
        if (QueryLens.pipeline(qs(), path(frame)).model().equals(m.name())) {
            return true;
        }
        boolean ok = vm.edit("Nested model " + m.name(), q -> NestedEdits.setModel(q, path(frame), m.name()).query());
        if (ok) {
            vm.select(frame);
        }
        return ok;
    }

    /** Gives a Subquery frame the single-value shape: {@code .values(field)[:1]}. */
    public boolean singleValue(String frame, String field) {
        if (field == null || field.isBlank()) {
            vm.setMessage("Pick the field the Subquery returns (e.g. title).");
            return false;
        }
        boolean ok = vm.edit("Subquery .values(\"" + field + "\")[:1]",
                q -> NestedEdits.singleValue(q, path(frame), field.strip()).query());
        if (ok) {
            vm.select(frame);
        }
        return ok;
    }

    /** Renames the annotation a frame is the value of ({@code s0.n.old} → {@code s0.n.new}). */
    public boolean renameAnnotation(String frame, String newAlias) {
        DesignNode n = graph() == null ? null : graph().node(frame);
        if (n == null || n.alias() == null) {
            return false;
        }
        String name = newAlias.strip();
        if (name.equals(n.alias())) {
            return true;
        }
        return vm.run(q -> AnnotationEdits.rename(q, n.path(), name, vm.schema()));
    }

    // ---------------------------------------------------------------- prefetch

    /** Adds a Prefetch with a queryset: into the focused prefetch_related stage, else as a new stage. */
    public boolean addPrefetch(String focused) {
        if (qs() == null || vm.schema() == null) {
            return nothingToEdit();
        }
        String model = stageModel(focused);
        List<String> many = RelationPaths.manyValued(vm.schema(), model, 1);
        if (many.isEmpty()) {
            vm.setMessage(model + " has no many-valued relation (M2M or reverse FK) to prefetch.");
            return false;
        }
        String lookup = many.get(0);
        String target = RelationPaths.target(vm.schema(), model, lookup).orElse(model);
        Prefetch pf = new Prefetch(lookup, QuerySet.of(target), null, false);
        Set<String> before = ids();
        DesignNode n = focused == null ? null : graph().node(focused);
        boolean ok;
        if (n != null && n.isStep() && vm.part(focused) instanceof Step.PrefetchRelated) {
            ok = vm.edit("Add Prefetch", q -> NestedEdits.addPrefetch(q, path(focused), pf).query());
        } else {
            ok = vm.addStage(new Step.PrefetchRelated(List.of(pf)));
        }
        if (ok) {
            selectNewFrame(before);
        }
        return ok;
    }

    /** Rewrites a Prefetch: its lookup, whether it has a queryset, its to_attr. */
    public boolean setPrefetch(String prefetchId, String lookup, boolean withQueryset, String toAttr) {
        String model = CanvasModels.modelOf(graph(), prefetchId);
        String path = lookup == null ? "" : lookup.strip();
        if (!RelationPaths.manyValued(vm.schema(), model, 3).contains(path)) {
            vm.setMessage("'" + path + "' is not a many-valued relation of " + model + " to prefetch; choose one of "
                    + RelationPaths.manyValued(vm.schema(), model, 2));
            return false;
        }
        String target = RelationPaths.target(vm.schema(), model, path).orElse(model);
        boolean ok = vm.edit("Edit Prefetch", q -> {
            Prefetch old = NestedEdits.prefetchAt(q, path(prefetchId));
            return NestedEdits.setPrefetch(q, path(prefetchId), NestedEdits.prefetch(path, target, old.queryset(),
                    withQueryset, toAttr)).query();
        });
        if (ok) {
            vm.select(prefetchId);
        }
        return ok;
    }

    // ---------------------------------------------------------------- raw and picked paths

    /** Replaces the whole query with {@code Model.objects.raw(...)} on the main model (undo brings it back). */
    public boolean startRaw() {
        if (qs() == null || vm.schema() == null) {
            return nothingToEdit();
        }
        Model m = vm.schema().model(qs().model());
        String sql = "SELECT * FROM " + m.table() + " WHERE " + m.pk().column() + " > %s";
        boolean ok = vm.edit("Raw SQL", q -> NestedEdits.raw(q.model(), sql, List.of(Expression.Value.of(0L)),
                "Raw SQL").query());
        if (ok) {
            vm.select("s0");
            vm.setMessage("The query is now raw SQL (Ctrl+Z brings the pipeline back): edit it in the inspector");
        }
        return ok;
    }

    /** Sets the raw SQL and its parameters. */
    public boolean setRaw(String sql, List<Expression> params) {
        boolean ok = vm.edit("Edit raw SQL", q -> NestedEdits.raw(q.model(), sql, params, "Edit raw SQL").query());
        if (ok) {
            vm.select("s0");
        }
        return ok;
    }

    /** Sets the paths of a select_related / only / defer / values / values_list stage (at any depth). */
    public boolean setPicked(String stepId, List<String> picked) {
        Step s = vm.part(stepId) instanceof Step st ? st : null;
        Step next;
        if (s instanceof Step.SelectRelated) {
            next = new Step.SelectRelated(picked);
        } else if (s instanceof Step.Only o) {
            if (picked.isEmpty()) {
                vm.setMessage(o.method() + "() needs at least one field: tick one.");
                return false;
            }
            next = new Step.Only(picked, o.defer());
        } else if (s instanceof Step.Values v) {
            next = new Step.Values(picked, v.expressions());
        } else if (s instanceof Step.ValuesList v) {
            if (v.flat() && picked.size() != 1) {
                vm.setMessage("values_list(flat=True) takes exactly one field: tick one (or untick flat in the "
                        + "arguments).");
                return false;
            }
            next = new Step.ValuesList(picked, v.flat(), v.named());
        } else {
            vm.setMessage("Only select_related, only, defer, values and values_list take picked paths.");
            return false;
        }
        return vm.replaceStep(stepId, next);
    }

    /** No pipeline (or no schema) yet: say so instead of reporting an edit that changed nothing. */
    private boolean nothingToEdit() {
        vm.setMessage(qs() == null ? "Start a pipeline first: drag a model from the schema browser"
                : "No schema is loaded: open a database or attach a models.py");
        return false;
    }
}
