/** {@code tandem deadlines} and {@code tandem generate rules-table}. */
@NullMarked
package dev.tandem.cli.deadlines;

import org.jspecify.annotations.NullMarked;
