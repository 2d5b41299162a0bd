package dev.tandem.server.job;

import tools.jackson.databind.JsonNode;

/**
 * Runs one kind of job. A handler must be safe to run again from the start (a job interrupted by a
 * crash is run again): it records its results in one ledger unit at the end, never piecemeal.
 */
public interface JobHandler {

    /** The kind this handler runs, e.g. {@code PII_SCAN}. */
    String kind();

    /** Runs the job; answers a small JSON summary kept on the job row. */
    JsonNode run(Job job, JobContext context) throws Exception;
}
