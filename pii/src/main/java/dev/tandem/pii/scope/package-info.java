@NullMarked
package dev.tandem.pii.scope;

import org.jspecify.annotations.NullMarked;
