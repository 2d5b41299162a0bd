/** {@code tandem change}: change control of a running server (docs/change-control.md). */
@NullMarked
package dev.tandem.cli.change;

import org.jspecify.annotations.NullMarked;
