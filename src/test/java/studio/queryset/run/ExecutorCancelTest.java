package studio.queryset.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import studio.queryset.query.QueryException;
import studio.queryset.schema.ValueType;
import studio.queryset.sql.CompiledQuery;
import studio.queryset.sql.Dialect;
import studio.queryset.sql.OutColumn;
import studio.queryset.sql.QueryPlan;
import studio.queryset.sql.RowShape;
import studio.queryset.sql.SelectPlan;

/** Executor.cancel() from another thread stops a statement that would never end; the connection lives on. */
class ExecutorCancelTest {

    private static QueryPlan count(String sql) {
        SelectPlan select = new SelectPlan(new CompiledQuery(sql, List.of()), "T",
                List.of(new OutColumn(List.of(), "n", ValueType.INTEGER, false)), RowShape.FLAT, List.of(), false, 0);
        return new QueryPlan(QueryPlan.Kind.COUNT, select, List.of(), "T");
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void cancelStopsAnEndlessSqliteQueryAndTheConnectionStaysUsable(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("t.sqlite3");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id INTEGER)");
            s.execute("INSERT INTO t VALUES (1), (2), (3)");
        }
        try (Connection conn = Connections.open("jdbc:sqlite:" + file, false)) {
            QueryLog log = new QueryLog();
            Executor executor = new Executor(conn, Dialect.SQLITE, log);
            QueryPlan endless = count(
                    "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c");

            CompletableFuture<Object> run = CompletableFuture.supplyAsync(() -> executor.execute(endless,
                    Executor.WriteMode.DENY));
            Thread.sleep(300);
            assertThat(run).as("the endless query is still running").isNotDone();

            long start = System.nanoTime();
            executor.cancel();
            Throwable error = null;
            try {
                run.get(5, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                error = e.getCause();
            }
            long ms = (System.nanoTime() - start) / 1_000_000;

            assertThat(error).isInstanceOf(QueryException.class).hasMessage("cancelled");
            assertThat(((QueryException) error).kind()).isEqualTo("Cancelled");
            assertThat(ms).as("ms from cancel() to the run ending").isLessThan(5_000);
            assertThat(log.entries()).as("nothing completed, nothing logged").isEmpty();

            // the same connection and the same executor run the next query normally
            assertThat(executor.execute(count("SELECT count(*) FROM t"), Executor.WriteMode.DENY)).isEqualTo(3L);
            assertThat(new Executor(conn, Dialect.SQLITE, log).execute(count("SELECT count(*) FROM t WHERE id > 1"),
                    Executor.WriteMode.DENY)).isEqualTo(2L);
            assertThat(log.entries()).hasSize(2);
        }
    }

    @Test
    void cancelWhileIdleDoesNotSpoilTheNextRun(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("t.sqlite3");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id INTEGER)");
        }
        try (Connection conn = Connections.open("jdbc:sqlite:" + file, false)) {
            Executor executor = new Executor(conn, Dialect.SQLITE, new QueryLog());
            executor.cancel();
            assertThat(executor.execute(count("SELECT count(*) FROM t"), Executor.WriteMode.DENY)).isEqualTo(0L);
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void timeLimitEndsAnEndlessQueryOnSqlite(@TempDir Path dir) throws Exception {
        DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("t.sqlite3")).close();
        try (Connection conn = Connections.open("jdbc:sqlite:" + dir.resolve("t.sqlite3"), false)) {
            timesOutThenRunsAgain(conn, Dialect.SQLITE,
                    "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c");
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void timeLimitAndCancelWorkOnPostgresql() throws Exception {
        try (Connection conn = studio.queryset.support.PostgresSupport.connectOrSkip()) {
            timesOutThenRunsAgain(conn, Dialect.POSTGRESQL, "SELECT count(*) FROM (SELECT pg_sleep(20)) s");
            Executor executor = new Executor(conn, Dialect.POSTGRESQL, new QueryLog());
            CompletableFuture<Object> run = CompletableFuture.supplyAsync(() -> executor.execute(
                    count("SELECT count(*) FROM (SELECT pg_sleep(20)) s"), Executor.WriteMode.DENY));
            Thread.sleep(300);
            executor.cancel();
            try {
                run.get(5, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                assertThat(((QueryException) e.getCause()).kind()).isEqualTo("Cancelled");
            }
            assertThat(executor.execute(count("SELECT 1"), Executor.WriteMode.DENY)).isEqualTo(1L);
        }
    }

    /**
     * A server that stops answering mid-query (here its backend process is stopped with SIGSTOP, so neither the
     * query nor the cancel request gets an answer): the run still ends, shortly after the grace period, with the
     * reason, and a new connection works. Needs the server on this machine and the right to signal it.
     */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aServerThatStopsAnsweringEndsTheRunAfterTheCancelGrace() throws Exception {
        try (Connection conn = studio.queryset.support.PostgresSupport.connectOrSkip()) {
            long pid;
            try (Statement s = conn.createStatement(); var rs = s.executeQuery("SELECT pg_backend_pid()")) {
                rs.next();
                pid = rs.getLong(1);
            }
            org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isDirectory(Path.of("/proc/" + pid))
                    && signal("STOP", pid), "cannot stop the PostgreSQL backend " + pid
                    + " (server on another machine, or no right to signal it): the dead-server case is not run");
            try {
                Executor executor = new Executor(conn, Dialect.POSTGRESQL, new QueryLog());
                CompletableFuture<Object> run = CompletableFuture.supplyAsync(() -> executor.execute(
                        count("SELECT count(*) FROM (SELECT pg_sleep(30)) s"), Executor.WriteMode.DENY));
                Thread.sleep(300);
                assertThat(run).as("the stopped server keeps the run waiting").isNotDone();
                long start = System.nanoTime();
                executor.cancel();
                assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start))
                        .as("cancel() returns at once, even when the server does not answer it").isLessThan(1000);
                Throwable error = null;
                try {
                    run.get(Cancellation.GRACE.toMillis() + 10_000, TimeUnit.MILLISECONDS);
                } catch (ExecutionException e) {
                    error = e.getCause();
                }
                assertThat(error).isInstanceOf(QueryException.class);
                assertThat(((QueryException) error).kind()).isEqualTo("Cancelled");
                assertThat(error.getMessage()).contains("did not end the statement within")
                        .contains("the connection was closed");
                assertThat(conn.isClosed()).isTrue();
            } finally {
                signal("CONT", pid);
            }
        }
        try (Connection fresh = studio.queryset.support.PostgresSupport.connectOrSkip()) {
            assertThat(new Executor(fresh, Dialect.POSTGRESQL, new QueryLog()).execute(count("SELECT 1"),
                    Executor.WriteMode.DENY)).isEqualTo(1L);
        }
    }

    private static boolean signal(String name, long pid) throws Exception {
        Process p = new ProcessBuilder("kill", "-" + name, Long.toString(pid)).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
    }

    private static void timesOutThenRunsAgain(Connection conn, Dialect dialect, String endlessSql) {
        Executor executor = new Executor(conn, dialect, new QueryLog()).withTimeLimit(java.time.Duration.ofMillis(400));
        long start = System.nanoTime();
        QueryException error = null;
        try {
            executor.execute(count(endlessSql), Executor.WriteMode.DENY);
        } catch (QueryException e) {
            error = e;
        }
        assertThat(error).isNotNull();
        assertThat(error.kind()).isEqualTo("TimedOut");
        assertThat(error.getMessage()).contains("400 ms");
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(5000);
        assertThat(executor.execute(count("SELECT 1"), Executor.WriteMode.DENY)).isEqualTo(1L);
    }
}
