package studio.queryset.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.queryset.django.DjangoParser;
import studio.queryset.query.QueryException;
import studio.queryset.schema.ModelsPyImporter;
import studio.queryset.schema.Schema;
import studio.queryset.sql.Dialect;
import studio.queryset.support.PostgresSupport;

/** Each way a connection can fail says so in one line; read-only connections refuse writes. */
class ConnectionsTest {

    @Test
    void missingSqliteFileIsNamedAndNeverCreated(@TempDir Path dir) {
        Path missing = dir.resolve("nope.sqlite3");
        assertThatThrownBy(() -> Connections.open("jdbc:sqlite:" + missing, false))
                .isInstanceOf(QueryException.class)
                .hasMessageContaining("SQLite database file not found").hasMessageContaining("nope.sqlite3");
        assertThat(missing).doesNotExist();
    }

    /**
     * A WAL database in a directory nobody may write (a read-only share, a package's data folder): SQLite cannot
     * create the -shm/-wal files a reader needs, yet a read-only connection still reads it (as an immutable file).
     * The directory is made unwritable with chattr +i (root ignores permissions) or else chmod.
     */
    @Test
    void aWalDatabaseInAReadOnlyDirectoryIsStillRead(@TempDir Path tmp) throws Exception {
        Path dir = java.nio.file.Files.createDirectory(tmp.resolve("ro"));
        Path db = dir.resolve("w.sqlite3");
        try (Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            s.execute("PRAGMA journal_mode=WAL");
            s.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)");
            s.execute("INSERT INTO t (name) VALUES ('a'), ('b')");
        }
        assertThat(java.nio.file.Files.list(dir)).as("a clean close leaves no -wal/-shm").hasSize(1);
        boolean immutable = run("chattr", "+i", dir.toString());
        if (!immutable) {
            java.nio.file.Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("r-xr-xr-x"));
        }
        try {
            org.junit.jupiter.api.Assumptions.assumeFalse(writable(dir),
                    "cannot make a directory unwritable here (no chattr, running as root): case not run");
            try (Connection conn = Connections.open("jdbc:sqlite:" + db, false); Statement s = conn.createStatement();
                 var rs = s.executeQuery("SELECT count(*) FROM t")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(2);
                assertThatThrownBy(() -> s.executeUpdate("DELETE FROM t")).isInstanceOf(java.sql.SQLException.class);
            }
        } finally {
            if (immutable) {
                run("chattr", "-i", dir.toString());
            }
            java.nio.file.Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    private static boolean writable(Path dir) {
        try {
            java.nio.file.Files.delete(java.nio.file.Files.createTempFile(dir, "probe", ""));
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static boolean run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (java.io.IOException | InterruptedException e) {
            return false;
        }
    }

    @Test
    void unsupportedUrlSaysWhatIsValid() {
        assertThatThrownBy(() -> Connections.open("jdbc:oracle:thin:@localhost:1521/x", false))
                .hasMessageContaining("jdbc:sqlite:FILE").hasMessageContaining("jdbc:postgresql://")
                .hasMessageContaining("jdbc:mariadb://");
    }

    @Test
    void unreachableServerIsOneLine() {
        assertThatThrownBy(() -> Connections.open("jdbc:postgresql://127.0.0.1:1/test?user=postgres", false))
                .isInstanceOf(QueryException.class)
                .hasMessageStartingWith("Cannot reach the database server at jdbc:postgresql://127.0.0.1:1/")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void aServerThatNeverAnswersTimesOutInOneLine() throws Exception {
        try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 5,
                java.net.InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try {
                    silent.accept(); // accepts, then says nothing
                } catch (java.io.IOException ignored) {
                    // the socket closed at the end of the test
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            long start = System.nanoTime();
            assertThatThrownBy(() -> Connections.open("jdbc:postgresql://127.0.0.1:" + silent.getLocalPort()
                    + "/test?user=postgres&loginTimeout=1", false))
                    .isInstanceOf(QueryException.class).hasMessageContaining("did not answer")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
            assertThat(System.nanoTime() - start).isLessThan(8_000_000_000L);
        }
    }

    @Test
    void unknownPostgresDatabaseIsNamed() {
        PostgresSupport.connectOrSkip();
        assertThatThrownBy(() -> Connections.open("jdbc:postgresql://127.0.0.1:5432/no_such_db_qss?user=postgres",
                false)).hasMessageContaining("does not exist");
    }

    @Test
    void missingTableSaysSchemaAndDatabaseDisagree(@TempDir Path dir) throws Exception {
        Path empty = dir.resolve("empty.sqlite3");
        try (Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + empty);
             Statement st = c.createStatement()) {
            st.execute("CREATE TABLE unrelated (id integer)");
        }
        Schema blog = ModelsPyImporter.importFile(Path.of("sample-db/blog/models.py"), null);
        try (Connection conn = Connections.open("jdbc:sqlite:" + empty, false)) {
            Evaluation ev = new Engine(blog, conn, Dialect.SQLITE).evaluate("Post.objects.count()",
                    DjangoParser.parse("Post.objects.count()", blog), false);
            assertThat(ev.errorKind()).isEqualTo("ProgrammingError");
            assertThat(ev.errorMessage()).contains("blog_post").contains("disagree");
        }
    }

    @Test
    void readOnlyConnectionsRefuseWritesOnBothDatabases() throws Exception {
        try (Connection lite = Connections.open("jdbc:sqlite:sample-db/blog.sqlite3", false);
             Statement st = lite.createStatement()) {
            assertThatThrownBy(() -> st.executeUpdate("UPDATE blog_post SET view_count = 0"))
                    .hasMessageContaining("readonly");
        }
        PostgresSupport.connectOrSkip().close();
        try (Connection pg = Connections.open(PostgresSupport.url(), false); Statement st = pg.createStatement()) {
            assertThatThrownBy(() -> st.execute("CREATE TEMP TABLE t_qss (id int)"))
                    .hasMessageContaining("read-only");
        }
    }
}
