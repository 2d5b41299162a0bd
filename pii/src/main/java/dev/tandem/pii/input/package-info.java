@NullMarked
package dev.tandem.pii.input;

import org.jspecify.annotations.NullMarked;
