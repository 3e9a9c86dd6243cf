package studio.queryset.app.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.queryset.sql.CompiledQuery;

class StatementRunnerTest {

    @Test
    void bindsParametersAndKeepsNullsApartFromEmptyStrings(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("t.sqlite3");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id INTEGER, name TEXT)");
            s.execute("INSERT INTO t VALUES (1, NULL), (2, ''), (3, 'x')");
        }
        try (ReadOnlyDatabase db = new ReadOnlyDatabase(file)) {
            ResultTable t = new StatementRunner().execute(db.connection(),
                    new CompiledQuery("SELECT id, name FROM t WHERE id >= ? ORDER BY id", List.of(1)), 2);
            assertThat(t.columns()).containsExactly("id", "name");
            assertThat(t.rows()).containsExactly(Arrays.asList(1, null), Arrays.asList(2, ""));
            assertThat(t.truncated()).isTrue();
        }
    }

    @Test
    void theSampleConnectionIsReadOnly(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("t.sqlite3");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id INTEGER)");
        }
        try (ReadOnlyDatabase db = new ReadOnlyDatabase(file); Statement s = db.connection().createStatement()) {
            assertThatThrownBy(() -> s.executeUpdate("INSERT INTO t VALUES (1)"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("readonly");
        }
    }

    @Test
    void cancelStopsARunningStatement() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite::memory:")) {
            StatementRunner runner = new StatementRunner();
            CompletableFuture<ResultTable> run = CompletableFuture.supplyAsync(() -> {
                try {
                    return runner.execute(c, new CompiledQuery("WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL "
                            + "SELECT x + 1 FROM n) SELECT count(*) FROM n", List.of()), 10);
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(300);
            runner.cancel();
            assertThatThrownBy(() -> run.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(CancellationException.class);
            assertThat(runner.isCancelled()).isTrue();
        }
    }
}
