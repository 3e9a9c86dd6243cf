package studio.queryset.run;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Stopping a statement the way psql does: a cancel request the server acts on, sent off the caller's thread so a
 * Stop button or a time limit never waits for a server that does not answer it. When the statement is still running a grace period later, the
 * server has stopped answering (a hung host, a stopped process, a dropped network path): the connection under it
 * is aborted, so the thread waiting for the answer wakes with an error instead of waiting for ever. A long query
 * is not a dead server, so nothing here limits a query by itself; only a cancel (Stop, Ctrl+C, the time limit)
 * starts the grace period. SQLite is never aborted: its cancel interrupts the engine in this process.
 */
final class Cancellation {
    /** How long a server may take to end a cancelled statement before its connection is closed. */
    static final Duration GRACE = Duration.ofMillis(Long.getLong("qss.cancelGraceMillis", 5000));

    private static final ExecutorService SENDERS = Executors.newCachedThreadPool(r -> daemon(r, "statement-cancel"));
    private static final ScheduledExecutorService WATCHDOG =
            Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "statement-cancel-watchdog"));

    private Cancellation() {
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /**
     * Sends the cancel for {@code statement} and returns at once with the sending (a JVM about to exit waits for
     * it). If {@code stillRunning} holds after {@link #GRACE} and the connection goes over a network,
     * {@code onAbort} runs and the connection is aborted.
     */
    static Future<?> cancel(Statement statement, Connection conn, boolean network, BooleanSupplier stillRunning,
                       Runnable onAbort) {
        Runnable send = () -> {
            try {
                statement.cancel();
            } catch (SQLException | RuntimeException ignored) {
                // finished or closed meanwhile: nothing left to stop
            }
        };
        if (!network) {
            send.run(); // SQLite's cancel interrupts the engine in this process: instant
            return CompletableFuture.completedFuture(null);
        }
        Future<?> sending = SENDERS.submit(send);
        WATCHDOG.schedule(() -> {
            if (stillRunning.getAsBoolean()) {
                onAbort.run();
                try {
                    conn.abort(SENDERS);
                } catch (SQLException | RuntimeException ignored) {
                    // already closed: the waiting read has its error either way
                }
            }
        }, GRACE.toMillis(), TimeUnit.MILLISECONDS);
        return sending;
    }

    /** The sentence added to a cancel or time-out error when the connection had to be closed. */
    static String abortedNote() {
        return "; the server did not end the statement within " + seconds(GRACE)
                + " of the cancel request, so the connection was closed (the next run opens a new one)";
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() / 1000.0 + " s";
    }
}
