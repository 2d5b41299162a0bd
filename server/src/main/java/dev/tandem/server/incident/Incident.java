package dev.tandem.server.incident;

import java.time.Instant;
import java.time.ZoneId;
import org.jspecify.annotations.Nullable;

/** An incident: the home of evidence, findings, changes and obligations. */
public record Incident(
        String id,
        String title,
        Severity severity,
        @Nullable Instant awareAt,
        ZoneId timeZone,
        Instant createdAt,
        String createdBy,
        long ledgerIndex) {}
