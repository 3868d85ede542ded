package io.github.dlnkit.critical;

/** How far a {@link Classification} can be trusted in double precision ({@link Margins#FRAGILE}). */
public enum Confidence {
    /** Every decision had at least {@link Margins#FRAGILE} decades of evidence. */
    CLEAN,
    /** Some decision had less: the class is the best reading, and {@link Classification#fragile()} names the decision. */
    FRAGILE
}
