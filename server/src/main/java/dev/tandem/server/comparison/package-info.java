/**
 * The contradiction check over HTTP (docs/contracts.md §2, docs/timeline-comparison.md): the caller's
 * view of the incident's timeline, described in words ({@link OurTimeline}), compared with another
 * team's CSV by {@code dev.tandem.timeline}, and optionally recorded as {@code timeline.compared}.
 */
@NullMarked
package dev.tandem.server.comparison;

import org.jspecify.annotations.NullMarked;
