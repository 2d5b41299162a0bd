package dev.tandem.server.ledger.fact;

import java.time.Duration;
import tools.jackson.databind.node.ObjectNode;

/**
 * Another team's timeline was compared with ours and the result recorded ({@code
 * timeline.compared}, docs/timeline-comparison.md): whose timeline, how many rows, the three counts,
 * the SHA-256 of the CSV as received, the checkpoint read and the tolerance. The counts rest on
 * the timeline the comparer saw: privileged when any privileged entry (opened for the commander or
 * LEGAL) took part, since the counts then tell something of what it holds.
 */
public record TimelineCompared(
        String incident,
        String source,
        int rows,
        int missingHere,
        int missingThere,
        int timeDiffers,
        String sha256,
        long treeSize,
        Duration tolerance,
        boolean restsOnPrivileged)
        implements Fact {
    @Override
    public String type() {
        return "timeline.compared";
    }

    @Override
    public ObjectNode body() {
        return Fact.object()
                .put("source", source)
                .put("rows", rows)
                .put("missingHere", missingHere)
                .put("missingThere", missingThere)
                .put("timeDiffers", timeDiffers)
                .put("sha256", sha256)
                .put("treeSize", treeSize)
                .put("tolerance", tolerance.toString());
    }

    @Override
    public boolean privileged() {
        return restsOnPrivileged;
    }
}
