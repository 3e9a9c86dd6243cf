package studio.queryset.app.shell;

import java.util.List;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Separator;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.controlsfx.control.SegmentedButton;
import studio.queryset.app.document.QueryViewModel;
import studio.queryset.app.session.RunViewModel;
import studio.queryset.sql.Dialect;

/**
 * Connection, Run (Ctrl+Enter), Stop (Esc) with progress and elapsed time, and the SQL dialect toggle. Below
 * {@link #NARROW} pixels the captions go, the connection box shrinks and the dialect moves into a "⋯" menu, so Run
 * and Stop keep their words.
 */
public final class ToolbarView extends HBox {
    static final double NARROW = 1100;

    public ToolbarView(StudioViewModel vm) {
        setId("toolbar");
        getStyleClass().add("studio-toolbar");
        setAlignment(Pos.CENTER_LEFT);
        setSpacing(8);

        Label connectionCaption = new Label("Connection");
        connectionCaption.getStyleClass().add("caption");
        ComboBox<String> connection = new ComboBox<>();
        connection.setId("connection");
        connection.setPrefWidth(330);
        vm.connectionLabelProperty().addListener((o, old, now) -> showConnection(connection, now));
        showConnection(connection, vm.connectionLabelProperty().get());
        connection.setTooltip(new Tooltip("The bundled sample database, opened read-only"));

        RunViewModel runs = vm.runs();
        Button run = new Button("Run", Icons.play());
        run.setId("runButton");
        run.getStyleClass().add("accent");
        run.setTooltip(new Tooltip("Run the query (Ctrl+Enter)"));
        run.disableProperty().bind(vm.canRunBinding().not());
        run.setOnAction(e -> vm.run());

        Button stop = new Button("Stop", Icons.stop());
        stop.setId("stopButton");
        stop.setTooltip(new Tooltip("Cancel the running query (Esc)"));
        stop.disableProperty().bind(runs.runningProperty().not());
        stop.setOnAction(e -> vm.stop());

        ProgressIndicator progress = new ProgressIndicator(ProgressIndicator.INDETERMINATE_PROGRESS);
        progress.setId("runProgress");
        progress.setPrefSize(18, 18);
        progress.visibleProperty().bind(runs.runningProperty());

        Label elapsed = new Label();
        elapsed.setId("elapsed");
        elapsed.getStyleClass().add("caption");
        elapsed.setMinWidth(70);
        elapsed.textProperty().bind(runs.elapsedMillisProperty().asString("%d ms"));
        elapsed.visibleProperty().bind(runs.runningProperty().or(runs.lastOutcomeProperty().isNotNull()));

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Label dialectCaption = new Label("SQL dialect");
        dialectCaption.getStyleClass().add("caption");

        run.setMinWidth(USE_PREF_SIZE);
        stop.setMinWidth(USE_PREF_SIZE);
        SegmentedButton dialects = dialectToggle(vm.query());
        MenuButton overflow = overflowMenu(vm.query());
        getChildren().addAll(Icons.database(), connectionCaption, connection, new Separator(Orientation.VERTICAL), run,
                stop, progress, elapsed, spacer, dialectCaption, dialects, overflow);
        widthProperty().addListener((o, old, w) -> {
            boolean narrow = w.doubleValue() > 0 && w.doubleValue() < NARROW;
            connectionCaption.setVisible(!narrow);
            connectionCaption.setManaged(!narrow);
            connection.setPrefWidth(narrow ? 200 : 330);
            for (javafx.scene.Node n : List.of(dialectCaption, dialects)) {
                n.setVisible(!narrow);
                n.setManaged(!narrow);
            }
            overflow.setVisible(narrow);
            overflow.setManaged(narrow);
        });
    }

    /** The narrow window's menu: the SQL dialect as radio items (every dialect the compiler knows). */
    private static MenuButton overflowMenu(QueryViewModel query) {
        MenuButton more = new MenuButton("⋯");
        more.setId("toolbarOverflow");
        more.setTooltip(new Tooltip("More: the SQL dialect"));
        ToggleGroup group = new ToggleGroup();
        for (Dialect d : Dialect.values()) {
            RadioMenuItem item = new RadioMenuItem("SQL dialect: " + d.displayName());
            item.setId("overflowDialect-" + d.name().toLowerCase(java.util.Locale.ROOT));
            item.setToggleGroup(group);
            item.setUserData(d);
            item.setSelected(query.dialectProperty().get() == d);
            item.setOnAction(e -> query.dialectProperty().set(d));
            more.getItems().add(item);
        }
        query.dialectProperty().addListener((o, old, now) ->
                group.getToggles().forEach(t -> t.setSelected(t.getUserData() == now)));
        more.setVisible(false);
        more.setManaged(false);
        return more;
    }

    private static void showConnection(ComboBox<String> combo, String label) {
        combo.getItems().setAll(label);
        combo.getSelectionModel().select(0);
    }

    private static SegmentedButton dialectToggle(QueryViewModel query) {
        ToggleButton sqlite = new ToggleButton(Dialect.SQLITE.displayName());
        sqlite.setId("dialectSqlite");
        sqlite.setUserData(Dialect.SQLITE);
        ToggleButton postgres = new ToggleButton(Dialect.POSTGRESQL.displayName());
        postgres.setId("dialectPostgresql");
        postgres.setUserData(Dialect.POSTGRESQL);
        ToggleButton mariadb = new ToggleButton(Dialect.MARIADB.displayName());
        mariadb.setId("dialectMariadb");
        mariadb.setUserData(Dialect.MARIADB);
        SegmentedButton toggle = new SegmentedButton(sqlite, postgres, mariadb);
        toggle.setId("dialectToggle");
        // one button per dialect, found by its user data: no dialect is special here
        java.util.function.Function<Dialect, ToggleButton> buttonOf = d -> toggle.getButtons().stream()
                .filter(b -> b.getUserData() == d).findFirst().orElse(sqlite);
        toggle.getToggleGroup().selectToggle(buttonOf.apply(query.dialectProperty().get()));
        toggle.getToggleGroup().selectedToggleProperty().addListener((o, old, now) -> {
            if (now == null) {
                toggle.getToggleGroup().selectToggle(old);
            } else {
                query.dialectProperty().set((Dialect) now.getUserData());
            }
        });
        query.dialectProperty().addListener((o, old, now) -> toggle.getToggleGroup().selectToggle(buttonOf.apply(now)));
        return toggle;
    }
}
