package studio.queryset.app.shell;

import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import studio.queryset.app.editor.CodeView;
import studio.queryset.app.editor.DjangoEditorView;
import studio.queryset.app.editor.SyntaxHighlighter;
import studio.queryset.app.querylog.QueryLogView;
import studio.queryset.app.results.ResultsView;
import studio.queryset.app.sqlpanel.SqlPanelView;

/**
 * The lower half: the Django editor on the left (where a query is written) and, beside it, what it gives:
 * SQL, Java, Results, Query log and Problems. Results come forward after a run, run errors to Problems; errors
 * in the Django text show under the editor and only count in the Problems tab.
 */
public final class BottomTabsView extends SplitPane {
    private final TabPane editorTabs = new TabPane();
    private final TabPane outputTabs = new TabPane();
    private final Tab sql;
    private final Tab results;
    private final Tab problems;
    private final DjangoEditorView djangoEditor;

    public BottomTabsView(StudioViewModel vm) {
        setId("bottomTabs");
        editorTabs.setId("editorTabs");
        outputTabs.setId("outputTabs");
        for (TabPane pane : new TabPane[] {editorTabs, outputTabs}) {
            pane.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        }
        djangoEditor = new DjangoEditorView(vm.query());
        Tab django = tab("djangoTab", "Django", djangoEditor);
        editorTabs.getTabs().add(django);

        sql = tab("sqlTab", "SQL", new SqlPanelView(vm.query(), vm.canvas()));
        // built when first shown: a code area nobody looks at costs start-up time and a re-layout per edit
        Tab java = lazyTab("javaTab", "Java",
                () -> new CodeView("javaCode", vm.query().javaTextProperty(), SyntaxHighlighter.java()));
        results = tab("resultsTab", "Results", new ResultsView(vm.runs()));
        Tab log = tab("queryLogTab", "Query log", new QueryLogView(vm.runs()));
        problems = tab("problemsTab", "Problems", new ProblemsView(vm));
        problems.textProperty().bind(Bindings.size(vm.problems())
                .map(n -> n.intValue() == 0 ? "Problems" : "Problems (" + n + ")"));
        outputTabs.getTabs().addAll(sql, java, results, log, problems);

        getItems().addAll(editorTabs, outputTabs);
        setDividerPositions(0.45);
        initListeners(vm);
        if (vm.problems().stream().anyMatch(p -> p.severity() == Problem.Severity.ERROR)) {
            outputTabs.getSelectionModel().select(problems);
        }
    }

    private void initListeners(StudioViewModel vm) {
        vm.runs().resultProperty().addListener((o, old, now) -> outputTabs.getSelectionModel().select(results));
        vm.problems().addListener((ListChangeListener<Problem>) c -> {
            while (c.next()) {
                if (c.getAddedSubList().stream().anyMatch(p -> p.severity() == Problem.Severity.ERROR
                        && !p.source().equals(StudioViewModel.DJANGO))) {
                    outputTabs.getSelectionModel().select(problems);
                }
            }
        });
    }

    private static Tab tab(String id, String title, Node content) {
        Tab tab = new Tab(title, content);
        tab.setId(id);
        tab.setClosable(false);
        return tab;
    }

    /** A tab whose content is made the first time it is selected. */
    private static Tab lazyTab(String id, String title, java.util.function.Supplier<Node> content) {
        Tab tab = tab(id, title, new javafx.scene.layout.StackPane());
        Runnable build = () -> {
            if (tab.getUserData() == null) {
                tab.setUserData(Boolean.TRUE);
                tab.setContent(content.get());
            }
        };
        tab.selectedProperty().addListener((o, was, now) -> {
            if (now) {
                build.run();
            }
        });
        if (tab.isSelected()) {
            build.run();
        }
        return tab;
    }

    public Tab sqlTab() {
        return sql;
    }

    public TabPane editorTabs() {
        return editorTabs;
    }

    public TabPane outputTabs() {
        return outputTabs;
    }

    public DjangoEditorView djangoEditor() {
        return djangoEditor;
    }

    /** Brings the tab with this title forward (case-insensitive prefix); false when there is none. */
    public boolean select(String title) {
        String wanted = title.toLowerCase(Locale.ROOT);
        for (TabPane pane : new TabPane[] {editorTabs, outputTabs}) {
            for (Tab tab : pane.getTabs()) {
                if (tab.getText().toLowerCase(Locale.ROOT).startsWith(wanted)) {
                    pane.getSelectionModel().select(tab);
                    return true;
                }
            }
        }
        return false;
    }
}
