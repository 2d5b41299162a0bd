@NullMarked
package dev.tandem.pii;

import org.jspecify.annotations.NullMarked;
