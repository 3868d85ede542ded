package io.github.dlnkit.cli;

import picocli.CommandLine.Option;

/**
 * Mixin for commands that draw random numbers: {@code --seed S}. The same seed and arguments give the same output
 * (bit for bit on one machine); what the seed drives is said in the command's own description.
 */
public final class SeedOption {
    /** Default of {@code --seed}. */
    public static final long DEFAULT_SEED = 1;

    @Option(names = "--seed", defaultValue = "" + DEFAULT_SEED, paramLabel = "S",
            description = "seed of every random draw of this command (default ${DEFAULT-VALUE})")
    long seed = DEFAULT_SEED;

    /** The seed given with {@code --seed}. */
    public long seed() {
        return seed;
    }
}
