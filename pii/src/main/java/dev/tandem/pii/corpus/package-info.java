@NullMarked
package dev.tandem.pii.corpus;

import org.jspecify.annotations.NullMarked;
