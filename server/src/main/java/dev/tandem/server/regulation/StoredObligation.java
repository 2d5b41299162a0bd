package dev.tandem.server.regulation;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * An obligation as kept for an incident: the engine's last computation (contract fields, the
 * engine's requirement and the details as JSON) and what people did with it (owner, status).
 *
 * @param requirement the engine's view: REQUIRED, CONDITIONAL (waits on a judgement) or NOT_REQUIRED
 * @param placement where the last computation put it
 * @param status what people did: PENDING, FILED or NOT_REQUIRED; shown as SUPERSEDED while the
 *     last computation no longer yields it (the row and its history stay)
 * @param sentAt when a FILED obligation's notice was sent (given with the filing, or its recording
 *     time); null unless FILED
 * @param dueWithheld whether {@code due}, as computed, runs from something privileged (counsel's
 *     determination, a privileged judgement's decision time): withheld from the auditor
 */
public record StoredObligation(
        String id,
        String incidentId,
        String ruleId,
        String jurisdiction,
        String recipient,
        String regime,
        @Nullable Instant due,
        String dueText,
        String citation,
        String confidence,
        String requirement,
        String detail,
        Placement placement,
        int position,
        Lifecycle.Status status,
        @Nullable String owner,
        @Nullable String filingEvidence,
        @Nullable String justification,
        @Nullable Instant statusChangedAt,
        @Nullable String statusChangedBy,
        Instant createdAt,
        Instant computedAt,
        @Nullable Instant sentAt,
        boolean dueWithheld) {

    /** Where the last computation put an obligation. */
    public enum Placement {
        /** In the engine's obligations: REQUIRED or CONDITIONAL. */
        OWED,
        /** In the engine's notRequired list: set aside by a judgement or a safe harbour. */
        SET_ASIDE,
        /** No longer yielded: the scope or the judgements changed. */
        SUPERSEDED
    }

    /**
     * Whether it is owed at once, with no fixed deadline: its rule's text begins "immediately" (the
     * card brands, the acquirer). Shown before the fixed deadlines: nothing is due sooner.
     */
    public boolean immediate() {
        return due == null && dueText.strip().toLowerCase(java.util.Locale.ROOT).startsWith("immediately");
    }

    /** Rule id, jurisdiction and recipient: what stays the same obligation across recomputations. */
    public String key() {
        return key(ruleId, jurisdiction, recipient);
    }

    static String key(String ruleId, String jurisdiction, String recipient) {
        return ruleId + "|" + jurisdiction + "|" + recipient;
    }

    /** The status as the API shows it: SUPERSEDED overrides what people did while it is not yielded. */
    public String shownStatus() {
        return placement == Placement.SUPERSEDED ? "SUPERSEDED" : status.name();
    }
}
