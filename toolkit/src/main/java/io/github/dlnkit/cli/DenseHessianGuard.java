package io.github.dlnkit.cli;

import io.github.dlnkit.critical.Classifier;
import io.github.dlnkit.model.Architecture;
import picocli.CommandLine.Option;

import java.util.Locale;

/**
 * Mixin for commands that can build the dense {@code n x n} Hessian ({@code eval --hessian}, {@code spectrum --dense},
 * {@code classify --hessian}): the option {@code --max-params N} and the one check that refuses a dense Hessian above
 * it before any work starts (the memory check is {@link io.github.dlnkit.model.Loss#hessian}'s).
 */
public final class DenseHessianGuard {
    // default: the classifier's limit (a dense Hessian of 4000 parameters takes 128 MB and seconds to decompose)
    @Option(names = "--max-params", defaultValue = "" + Classifier.DEFAULT_MAX_HESSIAN_PARAMETERS, paramLabel = "N",
            description = "refuse a dense n x n Hessian above N parameters (default ${DEFAULT-VALUE})")
    int maxParams = Classifier.DEFAULT_MAX_HESSIAN_PARAMETERS;

    /** The limit given with {@code --max-params} (checked to be positive). */
    public int maxParameters() {
        if (maxParams < 1) {
            throw new IllegalArgumentException("--max-params is " + maxParams + ", expected a positive number of parameters");
        }
        return maxParams;
    }

    /**
     * Refuses a dense Hessian of architecture {@code a} when it has more than {@code --max-params} parameters.
     *
     * @param what        what needs it, e.g. {@code "--hessian"}
     * @param alternative what to do instead, e.g. {@code "use the Lanczos-based 'spectrum' command"}
     */
    public void check(Architecture a, String what, String alternative) {
        int n = a.parameterCount();
        if (n > maxParameters()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "%s needs the dense Hessian, n = %d > --max-params %d parameters; raise --max-params or %s",
                    what, n, maxParams, alternative));
        }
    }
}
