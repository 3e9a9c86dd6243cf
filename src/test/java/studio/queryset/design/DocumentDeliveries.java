package studio.queryset.design;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;

/**
 * The owner thread of a {@link QueryDocument} in tests: revisions the worker delivers wait in a queue until the
 * test runs them, as the FX thread would, so a test decides when (and in which order) they arrive.
 */
final class DocumentDeliveries implements Executor {
    private final BlockingQueue<Runnable> queue = new LinkedBlockingDeque<>();

    @Override
    public void execute(Runnable task) {
        queue.add(task);
    }

    /** The next delivery, waiting for the worker to finish it. */
    Runnable next() throws InterruptedException {
        Runnable r = queue.poll(30, TimeUnit.SECONDS);
        if (r == null) {
            throw new AssertionError("no revision was delivered within 30 s");
        }
        return r;
    }

    /** Runs deliveries on this thread until the document shows the newest change asked of it. */
    Revision await(QueryDocument doc) throws InterruptedException {
        while (doc.busy()) {
            next().run();
        }
        return doc.current();
    }
}
