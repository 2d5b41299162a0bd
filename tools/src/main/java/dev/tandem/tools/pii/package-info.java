@NullMarked
package dev.tandem.tools.pii;

import org.jspecify.annotations.NullMarked;
