/** {@code tandem bench ...}: benchmarks against a real server process, each beside a reference run. */
@NullMarked
package dev.tandem.app.bench;

import org.jspecify.annotations.NullMarked;
