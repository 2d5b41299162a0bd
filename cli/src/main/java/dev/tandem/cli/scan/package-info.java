@NullMarked
package dev.tandem.cli.scan;

import org.jspecify.annotations.NullMarked;
