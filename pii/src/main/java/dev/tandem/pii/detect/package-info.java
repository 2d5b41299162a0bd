@NullMarked
package dev.tandem.pii.detect;

import org.jspecify.annotations.NullMarked;
