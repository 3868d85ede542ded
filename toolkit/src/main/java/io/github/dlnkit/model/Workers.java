package io.github.dlnkit.model;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ObjIntConsumer;
import java.util.function.Supplier;

/**
 * Runs independent, indexed tasks (GD runs, escape runs) on several threads: the calling thread works too, and the
 * helpers come from one shared pool of daemon threads that outlive the call (idle ones end after a minute). A
 * fresh pool per call cost more than the work of a millisecond experiment: new threads, new stacks and new
 * allocation buffers all touch fresh memory, which a virtual machine charges for page by page.
 *
 * <p>Results must be written by index, so they do not depend on the number of threads or on which thread ran which
 * task. With one thread, a single task, or when called from a helper thread (nested use), everything runs on the
 * calling thread.
 */
public final class Workers {
    private static final ExecutorService HELPERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "dlnkit-worker");
        t.setDaemon(true);
        return t;
    });
    private static final ThreadLocal<Boolean> HELPER = ThreadLocal.withInitial(() -> false);

    private Workers() {
    }

    /**
     * Calls {@code body.accept(state, i)} for every {@code i} in {@code [0, count)}, on up to {@code threads} threads
     * (the caller included); each thread makes its own {@code state} once ({@code perWorker}, e.g. work buffers) and
     * takes indices in turn. The first exception stops the handing out of further indices and is rethrown here
     * (unchecked exceptions as they are) once every thread has stopped.
     */
    public static <S> void forEach(int threads, int count, Supplier<S> perWorker, ObjIntConsumer<S> body) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        if (count <= 0) {
            return;
        }
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Runnable worker = () -> {
            S state = null;
            try {
                for (int i = next.getAndIncrement(); i < count && failure.get() == null; i = next.getAndIncrement()) {
                    if (state == null) {
                        state = perWorker.get();
                    }
                    body.accept(state, i);
                }
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            }
        };
        int helpers = HELPER.get() ? 0 : Math.min(threads, count) - 1;
        List<Future<?>> futures = new ArrayList<>(helpers);
        for (int k = 0; k < helpers; k++) {
            futures.add(HELPERS.submit(() -> {
                HELPER.set(true);
                try {
                    worker.run();
                } finally {
                    HELPER.set(false);
                }
            }));
        }
        worker.run();
        boolean interrupted = false;
        for (Future<?> f : futures) {
            while (true) {
                try {
                    f.get();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                    failure.compareAndSet(null, e); // stop handing out indices, then wait for the helpers
                } catch (ExecutionException e) {
                    failure.compareAndSet(null, e.getCause());
                    break;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        Throwable t = failure.get();
        if (t instanceof RuntimeException re) {
            throw re;
        }
        if (t instanceof Error e) {
            throw e;
        }
        if (t != null) {
            throw new IllegalStateException(t instanceof InterruptedException ? "interrupted" : t.toString(), t);
        }
    }
}
