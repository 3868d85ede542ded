package io.github.dlnkit.linalg;

import dev.ludovic.netlib.blas.NativeBLAS;
import dev.ludovic.netlib.lapack.NativeLAPACK;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The native BLAS and LAPACK of the system (netlib-java successor {@code dev.ludovic.netlib}, which binds
 * {@code libblas.so.3} / {@code liblapack.so.3}: OpenBLAS from Debian's {@code libopenblas0}), loaded once, lazily.
 * Absent when the libraries do not load or when the system property {@code dlnkit.native=false} is set; every
 * caller then uses the pure-Java route (EJML).
 */
final class NativeLibraries {
    /** System property that, set to {@code false}, forces the pure-Java routes. */
    static final String PROPERTY = "dlnkit.native";

    // strong reference: a logger that is only configured, not held, may be collected and forget its level
    private static final Logger NETLIB_LOG = Logger.getLogger("dev.ludovic.netlib");

    private NativeLibraries() {
    }

    private static final class Holder {
        static final NativeBLAS BLAS;
        static final NativeLAPACK LAPACK;
        static final String PROBLEM;

        static {
            // reached only through blas(), lapack() and problem(), which check enabled() first
            NativeBLAS blas;
            NativeLAPACK lapack;
            String problem = null;
            Level before = NETLIB_LOG.getLevel();
            NETLIB_LOG.setLevel(Level.OFF); // netlib logs a warning for every implementation it cannot load
            try {
                blas = NativeBLAS.getInstance();
                lapack = NativeLAPACK.getInstance();
            } catch (Throwable t) { // UnsatisfiedLinkError, RuntimeException "Unable to load native implementation"
                blas = null;
                lapack = null;
                problem = t.getClass().getSimpleName() + ": " + t.getMessage();
            } finally {
                NETLIB_LOG.setLevel(before);
            }
            BLAS = blas;
            LAPACK = lapack;
            PROBLEM = problem;
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

    /** Why there is no native library ({@code null} when there is). */
    static String problem() {
        if (!enabled()) {
            return "disabled by -D" + PROPERTY + "=false";
        }
        return Holder.PROBLEM;
    }
}
