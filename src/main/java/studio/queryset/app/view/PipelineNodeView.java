package studio.queryset.app.view;

import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import studio.queryset.app.vm.QueryViewModel;

/** The current QuerySet as a rounded node: a header with the model, the expression, the table it reads. */
public final class PipelineNodeView extends VBox {
    private double dragX;
    private double dragY;

    public PipelineNodeView(QueryViewModel vm) {
        setId("pipelineNode");
        getStyleClass().add("pipeline-node");
        setFillWidth(true);

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

        Label expression = new Label();
        expression.setId("pipelineExpression");
        expression.getStyleClass().add("node-expression");
        expression.textProperty().bind(vm.pipelineTitleProperty());
        Label detail = new Label();
        detail.getStyleClass().add("node-detail");
        detail.textProperty().bind(vm.pipelineDetailProperty());
        VBox body = new VBox(4, expression, detail);
        body.getStyleClass().add("node-body");

        getChildren().addAll(header, body);
        visibleProperty().bind(vm.pipelineTitleProperty().isNotEmpty());
        initDragging();
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
