/**
 * Generators of sample data, evaluation corpora and benchmarks. The product modules (core, pii,
 * analyzers, regulation, timeline, server) never depend on this module; the {@code tandem}
 * executable registers its commands beside the product's own.
 */
@NullMarked
package dev.tandem.tools;

import org.jspecify.annotations.NullMarked;
