package io.github.dlnkit.sweep;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The built-in engine: the tasks on {@code threads} worker threads of this JVM (default: all cores). Each worker takes
 * the next task in order and hands its row to the sink as soon as it is done; the rows do not depend on the number of
 * threads (a task's row depends only on the task). The first failing task stops the workers and is rethrown.
 */
public final class LocalEngine implements SweepEngine {
    @Override
    public String name() {
        return "local";
    }

    @Override
    public String describe(Settings settings) {
        return "local, " + settings.threads() + " thread" + (settings.threads() == 1 ? "" : "s");
    }

    @Override
    public void run(SweepPlan plan, List<SweepTask> tasks, Settings settings, RowSink sink) {
        TaskRunner runner = new TaskRunner(plan);
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        int n = Math.max(1, Math.min(settings.threads(), tasks.size()));
        Thread[] workers = new Thread[n];
        for (int w = 0; w < n; w++) {
            workers[w] = new Thread(() -> {
                int i;
                while (failure.get() == null && (i = next.getAndIncrement()) < tasks.size()) {
                    SweepTask t = tasks.get(i);
                    try {
                        sink.accept(t, runner.row(t));
                    } catch (RuntimeException | Error e) { // Errors too (out of memory): never lose a failure silently
                        failure.compareAndSet(null, e);
                    }
                }
            }, "dlnkit-sweep-" + w);
            workers[w].setDaemon(true);
            workers[w].start();
        }
        try {
            for (Thread t : workers) {
                t.join();
            }
        } catch (InterruptedException e) {
            failure.compareAndSet(null, new IllegalStateException("sweep interrupted"));
            Thread.currentThread().interrupt();
        }
        Throwable f = failure.get();
        if (f instanceof Error e) {
            throw e;
        }
        if (f != null) {
            throw (RuntimeException) f;
        }
    }
}
