package io.github.dlnkit.linalg;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The bundled OpenBLAS: unpacked whole or not at all, reused, repaired, shared by concurrent unpackers, and bound. */
class BundledOpenBlasTest {

    @Test
    void platformCheckNamesLinuxX8664Only() {
        assertTrue(BundledOpenBlas.isLinuxX8664("Linux", "amd64"));
        assertTrue(BundledOpenBlas.isLinuxX8664("Linux", "x86_64"));
        assertFalse(BundledOpenBlas.isLinuxX8664("Linux", "aarch64"));
        assertFalse(BundledOpenBlas.isLinuxX8664("Mac OS X", "x86_64"));
        assertFalse(BundledOpenBlas.isLinuxX8664("Windows 11", "amd64"));
    }

    @Test
    void unpacksCompleteCopyAndReusesIt(@TempDir Path dir) throws Exception {
        assumeTrue(BundledOpenBlas.available(), "no bundled OpenBLAS on this platform / class path");
        Path target = dir.resolve("openblas");
        assertFalse(BundledOpenBlas.complete(target));
        Path got = BundledOpenBlas.unpack(target);
        assertEquals(target, got);
        assertTrue(BundledOpenBlas.complete(target));
        for (String f : BundledOpenBlas.FILES) {
            assertTrue(Files.size(target.resolve(f)) > 0, f);
        }
        long stamp = Files.getLastModifiedTime(target.resolve(BundledOpenBlas.LIBRARY)).toMillis();
        Thread.sleep(20);
        BundledOpenBlas.unpack(target); // complete: reused, not rewritten
        assertEquals(stamp, Files.getLastModifiedTime(target.resolve(BundledOpenBlas.LIBRARY)).toMillis());
        try (var s = Files.list(dir)) {
            assertEquals(List.of(target), s.toList(), "no temporary folder left behind");
        }
    }

    @Test
    void truncatedCopyIsReplaced(@TempDir Path dir) throws Exception {
        assumeTrue(BundledOpenBlas.available(), "no bundled OpenBLAS on this platform / class path");
        Path target = BundledOpenBlas.unpack(dir.resolve("openblas"));
        long size = Files.size(target.resolve(BundledOpenBlas.LIBRARY));
        Files.write(target.resolve(BundledOpenBlas.LIBRARY), new byte[10]); // a crash mid-copy, or a damaged cache
        assertFalse(BundledOpenBlas.complete(target));
        BundledOpenBlas.unpack(target);
        assertTrue(BundledOpenBlas.complete(target));
        assertEquals(size, Files.size(target.resolve(BundledOpenBlas.LIBRARY)));
    }

    @Test
    void concurrentUnpackersAllGetTheCompleteCopy(@TempDir Path dir) throws Exception {
        assumeTrue(BundledOpenBlas.available(), "no bundled OpenBLAS on this platform / class path");
        Path target = dir.resolve("openblas");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Path>> fs = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                fs.add(pool.submit((Callable<Path>) () -> BundledOpenBlas.unpack(target)));
            }
            for (Future<Path> f : fs) {
                assertEquals(target, f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertTrue(BundledOpenBlas.complete(target));
        try (var s = Files.list(dir)) {
            assertEquals(1, s.count(), "temporary folders removed");
        }
    }

    @Test
    void nativeRoutesBindTheBundledLibraryByDefault() {
        assumeTrue(BundledOpenBlas.available(), "no bundled OpenBLAS on this platform / class path");
        assumeTrue(System.getProperty(NativeLibraries.SOURCE_PROPERTY) == null, "library chosen with -Ddlnkit.blas");
        String lib = NativeLibraries.library();
        assertTrue(lib.startsWith("bundled OpenBLAS " + BundledOpenBlas.version()), lib);
        assertTrue(Gemm.isNative(), Gemm.describe());
        assertTrue(SymmetricEigen.describe().contains("bundled OpenBLAS"), SymmetricEigen.describe());
    }
}
