@NullMarked
package dev.tandem.cli.evidence;

import org.jspecify.annotations.NullMarked;
