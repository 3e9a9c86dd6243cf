package studio.queryset.app.querylog;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import studio.queryset.app.connection.ConnectionTarget;
import studio.queryset.app.shell.StudioViewModel;
import studio.queryset.lessons.LoopTouches;
import studio.queryset.lessons.NPlusOneReport;
import studio.queryset.query.QueryException;
import studio.queryset.run.LoggedStatement;
import studio.queryset.run.NPlusOneComparison;
import studio.queryset.sql.CompiledQuery;
import studio.queryset.sql.QueryPlan;
import studio.queryset.sql.SqlCompiler;

/**
 * The Query log tab: the log table with, above it, the N+1 counter of the latest run and the commands
 * "Compare naive vs optimized" and "EXPLAIN" (with an ANALYZE tick box); beside it, the side-by-side
 * comparison and the plan. The comparison's statements also land in the log, as two runs of their own.
 */
public final class QueryInsightView extends BorderPane {
    private static final String CSS = QueryInsightView.class.getResource("insight.css").toExternalForm();

    private final StudioViewModel vm;
    private final QueryInsightModel model;
    private final TableView<QueryLogEntry> logTable;
    private final Label counter = new Label();
    private final TabPane details = new TabPane();
    private final Tab comparisonTab;
    private final Tab explainTab;
    private RepeatedStatements latest;
    private final SplitPane split;
    /** One tick box per relation of the query's model: what a loop over the rows may read. */
    private final HBox touchBoxes = new HBox(6);

    public QueryInsightView(StudioViewModel vm, QueryInsightModel model, TableView<QueryLogEntry> logTable) {
        this.vm = vm;
        this.model = model;
        this.logTable = logTable;
        setId("queryInsight");
        getStylesheets().add(CSS);
        getStyleClass().add("query-insight");
        comparisonTab = new Tab("Naive vs optimized", comparisonPane());
        comparisonTab.setId("comparisonTab");
        explainTab = new Tab("EXPLAIN", explainPane());
        explainTab.setId("explainTab");
        details.getTabs().addAll(comparisonTab, explainTab);
        details.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        details.setId("insightTabs");
        split = new SplitPane(logTable, details);
        split.setId("queryLogSplit");
        split.setDividerPositions(0.42);
        setTop(toolbar());
        setCenter(split);
        initListeners();
        refreshCounter();
    }

    private VBox toolbar() {
        counter.setId("nPlusOneCounter");
        counter.getStyleClass().add("n-plus-one-counter");
        counter.setMinWidth(Region.USE_PREF_SIZE);
        TextField touches = new TextField();
        touches.setId("touchesField");
        touches.setPromptText("relations the loop reads: author, tags");
        touches.setPrefColumnCount(14);
        touches.textProperty().bindBidirectional(model.touchesProperty());
        touches.setTooltip(new Tooltip("Relations your code reads for each row (post.author, post.tags.all()),\n"
                + "ticked on the left or typed here (paths too: author__profile).\n"
                + "Added as select_related (single) or prefetch_related (many) for the optimized run;\n"
                + "empty: the query's own select_related / prefetch_related."));
        Button compare = new Button("Compare naive vs optimized");
        compare.setId("compareButton");
        compare.setOnAction(e -> compare());
        Button explain = new Button("EXPLAIN");
        explain.setId("explainButton");
        explain.setTooltip(new Tooltip("The database's plan for the selected log row, or the current query"));
        explain.setOnAction(e -> explain());
        CheckBox analyze = new CheckBox("ANALYZE");
        analyze.setId("analyzeCheck");
        analyze.selectedProperty().bindBidirectional(model.analyzeProperty());
        analyze.setTooltip(new Tooltip("Runs the statement to measure it (PostgreSQL, inside a rolled-back "
                + "transaction). SQLite has no EXPLAIN ANALYZE."));
        compare.disableProperty().bind(model.busyProperty());
        explain.disableProperty().bind(model.busyProperty());
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setPrefSize(16, 16);
        spinner.visibleProperty().bind(model.busyProperty());
        spinner.managedProperty().bind(model.busyProperty());
        Label progress = new Label();
        progress.setId("insightProgress");
        progress.textProperty().bind(model.progressProperty());
        Label error = new Label();
        error.setId("insightError");
        error.getStyleClass().add("insight-error");
        error.textProperty().bind(model.errorProperty());
        error.setMinWidth(0);
        Label reads = new Label("The loop reads");
        reads.setMinWidth(Region.USE_PREF_SIZE);
        touchBoxes.setId("touchBoxes");
        touchBoxes.setAlignment(Pos.CENTER_LEFT);
        touchBoxes.setMinWidth(Region.USE_PREF_SIZE);
        HBox loop = new HBox(8, reads, touchBoxes, touches);
        loop.setAlignment(Pos.CENTER_LEFT);
        HBox controls = new HBox(8, compare, explain, analyze, spinner, progress, error);
        controls.setAlignment(Pos.CENTER_LEFT);
        VBox bar = new VBox(4, counter, loop, controls);
        bar.setPadding(new Insets(4, 6, 4, 6));
        bar.getStyleClass().add("insight-bar");
        return bar;
    }

    private Region comparisonPane() {
        Label hint = new Label("Compare runs the current query twice: naively (rows first, then one query per "
                + "related object the loop touches, as Django's lazy loading does) and with select_related / "
                + "prefetch_related.");
        hint.setWrapText(true);
        hint.getStyleClass().add("placeholder-text");
        VBox box = new VBox(6, hint);
        box.setPadding(new Insets(6));
        model.reportProperty().addListener((o, old, r) -> {
            box.getChildren().setAll(comparisonContent(r));
            box.getStyleClass().remove("stale-comparison");
        });
        // a comparison of an earlier query says so until it is compared again
        vm.query().querySetProperty().addListener((o, old, q) -> {
            NPlusOneReport r = model.reportProperty().get();
            if (r != null && !box.getStyleClass().contains("stale-comparison") && !java.util.Objects.equals(q, old)) {
                box.getStyleClass().add("stale-comparison");
                box.getChildren().forEach(n -> n.setOpacity(0.5));
                Label stale = new Label("From the previous query — Compare again for this one.");
                stale.setId("comparisonStale");
                stale.getStyleClass().add("comparison-hint");
                box.getChildren().add(0, stale);
            }
        });
        return box;
    }

    private List<Region> comparisonContent(NPlusOneReport report) {
        NPlusOneComparison c = report.comparison();
        Label headline = new Label(report.headline());
        headline.setId("comparisonHeadline");
        headline.setWrapText(true);
        headline.getStyleClass().add(c.extraStatements() > 0 ? "comparison-bad" : report.touches().isEmpty()
                ? "comparison-hint" : "comparison-good");
        Label query = new Label("Optimized: " + report.optimizedQuery());
        query.setId("comparisonQuery");
        query.getStyleClass().add("mono");
        query.setWrapText(true);
        // wrapped labels in a VBox take the height their text needs instead of ending in "..."
        query.setMinHeight(Region.USE_PREF_SIZE);
        headline.setMinHeight(Region.USE_PREF_SIZE);
        GridPane numbers = new GridPane();
        numbers.setId("comparisonNumbers");
        numbers.setHgap(16);
        numbers.setVgap(2);
        Label naiveHeading = heading(report.naiveLabel());
        naiveHeading.setId("naiveHeading");
        Label optimizedHeading = heading(report.optimizedLabel());
        optimizedHeading.setId("optimizedHeading");
        numbers.addRow(0, new Label(), naiveHeading, optimizedHeading);
        row(numbers, 1, "Statements (round trips)", "Statements", c, r -> Integer.toString(r.statements()));
        row(numbers, 2, "Database time (sum of statements)", "DatabaseMs", c, r -> String.format(Locale.ROOT,
                "%.1f ms", r.ms()));
        row(numbers, 3, "Wall time (with round trips)", "TotalMs", c, r -> String.format(Locale.ROOT, "%.1f ms",
                r.wallMs()));
        row(numbers, 4, "Rows read", "Rows", c, r -> Long.toString(r.log().stream()
                .mapToLong(LoggedStatement::rows).sum()));
        Label times = new Label(report.timesExplained());
        times.setId("comparisonTimes");
        times.setWrapText(true);
        times.setMinHeight(Region.USE_PREF_SIZE);
        times.getStyleClass().add("placeholder-text");
        HBox lists = new HBox(8, statements("naiveStatementsList", c.naive()),
                statements("optimizedStatementsList", c.optimized()));
        VBox.setVgrow(lists, Priority.ALWAYS);
        return List.of(headline, query, numbers, times, lists);
    }

    private static Label heading(String text) {
        Label l = new Label(text);
        l.setMinWidth(Region.USE_PREF_SIZE);
        l.getStyleClass().add("side-title");
        return l;
    }

    private static void row(GridPane grid, int row, String title, String id, NPlusOneComparison c,
                            java.util.function.Function<NPlusOneComparison.Run, String> value) {
        Label naive = new Label(value.apply(c.naive()));
        naive.setId("naive" + id);
        Label optimized = new Label(value.apply(c.optimized()));
        optimized.setId("optimized" + id);
        Label name = new Label(title);
        name.setMinWidth(Region.USE_PREF_SIZE);
        grid.addRow(row, name, naive, optimized);
    }

    /** The run's statements, one line per shape, wrapped to the list's width. */
    private static ListView<String> statements(String id, NPlusOneComparison.Run run) {
        ListView<String> list = new ListView<>();
        list.setId(id);
        list.getItems().setAll(grouped(run.log()));
        list.setCellFactory(v -> new javafx.scene.control.ListCell<>() {
            {
                setWrapText(true);
                setPrefWidth(0);
                setMinHeight(Region.USE_PREF_SIZE);
            }

            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                setTooltip(empty ? null : new Tooltip(item));
            }
        });
        list.setPrefWidth(10);
        HBox.setHgrow(list, Priority.ALWAYS);
        return list;
    }

    /** Statements of one shape as one line: {@code 50 × lazy load of post.author — SELECT ...}. */
    static List<String> grouped(List<LoggedStatement> log) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        Map<String, String> causes = new LinkedHashMap<>();
        for (LoggedStatement s : log) {
            counts.merge(s.sql(), 1, Integer::sum);
            causes.putIfAbsent(s.sql(), s.cause());
        }
        return counts.entrySet().stream().map(e -> e.getValue() + " × " + causes.get(e.getKey()) + " — "
                + e.getKey()).toList();
    }

    private Region explainPane() {
        Label title = new Label("EXPLAIN shows the database's plan for the selected log row (or the current "
                + "query). Tick ANALYZE to run it and measure (PostgreSQL).");
        title.setWrapText(true);
        title.getStyleClass().add("placeholder-text");
        title.textProperty().bind(model.planTitleProperty().map(t -> t.isEmpty()
                ? "EXPLAIN shows the database's plan for the selected log row (or the current query). Tick "
                + "ANALYZE to run it and measure (PostgreSQL)." : t));
        TextArea text = new TextArea();
        text.setId("explainText");
        text.setEditable(false);
        text.getStyleClass().add("mono");
        javafx.scene.control.TreeView<String> tree = new javafx.scene.control.TreeView<>();
        tree.setId("explainTree");
        tree.setShowRoot(false);
        tree.getStyleClass().add("mono");
        CheckBox asText = new CheckBox("As text");
        asText.setId("explainAsText");
        tree.visibleProperty().bind(asText.selectedProperty().not());
        text.visibleProperty().bind(asText.selectedProperty());
        model.planProperty().addListener((o, old, lines) -> {
            text.setText(String.join("\n", lines));
            javafx.scene.control.TreeItem<String> root = new javafx.scene.control.TreeItem<>("plan");
            for (PlanTree node : PlanTree.parse(lines)) {
                root.getChildren().add(item(node));
            }
            tree.setRoot(root);
        });
        javafx.scene.layout.StackPane views = new javafx.scene.layout.StackPane(tree, text);
        VBox.setVgrow(views, Priority.ALWAYS);
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        title.setMinWidth(0);
        HBox head = new HBox(8, title, gap, asText);
        head.setAlignment(Pos.CENTER_LEFT);
        VBox box = new VBox(6, head, views);
        box.setPadding(new Insets(6));
        return box;
    }

    private static javafx.scene.control.TreeItem<String> item(PlanTree node) {
        javafx.scene.control.TreeItem<String> item = new javafx.scene.control.TreeItem<>(node.label());
        item.setExpanded(true);
        for (PlanTree child : node.children()) {
            item.getChildren().add(item(child));
        }
        return item;
    }

    private void initListeners() {
        vm.query().querySetProperty().addListener((o, old, q) -> {
            if (old == null || q == null || !old.model().equals(q.model())) {
                rebuildTouchBoxes();
            }
        });
        vm.query().schemaProperty().addListener((o, old, now) -> rebuildTouchBoxes());
        model.touchesProperty().addListener((o, old, now) -> syncTouchBoxes());
        rebuildTouchBoxes();
        vm.runs().log().addListener((ListChangeListener<QueryLogEntry>) c -> refreshCounter());
        logTable.getSelectionModel().selectedItemProperty().addListener((o, old, e) -> refreshCounter());
        model.setOnCompared(c -> {
            vm.runs().logStatements("optimized: ", c.optimized().log());
            vm.runs().logStatements("naive: ", c.naive().log());
            details.getSelectionModel().select(comparisonTab);
        });
        model.planProperty().addListener((o, old, lines) -> details.getSelectionModel().select(explainTab));
    }

    /**
     * The current model's relations as tick boxes, so nobody has to guess the names: forward ForeignKeys and
     * one-to-ones, many-to-manys and reverse relations, each telling how Django would load it. Ticking one adds
     * it to the Touches text (which also takes paths like author__profile).
     */
    private void rebuildTouchBoxes() {
        touchBoxes.getChildren().clear();
        studio.queryset.query.QuerySet q = vm.query().querySetProperty().get();
        studio.queryset.schema.Schema schema = vm.query().schemaProperty().get();
        if (q == null || schema == null) {
            return;
        }
        for (LoopTouches.Relation r : LoopTouches.offered(schema, q.model())) {
            CheckBox box = new CheckBox(r.name());
            box.setId("touch-" + r.name());
            box.setUserData(r.name());
            box.setTooltip(new Tooltip(q.model() + "." + r.name() + ": " + r.kind() + " to " + r.target()
                    + (r.many() ? " (many objects)" : " (one object)") + ", loaded with " + r.loader()));
            box.selectedProperty().addListener((o, was, now) -> toggleTouch(r.name(), now));
            touchBoxes.getChildren().add(box);
        }
        syncTouchBoxes();
    }

    private void toggleTouch(String name, boolean on) {
        List<String> names = new java.util.ArrayList<>(LoopTouches.parse(model.touchesProperty().get()));
        if (on == names.contains(name)) {
            return;
        }
        if (on) {
            names.add(name);
        } else {
            names.remove(name);
        }
        model.touchesProperty().set(String.join(", ", names));
    }

    private void syncTouchBoxes() {
        List<String> names = LoopTouches.parse(model.touchesProperty().get());
        for (javafx.scene.Node n : touchBoxes.getChildren()) {
            if (n instanceof CheckBox b) {
                b.setSelected(names.contains((String) b.getUserData()));
            }
        }
    }

    /** The counter follows the selected row's run, or the latest run. */
    private void refreshCounter() {
        List<QueryLogEntry> log = vm.runs().log();
        QueryLogEntry selected = logTable.getSelectionModel().getSelectedItem();
        latest = selected != null ? RepeatedStatements.ofRun(log, selected.run())
                : RepeatedStatements.ofLatestRun(log);
        counter.getStyleClass().remove("n-plus-one");
        if (latest == null) {
            counter.setText("N+1 counter: no statements yet");
            counter.setTooltip(null);
            return;
        }
        counter.setText(latest.describe());
        counter.setTooltip(latest.isNPlusOne() ? new Tooltip(latest.sql()) : null);
        if (latest.isNPlusOne()) {
            counter.getStyleClass().add("n-plus-one");
        }
    }

    /** Runs the current QuerySet naively and optimized (off the FX thread). */
    public void compare() {
        if (!vm.query().flushEdit()) {
            model.compare(null, null, null, Map.of());
            return;
        }
        model.compare(vm.runs().targetProperty().get(), vm.query().schemaProperty().get(),
                vm.query().querySetProperty().get(), vm.runParams());
    }

    /** Explains the selected log row's statement, or the current query's main statement. */
    public void explain() {
        ConnectionTarget t = vm.runs().targetProperty().get();
        QueryLogEntry selected = logTable.getSelectionModel().getSelectedItem();
        if (selected != null) {
            model.explain(t, new CompiledQuery(selected.sql(), selected.params()), "log row #" + selected.run()
                    + " (" + selected.cause() + ")", vm.runParams());
            return;
        }
        CompiledQuery main = null;
        if (t != null && vm.query().flushEdit() && vm.query().hasQuery()) {
            try {
                QueryPlan plan = SqlCompiler.planFor(vm.query().schemaProperty().get(),
                        vm.query().querySetProperty().get(), t.dialect(), vm.runParams());
                main = plan.statements().isEmpty() ? null : plan.statements().get(0);
            } catch (QueryException e) {
                model.explain(t, null, "", Map.of());
                return;
            }
        }
        model.explain(t, main, "the current query", vm.runParams());
    }

    /** Log table | comparison and plan (its divider is part of the remembered window layout). */
    public SplitPane split() {
        return split;
    }

    public TabPane details() {
        return details;
    }

    /** The counter's latest state (for tests). */
    public RepeatedStatements counter() {
        return latest;
    }
}
