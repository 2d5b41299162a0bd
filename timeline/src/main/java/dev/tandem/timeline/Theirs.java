package dev.tandem.timeline;

import java.time.Instant;

/**
 * One event of the other team's timeline: a row of their CSV.
 *
 * @param line the line of the CSV the row starts on (the header is line 1)
 */
public record Theirs(long line, Instant at, String source, String description) {}
