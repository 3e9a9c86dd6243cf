package studio.queryset.app.shell;

import javafx.geometry.Orientation;
import javafx.scene.Scene;
import javafx.scene.control.SplitPane;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import studio.queryset.app.canvas.editor.CanvasView;
import studio.queryset.app.canvas.inspector.NodeInspectorView;
import studio.queryset.app.schema.InspectorView;
import studio.queryset.app.schema.SchemaBrowserView;

/**
 * The main window's content: toolbar; schema browser | canvas | inspector above the bottom tabs; status
 * bar.
 */
public final class MainView extends BorderPane {
    public static final KeyCombination RUN = new KeyCodeCombination(KeyCode.ENTER, KeyCombination.SHORTCUT_DOWN);

    private final StudioViewModel vm;
    private final SchemaBrowserView schemaBrowser;
    private final BottomTabsView bottomTabs;

    public MainView(StudioViewModel vm) {
        this.vm = vm;
        setId("mainView");
        getStyleClass().add("studio");
        schemaBrowser = new SchemaBrowserView(vm.schemaBrowser());
        CanvasView canvas = new CanvasView(vm.query(), vm.canvas());
        InspectorView inspector = new InspectorView(vm.inspector());
        // the selected canvas node's inspector sits above the model's
        NodeInspectorView nodeInspector = new NodeInspectorView(vm.canvas());
        VBox.setVgrow(inspector, Priority.ALWAYS);
        VBox side = new VBox(nodeInspector, inspector);

        SplitPane work = new SplitPane(schemaBrowser, canvas, side);
        work.setId("workSplit");
        work.setDividerPositions(0.26, 0.74);
        SplitPane.setResizableWithParent(schemaBrowser, false);
        SplitPane.setResizableWithParent(side, false);

        bottomTabs = new BottomTabsView(vm);
        // Tab out of the Django editor goes on to the canvas, Shift+Tab back to the schema
        bottomTabs.djangoEditor().leaveTo(() -> canvas.editor().viewport().requestFocus(),
                () -> schemaBrowser.tree().requestFocus());
        SplitPane main = new SplitPane(work, bottomTabs);
        main.setId("mainSplit");
        main.setOrientation(Orientation.VERTICAL);
        main.setDividerPositions(0.56);

        setTop(new ToolbarView(vm));
        setCenter(main);
        setBottom(new StatusBarView(vm));
    }

    /** Ctrl+Enter runs and Esc stops, wherever the focus is (event filters see keys first). */
    public void installShortcuts(Scene scene) {
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (RUN.match(e)) {
                vm.run();
                e.consume();
            } else if (e.getCode() == KeyCode.ESCAPE && vm.runs().isRunning()) {
                vm.stop();
                e.consume();
            }
        });
    }

    public BottomTabsView bottomTabs() {
        return bottomTabs;
    }

    public SchemaBrowserView schemaBrowser() {
        return schemaBrowser;
    }
}
