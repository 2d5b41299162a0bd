/**
 * HTTP Archive (HAR 1.2, W3C Web Performance WG draft "HTTP Archive (HAR) format") captures, read
 * entry by entry with Jackson's streaming parser so that a capture of any size is read in bounded
 * memory.
 */
@NullMarked
package dev.tandem.har;

import org.jspecify.annotations.NullMarked;
