/** The one executable: the command line plus {@code serve} and {@code demo}. */
@NullMarked
package dev.tandem.app;

import org.jspecify.annotations.NullMarked;
