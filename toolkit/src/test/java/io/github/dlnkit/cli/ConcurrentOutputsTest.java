package io.github.dlnkit.cli;

import io.github.dlnkit.examples.WorkedExamples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Outputs written at the same time (issue 16): ten commands start together in one JVM, eight writing distinct
 * files, two writing the same file. Every distinct file equals what the same command writes alone; the shared file
 * is exactly one of the two complete versions (atomic rename, no interleaving); no temporary file is left.
 */
class ConcurrentOutputsTest {

    @Test
    void tenCommandsAtOnceWriteCompleteFiles(@TempDir Path dir) throws Exception {
        Path e4 = dir.resolve("e4.json");
        WorkedExamples.e4().toCaseFile().write(e4);
        List<String[]> jobs = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Path out = dir.resolve("out" + i + (i < 3 ? ".json" : i < 6 ? ".csv" : ".png"));
            jobs.add(i < 3 ? new String[]{"example", i == 0 ? "E4" : i == 1 ? "E2" : "D4-global", "--out", out.toString()}
                    : i < 6 ? new String[]{"train", "--case", e4.toString(), "--steps", "300", "--lr", "0.01", "--perturb", "0.1",
                    "--seed", String.valueOf(i), "--out", out.toString()}
                    : new String[]{"slice", "--case", e4.toString(), "--dirs", "random", "--grid", "9", "--seed",
                    String.valueOf(i), "--png", out.toString()});
        }
        Path same = dir.resolve("same.csv");
        for (int seed : new int[]{11, 12}) {
            jobs.add(new String[]{"train", "--case", e4.toString(), "--steps", "2000", "--lr", "0.01", "--perturb", "0.1",
                    "--seed", String.valueOf(seed), "--record-every", "1", "--out", same.toString()});
        }
        ExecutorService pool = Executors.newFixedThreadPool(jobs.size());
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> codes = new ArrayList<>();
        for (String[] job : jobs) {
            codes.add(pool.submit(() -> {
                start.await();
                var cl = Main.commandLine();
                cl.setErr(new PrintWriter(new StringWriter()));
                cl.setOut(new PrintWriter(new StringWriter())); // commands print through their spec
                return cl.execute(job);
            }));
        }
        start.countDown();
        for (Future<Integer> f : codes) {
            assertEquals(0, f.get());
        }
        pool.shutdown();
        // each distinct output equals the same command run alone
        for (int i = 0; i < 8; i++) {
            String[] job = jobs.get(i);
            Path out = Path.of(job[job.length - 1]);
            byte[] concurrent = Files.readAllBytes(out);
            if (out.toString().endsWith(".png")) {
                assertTrue(javax.imageio.ImageIO.read(out.toFile()).getWidth() > 100, out.toString());
                continue;
            }
            Files.delete(out);
            assertEquals(0, CliTestSupport.run(job).exitCode());
            assertArrayEquals(Files.readAllBytes(out), concurrent, out.toString());
        }
        byte[] shared = Files.readAllBytes(same);
        List<byte[]> alone = new ArrayList<>();
        for (int k = 8; k < 10; k++) {
            Files.delete(same);
            assertEquals(0, CliTestSupport.run(jobs.get(k)).exitCode());
            alone.add(Files.readAllBytes(same));
        }
        assertTrue(java.util.Arrays.equals(shared, alone.get(0)) || java.util.Arrays.equals(shared, alone.get(1)),
                "the shared output is neither complete version");
        try (Stream<Path> s = Files.list(dir)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "a temporary file was left");
        }
    }
}
