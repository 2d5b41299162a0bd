/**
 * {@code tandem incident}, {@code tandem timeline} and {@code tandem obligations}: an incident, its
 * members, its timeline and its regulatory clock, read and run from a terminal, one API call each
 * (docs/contracts.md §2 and §4, docs/adr/118-incidents-timeline-and-obligations-from-the-command-line.md).
 */
@NullMarked
package dev.tandem.cli.incident;

import org.jspecify.annotations.NullMarked;
