package dev.tandem.server.leak;

import java.time.Instant;

/** The record of a completed analysis: its job, counts, and the index of its {@code analysis.completed} entry. */
public record CompletedAnalysis(
        String jobId,
        String incidentId,
        Instant completedAt,
        int findings,
        int privilegedFindings,
        int problems,
        long events,
        long bytesRead,
        long ledgerIndex) {}
