package studio.queryset.app.canvas;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import studio.queryset.django.DjangoPrinter;
import studio.queryset.query.Expression;
import studio.queryset.query.QuerySet;
import studio.queryset.query.Step;

/**
 * Inspector of a {@code raw()} node: the SQL in a text area and its parameters as a list of Python literals
 * (one a row, added and removed with the buttons). Apply checks that the %s placeholders match the parameters.
 */
final class RawInspector extends VBox {
    private final VBox paramRows = new VBox(4);
    private final List<TextField> params = new ArrayList<>();

    RawInspector(CanvasViewModel vm, Step.Raw raw, String model, Consumer<String> error) {
        super(8);
        TextArea sql = new TextArea(raw.sql());
        sql.setId("rawSql");
        sql.setWrapText(true);
        sql.setPrefRowCount(4);
        sql.setMinHeight(88);
        sql.getStyleClass().add("cn-insp-code");
        for (Expression p : raw.params()) {
            addRow(literal(p));
        }
        Button add = new Button("+ parameter");
        add.setId("rawParamAdd");
        add.setOnAction(e -> addRow(""));
        Button apply = new Button("Apply");
        apply.setId("applyRaw");
        apply.getStyleClass().add("accent");
        apply.setOnAction(e -> {
            List<Expression> values = new ArrayList<>();
            for (int i = 0; i < params.size(); i++) {
                String text = params.get(i).getText().strip();
                if (text.isEmpty()) {
                    error.accept("Parameter " + (i + 1) + " is empty: write a Python literal (42, \"text\", None) "
                            + "or remove the row.");
                    return;
                }
                values.add(NodeInspectorView.value("value", text, vm.schema(), model));
            }
            if (!vm.nested().setRaw(sql.getText(), values)) {
                error.accept(vm.messageProperty().get());
            }
        });
        Label hint = new Label("Write SQL for " + model + "'s table; each %s takes the next parameter, bound by "
                + "the driver (never spliced into the text). Rows become " + model + " objects with the columns "
                + "they have.");
        hint.setWrapText(true);
        hint.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        hint.getStyleClass().add("cn-insp-help");
        Label ps = new Label("parameters");
        ps.getStyleClass().add("property-key");
        getChildren().addAll(new Label("SQL"), sql, ps, paramRows, new HBox(8, add, apply), hint);
    }

    private void addRow(String text) {
        TextField f = new TextField(text);
        int i = params.size();
        f.setId("rawParam" + i);
        f.setPromptText("a Python literal: 42, \"text\", None");
        HBox.setHgrow(f, Priority.ALWAYS);
        Button remove = new Button("✕");
        remove.setId("rawParamRemove" + i);
        HBox row = new HBox(6, new Label("%s " + (i + 1)), f, remove);
        remove.setOnAction(e -> {
            params.remove(f);
            paramRows.getChildren().remove(row);
            renumber();
        });
        params.add(f);
        paramRows.getChildren().add(row);
    }

    private void renumber() {
        for (int i = 0; i < params.size(); i++) {
            params.get(i).setId("rawParam" + i);
            HBox row = (HBox) paramRows.getChildren().get(i);
            ((Label) row.getChildren().get(0)).setText("%s " + (i + 1));
            row.getChildren().get(2).setId("rawParamRemove" + i);
        }
    }

    /** A parameter as the user would write it in Python. */
    private static String literal(Expression e) {
        String text = DjangoPrinter.print(new QuerySet("M", List.of(new Step.Raw("", List.of(e)))));
        // M.objects.raw("", [<literal>])
        int open = text.indexOf('[');
        int close = text.lastIndexOf(']');
        return open >= 0 && close > open ? text.substring(open + 1, close) : text;
    }
}
