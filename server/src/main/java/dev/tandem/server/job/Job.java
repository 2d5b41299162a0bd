package dev.tandem.server.job;

import java.time.Instant;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** A job as stored: its input, its progress in units its handler chooses (bytes, rows), its outcome. */
public record Job(
        String id,
        String kind,
        String incidentId,
        JsonNode input,
        Status status,
        long doneUnits,
        long totalUnits,
        String requestedBy,
        Instant requestedAt,
        @Nullable Instant startedAt,
        @Nullable Instant finishedAt,
        @Nullable JsonNode result,
        @Nullable String error,
        long ledgerIndex,
        int attempts,
        boolean cancelRequested) {

    public enum Status {
        QUEUED,
        RUNNING,
        SUCCEEDED,
        FAILED,
        CANCELLED;

        public boolean finished() {
            return this == SUCCEEDED || this == FAILED || this == CANCELLED;
        }
    }
}
