/** {@code tandem vault}: the administrator's checks of a server's evidence vault. */
@NullMarked
package dev.tandem.cli.vault;

import org.jspecify.annotations.NullMarked;
