package studio.queryset.app.view;

import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.BorderPane;
import studio.queryset.app.service.Problem;
import studio.queryset.app.vm.StudioViewModel;

/** SQL, Java, Django, Results, Query log and Problems. Results come forward after a run, errors to Problems. */
public final class BottomTabsView extends TabPane {
    private final Tab sql;
    private final Tab results;
    private final Tab problems;

    public BottomTabsView(StudioViewModel vm) {
        setId("bottomTabs");
        setTabClosingPolicy(TabClosingPolicy.UNAVAILABLE);
        sql = tab("sqlTab", "SQL", sqlPanel(vm));
        Tab java = tab("javaTab", "Java",
                new CodeView("javaCode", vm.query().javaTextProperty(), SyntaxHighlighter.java()));
        Tab django = tab("djangoTab", "Django",
                new CodeView("djangoCode", vm.query().djangoTextProperty(), SyntaxHighlighter.python()));
        results = tab("resultsTab", "Results", new ResultsView(vm.runs()));
        Tab log = tab("queryLogTab", "Query log", new QueryLogView(vm.runs()));
        problems = tab("problemsTab", "Problems", new ProblemsView(vm));
        problems.textProperty().bind(javafx.beans.binding.Bindings.size(vm.problems())
                .map(n -> n.intValue() == 0 ? "Problems" : "Problems (" + n + ")"));
        getTabs().addAll(sql, java, django, results, log, problems);
        initListeners(vm);
        if (vm.problems().stream().anyMatch(p -> p.severity() == Problem.Severity.ERROR)) {
            getSelectionModel().select(problems);
        }
    }

    private void initListeners(StudioViewModel vm) {
        vm.runs().resultProperty().addListener((o, old, now) -> getSelectionModel().select(results));
        vm.problems().addListener((ListChangeListener<Problem>) c -> {
            while (c.next()) {
                if (c.getAddedSubList().stream().anyMatch(p -> p.severity() == Problem.Severity.ERROR)) {
                    getSelectionModel().select(problems);
                }
            }
        });
    }

    private static BorderPane sqlPanel(StudioViewModel vm) {
        BorderPane panel = new BorderPane(new CodeView("sqlCode", vm.query().sqlTextProperty(),
                SyntaxHighlighter.sql()));
        Label params = new Label();
        params.setId("sqlParams");
        params.getStyleClass().add("caption");
        params.textProperty().bind(vm.query().paramsTextProperty());
        BorderPane bar = new BorderPane(null, null, null, null, params);
        bar.getStyleClass().add("tab-bar-strip");
        panel.setBottom(bar);
        return panel;
    }

    private static Tab tab(String id, String title, Node content) {
        Tab tab = new Tab(title, content);
        tab.setId(id);
        tab.setClosable(false);
        return tab;
    }

    public Tab sqlTab() {
        return sql;
    }

    /** Brings the tab with this title forward (case-insensitive); false when there is none. */
    public boolean select(String title) {
        for (Tab tab : getTabs()) {
            if (tab.getText().toLowerCase(java.util.Locale.ROOT).startsWith(title.toLowerCase(java.util.Locale.ROOT))) {
                getSelectionModel().select(tab);
                return true;
            }
        }
        return false;
    }
}
