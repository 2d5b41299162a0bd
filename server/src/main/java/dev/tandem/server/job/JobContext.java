package dev.tandem.server.job;

/** What a running job may tell the runner. */
public interface JobContext {

    /** Reports progress; cheap to call often (stored at most once a second). */
    void progress(long doneUnits, long totalUnits);
}
