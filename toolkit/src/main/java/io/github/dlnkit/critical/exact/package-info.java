/**
 * Theorem 7 decided in exact rational arithmetic for cases with rational entries ({@code classify --exact},
 * {@code docs/theory/exact-mode.md}): {@link io.github.dlnkit.critical.exact.ExactClassifier} reads a
 * {@link io.github.dlnkit.critical.exact.RationalCase} and returns an
 * {@link io.github.dlnkit.critical.exact.ExactClassification}, with no tolerance anywhere.
 */
package io.github.dlnkit.critical.exact;
