/** Small stream helpers shared by the archive writers (the export bag and the backup). */
@NullMarked
package dev.tandem.io;

import org.jspecify.annotations.NullMarked;
