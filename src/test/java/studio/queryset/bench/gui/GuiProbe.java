package studio.queryset.bench.gui;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import javafx.animation.AnimationTimer;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.TableView;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import studio.queryset.app.StudioApp;
import studio.queryset.app.canvas.editor.CanvasViewModel;
import studio.queryset.app.shell.ProjectHome;
import studio.queryset.app.shell.SampleProject;
import studio.queryset.design.Point;
import studio.queryset.app.results.StreamingResultsView;
import studio.queryset.app.results.StreamingRunModel;
import studio.queryset.query.Expression;
import studio.queryset.query.Q;
import studio.queryset.schema.ModelsPyImporter;

/**
 * The GUI figures, each in a JVM of its own (started by {@code GuiSection}) so that start-up is real: the time
 * from JVM start to the second laid-out pulse of the window, for the app and for an empty JavaFX window; edit →
 * refreshed panels on a 200-node design; a drag step on a 520-node design; scrolling a 1,000,000-row grid.
 *
 * <p>Frames are timed where JavaFX does the work: an {@link AnimationTimer} performs one action (an edit, a drag
 * step, a wheel step) at the start of a pulse and the scene's post-layout pulse listener stops the clock after
 * the CSS and layout pass that shows it; the interval between pulses is recorded too (it includes rendering).
 * Prints one line {@code PROBE {json}} and exits.
 */
public final class GuiProbe {
    static String mode;
    static String argument;

    public static void main(String[] args) {
        mode = args[0];
        argument = args.length > 1 ? args[1] : null;
        if (mode.equals("startup-empty")) {
            Application.launch(EmptyWindow.class);
        } else {
            Application.launch(Studio.class);
        }
    }

    static double sinceJvmStartMs() {
        return System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
    }

    static void print(String json) {
        System.out.println("PROBE " + json);
        System.out.flush();
    }

    /** Reports start-up once the window has been laid out twice (shown, then settled), then quits. */
    static void reportStartupOnSecondPulse(Scene scene) {
        int[] pulses = {0};
        scene.addPostLayoutPulseListener(() -> {
            if (++pulses[0] == 1) {
                Platform.requestNextPulse(); // an idle window asks for no second pulse by itself
            } else if (pulses[0] == 2) {
                // the FX thread's own CPU time: what start-up costs on that thread, whatever else the machine runs
                double fxCpuMs = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() / 1e6;
                print(String.format(Locale.ROOT, "{\"ms\": %.1f, \"fxCpuMs\": %.1f}", sinceJvmStartMs(), fxCpuMs));
                Platform.runLater(Platform::exit);
            }
        });
    }

    /** The baseline: an empty window of the same size. */
    public static final class EmptyWindow extends Application {
        @Override
        public void start(Stage stage) {
            Scene scene = new Scene(new StackPane(), 1440, 900);
            stage.setScene(scene);
            stage.show();
            reportStartupOnSecondPulse(scene);
        }
    }

    /** The real app, with the probe's scenario run once it shows. */
    public static final class Studio extends StudioApp {
        @Override
        public void start(Stage stage) {
            super.start(stage);
            // a failing scenario must end the probe with its stack trace, not sit in the app's Problems tab
            Thread.currentThread().setUncaughtExceptionHandler((t, e) -> {
                e.printStackTrace();
                System.exit(3);
            });
            Scene scene = stage.getScene();
            switch (mode) {
                case "startup-studio":
                    reportStartupOnSecondPulse(scene);
                    break;
                case "edit":
                    Platform.runLater(() -> new EditScenario(this, scene).begin());
                    break;
                case "scroll":
                    Platform.runLater(() -> new ScrollScenario(this, scene).begin());
                    break;
                default:
                    throw new IllegalArgumentException("unknown probe mode " + mode);
            }
        }
    }

    /**
     * Times per frame: action + CSS + layout (wall time, and the FX thread's own CPU time, which a busy machine
     * stretches far less), and pulse-to-pulse intervals.
     */
    static final class FrameClock {
        private static final java.lang.management.ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
        final List<Double> workMs = new ArrayList<>();
        final List<Double> cpuMs = new ArrayList<>();
        final List<Double> intervalMs = new ArrayList<>();
        private long actionStart;
        private long actionCpuStart;
        private long lastPulse;

        void actionStarted(long now) {
            actionStart = System.nanoTime();
            actionCpuStart = THREADS.getCurrentThreadCpuTime();
            if (lastPulse != 0) {
                intervalMs.add((now - lastPulse) / 1e6);
            }
            lastPulse = now;
        }

        void laidOut() {
            if (actionStart != 0) {
                workMs.add((System.nanoTime() - actionStart) / 1e6);
                cpuMs.add((THREADS.getCurrentThreadCpuTime() - actionCpuStart) / 1e6);
                actionStart = 0;
            }
        }

        String json(String name, int warmup) {
            List<Double> work = workMs.subList(Math.min(warmup, workMs.size()), workMs.size());
            List<Double> cpu = cpuMs.subList(Math.min(warmup, cpuMs.size()), cpuMs.size());
            List<Double> gaps = intervalMs.subList(Math.min(warmup, intervalMs.size()), intervalMs.size());
            return String.format(Locale.ROOT, "\"%s\": {\"frames\": %d, \"p50\": %.2f, \"p95\": %.2f, "
                            + "\"cpuP50\": %.2f, \"cpuP95\": %.2f, \"intervalP50\": %.2f, \"intervalP95\": %.2f}",
                    name, work.size(), pct(work, 50), pct(work, 95), pct(cpu, 50), pct(cpu, 95), pct(gaps, 50),
                    pct(gaps, 95));
        }

        static double pct(List<Double> values, double p) {
            if (values.isEmpty()) {
                return Double.NaN;
            }
            List<Double> sorted = new ArrayList<>(values);
            sorted.sort(Double::compare);
            int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
            return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
        }
    }

    /** Runs {@code frames} actions, one per pulse, then hands the clock to {@code done}. */
    static final class PerFrame extends AnimationTimer {
        private final FrameClock clock = new FrameClock();
        private final int frames;
        private final IntConsumer action;
        private final Consumer<FrameClock> done;
        private int frame;

        private PerFrame(Scene scene, int frames, IntConsumer action, Consumer<FrameClock> done) {
            this.frames = frames;
            this.action = action;
            this.done = done;
            scene.addPostLayoutPulseListener(clock::laidOut);
        }

        static void run(Scene scene, int frames, IntConsumer action, Consumer<FrameClock> done) {
            new PerFrame(scene, frames, action, done).start();
        }

        @Override
        public void handle(long now) {
            if (frame == frames) {
                stop();
                Platform.runLater(() -> done.accept(clock));
                return;
            }
            clock.actionStarted(now);
            action.accept(frame++);
        }
    }

    /** Edit → panels on a 200-lookup OR (≥ 200 nodes), then drag steps on a 500-lookup OR (≥ 500 edges). */
    static final class EditScenario {
        private final StudioApp app;
        private final Scene scene;

        EditScenario(StudioApp app, Scene scene) {
            this.app = app;
            this.scene = scene;
        }

        void begin() {
            app.viewModel().setDjangoText(orOfLookups(200));
            CanvasViewModel canvas = app.viewModel().canvas();
            int nodes = canvas.graphProperty().get().nodes().size();
            PerFrame.run(scene, 80, frame -> canvas.replaceCondition("s0.a0.c" + (frame % 200),
                    new Q.Lookup("title__icontains", Expression.Value.of("v" + frame))), clock -> {
                        if (!app.viewModel().query().djangoTextProperty().get().contains("\"v79\"")) {
                            throw new IllegalStateException("the Django panel does not show the last edit");
                        }
                        drag("\"editNodes\": " + nodes + ", " + clock.json("edit", 20));
                    });
        }

        private void drag(String editJson) {
            app.viewModel().setDjangoText(orOfLookups(500));
            CanvasViewModel canvas = app.viewModel().canvas();
            int nodes = canvas.graphProperty().get().nodes().size();
            int edges = canvas.graphProperty().get().edges().size();
            PerFrame.run(scene, 150, frame -> canvas.moveNodes(Map.of("s0.a0.c7", new Point(100 + frame,
                    300 + frame)), "bench-drag"), clock -> {
                        print("{" + editJson + ", \"dragNodes\": " + nodes + ", \"dragEdges\": " + edges + ", "
                                + clock.json("drag", 30) + "}");
                        Platform.exit();
                    });
        }

        static String orOfLookups(int n) {
            StringBuilder text = new StringBuilder("Post.objects.filter(");
            for (int i = 0; i < n; i++) {
                text.append(i == 0 ? "" : " | ").append("Q(title__icontains=\"w").append(i).append("\")");
            }
            return text.append(")").toString();
        }
    }

    /**
     * Streams 1,000,000 rows of the large sample ({@code values_list} of five post columns) into the streaming
     * grid, then turns the wheel one step (3 rows) per pulse and drags the scroll bar.
     */
    static final class ScrollScenario {
        static final String QUERY = "Post.objects.order_by(\"id\").values_list(\"id\", \"title\", "
                + "\"author_id\", \"published_at\", \"view_count\")";
        private final StudioApp app;
        private final Scene scene;

        ScrollScenario(StudioApp app, Scene scene) {
            this.app = app;
            this.scene = scene;
        }

        void begin() {
            try {
                var schema = ModelsPyImporter.importFile(Path.of("sample-db", "blog", "models.py"), null);
                app.viewModel().open(new SampleProject(ProjectHome.locate(), schema, Path.of(argument), List.of()));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            app.viewModel().setDjangoText(QUERY);
            StreamingRunModel stream = app.workbench().stream();
            long start = System.nanoTime();
            app.workbench().streamRows();
            stream.runningProperty().addListener((o, was, running) -> {
                if (!running) {
                    Platform.runLater(() -> scroll(stream, (System.nanoTime() - start) / 1e6));
                }
            });
        }

        @SuppressWarnings("unchecked")
        private void scroll(StreamingRunModel stream, double streamMs) {
            int rows = stream.rows().size();
            if (rows < 1_000_000) {
                throw new IllegalStateException("the grid got " + rows + " rows, not 1,000,000: "
                        + stream.outcomeProperty().get() + " " + app.viewModel().problems());
            }
            TableView<Object[]> table = (TableView<Object[]>) scene.lookup("#streamTable");
            VirtualFlow<?> flow = (VirtualFlow<?>) table.lookup(".virtual-flow");
            double step = StreamingResultsView.ROW_HEIGHT * 3;
            PerFrame.run(scene, 200, frame -> flow.scrollPixels(step), wheel -> {
                PerFrame.run(scene, 120, frame -> flow.setPosition((frame * 0.0083) % 1.0), bar -> {
                    print(String.format(Locale.ROOT, "{\"rows\": %d, \"streamMs\": %.0f, \"firstRowsMs\": %d, ",
                            rows, streamMs, stream.firstRowsMillisProperty().get())
                            + wheel.json("wheel", 30) + ", " + bar.json("bar", 20) + "}");
                    Platform.exit();
                });
            });
        }
    }
}
