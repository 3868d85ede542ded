package io.github.dlnkit.model;

import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WorkersTest {

    @Test
    void everyIndexOnceWithOneStatePerThread() {
        for (int threads : new int[]{1, 2, 3, 8}) {
            int count = 1000;
            int[] hits = new int[count];
            AtomicInteger states = new AtomicInteger();
            Set<Thread> used = ConcurrentHashMap.newKeySet();
            Workers.forEach(threads, count, () -> new int[]{states.incrementAndGet()}, (state, i) -> {
                hits[i]++;
                used.add(Thread.currentThread());
            });
            for (int i = 0; i < count; i++) {
                assertEquals(1, hits[i], "index " + i + " with " + threads + " threads");
            }
            assertTrue(states.get() <= threads && states.get() == used.size(), states + " states, " + used.size() + " threads");
        }
    }

    @Test
    void oneThreadRunsOnTheCaller() {
        Thread caller = Thread.currentThread();
        Workers.forEach(1, 5, () -> null, (s, i) -> assertEquals(caller, Thread.currentThread()));
    }

    @Test
    void firstFailureIsRethrownAndStopsTheRest() {
        AtomicInteger ran = new AtomicInteger();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Workers.forEach(2, 100_000, () -> null,
                (s, i) -> {
                    ran.incrementAndGet();
                    if (i == 10) {
                        throw new IllegalStateException("run 10 failed");
                    }
                }));
        assertEquals("run 10 failed", e.getMessage());
        assertTrue(ran.get() < 100_000, "indices after the failure are not handed out: " + ran.get());
    }

    @Test
    void nestedUseRunsInlineAndDoesNotDeadlock() {
        int[] total = new int[1];
        Workers.forEach(2, 4, () -> null, (s, i) -> {
            int[] inner = new int[10];
            Workers.forEach(2, 10, () -> null, (t, j) -> inner[j] = 1);
            synchronized (total) {
                total[0] += java.util.Arrays.stream(inner).sum();
            }
        });
        assertEquals(40, total[0]);
    }
}
