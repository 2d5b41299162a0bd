/** {@code tandem export} and {@code tandem verify}: the auditor's copy of an incident, downloaded and checked offline. */
@NullMarked
package dev.tandem.cli.export;

import org.jspecify.annotations.NullMarked;
