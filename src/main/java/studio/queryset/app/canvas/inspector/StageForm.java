package studio.queryset.app.canvas.inspector;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Function;
import studio.queryset.app.canvas.palette.PaletteItems;
import studio.queryset.app.canvas.inspector.FormField.Kind;
import studio.queryset.app.canvas.inspector.FormField.Place;
import studio.queryset.design.RelationPaths;
import studio.queryset.query.NodePath;
import studio.queryset.design.edit.QueryLens;
import studio.queryset.design.edit.StepEdits;
import studio.queryset.django.DjangoPrinter;
import studio.queryset.query.QueryException;
import studio.queryset.query.QuerySet;
import studio.queryset.query.Step;
import studio.queryset.schema.Schema;

/**
 * The form of a stage: its arguments as Django text and, for select_related / only / defer / values /
 * values_list, a tick box per path.
 */
final class StageForm {
    private StageForm() {
    }

    static Form stage(FormHost host, NodePath at, Step step, String model) {
        Form form = new Form(host, "stage", at);
        Schema schema = host.schema();
        Function<QuerySet, Step> stepOf = q -> QueryLens.get(q, form.path(), Step.class);
        form.add("stageText", "arguments", Kind.TEXT, Place.ROW, List::of,
                q -> stageText(stepOf.apply(q)),
                (q, t) -> Checks.compiles(schema, q, StepEdits.replace(q, form.path(),
                        PaletteItems.parseStep(t, schema, model))));
        List<String> choices = picks(schema, model, step);
        if (choices != null) {
            List<String> shown = new ArrayList<>(new LinkedHashSet<>(choices));
            for (String p : picked(step)) {
                if (!shown.contains(p)) {
                    shown.add(p);
                }
            }
            List<FormField> ticks = new ArrayList<>();
            for (String path : shown) {
                // a tick writes what all ticks show, so a swap (tick slug, untick title) can go in either order
                ticks.add(form.add("pick-" + path, path, Kind.CHECK, Place.FLOW, List::of,
                        q -> String.valueOf(picked(stepOf.apply(q)).contains(path)),
                        (q, t) -> StepEdits.replace(q, form.path(), withPicks(stepOf.apply(q), ticks, path,
                                Boolean.parseBoolean(t)))));
            }
            form.hint(() -> pickCaption(stepOf.apply(host.query())));
        } else {
            form.hint(() -> "The stage as Django text; it applies as you type (Esc reverts).");
        }
        if (step instanceof Step.SelectRelated || step instanceof Step.PrefetchRelated) {
            // the N+1 lesson's question, one click: the same relations by JOIN or by a query of their own each
            String other = step instanceof Step.SelectRelated ? "prefetch_related" : "select_related";
            form.action("switchRelatedLoading", "Switch to " + other,
                    q -> Checks.compiles(schema, q, StepEdits.switchRelatedLoading(q, form.path())));
        }
        // a path picked by a drop that the tick list does not offer (author__name) gets its own tick: rebuild
        form.shape(() -> {
            Step now = stepOf.apply(host.query());
            List<String> extra = new ArrayList<>(picked(now));
            if (choices != null) {
                extra.removeAll(choices);
            }
            return now.method() + extra;
        });
        return form;
    }

    /** A stage's Django text as the inspector shows it: {@code .filter(a=1)}, {@code [:5]}. */
    static String stageText(Step s) {
        String text = DjangoPrinter.print(new QuerySet("M", List.of(s)));
        return text.startsWith("M.objects") ? text.substring("M.objects".length()) : text;
    }

    private static List<String> picks(Schema schema, String model, Step step) {
        if (step instanceof Step.SelectRelated) {
            return RelationPaths.singleValued(schema, model, 3);
        }
        if (step instanceof Step.Only || step instanceof Step.Values || step instanceof Step.ValuesList) {
            return RelationPaths.concreteFields(schema, model);
        }
        return null;
    }

    private static List<String> picked(Step step) {
        if (step instanceof Step.SelectRelated s) {
            return s.paths();
        }
        if (step instanceof Step.Only o) {
            return o.fields();
        }
        if (step instanceof Step.Values v) {
            return v.fields();
        }
        return step instanceof Step.ValuesList v ? v.fields() : List.of();
    }

    private static String pickCaption(Step step) {
        if (step instanceof Step.SelectRelated) {
            return "Relations to JOIN (forward FK / one-to-one, chained with __); a tick applies at once.";
        }
        if (step instanceof Step.Only o) {
            return o.defer() ? "Fields to leave out of SELECT:" : "Fields to load (the pk always is):";
        }
        return step instanceof Step.Values ? "Columns of each dict:"
                : "Columns of each tuple (flat=True: one column, plain values):";
    }

    /**
     * The step with the paths the ticks show ({@code path} as {@code on}): the order already written stays, new
     * picks follow in list order.
     */
    private static Step withPicks(Step s, List<FormField> ticks, String path, boolean on) {
        List<String> ticked = new ArrayList<>();
        for (FormField f : ticks) {
            String p = f.label();
            if (p.equals(path) ? on : f.checked()) {
                ticked.add(p);
            }
        }
        List<String> next = new ArrayList<>();
        for (String p : picked(s)) {
            if (ticked.contains(p)) {
                next.add(p);
            }
        }
        for (String p : ticked) {
            if (!next.contains(p)) {
                next.add(p);
            }
        }
        if (s instanceof Step.SelectRelated) {
            return new Step.SelectRelated(next);
        }
        if (s instanceof Step.Only o) {
            if (next.isEmpty()) {
                throw new QueryException("ValueError", o.method() + "() needs at least one field: tick another "
                        + "first.");
            }
            return new Step.Only(next, o.defer());
        }
        if (s instanceof Step.Values v) {
            return new Step.Values(next, v.expressions());
        }
        Step.ValuesList v = (Step.ValuesList) s;
        if (v.flat() && next.size() != 1) {
            throw new QueryException("TypeError", "'flat' is not valid when values_list is called with more than "
                    + "one field: untick the other first (or drop flat=True in the arguments).");
        }
        return new Step.ValuesList(next, v.flat(), v.named());
    }
}
