@NullMarked
package dev.tandem.regulation;

import org.jspecify.annotations.NullMarked;
