package dev.tandem.server.job;

import tools.jackson.databind.JsonNode;

/** What a running job may tell the runner. */
public interface JobContext {

    /** Reports progress; cheap to call often (stored at most once a second). */
    void progress(long doneUnits, long totalUnits);

    /**
     * Reports progress with what the job found so far, kept as the job's {@code result} while it runs
     * (replaced by the final result when it succeeds); stored at most once a second.
     */
    default void progress(long doneUnits, long totalUnits, JsonNode sofar) {
        progress(doneUnits, totalUnits);
    }
}
