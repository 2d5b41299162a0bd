@NullMarked
package dev.tandem.leak;

import org.jspecify.annotations.NullMarked;
