/**
 * The contradiction check (docs/timeline-comparison.md, ADR 068): another team's timeline, read from
 * a spreadsheet's CSV export ({@link TheirTimeline}), compared with ours ({@link TimelineComparator})
 * by time proximity and text similarity, one event to at most one. Plain Java: the server hands it
 * the events the caller may see, described in words, and renders the {@link Comparison}.
 */
@NullMarked
package dev.tandem.timeline;

import org.jspecify.annotations.NullMarked;
