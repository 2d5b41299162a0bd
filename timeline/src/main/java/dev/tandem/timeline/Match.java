package dev.tandem.timeline;

import java.time.Duration;

/**
 * A pair of events, ours and theirs, with its scores.
 *
 * @param difference our time minus theirs: positive when we put the event later
 * @param distance what the tolerance is held against: the difference less our event's precision
 * @param text the text similarity, 0 to 1
 * @param time the time proximity, 0 to 1
 * @param score the combined score ({@link Method})
 */
public record Match(
        Ours here, Theirs there, Duration difference, Duration distance, double text, double time, double score) {}
