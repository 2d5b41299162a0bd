@NullMarked
package dev.tandem.server;

import org.jspecify.annotations.NullMarked;
