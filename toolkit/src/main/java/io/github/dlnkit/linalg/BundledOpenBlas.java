package io.github.dlnkit.linalg;

import io.github.dlnkit.BuildInfo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The OpenBLAS binary shaded into {@code dlnkit-all.jar} from {@code org.bytedeco:openblas} (linux-x86_64: the
 * library with its LAPACK, and the GCC runtime it links), unpacked once into a per-version cache folder so that
 * {@code dev.ludovic.netlib}'s JNI can {@code dlopen} it instead of the system's {@code libblas.so.3}.
 *
 * <p>Why: a current OpenBLAS (0.3.31) picks kernels for the processor it finds, where Debian's 0.3.21 needs
 * {@code OPENBLAS_CORETYPE} forced on newer machines; and dlnkit is then fast on any Linux x86_64 machine, with or
 * without {@code libopenblas0} installed. Measured on the project's 2-core machine (docs/perf/side-by-side.md):
 * one HVP at width 64 runs at 64 GFLOP/s against 30 on Debian's library.
 *
 * <p>Cache folder: {@code $DLNKIT_CACHE}, else {@code $XDG_CACHE_HOME/dlnkit}, else {@code ~/.cache/dlnkit}, else
 * the temporary folder; the libraries go to {@code openblas-<version>-linux-x86_64/} inside it. The folder is
 * filled under a temporary name and renamed when complete, so a crash or a second process never sees half a
 * library; a folder whose files do not have the sizes recorded in its {@value #MANIFEST} is not used.
 */
final class BundledOpenBlas {
    /** Where the shade plugin puts the libraries inside the jar. */
    static final String RESOURCE_DIR = "/org/bytedeco/openblas/linux-x86_64/";
    /** The library netlib binds (BLAS and LAPACK in one). */
    static final String LIBRARY = "libopenblas.so.0";
    /** The library and what it links from its own folder ({@code RUNPATH $ORIGIN}). */
    static final List<String> FILES = List.of(LIBRARY, "libgfortran.so.5", "libquadmath.so.0", "libgcc_s.so.1");
    /** File listing the unpacked files and their sizes, written last. */
    static final String MANIFEST = "dlnkit-files.properties";

    private BundledOpenBlas() {
    }

    /** Version of the bundled OpenBLAS ({@code 0.3.31-1.5.13}: OpenBLAS, then the JavaCPP presets), or null. */
    static String version() {
        return BuildInfo.property("openblas.version");
    }

    /** True on the platform the jar carries a binary for, when the binary is on the class path. */
    static boolean available() {
        return isLinuxX8664(System.getProperty("os.name", ""), System.getProperty("os.arch", ""))
                && BundledOpenBlas.class.getResource(RESOURCE_DIR + LIBRARY) != null && version() != null;
    }

    static boolean isLinuxX8664(String osName, String osArch) {
        String arch = osArch.toLowerCase(Locale.ROOT);
        return osName.toLowerCase(Locale.ROOT).startsWith("linux") && (arch.equals("amd64") || arch.equals("x86_64"));
    }

    /**
     * The unpacked {@value #LIBRARY}, unpacking it first when the cache does not hold a complete copy.
     *
     * @throws IllegalStateException when the binary is not bundled for this platform
     * @throws UncheckedIOException when no cache folder can be written
     */
    static Path library() {
        if (!available()) {
            throw new IllegalStateException("no bundled OpenBLAS for " + System.getProperty("os.name") + " "
                    + System.getProperty("os.arch"));
        }
        String name = "openblas-" + version() + "-linux-x86_64";
        IOException first = null;
        for (Path root : cacheRoots()) {
            try {
                return unpack(root.resolve(name)).resolve(LIBRARY);
            } catch (IOException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        throw new UncheckedIOException("cannot unpack the bundled OpenBLAS into any cache folder " + cacheRoots(),
                first);
    }

    /** Candidate cache roots, in order of preference. */
    static List<Path> cacheRoots() {
        java.util.ArrayList<Path> roots = new java.util.ArrayList<>();
        String own = System.getenv("DLNKIT_CACHE");
        if (own != null && !own.isBlank()) {
            roots.add(Path.of(own));
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank()) {
            roots.add(Path.of(xdg, "dlnkit"));
        }
        String home = System.getProperty("user.home");
        if (home != null && !home.isBlank() && !home.equals("?")) {
            roots.add(Path.of(home, ".cache", "dlnkit"));
        }
        roots.add(Path.of(System.getProperty("java.io.tmpdir"), "dlnkit-" + System.getProperty("user.name", "user")));
        return roots;
    }

    /** {@code target} holding a complete copy: reused when its manifest matches, else unpacked and renamed into place. */
    static Path unpack(Path target) throws IOException {
        if (complete(target)) {
            return target;
        }
        Path parent = target.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempDirectory(parent, target.getFileName() + ".part-");
        try {
            Properties sizes = new Properties();
            for (String f : FILES) {
                try (InputStream in = BundledOpenBlas.class.getResourceAsStream(RESOURCE_DIR + f)) {
                    if (in == null) {
                        throw new IOException("bundled OpenBLAS file " + f + " is missing from the jar");
                    }
                    sizes.setProperty(f, Long.toString(Files.copy(in, tmp.resolve(f))));
                }
            }
            try (var out = Files.newOutputStream(tmp.resolve(MANIFEST))) {
                sizes.store(out, "files unpacked by dlnkit from org.bytedeco:openblas " + version());
            }
            if (complete(target)) { // another process finished first
                return target;
            }
            if (Files.exists(target)) { // an incomplete or damaged copy: put it aside, then replace it
                deleteTree(target);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target);
            } catch (IOException e) { // another process renamed its copy into place first (EEXIST / ENOTEMPTY)
                if (!complete(target)) {
                    throw e;
                }
            }
            return target;
        } finally {
            if (Files.exists(tmp)) {
                deleteTree(tmp);
            }
        }
    }

    /** True when {@code dir} has the manifest and every listed file with its recorded size. */
    static boolean complete(Path dir) {
        Path m = dir.resolve(MANIFEST);
        if (!Files.isRegularFile(m)) {
            return false;
        }
        try (InputStream in = Files.newInputStream(m)) {
            Properties sizes = new Properties();
            sizes.load(in);
            for (String f : FILES) {
                String s = sizes.getProperty(f);
                Path p = dir.resolve(f);
                if (s == null || !Files.isRegularFile(p) || Files.size(p) != Long.parseLong(s)) {
                    return false;
                }
            }
            return true;
        } catch (IOException | NumberFormatException e) {
            return false;
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
