package dev.tandem.server.regulation;

import dev.tandem.regulation.Answer;
import dev.tandem.server.access.Access;
import dev.tandem.server.access.AccessPolicy;
import dev.tandem.server.access.Action;
import dev.tandem.server.access.Decision;
import dev.tandem.server.access.Resource;

/**
 * The decisions that take a notice duty away or give it more time, which only counsel records
 * ({@link Action#NOTICE_DUTY_RELIEF}, docs/access.md): asked by the API and the pages alike once the
 * body says what is decided.
 */
final class CounselDecisions {
    private CounselDecisions() {}

    /** A judgement that sets a notice aside (an answer other than the one a rule owes it on): 403 unless LEGAL. */
    static void judgement(Access access, Obligations obligations, String incident, String question, Answer answer) {
        if (obligations.setsAside(question, answer)) {
            access.require(Action.NOTICE_DUTY_RELIEF, Resource.incident(incident), "incident", incident);
        }
    }

    /** NOT_REQUIRED sets the obligation's notice aside: 403 unless LEGAL. */
    static void status(Access access, String incident, Lifecycle.Status target) {
        if (target == Lifecycle.Status.NOT_REQUIRED) {
            access.require(Action.NOTICE_DUTY_RELIEF, Resource.incident(incident), "incident", incident);
        }
    }

    /**
     * A scope that declares the data encrypted (unintelligible to whoever got them) where the scope in
     * force does not: that sets notices aside (GDPR Art. 34(3)(a), the states' encryption
     * exemptions), so 403 unless LEGAL. Keeping or taking back the declaration stays the commander's too.
     */
    static void scope(Access access, Obligations obligations, String incident, Scope next) {
        boolean already =
                obligations.scopeOf(incident).map(s -> s.scope().encrypted()).orElse(false);
        if (next.encrypted() && !already) {
            access.require(Action.NOTICE_DUTY_RELIEF, Resource.incident(incident), "incident", incident);
        }
    }

    /**
     * Facts that give notices more time or take some away: a determination later than the one in
     * force (or, with none, than awareness, which the clocks ran from), which moves every clock that
     * runs from it later; unauthorized access taken back, which ends the reports owed whatever the
     * breach's size (APPI, PIPA). 403 unless LEGAL; an earlier determination, or unauthorized access
     * found, stays the commander's too.
     */
    static void facts(Access access, Obligations obligations, String incident, IncidentFacts next) {
        IncidentFacts now = obligations.incidentFacts(incident);
        java.time.Instant from = now.determinedAt() != null
                ? now.determinedAt()
                : obligations.incident(incident).awareAt();
        boolean later = next.determinedAt() != null
                && (from == null || next.determinedAt().isAfter(from));
        boolean takenBack = now.unauthorizedAccess() && !next.unauthorizedAccess();
        if (later || takenBack) {
            access.require(Action.NOTICE_DUTY_RELIEF, Resource.incident(incident), "incident", incident);
        }
    }

    /** May the caller move the awareness later (and every deadline that runs from it)? */
    static boolean mayMoveAwarenessLater(Access access, String incident) {
        return AccessPolicy.decide(access.caller(), Action.NOTICE_DUTY_RELIEF, Resource.incident(incident))
                instanceof Decision.Permit;
    }
}
