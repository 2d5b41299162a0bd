package dev.tandem.timeline;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Where the two timelines disagree, and what agreed.
 *
 * @param missingHere their events with no counterpart in ours, in the order of their CSV
 * @param missingThere our events with no counterpart in theirs, oldest first
 * @param timeDiffers matched pairs whose times differ beyond the tolerance, in the order of their CSV
 * @param matched every matched pair (those within the tolerance included), in the order of their CSV
 */
public record Comparison(
        List<MissingHere> missingHere,
        List<MissingThere> missingThere,
        List<Match> timeDiffers,
        List<Match> matched,
        Method method) {
    public Comparison {
        missingHere = List.copyOf(missingHere);
        missingThere = List.copyOf(missingThere);
        timeDiffers = List.copyOf(timeDiffers);
        matched = List.copyOf(matched);
    }

    /**
     * An event of theirs we lack.
     *
     * @param closest the best-scoring event of ours that shares a word with it inside the window,
     *     below the thresholds or matched to another: why it was not matched, for a person to judge
     */
    public record MissingHere(Theirs there, @Nullable Match closest) {}

    /** An event of ours they lack, with the closest of theirs as for {@link MissingHere}. */
    public record MissingThere(Ours here, @Nullable Match closest) {}
}
