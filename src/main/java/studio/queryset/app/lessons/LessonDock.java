package studio.queryset.app.lessons;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.SplitPane;
import org.fxmisc.richtext.CodeArea;
import studio.queryset.app.connection.ConnectionTarget;
import studio.queryset.app.shell.ProjectHome;
import studio.queryset.app.editor.CodeView;
import studio.queryset.app.shell.MainView;
import studio.queryset.app.shell.StudioViewModel;
import studio.queryset.app.querylog.QueryInsightModel;
import studio.queryset.app.querylog.QueryInsightView;
import studio.queryset.design.NodeSpans;
import studio.queryset.lessons.Lesson;
import studio.queryset.lessons.LessonBench;
import studio.queryset.sql.Dialect;

/**
 * Puts the lesson panel into the main window beside the canvas (in the work split, between the canvas and the
 * inspectors) and carries out what its steps ask: set the query, run, compare, point at SQL and nodes. The
 * only place the lessons touch the window; the workbench creates one and calls {@link #open}.
 */
public final class LessonDock implements LessonActions {
    static final String SQL_MARK = "lesson-sql";

    private final StudioViewModel vm;
    private final MainView view;
    private final QueryInsightModel insight;
    private final java.util.function.Supplier<QueryInsightView> insightView;
    private final LessonPanelModel model;
    private final LessonPanel panel;

    public LessonDock(StudioViewModel vm, MainView view, QueryInsightModel insight,
                      java.util.function.Supplier<QueryInsightView> insightView) {
        this.vm = vm;
        this.view = view;
        this.insight = insight;
        this.insightView = insightView;
        this.model = new LessonPanelModel(this);
        this.panel = new LessonPanel(model, vm.query().querySetProperty(), vm.query().schemaProperty(), this::bench,
                this::raceFile, this::close);
        // a recompile (the sample arriving, a Show me edit) replaces the SQL text and its marks: mark the active
        // step's fragments again, without touching the canvas selection the user may be working with
        vm.query().sqlProperty().addListener(o -> Platform.runLater(() -> {
            Lesson l = model.lessonProperty().get();
            int step = model.stepProperty().get();
            if (l != null && step >= 0 && step < l.steps().size()) {
                mark(l.steps().get(step).focus(), false);
            }
        }));
    }

    /** Opens the lesson in the panel and docks it if it is not shown yet. */
    public void open(Lesson lesson) {
        model.open(lesson);
        // the relations this lesson's loop reads come with it; nobody has to guess them
        insight.touchesProperty().set(String.join(", ", lesson.touches()));
        SplitPane work = workSplit();
        if (work != null && !work.getItems().contains(panel)) {
            double[] at = work.getDividerPositions();
            int canvas = Math.min(2, work.getItems().size());
            work.getItems().add(canvas, panel);
            SplitPane.setResizableWithParent(panel, false);
            if (at.length == 2) {
                work.setDividerPositions(at[0], Math.max(at[0] + 0.2, at[1] - 0.24), at[1]);
            }
        }
        // the lesson's steps and the SQL they point at want room: give the work area more of the height
        if (view.lookup("#mainSplit") instanceof SplitPane main && main.getDividerPositions().length == 1
                && main.getDividerPositions()[0] < 0.56) {
            main.setDividerPositions(0.56);
        }
        if (view.getScene() != null && !view.getScene().getStylesheets().contains(LessonPanel.CSS)) {
            view.getScene().getStylesheets().add(LessonPanel.CSS);
        }
    }

    public void close() {
        model.close();
        SplitPane work = workSplit();
        if (work != null) {
            work.getItems().remove(panel);
        }
    }

    public boolean isDocked() {
        SplitPane work = workSplit();
        return work != null && work.getItems().contains(panel);
    }

    public LessonPanelModel model() {
        return model;
    }

    public LessonPanel panel() {
        return panel;
    }

    public void dispose() {
        model.dispose();
    }

    private SplitPane workSplit() {
        return view.lookup("#workSplit") instanceof SplitPane p ? p : null;
    }

    // ------------------------------------------------------------------ what the steps ask

    @Override
    public void setQuery(String django) {
        vm.setDjangoText(django);
    }

    @Override
    public void run() {
        vm.run();
    }

    @Override
    public void compare(List<String> touches) {
        insight.touchesProperty().set(String.join(", ", touches));
        view.bottomTabs().select("Query log");
        QueryInsightView v = insightView.get();
        if (v != null) {
            v.compare();
        }
    }

    /**
     * Marks the fragments in the SQL panel (spaces in a fragment match any line break the layout put there) and
     * selects the canvas nodes that wrote them, through the SQL-to-node map.
     */
    @Override
    public int highlight(List<String> fragments) {
        return mark(fragments, true);
    }

    private int mark(List<String> fragments, boolean selectNodes) {
        CodeArea area = view.lookup("#sqlCode") instanceof CodeArea a ? a : null;
        if (area == null) {
            return 0;
        }
        String text = area.getText();
        List<int[]> ranges = new ArrayList<>();
        Set<String> nodes = new LinkedHashSet<>();
        var shown = vm.query().sqlProperty().get();
        NodeSpans spans = shown == null ? null : shown.spans();
        int found = 0;
        for (String f : fragments) {
            Matcher m = flexible(f).matcher(text);
            boolean any = false;
            while (m.find()) {
                any = true;
                ranges.add(new int[] {m.start(), m.end()});
                String node = spans == null ? null : spans.nodeAt(m.start() + (m.end() - m.start()) / 2);
                if (node != null) {
                    nodes.add(node);
                }
            }
            found += any ? 1 : 0;
        }
        if (selectNodes && !nodes.isEmpty()) {
            vm.canvas().selectOnly(nodes, false);
        }
        CodeView code = codeView(area);
        if (code != null) {
            // after the SQL panel has marked the selected node's SQL, so the lesson's marks are the ones shown
            Platform.runLater(() -> code.mark(ranges, SQL_MARK));
        }
        return found;
    }

    static Pattern flexible(String fragment) {
        String[] words = fragment.strip().split("\\s+");
        StringBuilder re = new StringBuilder();
        for (String w : words) {
            re.append(re.length() == 0 ? "" : "\\s+").append(Pattern.quote(w));
        }
        return Pattern.compile(re.toString());
    }

    private static CodeView codeView(Node n) {
        for (Parent p = n.getParent(); p != null; p = p.getParent()) {
            if (p instanceof CodeView c) {
                return c;
            }
        }
        return null;
    }

    // ------------------------------------------------------------------ where claims and the race run

    /** Claims are checked on the connected database, read-only; the race is not part of that check. */
    private LessonBench bench() {
        ConnectionTarget t = vm.runs().targetProperty().get();
        return t == null || vm.query().schemaProperty().get() == null ? null
                : new LessonBench(vm.query().schemaProperty().get(), t.url(), null, Map.of());
    }

    /** The connected SQLite file, or the bundled sample: the race runs on a scratch copy of it. */
    private Path raceFile() {
        ConnectionTarget t = vm.runs().targetProperty().get();
        if (t != null && t.dialect() == Dialect.SQLITE && t.url().startsWith("jdbc:sqlite:")) {
            Path p = Path.of(t.url().substring("jdbc:sqlite:".length()));
            if (java.nio.file.Files.isRegularFile(p)) {
                return p;
            }
        }
        Path sample = ProjectHome.locate().database();
        return java.nio.file.Files.isRegularFile(sample) ? sample : null;
    }
}
