/**
 * Reading collected evidence safely: CSV tables found by header name, XML with DTDs refused, zips
 * opened without zip slip or zip bombs, and the problems each bad input gives (file, line, reason),
 * reported as values so that the rest of an analysis goes on.
 */
@NullMarked
package dev.tandem.intake;

import org.jspecify.annotations.NullMarked;
