package studio.queryset.app.canvas.palette;

import java.util.List;
import java.util.function.Predicate;
import studio.queryset.app.canvas.editor.CanvasViewModel;

/** The palette's "Nested" section: Subquery, Exists, Prefetch and raw SQL, each with its hover text. */
final class NestedPalette {
    /** A palette button: id suffix, caption, tooltip, and the command it runs on the focused node. */
    record Item(String id, String text, String tip, Predicate<CanvasViewModel> action) { }

    static final List<Item> ITEMS = List.of(
            new Item("subquery", "Subquery", "Subquery(qs): on a lookup its value, on annotate() a new "
                    + "annotation, elsewhere a new annotate(); pick the model and .values(\"x\")[:1] in the inspector",
                    vm -> vm.nested().addSubquery(vm.focusedProperty().get())),
            new Item("exists", "Exists", "Exists(qs): a condition of the selected filter / Q group (an annotation "
                    + "otherwise); link it to the outer row with a lookup whose value is OuterRef",
                    vm -> vm.nested().addExists(vm.focusedProperty().get())),
            new Item("prefetch", "Prefetch", "Prefetch(lookup, queryset=..., to_attr=...): a custom prefetch in "
                    + "the selected prefetch_related (or a new one); its queryset is a frame you add stages to",
                    vm -> vm.nested().addPrefetch(vm.focusedProperty().get())),
            new Item("raw", "raw SQL", "Model.objects.raw(sql, params): replaces the pipeline with your own SQL; "
                    + "%s placeholders take the parameters, bound (never spliced)",
                    vm -> vm.nested().startRaw()));

    private NestedPalette() {
    }
}
