package io.github.dlnkit.linalg;

import dev.ludovic.netlib.blas.NativeBLAS;
import dev.ludovic.netlib.lapack.NativeLAPACK;

import java.nio.file.Path;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The native BLAS and LAPACK, loaded once, lazily, through the JNI bindings of {@code dev.ludovic.netlib}
 * (netlib-java's successor). Which library they bind is chosen by the system property {@value #SOURCE_PROPERTY}:
 * <ul>
 *   <li>{@code bundled} (the default): the OpenBLAS 0.3.31 binary inside the jar ({@link BundledOpenBlas}, linux-x86_64),
 *       falling back to the system's libraries when the jar has none for this platform or it does not load;</li>
 *   <li>{@code system}: the system's {@code libblas.so.3} / {@code liblapack.so.3} (Debian's {@code libopenblas0});</li>
 * </ul>
 * A path given with netlib's own properties ({@code dev.ludovic.netlib.blas.nativeLibPath},
 * {@code dev.ludovic.netlib.lapack.nativeLibPath}) is always respected. Absent when no library loads or when
 * {@value #PROPERTY}{@code =false}; every caller then uses the pure-Java route (EJML).
 */
final class NativeLibraries {
    /** System property that, set to {@code false}, forces the pure-Java routes. */
    static final String PROPERTY = "dlnkit.native";
    /** System property choosing the native library: {@code bundled} (default) or {@code system}. */
    static final String SOURCE_PROPERTY = "dlnkit.blas";
    static final String NETLIB_BLAS_PATH = "dev.ludovic.netlib.blas.nativeLibPath";
    static final String NETLIB_LAPACK_PATH = "dev.ludovic.netlib.lapack.nativeLibPath";

    // strong reference: a logger that is only configured, not held, may be collected and forget its level
    private static final Logger NETLIB_LOG = Logger.getLogger("dev.ludovic.netlib");

    private NativeLibraries() {
    }

    private static final class Holder {
        static final NativeBLAS BLAS;
        static final NativeLAPACK LAPACK;
        static final String PROBLEM;
        static final String LIBRARY;

        static {
            // reached only through blas(), lapack(), problem() and library(), which check enabled() first
            NativeBLAS blas;
            NativeLAPACK lapack;
            String problem = null;
            String library = "none";
            Level before = NETLIB_LOG.getLevel();
            NETLIB_LOG.setLevel(Level.OFF); // netlib logs a warning for every implementation it cannot load
            try {
                library = chooseLibrary();
                blas = NativeBLAS.getInstance();
                lapack = NativeLAPACK.getInstance();
            } catch (IllegalArgumentException e) { // a -Ddlnkit.blas value it does not know
                blas = null;
                lapack = null;
                problem = e.getMessage();
            } catch (Throwable t) { // UnsatisfiedLinkError, RuntimeException "Unable to load native implementation"
                blas = null;
                lapack = null;
                problem = t.getClass().getSimpleName() + ": " + t.getMessage() + " (" + library + ")";
            } finally {
                NETLIB_LOG.setLevel(before);
            }
            BLAS = blas;
            LAPACK = lapack;
            PROBLEM = problem;
            LIBRARY = library;
        }
    }

    /**
     * Points netlib at the library {@value #SOURCE_PROPERTY} asks for (before its one-time initialisation) and
     * says which it is. The bundled library is loaded here first, so that a failure falls back to the system's.
     */
    private static String chooseLibrary() {
        String blasPath = System.getProperty(NETLIB_BLAS_PATH);
        if (blasPath != null && !blasPath.isBlank()) {
            return "given by -D" + NETLIB_BLAS_PATH + "=" + blasPath;
        }
        String source = System.getProperty(SOURCE_PROPERTY, "bundled").trim().toLowerCase(Locale.ROOT);
        String system = "system libblas.so.3 / liblapack.so.3";
        if (source.equals("system")) {
            return system;
        }
        if (!source.equals("bundled")) {
            throw new IllegalArgumentException("-D" + SOURCE_PROPERTY + "=" + source + ": expected bundled or system");
        }
        if (!BundledOpenBlas.available()) {
            return system + " (no bundled OpenBLAS for " + System.getProperty("os.name") + " "
                    + System.getProperty("os.arch") + ")";
        }
        try {
            Path lib = BundledOpenBlas.library();
            System.load(lib.toString()); // fails here, not inside netlib's one-time initialisation
            System.setProperty(NETLIB_BLAS_PATH, lib.toString());
            if (System.getProperty(NETLIB_LAPACK_PATH) == null) {
                System.setProperty(NETLIB_LAPACK_PATH, lib.toString());
            }
            return "bundled OpenBLAS " + BundledOpenBlas.version() + " (" + lib + ")";
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            return system + " (bundled OpenBLAS did not load: " + e.getMessage() + ")";
        }
    }

    static boolean enabled() {
        return !"false".equalsIgnoreCase(System.getProperty(PROPERTY, "true").trim());
    }

    /** The native BLAS, or {@code null} when it is not available (or disabled). */
    static NativeBLAS blas() {
        return enabled() ? Holder.BLAS : null;
    }

    /** The native LAPACK, or {@code null} when it is not available (or disabled). */
    static NativeLAPACK lapack() {
        return enabled() ? Holder.LAPACK : null;
    }

    /** Which library the native routes bind (or tried to), e.g. {@code bundled OpenBLAS 0.3.31-1.5.13 (path)}. */
    static String library() {
        return enabled() ? Holder.LIBRARY : "none (disabled by -D" + PROPERTY + "=false)";
    }

    /** Why there is no native library ({@code null} when there is). */
    static String problem() {
        if (!enabled()) {
            return "disabled by -D" + PROPERTY + "=false";
        }
        return Holder.PROBLEM;
    }
}
