package studio.queryset.app.connection;

import java.io.File;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.function.Consumer;
import javafx.concurrent.Task;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;
import studio.queryset.sample.SampleDbLoader;
import studio.queryset.query.QueryException;
import studio.queryset.run.Connections;
import studio.queryset.sql.Dialect;

/**
 * Choose a database: a SQLite file, a PostgreSQL or a MariaDB/MySQL server (host, port, database, user,
 * password). The password stays in memory unless "Remember" is ticked (then {@link PasswordStore}); with no
 * password the PostgreSQL driver reads {@code ~/.pgpass} (MariaDB logs in without one). Test connects and says how it went; Connect switches the window
 * to it; "Copy the sample into this PostgreSQL" loads the sample blog there with progress. Every failure is a
 * one-line message in the dialog.
 */
public final class ConnectionDialog extends VBox {
    private final RadioButton sqlite = new RadioButton("SQLite file");
    private final RadioButton postgres = new RadioButton("PostgreSQL");
    private final RadioButton mariadb = new RadioButton("MariaDB / MySQL");
    private final TextField file = new TextField();
    private final TextField host = new TextField("localhost");
    private final TextField port = new TextField("5432");
    private final TextField database = new TextField();
    private final TextField user = new TextField(System.getProperty("user.name"));
    private final PasswordField password = new PasswordField();
    private final CheckBox remember = new CheckBox("Remember the password (in the desktop keyring)");
    private final Label message = new Label();
    private final ProgressIndicator busy = new ProgressIndicator();
    private final PasswordStore passwords;
    private final Consumer<ConnectionTarget> onConnect;

    public ConnectionDialog(PasswordStore passwords, Path sampleDb, Consumer<ConnectionTarget> onConnect,
                            Runnable onClose) {
        this.passwords = passwords;
        this.onConnect = onConnect;
        setId("connectionDialog");
        setSpacing(10);
        setPadding(new Insets(14));
        ToggleGroup kind = new ToggleGroup();
        sqlite.setToggleGroup(kind);
        postgres.setToggleGroup(kind);
        mariadb.setToggleGroup(kind);
        sqlite.setId("kindSqlite");
        postgres.setId("kindPostgres");
        mariadb.setId("kindMariadb");
        // the server fields serve both servers; the port follows the kind unless the user typed another one
        postgres.selectedProperty().addListener((o, was, now) -> {
            if (now && port.getText().trim().equals("3306")) {
                port.setText("5432");
            }
        });
        mariadb.selectedProperty().addListener((o, was, now) -> {
            if (now && port.getText().trim().equals("5432")) {
                port.setText("3306");
            }
            password.setPromptText(now ? "empty: no password" : "empty: ~/.pgpass is used");
        });
        sqlite.setSelected(true);
        file.setId("sqliteFile");
        file.setPrefColumnCount(34);
        if (sampleDb != null) {
            file.setText(sampleDb.toString());
        }
        Button browse = new Button("Browse…");
        browse.setOnAction(e -> {
            FileChooser c = new FileChooser();
            c.setTitle("SQLite database");
            File f = c.showOpenDialog(getScene().getWindow());
            if (f != null) {
                file.setText(f.getPath());
            }
        });
        host.setId("pgHost");
        port.setId("pgPort");
        database.setId("pgDatabase");
        user.setId("pgUser");
        password.setId("pgPassword");
        password.setPromptText("empty: ~/.pgpass is used");
        remember.setId("pgRemember");
        if (!passwords.canRemember()) {
            remember.setSelected(false);
            remember.setDisable(true);
            remember.setText("Remember the password: not available");
            remember.setTooltip(new javafx.scene.control.Tooltip(passwords.unavailableReason()));
        }
        GridPane pg = new GridPane();
        pg.setHgap(8);
        pg.setVgap(6);
        pg.addRow(0, new Label("Host"), host, new Label("Port"), port);
        pg.addRow(1, new Label("Database"), database, new Label("User"), user);
        pg.addRow(2, new Label("Password"), password);
        pg.add(remember, 1, 3, 3, 1);
        pg.disableProperty().bind(sqlite.selectedProperty());
        user.textProperty().addListener(o -> recallPassword());
        host.textProperty().addListener(o -> recallPassword());
        database.textProperty().addListener(o -> recallPassword());
        HBox sqliteRow = new HBox(8, file, browse);
        sqliteRow.disableProperty().bind(sqlite.selectedProperty().not());

        message.setId("connectionMessage");
        message.setWrapText(true);
        message.setMaxWidth(560);
        busy.setPrefSize(18, 18);
        busy.setVisible(false);

        Button test = new Button("Test");
        test.setId("testConnectionButton");
        test.setOnAction(e -> test(null));
        Button copySample = new Button("Copy the sample into this PostgreSQL");
        copySample.setId("copySampleButton");
        copySample.textProperty().bind(javafx.beans.binding.Bindings.when(mariadb.selectedProperty())
                .then("Copy the sample into this MariaDB").otherwise("Copy the sample into this PostgreSQL"));
        copySample.disableProperty().bind(sqlite.selectedProperty());
        copySample.setOnAction(e -> copySample());
        Button connect = new Button("Connect");
        connect.setId("connectButton");
        connect.setDefaultButton(true);
        connect.setOnAction(e -> test(target -> {
            onConnect.accept(target);
            onClose.run();
        }));
        Button cancel = new Button("Cancel");
        cancel.setCancelButton(true);
        cancel.setOnAction(e -> onClose.run());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox buttons = new HBox(8, test, copySample, busy, spacer, cancel, connect);
        getChildren().addAll(sqlite, sqliteRow, postgres, mariadb, pg, readOnlyRoleHelp(), message, buttons);
    }

    /** The SQL that creates the strongest guard there is: a login the server itself limits to reading. */
    static final String READ_ONLY_ROLE_SQL = """
            CREATE ROLE qss_reader LOGIN PASSWORD 'choose-one';
            GRANT pg_read_all_data TO qss_reader;  -- PostgreSQL 14+
            ALTER ROLE qss_reader SET default_transaction_read_only = on;
            """;

    /** The same for MariaDB: a user with SELECT only (on the database it reads). */
    static final String READ_ONLY_USER_SQL_MARIADB = """
            CREATE USER 'qss_reader'@'%' IDENTIFIED BY 'choose-one';
            GRANT SELECT ON your_database.* TO 'qss_reader'@'%';
            """;

    private TitledPane readOnlyRoleHelp() {
        Label why = new Label();
        why.textProperty().bind(javafx.beans.binding.Bindings.when(mariadb.selectedProperty())
                .then("The app opens MariaDB with a READ ONLY session, runs each raw() read in a read-only "
                        + "transaction that it rolls back, and refuses raw() SQL that would write. The strongest guard "
                        + "is a login the server itself limits to reading. Run this once as an administrator, then "
                        + "connect as qss_reader:")
                .otherwise("The app opens PostgreSQL read-only, runs each raw() read in a READ ONLY "
                + "transaction that it rolls back, and refuses raw() SQL that would write. The strongest guard "
                + "is a login that the server itself limits to reading. Run this once as a superuser, then connect as qss_reader:"));
        why.setWrapText(true);
        why.setPrefWidth(540);
        why.setMinHeight(Region.USE_PREF_SIZE);
        TextArea sql = new TextArea(READ_ONLY_ROLE_SQL);
        sql.textProperty().bind(javafx.beans.binding.Bindings.when(mariadb.selectedProperty())
                .then(READ_ONLY_USER_SQL_MARIADB).otherwise(READ_ONLY_ROLE_SQL));
        sql.setId("readOnlyRoleSql");
        sql.setEditable(false);
        sql.setPrefRowCount(4);
        sql.setStyle("-fx-font-family: monospace;");
        Button copy = new Button("Copy SQL");
        copy.setId("copyReadOnlyRoleSql");
        copy.setOnAction(e -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(sql.getText());
            Clipboard.getSystemClipboard().setContent(content);
        });
        TitledPane help = new TitledPane("Safest: connect as a read-only role", new VBox(6, why, sql, copy));
        help.setId("readOnlyRoleHelp");
        help.setExpanded(false);
        help.setAnimated(false);
        help.expandedProperty().addListener((o, was, open) -> javafx.application.Platform.runLater(() -> {
            if (getScene() != null && getScene().getWindow() != null) {
                getScene().getWindow().sizeToScene(); // the dialog grows with the help instead of clipping it
            }
        }));
        help.disableProperty().bind(sqlite.selectedProperty());
        return help;
    }

    private void recallPassword() {
        if (password.getText().isEmpty()) {
            String remembered = passwords.get(key());
            if (remembered != null) {
                password.setText(remembered);
                remember.setSelected(passwords.canRemember());
            }
        }
    }

    private String key() {
        return PasswordStore.key(user.getText().trim(), host.getText().trim(), portNumber(), database.getText().trim());
    }

    private int portNumber() {
        try {
            return Integer.parseInt(port.getText().trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The target the fields describe; a one-line reason when they do not describe one. */
    ConnectionTarget target() {
        if (sqlite.isSelected()) {
            String f = file.getText().trim();
            if (f.isEmpty()) {
                throw new QueryException("ConnectionError", "choose a SQLite database file");
            }
            Path p = Path.of(f);
            if (!java.nio.file.Files.isRegularFile(p)) {
                throw new QueryException("ConnectionError", "no such file: " + p);
            }
            return ConnectionTarget.sqlite(p, p.getFileName() + " — SQLite (read-only)");
        }
        boolean maria = mariadb.isSelected();
        if (portNumber() <= 0) {
            throw new QueryException("ConnectionError", "the port must be a number (" + (maria ? "3306" : "5432")
                    + " by default)");
        }
        if (database.getText().isBlank()) {
            throw new QueryException("ConnectionError", "name the database to connect to");
        }
        StringBuilder url = new StringBuilder(maria ? "jdbc:mariadb://" : "jdbc:postgresql://")
                .append(host.getText().trim()).append(':')
                .append(portNumber()).append('/').append(enc(database.getText().trim()))
                .append("?user=").append(enc(user.getText().trim()));
        if (!password.getText().isEmpty()) {
            url.append("&password=").append(enc(password.getText()));
        }
        Dialect d = maria ? Dialect.MARIADB : Dialect.POSTGRESQL;
        return new ConnectionTarget(url.toString(), d, database.getText().trim() + " on "
                + host.getText().trim() + ":" + portNumber() + " — " + d.displayName() + " (read-only)");
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** Connects off the FX thread; on success runs {@code then} (or just says it worked). */
    private void test(Consumer<ConnectionTarget> then) {
        ConnectionTarget t;
        try {
            t = target();
        } catch (QueryException e) {
            fail(e.getMessage());
            return;
        }
        busy.setVisible(true);
        message.setText("Connecting…");
        message.setStyle(null);
        Task<String> task = new Task<>() {
            @Override
            protected String call() throws Exception {
                try (Connection c = Connections.open(t.url(), false)) {
                    var md = c.getMetaData();
                    return md.getDatabaseProductName() + " " + md.getDatabaseProductVersion();
                }
            }
        };
        task.setOnSucceeded(e -> {
            busy.setVisible(false);
            message.setText("Connected: " + task.getValue());
            message.setStyle("-fx-text-fill: #15803d;");
            if (then != null) {
                rememberIfAsked(); // on Connect only: Test stores nothing
                then.accept(t);
            }
        });
        task.setOnFailed(e -> {
            busy.setVisible(false);
            fail(oneLine(task.getException()));
        });
        start(task);
    }

    private void rememberIfAsked() {
        if (sqlite.isSelected() || !passwords.canRemember()) {
            return;
        }
        try {
            if (remember.isSelected() && !password.getText().isEmpty()) {
                passwords.remember(key(), password.getText());
            } else if (!remember.isSelected()) {
                passwords.forget(key());
            }
        } catch (java.io.IOException ex) {
            fail("connected, but the password could not be remembered: " + ex.getMessage());
        }
    }

    private void copySample() {
        ConnectionTarget t;
        try {
            t = target();
        } catch (QueryException e) {
            fail(e.getMessage());
            return;
        }
        busy.setVisible(true);
        Task<String> task = new Task<>() {
            @Override
            protected String call() throws Exception {
                SampleDbLoader.Result r = SampleDbLoader.load(SampleDbLoader.Options.defaults(t.url()),
                        this::updateMessage);
                return "The sample is in " + t.label() + ": " + r;
            }
        };
        message.textProperty().bind(task.messageProperty());
        message.setStyle(null);
        task.setOnSucceeded(e -> {
            message.textProperty().unbind();
            busy.setVisible(false);
            message.setText(task.getValue());
            message.setStyle("-fx-text-fill: #15803d;");
        });
        task.setOnFailed(e -> {
            message.textProperty().unbind();
            busy.setVisible(false);
            fail(oneLine(task.getException()));
        });
        start(task);
    }

    static String oneLine(Throwable t) {
        if (t == null) {
            return "failed";
        }
        String m = t instanceof QueryException q ? q.getMessage() : t.getMessage() != null ? t.getMessage()
                : t.getClass().getSimpleName();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    private void fail(String text) {
        message.setText("Could not connect: " + text);
        message.setStyle("-fx-text-fill: #dc2626;");
    }

    private static void start(Task<?> task) {
        Thread th = new Thread(task, "qss-connection");
        th.setDaemon(true);
        th.start();
    }

    public Label message() {
        return message;
    }

    public static Stage showOver(Window owner, PasswordStore passwords, Path sampleDb,
                                 Consumer<ConnectionTarget> onConnect) {
        Stage stage = new Stage();
        stage.initOwner(owner);
        stage.initModality(Modality.WINDOW_MODAL);
        stage.setTitle("Connect to a database");
        ConnectionDialog view = new ConnectionDialog(passwords, sampleDb, onConnect, stage::close);
        Scene scene = new Scene(view);
        if (owner != null && owner.getScene() != null) {
            scene.getStylesheets().setAll(owner.getScene().getStylesheets());
        }
        stage.setScene(scene);
        stage.show();
        return stage;
    }
}
