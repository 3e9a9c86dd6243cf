package studio.queryset.app.canvas.editor;

import java.util.List;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import studio.queryset.app.document.QueryViewModel;

/**
 * The current QuerySet as a rounded node: a header with the model, the chain a step a line
 * ({@code Author.objects}, {@code .annotate(n=Count("posts"))}, ...), the table it reads.
 */
public final class PipelineNodeView extends VBox {
    private static final int MAX_STEP_CHARS = 64;
    private final VBox steps = new VBox(1);
    private double dragX;
    private double dragY;

    public PipelineNodeView(QueryViewModel vm) {
        setId("pipelineNode");
        getStyleClass().add("pipeline-node");
        setFillWidth(true);
        setMaxWidth(560);

        Label kind = new Label("QuerySet");
        kind.getStyleClass().add("node-kind");
        Label model = new Label();
        model.getStyleClass().add("node-model");
        model.textProperty().bind(vm.querySetProperty().map(q -> q.model()).orElse(""));
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        Label port = new Label();
        port.getStyleClass().add("node-port");
        HBox header = new HBox(8, kind, model, grow, port);
        header.setAlignment(Pos.CENTER_LEFT);
        header.getStyleClass().add("node-header");

        // the whole chain, for tests and tooltips; shown a step a line below
        Label expression = new Label();
        expression.setId("pipelineExpression");
        expression.textProperty().bind(vm.pipelineTitleProperty());
        expression.setVisible(false);
        expression.setManaged(false);
        steps.getStyleClass().add("node-steps");
        Label detail = new Label();
        detail.getStyleClass().add("node-detail");
        detail.textProperty().bind(vm.pipelineDetailProperty());
        VBox body = new VBox(6, expression, steps, detail);
        body.getStyleClass().add("node-body");

        getChildren().addAll(header, body);
        visibleProperty().bind(vm.pipelineTitleProperty().isNotEmpty());
        vm.pipelineStepsProperty().addListener((o, old, now) -> showSteps(now));
        showSteps(vm.pipelineStepsProperty().get());
        initDragging();
    }

    private void showSteps(List<String> chain) {
        steps.getChildren().clear();
        for (int i = 0; i < chain.size(); i++) {
            String text = chain.get(i);
            Label step = new Label(text.length() > MAX_STEP_CHARS ? text.substring(0, MAX_STEP_CHARS - 1) + "…"
                    : text);
            step.getStyleClass().add(i == 0 ? "node-expression" : "node-step");
            if (i > 0) {
                step.setPadding(new javafx.geometry.Insets(0, 0, 0, 14));
            }
            steps.getChildren().add(step);
        }
    }

    private void initDragging() {
        setOnMousePressed(e -> {
            dragX = e.getSceneX() - getLayoutX();
            dragY = e.getSceneY() - getLayoutY();
            toFront();
            e.consume();
        });
        setOnMouseDragged(e -> {
            relocate(Math.max(0, e.getSceneX() - dragX), Math.max(0, e.getSceneY() - dragY));
            e.consume();
        });
    }
}
