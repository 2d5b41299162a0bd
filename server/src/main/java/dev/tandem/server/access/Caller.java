package dev.tandem.server.access;

import dev.tandem.evidence.Repository;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The caller as the policy sees them for one request: who they are, whether they are an
 * administrator, and, when the request is under an incident, their role there and the FORENSIC
 * items LEGAL granted them.
 *
 * @param role null when the caller is not a member of the incident (or there is none)
 * @param grants the FORENSIC items granted to the caller in this incident
 * @param externalAuditor outside an incident: the caller is a member of incidents as AUDITOR only
 *     (an external auditor), which installation-wide actions ask (docs/access.md)
 */
public record Caller(
        String username, boolean admin, @Nullable Role role, Grants grants, boolean externalAuditor) {

    public Caller(String username, boolean admin, @Nullable Role role, Grants grants) {
        this(username, admin, role, grants, false);
    }

    public static Caller outside(String username, boolean admin) {
        return new Caller(username, admin, null, Grants.NONE);
    }

    /** Outside an incident, with the roles the caller holds in incidents (any number, any order). */
    public static Caller outside(String username, boolean admin, java.util.Collection<Role> rolesHeld) {
        boolean auditorOnly = !rolesHeld.isEmpty() && rolesHeld.stream().allMatch(r -> r == Role.AUDITOR);
        return new Caller(username, admin, null, Grants.NONE, auditorOnly);
    }

    public boolean member() {
        return role != null;
    }

    public boolean has(Role... roles) {
        for (Role r : roles) {
            if (r == role) {
                return true;
            }
        }
        return false;
    }

    /** Counsel or the commander: opens privileged entries, sees reasons and justifications. */
    public boolean privileged() {
        return role != null && role.privileged();
    }

    /** May this member read the item's content and full metadata? */
    public boolean mayRead(String evidenceId, Repository repository) {
        if (role == null) {
            return false;
        }
        if (repository == Repository.AUDIT) {
            return true;
        }
        return role.privileged() || (role == Role.RESPONDER && grants.covers(evidenceId));
    }

    /** FORENSIC items a responder may read: every one of the incident's, or those named. */
    public record Grants(boolean all, Set<String> evidence) {
        public static final Grants NONE = new Grants(false, Set.of());

        public Grants {
            evidence = Set.copyOf(evidence);
        }

        public boolean covers(String evidenceId) {
            return all || evidence.contains(evidenceId);
        }
    }
}
