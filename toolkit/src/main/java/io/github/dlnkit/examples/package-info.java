/** The exact reference cases of {@code worked-examples.md}, as ready-made data sets and points. */
package io.github.dlnkit.examples;
