package studio.queryset.app.lessons;

import java.util.List;
import java.util.function.Supplier;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import studio.queryset.lessons.Lesson;
import studio.queryset.lessons.LessonBench;
import studio.queryset.lessons.LessonStep;
import studio.queryset.lessons.LoopTouches;
import studio.queryset.query.QuerySet;
import studio.queryset.run.RaceLesson;
import studio.queryset.schema.Schema;

/**
 * The lesson docked beside the canvas: its steps (click one to see what it points at; "Show me" makes the
 * change or runs the comparison), for relation lessons the "which to use" table of the current model, the race
 * result, and the claims the lesson makes, checkable on the connected database. Stays until closed.
 */
public final class LessonPanel extends BorderPane {
    /** The panel's look, and the SQL highlight it puts into the SQL panel (so the dock adds it to the scene). */
    public static final String CSS = LessonPanel.class.getResource("lessons.css").toExternalForm();

    private final LessonPanelModel model;
    private final VBox steps = new VBox(8);
    private final VBox claims = new VBox(3);
    private final GridPane whichToUse = new GridPane();
    private final VBox whichBox;
    private final VBox raceBox = new VBox(4);
    private final Label title = new Label();
    private final Label section = new Label();
    private final ObservableValue<QuerySet> query;
    private ScrollPane scroll;
    private final ObservableValue<Schema> schema;

    /**
     * @param query    the current query (for the live "which to use" table)
     * @param schema   the current schema
     * @param bench    where claims are checked now (the connected database), or null when none
     * @param raceFile the SQLite file the race copies, or null
     * @param onClose  undocks the panel
     */
    public LessonPanel(LessonPanelModel model, ObservableValue<QuerySet> query, ObservableValue<Schema> schema,
                       Supplier<LessonBench> bench, Supplier<java.nio.file.Path> raceFile, Runnable onClose) {
        this.model = model;
        this.query = query;
        this.schema = schema;
        setId("lessonPanel");
        getStylesheets().add(CSS);
        getStyleClass().add("lesson-panel");
        section.getStyleClass().add("lesson-section");
        title.setId("lessonTitle");
        title.getStyleClass().add("lesson-title");
        title.setWrapText(true);
        Button close = new Button("×");
        close.setId("lessonClose");
        close.setTooltip(new Tooltip("Close the lesson"));
        close.setOnAction(e -> onClose.run());
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        VBox heading = new VBox(2, section, title);
        HBox.setHgrow(heading, Priority.ALWAYS);
        HBox top = new HBox(6, heading, close);
        top.setAlignment(Pos.TOP_LEFT);
        top.setPadding(new Insets(8, 8, 6, 10));
        top.getStyleClass().add("lesson-top");

        steps.setId("lessonSteps");
        whichToUse.setId("whichToUse");
        whichToUse.setHgap(10);
        whichToUse.setVgap(2);
        whichBox = new VBox(4, caption("Which to use, for this query's model"), whichToUse);
        raceBox.setId("raceResult");
        Button check = new Button("Check these claims on this database");
        check.setId("checkClaims");
        check.disableProperty().bind(model.busyProperty());
        check.setOnAction(e -> model.checkClaims(bench.get(), raceFile.get()));
        claims.setId("lessonClaims");
        Label status = new Label();
        status.setId("lessonStatus");
        status.setWrapText(true);
        status.textProperty().bind(model.statusProperty());
        status.setMinHeight(Region.USE_PREF_SIZE);
        VBox body = new VBox(12, steps, raceBox, whichBox, caption("What this lesson claims"), claims, check,
                status);
        body.setPadding(new Insets(6, 10, 10, 10));
        scroll = new ScrollPane(body);
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        setTop(top);
        setCenter(scroll);
        setPrefWidth(360);
        setMinWidth(240);

        model.lessonProperty().addListener((o, old, l) -> show(l, raceFile));
        model.stepProperty().addListener((o, old, i) -> markActive(i.intValue()));
        model.claimsProperty().addListener((o, old, list) -> showClaims(list));
        model.raceProperty().addListener((o, old, r) -> showRace(r));
        query.addListener((o, old, q) -> refreshWhichToUse());
        show(model.lessonProperty().get(), raceFile);
    }

    private static Label caption(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("lesson-caption");
        return l;
    }

    private void show(Lesson l, Supplier<java.nio.file.Path> raceFile) {
        steps.getChildren().clear();
        if (l == null) {
            return;
        }
        section.setText(l.section() + (l.requires() == null ? "" : " · needs " + l.requires().displayName()));
        title.setText(l.title());
        for (int i = 0; i < l.steps().size(); i++) {
            steps.getChildren().add(stepCard(i, l.steps().get(i), raceFile));
        }
        markActive(model.stepProperty().get());
        showClaims(model.claimsProperty().get());
        showRace(model.raceProperty().get());
        refreshWhichToUse();
    }

    private VBox stepCard(int i, LessonStep step, Supplier<java.nio.file.Path> raceFile) {
        Label number = new Label("Step " + (i + 1));
        number.getStyleClass().add("lesson-step-number");
        Label text = new Label(step.text());
        text.setWrapText(true);
        text.setMinHeight(Region.USE_PREF_SIZE);
        VBox card = new VBox(4, number, text);
        if (!step.focus().isEmpty()) {
            FlowPane chips = new FlowPane(4, 4);
            for (String f : step.focus()) {
                Label chip = new Label(f);
                chip.getStyleClass().add("lesson-focus-chip");
                chips.getChildren().add(chip);
            }
            card.getChildren().add(chips);
        }
        if (step.showMe() != null) {
            Button show = new Button(step.showMe().label());
            show.setId("showMe-" + i);
            show.getStyleClass().add("lesson-show-me");
            show.setWrapText(true);
            show.setMnemonicParsing(false); // select_related keeps its underscore
            show.disableProperty().bind(model.busyProperty());
            show.setOnAction(e -> model.showMe(i, raceFile, schema.getValue()));
            card.getChildren().add(show);
        }
        card.setId("lessonStep-" + i);
        card.getStyleClass().add("lesson-step");
        card.setOnMouseClicked(e -> model.select(i));
        return card;
    }

    private void markActive(int active) {
        for (int i = 0; i < steps.getChildren().size(); i++) {
            var styles = steps.getChildren().get(i).getStyleClass();
            styles.remove("lesson-step-active");
            if (i == active) {
                styles.add("lesson-step-active");
            }
        }
    }

    /** Scrolls the panel so that {@code node} (a step, a button) is in view. */
    public void reveal(javafx.scene.Node node) {
        javafx.scene.Node content = scroll.getContent();
        double contentHeight = content.getBoundsInLocal().getHeight();
        double viewport = scroll.getViewportBounds().getHeight();
        if (contentHeight <= viewport) {
            return;
        }
        javafx.geometry.Bounds b = content.sceneToLocal(node.localToScene(node.getBoundsInLocal()));
        double top = scroll.getVvalue() * (contentHeight - viewport);
        if (b.getMinY() < top || b.getMaxY() > top + viewport) {
            scroll.setVvalue(Math.max(0, Math.min(1, (b.getMinY() - 8) / (contentHeight - viewport))));
        }
    }

    private void showClaims(List<LessonPanelModel.CheckedClaim> list) {
        claims.getChildren().clear();
        for (LessonPanelModel.CheckedClaim c : list) {
            Label l = new Label(c.text());
            l.setWrapText(true);
            l.setMinHeight(Region.USE_PREF_SIZE);
            l.getStyleClass().add(c.verdict() == null ? "claim-unchecked" : !c.verdict().checked()
                    ? "claim-skipped" : c.verdict().holds() ? "claim-holds" : "claim-false");
            claims.getChildren().add(l);
        }
    }

    private void showRace(RaceLesson.Result r) {
        raceBox.getChildren().clear();
        if (r == null) {
            return;
        }
        Label what = caption(r.options().workers() + " workers × " + r.options().increments()
                + " increments, each on its own connection, on a scratch copy");
        what.setWrapText(true);
        what.setMinHeight(Region.USE_PREF_SIZE);
        raceBox.getChildren().add(what);
        GridPane g = new GridPane();
        g.setHgap(10);
        g.setVgap(2);
        g.addRow(0, caption(""), caption("expected"), caption("actual"), caption("lost"));
        addRaceRow(g, 1, "read-modify-write", r.readModifyWrite(), "raceLostRmw");
        addRaceRow(g, 2, "F(\"view_count\") + 1", r.fExpression(), "raceLostF");
        raceBox.getChildren().add(g);
        Label code = new Label(r.readModifyWrite().code() + "\n\n" + r.fExpression().code());
        code.getStyleClass().add("lesson-code");
        code.setWrapText(true);
        code.setMinHeight(Region.USE_PREF_SIZE);
        raceBox.getChildren().add(code);
    }

    private static void addRaceRow(GridPane g, int row, String name, RaceLesson.Outcome o, String id) {
        Label lost = new Label(Long.toString(o.lost()));
        lost.setId(id);
        lost.getStyleClass().add(o.lost() > 0 ? "claim-false" : "claim-holds");
        g.addRow(row, new Label(name), new Label(Long.toString(o.expected())), new Label(Long.toString(o.actual())),
                lost);
    }

    /** The tutorial's table as a live one: this query's model's relations and how each is loaded. */
    private void refreshWhichToUse() {
        whichToUse.getChildren().clear();
        Lesson l = model.lessonProperty().get();
        QuerySet q = query.getValue();
        Schema s = schema.getValue();
        boolean relevant = l != null && l.section().startsWith("select_related") && q != null && s != null;
        whichBox.setVisible(relevant);
        whichBox.setManaged(relevant);
        if (!relevant) {
            return;
        }
        int row = 0;
        for (LoopTouches.Relation r : LoopTouches.offered(s, q.model())) {
            // one wrapped line a relation: the panel is narrow, a three-column grid would cut the words
            Label name = new Label(q.model() + "." + r.name());
            name.getStyleClass().add("lesson-code");
            name.setMinWidth(Region.USE_PREF_SIZE);
            Label how = new Label(r.kind() + " → " + r.target() + (r.many() ? ", many" : ", one") + ": "
                    + r.loader());
            how.setWrapText(true);
            how.setMinHeight(Region.USE_PREF_SIZE);
            whichToUse.addRow(row++, name, how);
        }
    }
}
