package dev.tandem.server.incident;

import java.time.Instant;
import java.time.ZoneId;
import org.jspecify.annotations.Nullable;

/**
 * An incident: the home of evidence, findings, changes and obligations, with its lifecycle
 * ({@link IncidentLifecycle}): its phase, when it occurred once known (at a precision), when it was
 * contained and when closed.
 */
public record Incident(
        String id,
        String title,
        Severity severity,
        @Nullable Instant awareAt,
        ZoneId timeZone,
        Instant createdAt,
        String createdBy,
        long ledgerIndex,
        IncidentLifecycle.Phase phase,
        @Nullable Instant occurredAt,
        @Nullable Precision occurredPrecision,
        @Nullable Instant containedAt,
        @Nullable Instant closedAt) {

    public IncidentLifecycle.State state() {
        return new IncidentLifecycle.State(phase, closedAt != null);
    }
}
