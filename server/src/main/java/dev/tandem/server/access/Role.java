package dev.tandem.server.access;

import java.util.Locale;
import java.util.Optional;

/** A member's role in one incident (ARCHITECTURE.md, "Security model"). */
public enum Role {
    /** Runs the response; the creator of an incident holds it. Manages members. */
    INCIDENT_COMMANDER,
    /** Investigates: adds evidence, runs analyses; reads FORENSIC items only where LEGAL granted. */
    RESPONDER,
    /** Counsel: owns privilege, grants FORENSIC items to responders, decides obligations. */
    LEGAL,
    /** The company's audit lead: authority over evidence preservation; sees AUDIT items only. */
    AUDIT_LIAISON,
    /** The external auditor: reads AUDIT items and obligations' status, never changes anything. */
    AUDITOR;

    public static Optional<Role> parse(String value) {
        try {
            return Optional.of(valueOf(value.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Counsel and the commander open privileged entries and decide obligations. */
    public boolean privileged() {
        return this == INCIDENT_COMMANDER || this == LEGAL;
    }
}
